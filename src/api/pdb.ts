// What the disruption controller, the eviction subresource and the scheduler's preemption share about
// PodDisruptionBudgets: which budgets select a pod (policy/v1: an empty selector selects every pod of the
// namespace, a missing one none), and the DisruptionAllowed condition
// (staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go).

import type { KObject } from './meta';
import { fromLabelSelector, matches } from './selectors';
import { setStatusCondition } from './conditions';

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';
/** DeletionTimeout: how long an eviction's disruptedPods entry keeps the pod out of currentHealthy. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** The budgets of the pod's namespace whose selector matches its labels, by name. */
export function pdbsForPod(
  api: { list(resource: string, opts: { namespace?: string }): KObject[] },
  pod: KObject,
): KObject[] {
  return api
    .list('poddisruptionbudgets', { namespace: pod.metadata.namespace })
    .filter((pdb) => matches(fromLabelSelector(pdb.spec?.selector), pod.metadata.labels));
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed, else False/InsufficientPods. */
export function updateDisruptionAllowedCondition(status: any, nowIso: string): void {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  status.conditions = setStatusCondition(
    status.conditions ?? [],
    {
      type: DISRUPTION_ALLOWED,
      status: allowed ? 'True' : 'False',
      reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS,
      message: '',
      observedGeneration: status.observedGeneration,
    },
    nowIso,
  );
}

/** ConditionsAreUpToDate */
export function conditionsAreUpToDate(pdb: KObject): boolean {
  const cond = (pdb.status?.conditions ?? []).find((c: any) => c.type === DISRUPTION_ALLOWED);
  if (!cond || (pdb.status?.observedGeneration ?? 0) !== pdb.metadata.generation) return false;
  return (pdb.status?.disruptionsAllowed ?? 0) > 0
    ? cond.status === 'True' && cond.reason === SUFFICIENT_PODS
    : cond.status === 'False' && cond.reason === INSUFFICIENT_PODS;
}
