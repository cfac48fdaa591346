// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod that is not running yet, has
// finished or is already being deleted is deleted as asked; any other pod gets the DisruptionTarget condition
// (EvictionByEvictionAPI) and is deleted gracefully. PodDisruptionBudgets are not consulted (docs/fidelity.md).
import type { ApiServer, DeleteOptions } from './apiserver';
import type { KObject } from '../api/meta';
import { clone } from '../api/meta';

export function evictPod(api: ApiServer, namespace: string, name: string, opts: DeleteOptions = {}): KObject {
  const pod = api.get('pods', namespace, name);
  const phase = pod.status?.phase;
  const canIgnorePDB = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!canIgnorePDB) {
    const conditions: any[] = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
      const p = clone(pod);
      p.status = { ...p.status, conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: api.clock.iso(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }] };
      api.updateStatus(p);
    }
  }
  return api.delete('pods', namespace, name, opts);
}
