// The built-in roles the apiserver reconciles at start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/
// policy.go), cheaply: cluster-admin bound to system:masters and kubeadm:cluster-admins, the user-facing
// admin, edit and view roles aggregated from the system:aggregate-to-* roles (with fewer rules than Kubernetes'),
// and what every user holds: system:basic-user, system:discovery and system:public-info-viewer.

import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { aggregatedRules } from '../../api/rbac';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const CORE = [
  'pods',
  'pods/log',
  'pods/status',
  'services',
  'endpoints',
  'persistentvolumeclaims',
  'configmaps',
  'serviceaccounts',
  'replicationcontrollers',
  'events',
  'limitranges',
  'resourcequotas',
  'namespaces',
];
const APPS = [
  'deployments',
  'deployments/scale',
  'replicasets',
  'replicasets/scale',
  'statefulsets',
  'statefulsets/scale',
  'daemonsets',
  'controllerrevisions',
];

const bootstrapLabels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function viewRules(): any[] {
  return [
    { apiGroups: [''], resources: CORE, verbs: READ },
    { apiGroups: ['apps'], resources: APPS, verbs: READ },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  ];
}

function editRules(): any[] {
  return [
    ...viewRules(),
    {
      apiGroups: [''],
      resources: [
        'pods',
        'pods/exec',
        'pods/attach',
        'pods/portforward',
        'services',
        'endpoints',
        'persistentvolumeclaims',
        'configmaps',
        'secrets',
        'serviceaccounts',
      ],
      verbs: WRITE,
    },
    { apiGroups: [''], resources: ['secrets'], verbs: READ },
    { apiGroups: ['apps'], resources: APPS, verbs: WRITE },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  ];
}

const AGG = (to: string) => `rbac.authorization.k8s.io/aggregate-to-${to}`;

export function bootstrapPolicy(api: ApiServer): void {
  const roles: KObject[] = [];
  const role = (name: string, rules: any[], labels: Record<string, string> = {}, aggregateFrom?: string) =>
    roles.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, labels: { ...bootstrapLabels, ...labels }, annotations },
      ...(aggregateFrom
        ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGG(aggregateFrom)]: 'true' } }] } }
        : {}),
      rules,
    });
  role('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]);
  // admin, edit and view are aggregated from the system:aggregate-to-* roles
  role('admin', [], {}, 'admin');
  role('edit', [], { [AGG('admin')]: 'true' }, 'edit');
  role('view', [], { [AGG('edit')]: 'true' }, 'view');
  // what every authenticated user may do (ClusterRoles(), ClusterRoleBindings() in policy.go)
  const HEALTH = ['/livez', '/readyz', '/healthz', '/version', '/version/'];
  role('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]);
  role('system:discovery', [
    { nonResourceURLs: [...HEALTH, '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'], verbs: ['get'] },
  ]);
  role('system:public-info-viewer', [{ nonResourceURLs: HEALTH, verbs: ['get'] }]);
  role(
    'system:aggregate-to-admin',
    [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] }],
    { [AGG('admin')]: 'true' },
  );
  role('system:aggregate-to-edit', editRules().slice(viewRules().length), { [AGG('edit')]: 'true' });
  role('system:aggregate-to-view', viewRules(), { [AGG('view')]: 'true' });
  // written already aggregated (view before edit before admin), as the aggregation controller leaves them a moment
  // after start-up, so that a new cluster does not spend its first converge re-deriving them
  for (const name of ['view', 'edit', 'admin']) {
    const r = roles.find((x) => x.metadata.name === name)!;
    r.rules = aggregatedRules(name, r.aggregationRule.clusterRoleSelectors, roles);
  }
  for (const r of roles) api.create(r);
  const bind = (name: string, role: string, ...groups: string[]) =>
    api.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels: bootstrapLabels, annotations },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: groups.map((group) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group })),
    });
  bind('cluster-admin', 'cluster-admin', 'system:masters');
  bind('kubeadm:cluster-admins', 'cluster-admin', 'kubeadm:cluster-admins');
  bind('system:basic-user', 'system:basic-user', 'system:authenticated');
  bind('system:discovery', 'system:discovery', 'system:authenticated');
  bind('system:public-info-viewer', 'system:public-info-viewer', 'system:authenticated', 'system:unauthenticated');
}
