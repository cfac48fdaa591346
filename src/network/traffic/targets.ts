// The pods a traffic step names: the pod itself, the pods a Service selects, or a workload's pods, as the
// assertions find them (src/assert/pods-of.ts).

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { podsOf } from '../../assert/pods-of';

/** Whether the pod is one of the object's pods; src/assert/pods-of.ts says which pods an object stands for. */
export function podBelongsTo(api: ApiServer, pod: KObject, info: ResourceInfo, name: string, namespace: string): boolean {
  return pod.metadata.namespace === namespace && podsOf(api, info, name, namespace).some((p) => p.metadata.uid === pod.metadata.uid);
}

/** The first pod (by name) of the object that has an address: a client to connect from. */
export function aPodOf(api: ApiServer, info: ResourceInfo, name: string, namespace: string): KObject | undefined {
  return podsOf(api, info, name, namespace).find((p) => p.status?.podIP && !p.metadata.deletionTimestamp);
}
