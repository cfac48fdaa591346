// The RBAC table's fixtures (test/rbac-table.test.ts, test/rbac-real-kubectl.test.ts): a policy of roles and
// bindings, the users, the scopes, and the operations with the requests each makes as can-i questions.
import { createCluster, type Cluster } from '../../src/cluster';

export const POLICY = `
apiVersion: v1
kind: Namespace
metadata: {name: team}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: execer, namespace: default}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ws-execer, namespace: default}
rules:
- {apiGroups: [""], resources: [pods, pods/exec], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: logger, namespace: default}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: scaler, namespace: default}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get]}
- {apiGroups: [apps], resources: [deployments/scale], verbs: [patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: status-patcher}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get]}
- {apiGroups: ["*"], resources: ["*/status"], verbs: [get, patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lister, namespace: default}
rules:
- {apiGroups: [""], resources: [pods, configmaps], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-view, namespace: default}
subjects: [{kind: User, name: dev, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-view}
subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bot-edit, namespace: team}
subjects: [{kind: ServiceAccount, name: bot, namespace: default}]
roleRef: {kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: status, namespace: team}
subjects: [{kind: User, name: statususer, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: status-patcher, apiGroup: rbac.authorization.k8s.io}
${['execer', 'ws-execer', 'logger', 'scaler', 'lister']
  .map(
    (r) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${r}, namespace: default}
subjects: [{kind: User, name: ${r}, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: ${r}, apiGroup: rbac.authorization.k8s.io}`,
  )
  .join('\n')}
`;

/** [--as, --as-group] */
export const USERS: [string, string?][] = [
  ['dev'],
  ['jane', 'ops'],
  ['system:serviceaccount:default:bot'],
  ['execer'],
  ['ws-execer'],
  ['logger'],
  ['scaler'],
  ['statususer'],
  ['lister'],
  ['nobody'],
];

/** A scope: the namespace flag of the operation and of its can-i questions. */
export const SCOPES = ['-n default', '-n team', '-A'];

/**
 * An operation: the kubectl line (in the scope), and its requests as can-i questions combined as kubectl
 * makes them: every group must be allowed, and a group is allowed when one of its questions is (exec's
 * WebSocket `get` or SPDY `create`).
 */
export interface Op {
  line: string;
  requests: string[][];
  namespaced?: boolean;
}
export const OPS: Op[] = [
  { line: 'get pods', requests: [['list pods']] },
  { line: 'get configmaps -o yaml', requests: [['list configmaps']] },
  { line: 'get secrets', requests: [['list secrets']] },
  { line: 'get deployments.apps', requests: [['list deployments.apps']] },
  { line: 'get pods -w', requests: [['list pods'], ['watch pods']] },
  { line: 'get nodes', requests: [['list nodes']], namespaced: false },
  { line: 'get pod web', requests: [['get pods']], namespaced: true },
  { line: 'logs web', requests: [['get pods'], ['get pods --subresource=log']], namespaced: true },
  {
    line: 'exec web -- echo hi',
    requests: [['get pods'], ['get pods --subresource=exec', 'create pods --subresource=exec']],
    namespaced: true,
  },
  {
    line: 'scale deployment app --replicas=2',
    requests: [['get deployments.apps'], ['patch deployments.apps --subresource=scale']],
    namespaced: true,
  },
  {
    line: `patch deployment app --subresource=status --type=merge -p '{"status":{"observedGeneration":1}}'`,
    requests: [['get deployments.apps --subresource=status'], ['patch deployments.apps --subresource=status']],
    namespaced: true,
  },
  {
    line: 'create configmap made --from-literal=a=b --dry-run=server',
    requests: [['create configmaps']],
    namespaced: true,
  },
  { line: 'delete configmap cfg --dry-run=server', requests: [['delete configmaps']], namespaced: true },
  { line: 'describe pod web', requests: [['get pods']], namespaced: true },
];

export function cluster(): Cluster {
  const c = createCluster({ nodes: 1, seed: 'rbac-table' });
  c.apply(POLICY);
  for (const ns of ['default', 'team']) {
    c.kubectl(`run web --image=nginx -n ${ns}`);
    c.kubectl(`create deployment app --image=nginx -n ${ns}`);
    c.kubectl(`create configmap cfg --from-literal=k=v -n ${ns}`);
  }
  c.advance('5s');
  return c;
}

export const as = ([user, group]: [string, string?]) => `--as=${user}${group ? ` --as-group=${group}` : ''}`;
