// Discovery as kube-apiserver v1.30 serves it: the legacy documents (/api, /apis, /api/v1, /apis/<g>/<v>) and
// the aggregated one (apidiscovery.k8s.io v2 and v2beta1, which kubectl 1.26+ asks for first, in one request).
// Custom resources appear once their CRD is Established: the server's ResourceRegistry is the source.

import type { ResourceInfo, ResourceRegistry } from '../api/kinds';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** A subresource as discovery lists it; group/version only where its kind lives elsewhere (Scale, Eviction). */
export interface SubresourceInfo {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

const status = (kind: string): SubresourceInfo => ({ name: 'status', kind, verbs: STATUS_VERBS });
const scale: SubresourceInfo = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: STATUS_VERBS,
};

/** The subresources this server serves, per resource (pkg/registry/.../storage: each REST's subresources). */
const SUBRESOURCES: Record<string, SubresourceInfo[]> = {
  pods: [
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    status('Pod'),
  ],
  namespaces: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, status('Namespace')],
  deployments: [scale, status('Deployment')],
  replicasets: [scale, status('ReplicaSet')],
  statefulsets: [scale, status('StatefulSet')],
  replicationcontrollers: [scale, status('ReplicationController')],
};
for (const [resource, kind] of [
  ['nodes', 'Node'],
  ['services', 'Service'],
  ['persistentvolumes', 'PersistentVolume'],
  ['persistentvolumeclaims', 'PersistentVolumeClaim'],
  ['daemonsets', 'DaemonSet'],
  ['jobs', 'Job'],
  ['cronjobs', 'CronJob'],
  ['ingresses', 'Ingress'],
  ['poddisruptionbudgets', 'PodDisruptionBudget'],
  ['horizontalpodautoscalers', 'HorizontalPodAutoscaler'],
  ['resourcequotas', 'ResourceQuota'],
  ['customresourcedefinitions', 'CustomResourceDefinition'],
])
  SUBRESOURCES[resource] = [status(kind)];

/** `kubectl get all` expands the `all` category from discovery. */
const ALL_CATEGORY = new Set([
  'pods',
  'services',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'horizontalpodautoscalers',
]);

/** Resources that exist only to be created and answered (reviews), outside the store. */
export interface VirtualResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}
export const REVIEWS: VirtualResource[] = [
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    resource: 'localsubjectaccessreviews',
    kind: 'LocalSubjectAccessReview',
    namespaced: true,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    resource: 'selfsubjectaccessreviews',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    resource: 'selfsubjectrulesreviews',
    kind: 'SelfSubjectRulesReview',
    namespaced: false,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    resource: 'subjectaccessreviews',
    kind: 'SubjectAccessReview',
    namespaced: false,
  },
];

export function subresourcesOf(r: ResourceInfo): SubresourceInfo[] {
  if (r.custom) return r.custom.status ? [status(r.kind)] : [];
  return SUBRESOURCES[r.resource] ?? [];
}

const categoriesOf = (r: ResourceInfo): string[] =>
  r.custom ? r.custom.categories : ALL_CATEGORY.has(r.resource) ? ['all'] : [];

/** Versions served for a resource: a custom resource may be served in several. */
const versionsOf = (r: ResourceInfo): string[] => (r.custom ? r.custom.versions : [r.version]);

interface GroupVersions {
  group: string;
  versions: string[];
}

/** The groups in the order the aggregator lists them (core first, then by group priority; here by name). */
export function groups(reg: ResourceRegistry): GroupVersions[] {
  const out = new Map<string, string[]>();
  for (const r of reg.all()) {
    const vs = out.get(r.group) ?? [];
    for (const v of versionsOf(r)) if (!vs.includes(v)) vs.push(v);
    out.set(r.group, vs);
  }
  for (const v of REVIEWS) if (!out.has(v.group)) out.set(v.group, [v.version]);
  const named = [...out.keys()].filter((g) => g).sort();
  return [
    { group: '', versions: ['v1'] },
    ...named.map((g) => ({ group: g, versions: out.get(g)!.sort(byVersionPriority) })),
  ];
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 > v1 > v1beta1). */
export function byVersionPriority(a: string, b: string): number {
  const key = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    return m ? [m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2, Number(m[1]), Number(m[3] ?? 0)] : [-1, 0, 0];
  };
  const ka = key(a),
    kb = key(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
  return a < b ? -1 : a > b ? 1 : 0;
}

