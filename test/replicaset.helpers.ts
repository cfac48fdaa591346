// Helpers for the workload controller tests: create objects through the API, and stand in for the scheduler
// and kubelet by marking pods Running and Ready.
import { load } from 'js-yaml';
import type { KObject } from '../src/api/meta';
import type { Cluster } from '../src/cluster';

/** Creates the objects through the API (kubectl apply belongs to another area), then converges. */
export function create(c: Cluster, yaml: string): void {
  for (const doc of yaml.split(/^---$/m)) if (doc.trim()) c.api.create(load(doc) as KObject);
  c.converge();
}

/** Every pod Running and Ready on node-1 unless already; repeats until the controllers stop creating pods. */
export function markReady(c: Cluster): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of c.list('pods')) {
      if (p.status?.phase === 'Running' || p.metadata.deletionTimestamp) continue;
      c.api.updateStatus({
        ...p,
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: c.clock.iso() }],
        },
      });
      changed = true;
    }
    c.converge();
  }
}
