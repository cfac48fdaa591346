// pkg/controller/deployment/rolling.go: a RollingUpdate step. Scale the new RS up within maxSurge, else scale
// old RSs down within maxUnavailable (unhealthy replicas first), else clean up history; then the status.

import type { KObject } from '../../api/meta';
import { type DeploymentOps, type Scaler, getAllReplicaSetsAndSyncRevision, cleanupDeployment } from './sync';
import { syncRolloutStatus } from './progress';
import { byCreationTimestamp } from '../util/sort';
import * as u from './util';

export function rolloutRolling(ops: DeploymentOps, d: KObject, rsList: KObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  if (reconcileNewReplicaSet(ops, allRSs, newRS!, d)) return syncRolloutStatus(ops, allRSs, newRS, d);
  if (reconcileOldReplicaSets(ops, allRSs, u.filterActiveReplicaSets(oldRSs), newRS!, d))
    return syncRolloutStatus(ops, allRSs, newRS, d);
  if (u.deploymentComplete(d, d.status ?? {})) cleanupDeployment(ops, oldRSs, d);
  syncRolloutStatus(ops, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: down to replicas if above, else up to NewRSNewReplicas. */
export function reconcileNewReplicaSet(ops: Scaler, allRSs: KObject[], newRS: KObject, d: KObject): boolean {
  const replicas = u.replicasOf(d);
  if (u.replicasOf(newRS) === replicas) return false;
  if (u.replicasOf(newRS) > replicas) return ops.scaleReplicaSetAndRecordEvent(newRS, replicas, d).scaled;
  return ops.scaleReplicaSetAndRecordEvent(newRS, u.newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/** reconcileOldReplicaSets: how far old RSs may shrink while keeping minAvailable. */
export function reconcileOldReplicaSets(
  ops: Scaler,
  allRSs: KObject[],
  oldRSs: KObject[],
  newRS: KObject,
  d: KObject,
): boolean {
  if (u.getReplicaCountForReplicaSets(oldRSs) === 0) return false;
  const allPodsCount = u.getReplicaCountForReplicaSets(allRSs);
  const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
  const newRSUnavailablePodCount = u.replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(ops, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ops, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  return cleaned.cleanupCount + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: oldest first, removes replicas that are not available, up to maxCleanupCount. */
export function cleanupUnhealthyReplicas(
  ops: Scaler,
  oldRSs: KObject[],
  d: KObject,
  maxCleanupCount: number,
): { oldRSs: KObject[]; cleanupCount: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i];
    const spec = u.replicasOf(rs),
      available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) continue;
    const count = Math.min(maxCleanupCount - total, spec - available);
    const newReplicas = spec - count;
    // an error the sync returns (the status still counts pods of a larger size): the work queue retries it with
    // back-off, as the controller's handleErr does
    if (newReplicas > spec)
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${spec} -> ${newReplicas}`,
      );
    sorted[i] = ops.scaleReplicaSetAndRecordEvent(rs, newReplicas, d).rs;
    total += count;
  }
  return { oldRSs: sorted, cleanupCount: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: removes available old replicas above minAvailable, oldest RS first. */
export function scaleDownOldReplicaSetsForRollingUpdate(
  ops: Scaler,
  allRSs: KObject[],
  oldRSs: KObject[],
  d: KObject,
): number {
  const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
  const availablePodCount = u.getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  const totalScaleDownCount = availablePodCount - minAvailable;
  let total = 0;
  for (const rs of sorted) {
    if (total >= totalScaleDownCount) break;
    if (u.replicasOf(rs) === 0) continue;
    const count = Math.min(u.replicasOf(rs), totalScaleDownCount - total);
    ops.scaleReplicaSetAndRecordEvent(rs, u.replicasOf(rs) - count, d);
    total += count;
  }
  return total;
}
