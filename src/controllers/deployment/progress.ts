// pkg/controller/deployment/progress.go: the Progressing condition (created, updated, complete, timed out)
// and the requeue that checks the progress deadline on the virtual clock.

import type { DeploymentStatus, ReplicaSetCondition, ReplicaSetStatus } from '../../api/types';
import { type KObject, clone, deepEqual, objKey } from '../../api/meta';
import { parseTime } from '../../runtime/clock';
import { type DeploymentOps, calculateStatus, iso } from './sync';
import * as u from './util';

/** syncRolloutStatus: the status plus the Progressing and ReplicaFailure conditions. */
export function syncRolloutStatus(
  ops: DeploymentOps,
  allRSs: (KObject | undefined)[],
  newRS: KObject | undefined,
  d: KObject,
): void {
  const now = iso(ops);
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!u.hasProgressDeadline(d)) u.removeDeploymentCondition(status, 'Progressing');

  const current = u.getDeploymentCondition(d.status, 'Progressing');
  const isCompleteDeployment =
    (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === u.NEW_RS_AVAILABLE_REASON;
  if (u.hasProgressDeadline(d) && !isCompleteDeployment) {
    if (u.deploymentComplete(d, status)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
        : `Deployment "${d.metadata.name}" has successfully progressed.`;
      u.setDeploymentCondition(
        status,
        u.newDeploymentCondition('Progressing', 'True', u.NEW_RS_AVAILABLE_REASON, msg, now),
      );
    } else if (u.deploymentProgressing(d, status)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" is progressing.`
        : `Deployment "${d.metadata.name}" is progressing.`;
      let condition = u.newDeploymentCondition('Progressing', 'True', u.RS_UPDATED_REASON, msg, now);
      // progress refreshes lastUpdateTime even when the reason is the same, so the condition is replaced
      if (current) {
        if (current.status === 'True') condition = { ...condition, lastTransitionTime: current.lastTransitionTime };
        u.removeDeploymentCondition(status, 'Progressing');
      }
      u.setDeploymentCondition(status, condition);
    } else if (u.deploymentTimedOut(d, status, ops.now())) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`;
      u.setDeploymentCondition(status, u.newDeploymentCondition('Progressing', 'False', u.TIMED_OUT_REASON, msg, now));
    }
  }

  const failure = getReplicaFailures(allRSs, newRS);
  if (failure) {
    u.setDeploymentCondition(status, {
      type: 'ReplicaFailure',
      status: failure.status,
      reason: failure.reason,
      message: failure.message,
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
    });
  } else u.removeDeploymentCondition(status, 'ReplicaFailure');

  if (deepEqual(d.status ?? {}, status)) {
    requeueStuckDeployment(ops, d, status);
    return;
  }
  d.status = status;
  ops.updateDeploymentStatus(d);
}

/** getReplicaFailures: the ReplicaFailure condition of the new RS first, then of the old ones. */
function getReplicaFailures(
  allRSs: (KObject | undefined)[],
  newRS: KObject | undefined,
): ReplicaSetCondition | undefined {
  const find = (rs: KObject | undefined): ReplicaSetCondition | undefined =>
    (rs?.status as ReplicaSetStatus | undefined)?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const fromNew = find(newRS);
  if (fromNew) return clone(fromNew);
  for (const rs of allRSs) {
    if (!rs || (newRS && rs.metadata.uid === newRS.metadata.uid)) continue;
    const c = find(rs);
    if (c) return clone(c);
  }
  return undefined;
}

/**
 * requeueStuckDeployment: a rollout that shows no progress is checked again when its deadline passes,
 * lastUpdateTime + progressDeadlineSeconds, plus a second as Kubernetes adds.
 */
export function requeueStuckDeployment(ops: DeploymentOps, d: KObject, status: DeploymentStatus): number {
  const current = u.getDeploymentCondition(d.status, 'Progressing');
  if (!u.hasProgressDeadline(d) || !current) return -1;
  if (u.deploymentComplete(d, status) || current.reason === u.TIMED_OUT_REASON) return -1;
  const after = parseTime(current.lastUpdateTime) + u.progressDeadlineSeconds(d) * 1000 - ops.now();
  // under a second: Kubernetes requeues rate-limited; a second on the virtual clock keeps the order
  if (after < 1000) {
    ops.enqueueAfter(objKey(d), 1000);
    return 0;
  }
  ops.enqueueAfter(objKey(d), after + 1000);
  return after;
}
