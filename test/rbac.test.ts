// RBAC: rule matching (verbs, groups, resources and subresources, resourceNames), service account groups,
// bindings through the subject index, and the Forbidden texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Attributes, forbiddenReason, ruleAllows, withDefaultGroups } from '../src/apiserver/authorization/rbac';
import { authorizerFor } from '../src/apiserver/authorization/as-user';
import { createCluster } from '../src/cluster';
import { POLICY_COLUMNS } from '../src/kubectl/printers/columns-policy';

const jane = { name: 'jane', groups: ['system:authenticated'] };
const a = (over: Partial<Attributes>): Attributes => ({ user: jane, verb: 'get', apiGroup: '', resource: 'pods', namespace: 'default', ...over });

test('ruleAllows', () => {
  const rows: [string, any, Partial<Attributes>, boolean][] = [
    ['verb listed', { apiGroups: [''], resources: ['pods'], verbs: ['get'] }, {}, true],
    ['verb missing', { apiGroups: [''], resources: ['pods'], verbs: ['list'] }, {}, false],
    ['verb *', { apiGroups: [''], resources: ['pods'], verbs: ['*'] }, { verb: 'delete' }, true],
    ['other group', { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] }, {}, false],
    ['group *', { apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }, { apiGroup: 'apps', resource: 'deployments' }, true],
    ['subresource needs its own entry', { apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { subresource: 'log' }, false],
    ['pods/log', { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, { subresource: 'log' }, true],
    ['*/scale', { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['get'] }, { apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }, true],
    ['resourceNames match', { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['get'] }, { name: 'web' }, true],
    ['resourceNames other', { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['get'] }, { name: 'db' }, false],
    ['resourceNames and list', { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['list'] }, { verb: 'list' }, false],
  ];
  for (const [name, rule, over, want] of rows) assert.equal(ruleAllows(a(over), rule), want, name);
});

test('withDefaultGroups: service accounts get their groups', () => {
  assert.deepEqual(withDefaultGroups('system:serviceaccount:ns1:sa', []).groups, ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated']);
  assert.deepEqual(withDefaultGroups('jane', ['devs']).groups, ['devs', 'system:authenticated']);
});

test('forbiddenReason', () => {
  assert.equal(forbiddenReason(a({ verb: 'list' })), 'User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  assert.equal(forbiddenReason(a({ resource: 'nodes', namespace: undefined })), 'User "jane" cannot get resource "nodes" in API group "" at the cluster scope');
  assert.equal(forbiddenReason(a({ subresource: 'exec', verb: 'create' })), 'User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"');
});

test('authorize: bindings by subject, kept up to date', () => {
  const c = createCluster({ nodes: 1, seed: 'rbac' });
  const authz = authorizerFor(c.api);
  c.apply(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: r, namespace: default}
subjects: [{kind: ServiceAccount, name: bot}]
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
`);
  const bot = withDefaultGroups('system:serviceaccount:default:bot', []);
  const rows: [Partial<Attributes>, boolean][] = [
    [{ user: bot }, true], [{ user: bot, namespace: 'kube-system' }, false], [{ user: bot, verb: 'delete' }, false], [{}, false],
    [{ user: { name: 'root', groups: ['system:masters'] }, verb: 'delete', resource: 'nodes', namespace: undefined }, true],
  ];
  for (const [over, want] of rows) assert.equal(authz.authorize(a(over)), want, JSON.stringify(over));
  c.kubectl('delete rolebinding r');
  assert.equal(authz.authorize(a({ user: bot })), false);
});

test('aggregation: view gathers aggregate-to-view roles, edit gathers view', () => {
  const c = createCluster({ nodes: 1, seed: 'aggregation' });
  const resources = (name: string) => new Set(c.get('clusterrole', name).rules.flatMap((r: any) => r.resources ?? []));
  const rows: [string, string, boolean][] = [['view', 'pods', true], ['view', 'secrets', false], ['edit', 'secrets', true], ['edit', 'pods', true], ['admin', 'rolebindings', true], ['admin', 'deployments', true]];
  for (const [role, res, want] of rows) assert.equal(resources(role).has(res), want, `${role} ${res}`);
  c.apply('{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"x","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},"rules":[{"apiGroups":["e.com"],"resources":["crontabs"],"verbs":["get"]}]}');
  for (const role of ['view', 'edit', 'admin']) assert.ok(resources(role).has('crontabs'), role);
  c.kubectl('delete clusterrole x');
  assert.equal(resources('admin').has('crontabs'), false);
});

test('kubectl get columns: bindings, roles, quotas, attachments', () => {
  const C = POLICY_COLUMNS;
  const rb = { metadata: { name: 'b', creationTimestamp: '2024-01-01T00:00:00Z' }, roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'bot', namespace: 'ci' }, { kind: 'User', name: 'joe' }] };
  assert.deepEqual(C.rolebindings.row(rb, Date.parse('2024-01-01T00:00:05Z')), ['b', 'ClusterRole/view', '5s']);
  assert.deepEqual(C.rolebindings.wideRow!(rb, 0), ['jane, joe', 'devs', 'ci/bot']);
  const q = { metadata: { name: 'q' }, spec: { hard: { pods: '2', 'limits.cpu': '2', 'requests.cpu': '1' } }, status: { used: { pods: '1', 'limits.cpu': '500m', 'requests.cpu': '250m' }, hard: { pods: '2', 'limits.cpu': '2', 'requests.cpu': '1' } } };
  assert.deepEqual(C.resourcequotas.row(q, 0).slice(2), ['pods: 1/2, requests.cpu: 250m/1', 'limits.cpu: 500m/2']);
  const va = { metadata: { name: 'csi-x' }, spec: { attacher: 'd', nodeName: 'n', source: { persistentVolumeName: 'pv' } }, status: { attached: true } };
  assert.deepEqual(C.volumeattachments.row(va, 0).slice(0, 5), ['csi-x', 'd', 'pv', 'n', 'true']);
});
