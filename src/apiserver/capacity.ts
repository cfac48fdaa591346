// The model's own bound, not Kubernetes': how many pods (and claims) one embedded cluster holds. Kubernetes would
// store a Deployment's million pods (slow-start batches of 1, 2, 4 ... up to burstReplicas 500 a sync, bounded only
// by quota) and leave those beyond the nodes' capacity Pending; an in-process model of that runs out of memory. So
// a create past the limit is refused as quota refuses one, with a message that says whose limit it is: the
// controllers report FailedCreate (ReplicaFailure) and retry with back-off, and the scenario stays responsive.
// docs/fidelity.md documents it; createCluster({ maxObjects }) changes it.
import type { ApiServer } from './apiserver';
import type { ResourceInfo } from '../api/kinds';
import { forbidden } from '../api/errors';

/** The default: a scenario of 10,000 pods takes seconds and a few hundred MB; larger ones (the benchmarks) raise it. */
export const DEFAULT_MAX_OBJECTS = 10_000;
/** The resources controllers multiply from one count (replicas, parallelism, volumeClaimTemplates). */
const LIMITED = new Set(['pods', 'persistentvolumeclaims']);

export function checkCapacity(api: ApiServer, r: ResourceInfo, name: string): void {
  if (!LIMITED.has(r.resource) || api.store.count(r.resource) < api.maxObjects) return;
  throw forbidden(
    r,
    name,
    `the embedded cluster holds at most ${api.maxObjects} ${r.resource} (a limit of kspec's model, not of Kubernetes: see docs/fidelity.md; createCluster's maxObjects option raises it)`,
  );
}
