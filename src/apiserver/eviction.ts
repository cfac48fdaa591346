// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod that is not running yet, has
// finished or is already being deleted is deleted as asked. Any other pod is checked against the
// PodDisruptionBudgets that select it: more than one is a 500; one whose status is behind its generation, or
// allows no disruption, refuses with 429 TooManyRequests; otherwise the budget's disruptionsAllowed goes down by
// one and the pod is listed in its disruptedPods (an unready pod is let go without spending the budget while
// the budget is healthy, or always with unhealthyPodEvictionPolicy AlwaysAllow). The pod then gets the
// DisruptionTarget condition (EvictionByEvictionAPI) and is deleted gracefully.
import type { ApiServer, DeleteOptions } from './apiserver';
import type { KObject } from '../api/meta';
import { clone } from '../api/meta';
import { StatusError, forbidden, tooManyRequests } from '../api/errors';
import { isPodReady } from '../api/pod';
import { pdbsForPod, updateDisruptionAllowedCondition } from '../api/pdb';

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MULTIPLE_PDBS =
  'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
/** MaxDisruptedPodSize */
const MAX_DISRUPTED_PODS = 2000;

const still = (name: string) =>
  tooManyRequests(EVICTION_REFUSED, 10, {
    type: 'DisruptionBudget',
    message: `The disruption budget ${name} is still being processed by the server.`,
  });

/** canIgnorePDB */
function canIgnorePDB(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** checkAndDecrement: throws the refusal, or spends one disruption and records the pod in disruptedPods. */
function checkAndDecrement(api: ApiServer, pod: KObject, pdb: KObject): void {
  const s = pdb.status ?? {};
  if ((s.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw still(pdb.metadata.name!);
  const r = api.info('poddisruptionbudgets');
  if ((s.disruptionsAllowed ?? 0) < 0) throw forbidden(r, pdb.metadata.name!, 'pdb disruptions allowed is negative');
  if (Object.keys(s.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS)
    throw forbidden(
      r,
      pdb.metadata.name!,
      'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
    );
  if ((s.disruptionsAllowed ?? 0) === 0) {
    throw tooManyRequests(EVICTION_REFUSED, 0, {
      type: 'DisruptionBudget',
      message: `The disruption budget ${pdb.metadata.name} needs ${s.desiredHealthy ?? 0} healthy pods and has ${s.currentHealthy ?? 0} currently`,
    });
  }
  const next = clone(pdb);
  next.status = { ...next.status, disruptionsAllowed: s.disruptionsAllowed - 1 };
  if (next.status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next.status, api.clock.iso());
  next.status.disruptedPods = { ...(s.disruptedPods ?? {}), [pod.metadata.name!]: api.clock.iso() };
  api.updateStatus(next);
}

/** The budget check; a 500 Status for a pod with several budgets. */
function guardPDB(api: ApiServer, pod: KObject): void {
  const pdbs = pdbsForPod(api, pod);
  if (pdbs.length > 1) throw new StatusError(500, '', MULTIPLE_PDBS);
  if (!pdbs.length) return;
  const pdb = pdbs[0];
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return;
    const s = pdb.status ?? {};
    if ((s.currentHealthy ?? 0) >= (s.desiredHealthy ?? 0) && (s.desiredHealthy ?? 0) > 0) return;
  }
  checkAndDecrement(api, pod, pdb);
}

export function evictPod(api: ApiServer, namespace: string, name: string, opts: DeleteOptions = {}): KObject {
  const pod = api.get('pods', namespace, name);
  if (!canIgnorePDB(pod)) {
    guardPDB(api, pod);
    const conditions: any[] = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
      const p = clone(api.get('pods', namespace, name));
      p.status = {
        ...p.status,
        conditions: [
          ...conditions.filter((c) => c.type !== 'DisruptionTarget'),
          {
            type: 'DisruptionTarget',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: api.clock.iso(),
            reason: 'EvictionByEvictionAPI',
            message: 'Eviction API: evicting',
          },
        ],
      };
      api.updateStatus(p);
    }
  }
  return api.delete('pods', namespace, name, opts);
}
