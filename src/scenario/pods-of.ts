// The pods an object stands for in a scenario: a pod itself, the pods a Service selects, the pods a workload
// controls (through its ReplicaSets for a Deployment, its Jobs for a CronJob), found by owner and label indexes;
// whether a pod is one of them, and one of them to connect from.

import type { ApiServer } from '../apiserver/apiserver';
import { type KObject, controllerOf } from '../api/meta';
import { fromMap } from '../api/selectors';
import type { ResourceInfo } from '../api/kinds';

function controlled(api: ApiServer, resource: string, owner: KObject): KObject[] {
  return api
    .select(resource, { namespace: owner.metadata.namespace, ownerUid: owner.metadata.uid })
    .filter((o) => controllerOf(o)?.uid === owner.metadata.uid);
}

/** Every pod of the object, in name order; throws the apiserver's NotFound when the object is missing. */
export function podsOf(api: ApiServer, info: ResourceInfo, name: string, namespace = 'default'): KObject[] {
  const obj = api.get(info.resource, namespace, name);
  let pods: KObject[];
  switch (info.kind) {
    case 'Pod':
      pods = [obj];
      break;
    case 'Service':
      pods = obj.spec?.selector ? api.select('pods', { namespace, labelSelector: fromMap(obj.spec.selector) }) : [];
      break;
    case 'Deployment':
      pods = controlled(api, 'replicasets', obj).flatMap((rs) => controlled(api, 'pods', rs));
      break;
    case 'CronJob':
      pods = controlled(api, 'jobs', obj).flatMap((job) => controlled(api, 'pods', job));
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      pods = controlled(api, 'pods', obj);
      break;
    default:
      throw new Error(
        `a ${info.singular} has no pods: name a pod, service, deployment, replicaset, statefulset, daemonset, job or cronjob`,
      );
  }
  return pods.sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
}

/** Whether the pod is one of the object's pods. */
export function podBelongsTo(
  api: ApiServer,
  pod: KObject,
  info: ResourceInfo,
  name: string,
  namespace: string,
): boolean {
  return (
    pod.metadata.namespace === namespace &&
    podsOf(api, info, name, namespace).some((p) => p.metadata.uid === pod.metadata.uid)
  );
}

/** The first pod (by name) of the object that has an address: a client to connect from. */
export function aPodOf(api: ApiServer, info: ResourceInfo, name: string, namespace: string): KObject | undefined {
  return podsOf(api, info, name, namespace).find((p) => p.status?.podIP && !p.metadata.deletionTimestamp);
}
