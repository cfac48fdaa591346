// pkg/controller/replicaset/replica_set_utils.go: the status a ReplicaSet reports and its ReplicaFailure condition.

import { type KObject, clone } from '../../api/meta';
import { fromMap, matches } from '../../api/selectors';
import { isPodAvailable, isPodReady } from '../../api/pod';
import type { ReplicaSetStatus } from '../../api/types';

/**
 * calculateStatus. replicas is serialised always; the other counts are omitempty in apps/v1, so zeros are
 * left out as the API serves them.
 */
export function calculateStatus(
  rs: KObject,
  filteredPods: readonly KObject[],
  manageReplicasErr: unknown,
  now: number,
  nowIso: string,
): ReplicaSetStatus {
  const status: ReplicaSetStatus = clone(rs.status ?? { replicas: 0 });
  const templateLabels = fromMap(rs.spec?.template?.metadata?.labels);
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0,
    ready = 0,
    available = 0;
  for (const pod of filteredPods) {
    if (matches(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  const failure = status.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasErr && !failure) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const message = manageReplicasErr instanceof Error ? manageReplicasErr.message : String(manageReplicasErr);
    status.conditions = [
      ...(status.conditions ?? []),
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowIso, reason, message },
    ];
  } else if (!manageReplicasErr && failure) {
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    if (!status.conditions.length) delete status.conditions;
  }
  status.replicas = filteredPods.length;
  const set = (k: 'fullyLabeledReplicas' | 'readyReplicas' | 'availableReplicas', v: number) => {
    if (v) status[k] = v;
    else delete status[k];
  };
  set('fullyLabeledReplicas', fullyLabeled);
  set('readyReplicas', ready);
  set('availableReplicas', available);
  return status;
}

/** updateReplicaSetStatus: nothing to write when the counts, the generation and the conditions are current. */
export function statusNeedsUpdate(rs: KObject, s: ReplicaSetStatus): boolean {
  const c = rs.status ?? {};
  return (
    (c.replicas ?? 0) !== s.replicas ||
    (c.fullyLabeledReplicas ?? 0) !== (s.fullyLabeledReplicas ?? 0) ||
    (c.readyReplicas ?? 0) !== (s.readyReplicas ?? 0) ||
    (c.availableReplicas ?? 0) !== (s.availableReplicas ?? 0) ||
    (rs.metadata.generation ?? 0) !== (c.observedGeneration ?? 0) ||
    JSON.stringify(c.conditions ?? null) !== JSON.stringify(s.conditions ?? null)
  );
}
