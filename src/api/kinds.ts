// The resources the model serves, with the names kubectl accepts for them (singular, plural, short).

export interface ResourceInfo {
  kind: string;
  /** plural, lower case: the store key and the URL segment */
  resource: string;
  singular: string;
  short: string[];
  group: string;
  version: string;
  namespaced: boolean;
}

const R = (kind: string, resource: string, group: string, namespaced: boolean, short: string[] = []): ResourceInfo =>
  ({ kind, resource, singular: kind.toLowerCase(), short, group, version: 'v1', namespaced });

export const RESOURCES: ResourceInfo[] = [
  R('Pod', 'pods', '', true, ['po']),
  R('Service', 'services', '', true, ['svc']),
  R('Endpoints', 'endpoints', '', true, ['ep']),
  R('Namespace', 'namespaces', '', false, ['ns']),
  R('Node', 'nodes', '', false, ['no']),
  R('ConfigMap', 'configmaps', '', true, ['cm']),
  R('Secret', 'secrets', '', true),
  R('ServiceAccount', 'serviceaccounts', '', true, ['sa']),
  R('PersistentVolume', 'persistentvolumes', '', false, ['pv']),
  R('PersistentVolumeClaim', 'persistentvolumeclaims', '', true, ['pvc']),
  R('Event', 'events', '', true, ['ev']),
  R('ResourceQuota', 'resourcequotas', '', true, ['quota']),
  R('LimitRange', 'limitranges', '', true, ['limits']),
  R('Deployment', 'deployments', 'apps', true, ['deploy']),
  R('ReplicaSet', 'replicasets', 'apps', true, ['rs']),
  R('StatefulSet', 'statefulsets', 'apps', true, ['sts']),
  R('DaemonSet', 'daemonsets', 'apps', true, ['ds']),
  R('ControllerRevision', 'controllerrevisions', 'apps', true),
  R('Job', 'jobs', 'batch', true),
  R('CronJob', 'cronjobs', 'batch', true, ['cj']),
  R('EndpointSlice', 'endpointslices', 'discovery.k8s.io', true),
  R('Ingress', 'ingresses', 'networking.k8s.io', true, ['ing']),
  R('IngressClass', 'ingressclasses', 'networking.k8s.io', false),
  R('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', true, ['netpol']),
  R('StorageClass', 'storageclasses', 'storage.k8s.io', false, ['sc']),
  R('VolumeAttachment', 'volumeattachments', 'storage.k8s.io', false),
  R('Role', 'roles', 'rbac.authorization.k8s.io', true),
  R('RoleBinding', 'rolebindings', 'rbac.authorization.k8s.io', true),
  R('ClusterRole', 'clusterroles', 'rbac.authorization.k8s.io', false),
  R('ClusterRoleBinding', 'clusterrolebindings', 'rbac.authorization.k8s.io', false),
  R('Lease', 'leases', 'coordination.k8s.io', true),
  R('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', true, ['hpa']),
  R('PodDisruptionBudget', 'poddisruptionbudgets', 'policy', true, ['pdb']),
  R('PriorityClass', 'priorityclasses', 'scheduling.k8s.io', false, ['pc']),
];
RESOURCES.find((r) => r.kind === 'HorizontalPodAutoscaler')!.version = 'v2';

const byName = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  for (const n of [r.resource, r.singular, ...r.short]) byName.set(n, r);
  if (r.group) byName.set(`${r.resource}.${r.group}`, r), byName.set(`${r.singular}.${r.group}`, r);
  byKind.set(r.kind, r);
}

/** A kubectl resource argument (`po`, `deployments.apps`, `Deployment`) to its resource, or undefined. */
export function resolveResource(name: string): ResourceInfo | undefined {
  return byName.get(name) ?? byName.get(name.toLowerCase()) ?? byKind.get(name);
}

/** The resource of a kind as written in a manifest (`apiVersion` checked separately). */
export function resourceForKind(kind: string): ResourceInfo | undefined { return byKind.get(kind); }

export function infoFor(resource: string): ResourceInfo {
  const r = byName.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

export function apiVersionOf(r: ResourceInfo): string { return r.group ? `${r.group}/${r.version}` : r.version; }

/** `deployments.apps`, `pods`: the qualified resource used in API error messages. */
export function groupResource(r: ResourceInfo): string { return r.group ? `${r.resource}.${r.group}` : r.resource; }

/** `Deployment.apps`, `Pod`: the qualified kind used in Invalid messages. */
export function groupKind(r: ResourceInfo): string { return r.group ? `${r.kind}.${r.group}` : r.kind; }
