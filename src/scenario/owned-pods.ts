// "The pod the controller would delete first" for every workload kind, for the step that deletes one pod of
// an object: a Deployment's, ReplicaSet's or ReplicationController's in the ReplicaSet controller's scale-down order, a StatefulSet's
// highest ordinal (its scale-down order), and for DaemonSets, Jobs and CronJobs (through their Jobs) the
// ActivePods order those controllers use when they delete pods.

import { type KObject, controllerOf } from '../api/meta';
import { isPodActive } from '../api/pod';
import { podsToDeleteFirst, sortForDeletion, type ObjectReader } from '../controllers/replicaset/pods-to-delete';
import { getOrdinal } from '../controllers/statefulset/utils';

/** The active pods whose controllerRef is the owner. */
export function activeControlledPods(api: ObjectReader, owner: KObject): KObject[] {
  return api
    .select('pods', { namespace: owner.metadata.namespace, ownerUid: owner.metadata.uid })
    .filter((p) => isPodActive(p) && controllerOf(p)?.uid === owner.metadata.uid);
}

/** Throws NotFound for a missing object; an unsupported kind is an Error saying so. */
export function podsToDeleteFirstOf(
  api: ObjectReader,
  resource: string,
  name: string,
  namespace: string,
  n = 1,
): KObject[] {
  const owner = api.get(resource, namespace, name);
  const now = api.clock.now();
  switch (resource) {
    case 'deployments':
      return podsToDeleteFirst(api, 'deployment', name, namespace, n);
    case 'replicasets':
      return podsToDeleteFirst(api, 'replicaset', name, namespace, n);
    case 'statefulsets':
      return activeControlledPods(api, owner)
        .sort((a, b) => getOrdinal(b) - getOrdinal(a))
        .slice(0, n);
    // a ReplicationController has no owner, so no related pods: as a ReplicaSet of its own
    case 'replicationcontrollers':
    case 'daemonsets':
    case 'jobs':
      return sortForDeletion(activeControlledPods(api, owner), [], now).slice(0, n);
    case 'cronjobs': {
      const jobs = api
        .select('jobs', { namespace, ownerUid: owner.metadata.uid })
        .filter((j) => controllerOf(j)?.uid === owner.metadata.uid);
      return sortForDeletion(
        jobs.flatMap((j) => activeControlledPods(api, j)),
        [],
        now,
      ).slice(0, n);
    }
  }
  throw new Error(
    `a ${api.info(resource).singular} has no pods of its own: name a Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job or CronJob`,
  );
}
