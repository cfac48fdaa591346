// RBAC on every request path: users x operations x scopes, each operation run with kubectl as the user and
// its outcome (Forbidden or not) compared with what `kubectl auth can-i` answers for the same user about the
// requests the operation makes (RequestInfo's attributes: list vs get, watch, the cluster scope of -A, and
// subresources). A path that skipped the authorizer, or asked it the wrong question, shows as a mismatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../src/cluster';

const POLICY = `
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
- {apiGroups: ["*"], resources: ["*/status"], verbs: [patch]}
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
${['execer', 'ws-execer', 'logger', 'scaler', 'lister'].map((r) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${r}, namespace: default}
subjects: [{kind: User, name: ${r}, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: ${r}, apiGroup: rbac.authorization.k8s.io}`).join('\n')}
`;

/** [--as, --as-group] */
const USERS: [string, string?][] = [
  ['dev'], ['jane', 'ops'], ['system:serviceaccount:default:bot'], ['execer'], ['ws-execer'], ['logger'], ['scaler'],
  ['statususer'], ['lister'], ['nobody'],
];

/** A scope: the namespace flag of the operation and of its can-i questions. */
const SCOPES = ['-n default', '-n team', '-A'];

/**
 * An operation: the kubectl line (in the scope), and its requests as can-i questions combined as kubectl
 * makes them: every group must be allowed, and a group is allowed when one of its questions is (exec's
 * WebSocket `get` or SPDY `create`).
 */
interface Op { line: string; requests: string[][]; namespaced?: boolean }
const OPS: Op[] = [
  { line: 'get pods', requests: [['list pods']] },
  { line: 'get configmaps -o yaml', requests: [['list configmaps']] },
  { line: 'get secrets', requests: [['list secrets']] },
  { line: 'get deployments.apps', requests: [['list deployments.apps']] },
  { line: 'get pods -w', requests: [['list pods'], ['watch pods']] },
  { line: 'get nodes', requests: [['list nodes']], namespaced: false },
  { line: 'get pod web', requests: [['get pods']], namespaced: true },
  { line: 'logs web', requests: [['get pods'], ['get pods --subresource=log']], namespaced: true },
  { line: 'exec web -- echo hi', requests: [['get pods'], ['get pods --subresource=exec', 'create pods --subresource=exec']], namespaced: true },
  { line: 'scale deployment app --replicas=2', requests: [['get deployments.apps'], ['patch deployments.apps --subresource=scale']], namespaced: true },
  { line: `patch deployment app --subresource=status --type=merge -p '{"status":{"observedGeneration":1}}'`, requests: [['get deployments.apps'], ['patch deployments.apps --subresource=status']], namespaced: true },
  { line: 'create configmap made --from-literal=a=b --dry-run=server', requests: [['create configmaps']], namespaced: true },
  { line: 'delete configmap cfg --dry-run=server', requests: [['get configmaps']], namespaced: true },
  { line: 'describe pod web', requests: [['get pods']], namespaced: true },
];

function cluster(): Cluster {
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

const as = ([user, group]: [string, string?]) => `--as=${user}${group ? ` --as-group=${group}` : ''}`;

test('RBAC: every operation is allowed exactly when auth can-i says its requests are', () => {
  const c = cluster();
  let compared = 0;
  for (const u of USERS) {
    for (const scope of SCOPES) {
      for (const op of OPS) {
        // a named object has a namespace: -A means the context's (default); cluster-scoped resources have none
        const opScope = op.namespaced === false ? '' : op.namespaced && scope === '-A' ? '-n default' : scope;
        const canI = (q: string) => c.kubectl(`auth can-i ${q} ${opScope} ${as(u)}`).stdout.trim() === 'yes';
        const expected = op.requests.every((group) => group.some(canI));
        const r = c.kubectl(`${opScope} ${as(u)} ${op.line}`);
        const forbidden = /\(Forbidden\)|is forbidden/.test(r.stderr);
        assert.equal(!forbidden, expected, `${u.join('/')} ${op.line} ${opScope}: can-i says ${expected ? 'yes' : 'no'}, the command ${forbidden ? 'was forbidden' : 'ran'}\n${r.stderr}`);
        if (expected) assert.equal(r.exitCode, 0, `${u.join('/')} ${op.line} ${opScope}: ${r.stderr}`);
        compared++;
      }
    }
  }
  assert.equal(compared, USERS.length * SCOPES.length * OPS.length);
});

test('RBAC: -A is authorized at the cluster scope', () => {
  const c = cluster();
  const r = c.kubectl('get configmaps -A -o yaml --as=dev');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error from server (Forbidden): configmaps is forbidden: User "dev" cannot list resource "configmaps" in API group "" at the cluster scope\n');
  assert.equal(r.stdout, '');
  assert.equal(c.kubectl('get configmaps -n default --as=dev').exitCode, 0);
  assert.equal(c.kubectl('get configmaps -A --as=jane --as-group=ops').exitCode, 0);
});

test('RBAC: the Forbidden text names the request that was refused', () => {
  const c = cluster();
  const rows: [string, string][] = [
    ['exec web --as=dev -- env', 'Error from server (Forbidden): pods "web" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "default"'],
    ['logs web --as=execer', 'Error from server (Forbidden): pods "web" is forbidden: User "execer" cannot get resource "pods/log" in API group "" in the namespace "default"'],
    ['scale deployment app --replicas=3 --as=dev', 'Error from server (Forbidden): deployments.apps "app" is forbidden: User "dev" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"'],
    ['get pods -w --as=lister', 'Error from server (Forbidden): pods is forbidden: User "lister" cannot watch resource "pods" in API group "" in the namespace "default"'],
    ['get nodes --as=dev', 'Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope'],
  ];
  for (const [line, want] of rows) assert.equal(c.kubectl(line).stderr.trim(), want, line);
});

test('RBAC: exec with only get pods/exec (the WebSocket) or only create pods/exec (SPDY) runs', () => {
  const c = cluster();
  assert.equal(c.kubectl('exec web --as=ws-execer -- echo hi').stdout, 'hi\n');
  assert.equal(c.kubectl('exec web --as=execer -- echo hi').stdout, 'hi\n');
});

test('RBAC: describe leaves out what the user may not list', () => {
  const c = cluster();
  const admin = c.kubectl('describe pod web').stdout;
  assert.match(admin, /\nEvents:/);
  const r = c.kubectl('describe pod web --as=logger');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /Events:/);
  assert.equal(r.stdout.trim(), admin.slice(0, admin.indexOf('Events:')).trim());
});

test('RBAC: the eviction and binding subresources', () => {
  const c = cluster();
  c.apply(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: evictor, namespace: default}
rules: [{apiGroups: [""], resources: [pods/eviction], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: evictor, namespace: default}
subjects: [{kind: User, name: evictor, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: evictor, apiGroup: rbac.authorization.k8s.io}
`);
  const { asUser } = require('../src/apiserver/authorization/as-user');
  const { withDefaultGroups } = require('../src/apiserver/authorization/rbac');
  const dev = asUser(c.api, withDefaultGroups('dev', []));
  assert.throws(() => dev.evict('default', 'web'), /User "dev" cannot create resource "pods\/eviction" in API group "" in the namespace "default"/);
  assert.throws(() => dev.bind('default', 'web', 'node-1'), /cannot create resource "pods\/binding"/);
  const evictor = asUser(c.api, withDefaultGroups('evictor', []));
  evictor.evict('default', 'web');
  assert.ok(c.api.get('pods', 'default', 'web').metadata.deletionTimestamp, 'the evicted pod is being deleted');
});

test('watch: authorized as watch, kept to its namespace, stopped by its result', () => {
  const c = cluster();
  const { asUser } = require('../src/apiserver/authorization/as-user');
  const { withDefaultGroups } = require('../src/apiserver/authorization/rbac');
  const dev = asUser(c.api, withDefaultGroups('dev', []));
  assert.throws(() => dev.watch('configmaps', () => {}), /User "dev" cannot watch resource "configmaps" in API group "" at the cluster scope/);
  const seen: string[] = [];
  const stop = dev.watch('configmaps', (ev: any) => seen.push(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`), { namespace: 'default' });
  c.kubectl('create configmap a -n default');
  c.kubectl('create configmap b -n team');
  stop();
  c.kubectl('create configmap c -n default');
  assert.deepEqual(seen, ['default/a']);
});
