// The built-in roles the apiserver reconciles at start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/
// policy.go), cheaply: cluster-admin bound to system:masters and kubeadm:cluster-admins, and the user-facing
// admin, edit and view roles with their rules written out (Kubernetes assembles them by aggregation).

import type { ApiServer } from '../apiserver';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const CORE = ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'persistentvolumeclaims', 'configmaps', 'serviceaccounts',
  'replicationcontrollers', 'events', 'limitranges', 'resourcequotas', 'namespaces'];
const APPS = ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions'];

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
    { apiGroups: [''], resources: ['pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'services', 'endpoints', 'persistentvolumeclaims', 'configmaps', 'secrets', 'serviceaccounts'], verbs: WRITE },
    { apiGroups: [''], resources: ['secrets'], verbs: READ },
    { apiGroups: ['apps'], resources: APPS, verbs: WRITE },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  ];
}

export function bootstrapPolicy(api: ApiServer): void {
  const role = (name: string, rules: any[]) => api.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: bootstrapLabels, annotations }, rules });
  role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]);
  role('admin', [...editRules(), { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] }]);
  role('edit', editRules());
  role('view', viewRules());
  const bind = (name: string, group: string) => api.create({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name, labels: bootstrapLabels, annotations },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  });
  bind('cluster-admin', 'system:masters');
  bind('kubeadm:cluster-admins', 'kubeadm:cluster-admins');
}
