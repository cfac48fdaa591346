// RBAC on every request path: users x operations x scopes, each operation run with kubectl as the user and
// its outcome (Forbidden or not) compared with what `kubectl auth can-i` answers for the same user about the
// requests the operation makes (RequestInfo's attributes: list vs get, watch, the cluster scope of -A, and
// subresources). A path that skipped the authorizer, or asked it the wrong question, shows as a mismatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, SCOPES, OPS, cluster, as } from './helpers/rbac-policy';

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
        // refused: Forbidden, or (kubectl scale, whose GET was refused) `no objects passed to scale`
        const refused = r.exitCode !== 0;
        assert.equal(
          !refused,
          expected,
          `${u.join('/')} ${op.line} ${opScope}: can-i says ${expected ? 'yes' : 'no'}, the command ${refused ? 'was refused' : 'ran'}\n${r.stderr}`,
        );
        if (refused) assert.match(r.stderr, /\(Forbidden\)|is forbidden|no objects passed to scale/, r.stderr);
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
  assert.equal(
    r.stderr,
    'Error from server (Forbidden): configmaps is forbidden: User "dev" cannot list resource "configmaps" in API group "" at the cluster scope\n',
  );
  assert.equal(r.stdout, '');
  assert.equal(c.kubectl('get configmaps -n default --as=dev').exitCode, 0);
  assert.equal(c.kubectl('get configmaps -A --as=jane --as-group=ops').exitCode, 0);
});

test('RBAC: the Forbidden text names the request that was refused', () => {
  const c = cluster();
  const rows: [string, string][] = [
    [
      'exec web --as=dev -- env',
      'Error from server (Forbidden): pods "web" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "default"',
    ],
    [
      'logs web --as=execer',
      'Error from server (Forbidden): pods "web" is forbidden: User "execer" cannot get resource "pods/log" in API group "" in the namespace "default"',
    ],
    [
      'scale deployment app --replicas=3 --as=dev',
      'Error from server (Forbidden): deployments.apps "app" is forbidden: User "dev" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"',
    ],
    // client-go's watch cannot decode the refusal: kubectl 1.30 knows only its code
    ['get pods -w --as=lister', 'Error from server (Forbidden): unknown (get pods)'],
    [
      'get nodes --as=dev',
      'Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope',
    ],
  ];
  for (const [line, want] of rows) assert.equal(c.kubectl(line).stderr.trim(), want, line);
});

test('RBAC: exec with only get pods/exec (the WebSocket) or only create pods/exec (SPDY) runs', () => {
  const c = cluster();
  assert.equal(c.kubectl('exec web --as=ws-execer -- echo hi').stdout, 'hi\n');
  assert.equal(c.kubectl('exec web --as=execer -- echo hi').stdout, 'hi\n');
});

test("RBAC: describe without list events prints no events (searchEvents's empty list, its error dropped)", () => {
  const c = cluster();
  const admin = c.kubectl('describe pod web').stdout;
  assert.match(admin, /\nEvents:\n {2}Type/);
  const r = c.kubectl('describe pod web --as=logger');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /\nEvents: +<none>\n$/);
  assert.equal(r.stdout.slice(0, r.stdout.indexOf('Events:')).trim(), admin.slice(0, admin.indexOf('Events:')).trim());
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
  assert.throws(
    () => dev.evict('default', 'web'),
    /User "dev" cannot create resource "pods\/eviction" in API group "" in the namespace "default"/,
  );
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
  assert.throws(
    () => dev.watch('configmaps', () => {}),
    /User "dev" cannot watch resource "configmaps" in API group "" at the cluster scope/,
  );
  const seen: string[] = [];
  const stop = dev.watch(
    'configmaps',
    (ev: any) => seen.push(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`),
    { namespace: 'default' },
  );
  c.kubectl('create configmap a -n default');
  c.kubectl('create configmap b -n team');
  stop();
  c.kubectl('create configmap c -n default');
  assert.deepEqual(seen, ['default/a']);
});
