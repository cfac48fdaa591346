// pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet, with MaxUnavailableStatefulSet off as
// in v1.30): fills the ordinals, one change per sync under OrderedReady, condemns ordinals past the end from the
// highest down, and rolls pods to the update revision from the highest ordinal down to the partition.

import type { KObject } from '../../api/meta';
import type { StatefulPodControl } from './pod-control';
import type { Recorder } from '../util/pod-control';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../util/slow-start';
import {
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  isCreated,
  isFailed,
  isHealthy,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newVersionedStatefulSetPod,
  podInOrdinalRange,
} from './utils';

export interface ReplicaStatus {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

/** computeReplicaStatus over every pod the set owns. */
export function computeReplicaStatus(
  pods: readonly KObject[],
  minReadySeconds: number,
  now: number,
  currentRevision: string,
  updateRevision: string,
): ReplicaStatus {
  const s: ReplicaStatus = {
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
  };
  for (const pod of pods) {
    if (isCreated(pod)) s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) s.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const rev = getPodRevision(pod);
      if (rev === currentRevision) s.currentReplicas++;
      if (rev === updateRevision) s.updatedReplicas++;
    }
  }
  return s;
}

export interface UpdateInput {
  set: KObject;
  pods: KObject[];
  current: KObject;
  update: KObject;
  now: number;
}

/** One pass of the control loop; it stops early where it must wait for a pod (a pod event brings it back). */
export function updateStatefulSet(control: StatefulPodControl, record: Recorder, input: UpdateInput): void {
  const { set, current, update, now } = input;
  const replicaCount = set.spec?.replicas ?? 1;
  const start = getStartOrdinal(set);
  const minReady = set.spec?.minReadySeconds ?? 0;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const replicas: (KObject | undefined)[] = new Array(replicaCount).fill(undefined);
  const condemned: KObject[] = [];
  for (const pod of input.pods) {
    if (getOrdinal(pod) < 0) continue;
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((p) => p && !isHealthy(p));

  // ordinals to fill, in ascending order
  if (set.metadata.deletionTimestamp) return;
  const missing: number[] = [];
  for (let i = 0; i < replicaCount; i++) {
    const pod = replicas[i];
    if (pod && (isFailed(pod) || isSucceeded(pod))) {
      // a finished pod is deleted and made again (RecreatingFailedPod for a failed one)
      if (isFailed(pod))
        record(
          set,
          'Warning',
          'RecreatingFailedPod',
          `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`,
        );
      control.deleteStatefulPod(set, pod);
      if (monotonic) return;
      continue;
    }
    if (!pod) {
      if (monotonic) {
        control.createStatefulPod(set, newVersionedStatefulSetPod(set, current, update, start + i));
        return;
      }
      missing.push(i);
      continue;
    }
    if (!monotonic) continue;
    // OrderedReady: wait for this pod to be Running, Ready and available before the next
    if (isTerminating(pod) || !isRunningAndReady(pod) || isUnavailable(pod, minReady, now)) return;
  }
  if (missing.length) {
    const { error } = slowStartBatch(missing.length, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const i = missing.shift()!;
      control.createStatefulPod(set, newVersionedStatefulSetPod(set, current, update, start + i));
    });
    if (error) throw error;
  }
  // claims of existing pods whose claim went missing, and the retention policy's owners
  for (const pod of replicas)
    if (pod && !isTerminating(pod)) {
      control.createPersistentVolumeClaims(set, pod);
      control.updateClaimOwners(set, pod, false);
    }

  // scale down: the highest ordinal first
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return;
      continue;
    }
    if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return;
    control.updateClaimOwners(set, pod, true);
    control.deleteStatefulPod(set, pod);
    if (monotonic) return;
  }

  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return; // OnDelete
  if (monotonic && replicas.some((p) => !p || !isHealthy(p))) return;
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicaCount - 1; target >= Math.min(partition, replicaCount); target--) {
    const pod = replicas[target];
    if (!pod) return;
    if (getPodRevision(pod) !== update.metadata.name && !isTerminating(pod)) {
      control.deleteStatefulPod(set, pod);
      return;
    }
    if (!isHealthy(pod)) return;
  }
}
