// pkg/controller/deployment/recreate.go: scale every old RS to 0, wait until no old pod runs, then bring up
// the new RS at full size.

import type { KObject } from '../../api/meta';
import { type DeploymentOps, type Scaler, getAllReplicaSetsAndSyncRevision, cleanupDeployment } from './sync';
import { syncRolloutStatus } from './progress';
import * as u from './util';

export function rolloutRecreate(
  ops: DeploymentOps,
  d: KObject,
  rsList: KObject[],
  podMap: Map<string, KObject[]>,
): void {
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, false);
  const allRSs = () => [...oldRSs, newRS];
  const activeOldRSs = u.filterActiveReplicaSets(oldRSs);
  if (scaleDownOldReplicaSetsForRecreate(ops, activeOldRSs, d)) return syncRolloutStatus(ops, allRSs(), newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(ops, allRSs(), newRS, d);
  if (!newRS) [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, true);
  if (newRS) scaleUpNewReplicaSetForRecreate(ops, newRS, d);
  if (u.deploymentComplete(d, d.status ?? {})) cleanupDeployment(ops, oldRSs, d);
  syncRolloutStatus(ops, allRSs(), newRS, d);
}

function scaleDownOldReplicaSetsForRecreate(ops: Scaler, oldRSs: KObject[], d: KObject): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (u.replicasOf(rs) === 0) continue;
    if (ops.scaleReplicaSetAndRecordEvent(rs, 0, d).scaled) scaled = true;
  }
  return scaled;
}

/** oldPodsRunning: an old RS still reports replicas, or one of its pods is not Failed or Succeeded. */
export function oldPodsRunning(newRS: KObject | undefined, oldRSs: KObject[], podMap: Map<string, KObject[]>): boolean {
  if (u.getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true; // Pending, Running and Unknown all count
    }
  }
  return false;
}

function scaleUpNewReplicaSetForRecreate(ops: Scaler, newRS: KObject, d: KObject): boolean {
  return ops.scaleReplicaSetAndRecordEvent(newRS, u.replicasOf(d), d).scaled;
}
