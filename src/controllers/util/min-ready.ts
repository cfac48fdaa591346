// A pod that became ready becomes available only after its owner's minReadySeconds: the ReplicaSet, StatefulSet
// and DaemonSet controllers look at the owner again then (replica_set.go updatePod's enqueueRSAfter).
import type { Controller, WatchEvent } from '../../client/controller';
import { type KObject, objKey } from '../../api/meta';
import { isPodReady } from '../../api/pod';

/** Requeues the owner after minReadySeconds when the change made its pod ready. */
export function requeueAfterMinReady(c: Controller, owner: KObject, ev: WatchEvent): void {
  const minReady = owner.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && ev.old && !isPodReady(ev.old) && isPodReady(ev.object))
    c.enqueueAfter(objKey(owner), minReady * 1000);
}
