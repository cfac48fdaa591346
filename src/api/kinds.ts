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
  /** set for the resources a CustomResourceDefinition adds */
  custom?: CustomResourceInfo;
}

/** What the apiserver serves for a CustomResourceDefinition (apiextensions-apiserver's crdInfo). */
export interface CustomResourceInfo {
  /** the CRD's name, `<plural>.<group>` */
  crd: string;
  /** every served version; `version` above is the preferred one */
  versions: string[];
  /** spec.versions[].subresources.status of the preferred version */
  status: boolean;
  /** the preferred version's openAPIV3Schema */
  schema: any;
  /** the preferred version's additionalPrinterColumns */
  printerColumns: { name: string; type: string; jsonPath: string; priority?: number; format?: string }[];
  categories: string[];
}

const R = (kind: string, resource: string, group: string, namespaced: boolean, short: string[] = []): ResourceInfo => ({
  kind,
  resource,
  singular: kind.toLowerCase(),
  short,
  group,
  version: 'v1',
  namespaced,
});

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
  R('ReplicationController', 'replicationcontrollers', '', true, ['rc']),
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
  R('CustomResourceDefinition', 'customresourcedefinitions', 'apiextensions.k8s.io', false, ['crd', 'crds']),
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
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/**
 * The resources one API server serves: the built-in ones, then those its established CustomResourceDefinitions
 * add (what kubectl's RESTMapper learns from discovery). Built-in names win a clash, as kubectl's priority
 * mapper prefers the core groups. A cluster without CRDs never allocates the custom maps.
 */
export class ResourceRegistry {
  private custom?: { byName: Map<string, ResourceInfo>; byKind: Map<string, ResourceInfo>; list: ResourceInfo[] };

  /**
   * A kubectl resource argument (`crontabs`, `ct`, `crontabs.stable.example.com`, `CronTab`), also in the
   * `resource.version.group` and `resource.group` forms of schema.ParseResourceArg (`deployment.v1.apps`,
   * `deploy.apps`, `Deployment.v1.apps` as a kind): the version must be one the server serves.
   */
  resolve(name: string): ResourceInfo | undefined {
    const direct = this.exact(name);
    if (direct) return direct;
    const parts = name.split('.');
    if (parts.length >= 3) {
      const r = this.inGroup(parts[0], parts.slice(2).join('.'));
      if (r && (r.custom ? r.custom.versions.includes(parts[1]) : r.version === parts[1])) return r;
    }
    return parts.length >= 2 ? this.inGroup(parts[0], parts.slice(1).join('.')) : undefined;
  }

  private exact(name: string): ResourceInfo | undefined {
    return (
      resolveResource(name) ??
      this.custom?.byName.get(name) ??
      this.custom?.byName.get(name.toLowerCase()) ??
      this.custom?.byKind.get(name)
    );
  }

  /** A resource, singular, short name or kind within one group (the shortcut expander keeps a short name's group). */
  private inGroup(name: string, group: string): ResourceInfo | undefined {
    return this.all().find(
      (r) =>
        r.group === group && (r.resource === name || r.singular === name || r.short.includes(name) || r.kind === name),
    );
  }

  forKind(kind: string): ResourceInfo | undefined {
    return byKind.get(kind) ?? this.custom?.byKind.get(kind);
  }

  /** The resource an object's apiVersion and kind name, if this server serves that version. */
  forObject(apiVersion: string | undefined, kind: string): ResourceInfo | undefined {
    const r = this.forKind(kind);
    if (!r || apiVersion === undefined) return r;
    if (apiVersion === apiVersionOf(r)) return r;
    return r.custom?.versions.some((v) => `${r.group}/${v}` === apiVersion) ? r : undefined;
  }

  info(resource: string): ResourceInfo {
    const r = byName.get(resource) ?? this.custom?.byName.get(resource);
    if (!r) throw new Error(`unknown resource ${resource}`);
    return r;
  }

  /** Built-in resources, then custom ones in the order their CRDs were established. */
  all(): ResourceInfo[] {
    return this.custom ? [...RESOURCES, ...this.custom.list] : RESOURCES;
  }

  customResources(): readonly ResourceInfo[] {
    return this.custom?.list ?? [];
  }

  add(r: ResourceInfo): void {
    const c = (this.custom ??= { byName: new Map(), byKind: new Map(), list: [] as ResourceInfo[] });
    this.remove(r.resource + '.' + r.group);
    for (const n of [r.resource, r.singular, ...r.short]) c.byName.set(n, r);
    c.byName.set(`${r.resource}.${r.group}`, r);
    c.byName.set(`${r.singular}.${r.group}`, r);
    c.byKind.set(r.kind, r);
    c.list.push(r);
  }

  /** Stops serving the resource of a CRD (by its name, `<plural>.<group>`). */
  remove(crd: string): ResourceInfo | undefined {
    const c = this.custom;
    const r = c?.list.find((x) => x.custom!.crd === crd);
    if (!c || !r) return undefined;
    for (const [k, v] of c.byName) if (v === r) c.byName.delete(k);
    if (c.byKind.get(r.kind) === r) c.byKind.delete(r.kind);
    c.list.splice(c.list.indexOf(r), 1);
    return r;
  }
}

export function infoFor(resource: string): ResourceInfo {
  const r = byName.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, `pods`: the qualified resource used in API error messages. */
export function groupResource(r: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `Deployment.apps`, `Pod`: the qualified kind used in Invalid messages. */
export function groupKind(r: ResourceInfo): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}