export function resourcesIn(reg: ResourceRegistry, group: string, version: string): ResourceInfo[] {
  return reg
    .all()
    .filter((r) => r.group === group && versionsOf(r).includes(version))
    .sort((a, b) => (a.resource < b.resource ? -1 : 1));
}

/** The resource a URL names: its group, version and plural. */
export function findResource(
  reg: ResourceRegistry,
  group: string,
  version: string,
  resource: string,
): ResourceInfo | undefined {
  const r = reg.resolve(group ? `${resource}.${group}` : resource);
  return r && r.resource === resource && r.group === group && versionsOf(r).includes(version) ? r : undefined;
}

const gv = (group: string, version: string) => (group ? `${group}/${version}` : version);

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(g: GroupVersions): unknown {
  const versions = g.versions.map((v) => ({ groupVersion: gv(g.group, v), version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(reg: ResourceRegistry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(reg)
      .filter((g) => g.group)
      .map(apiGroup),
  };
}

export function apiGroupDoc(reg: ResourceRegistry, group: string): unknown | undefined {
  const g = groups(reg).find((x) => x.group === group && group);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...(apiGroup(g) as object) };
}

/** /api/v1, /apis/<group>/<version>: undefined when the group version is not served. */
export function apiResourceList(reg: ResourceRegistry, group: string, version: string): unknown | undefined {
  if (!groups(reg).some((g) => g.group === group && g.versions.includes(version))) return undefined;
  const resources: unknown[] = [];
  for (const r of resourcesIn(reg, group, version)) {
    const entry: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ALL_VERBS,
    };
    if (r.short.length) entry.shortNames = r.short;
    const cats = categoriesOf(r);
    if (cats.length) entry.categories = cats;
    resources.push(entry);
    for (const s of subresourcesOf(r)) {
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  for (const v of REVIEWS)
    if (v.group === group && v.version === version)
      resources.push({
        name: v.resource,
        singularName: v.kind.toLowerCase(),
        namespaced: v.namespaced,
        kind: v.kind,
        verbs: ['create'],
      });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}

/** The aggregated document of /api (core only) or /apis (every named group), in the asked version. */
export function aggregated(reg: ResourceRegistry, core: boolean, discoveryVersion: 'v2' | 'v2beta1'): unknown {
  const items = groups(reg)
    .filter((g) => (core ? !g.group : !!g.group))
    .map((g) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: [
          ...resourcesIn(reg, g.group, version).map((r) => {
            const e: Record<string, unknown> = {
              resource: r.resource,
              responseKind: { group: r.group, version, kind: r.kind },
              scope: r.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: r.singular,
              verbs: ALL_VERBS,
            };
            if (r.short.length) e.shortNames = r.short;
            const cats = categoriesOf(r);
            if (cats.length) e.categories = cats;
            const subs = subresourcesOf(r);
            if (subs.length) {
              e.subresources = subs.map((s) => ({
                subresource: s.name,
                responseKind: { group: s.group ?? r.group, version: s.version ?? version, kind: s.kind },
                verbs: s.verbs,
              }));
            }
            return e;
          }),
          ...REVIEWS.filter((v) => v.group === g.group && v.version === version).map((v) => ({
            resource: v.resource,
            responseKind: { group: v.group, version, kind: v.kind },
            scope: v.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: v.kind.toLowerCase(),
            verbs: ['create'],
          })),
        ],
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`, metadata: {}, items };
}
