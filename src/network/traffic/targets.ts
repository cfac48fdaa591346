// Whether a pod belongs to the object a step names: the pod itself, a Service that selects it, or a workload
// that owns it (following controller references: Deployment -> ReplicaSet -> Pod, Job, StatefulSet, ...).

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { fromMap, matches } from '../../api/selectors';

export function podBelongsTo(api: ApiServer, pod: KObject, info: ResourceInfo, name: string, namespace: string): boolean {
  if (pod.metadata.namespace !== namespace) return false;
  if (info.kind === 'Pod') return pod.metadata.name === name;
  if (info.kind === 'Service') {
    const svc = api.tryGet('services', namespace, name);
    return !!svc?.spec?.selector && matches(fromMap(svc.spec.selector), pod.metadata.labels ?? {});
  }
  let current: KObject | undefined = pod;
  for (let depth = 0; current && depth < 4; depth++) {
    const ref: { kind: string; name: string } | undefined = current.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) return false;
    if (ref.kind === info.kind && ref.name === name) return true;
    const owner = resourceOfKind(ref.kind);
    current = owner ? api.tryGet(owner, namespace, ref.name) : undefined;
  }
  return false;
}

const resourceOfKind = (kind: string): string | undefined =>
  ({ ReplicaSet: 'replicasets', Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets', Job: 'jobs', CronJob: 'cronjobs' } as Record<string, string>)[kind];

/** The first pod (by name) of the object that has an address: a client to connect from. */
export function aPodOf(api: ApiServer, info: ResourceInfo, name: string, namespace: string): KObject | undefined {
  return api.list('pods', { namespace }).find((p) => p.status?.podIP && !p.metadata.deletionTimestamp && podBelongsTo(api, p, info, name, namespace));
}
