// RBAC: rule matching (verbs, groups, resources and subresources, resourceNames), service account groups,
// bindings through the subject index, and the Forbidden texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Attributes, forbiddenReason, ruleAllows, withDefaultGroups } from '../src/apiserver/authorization/rbac';
import { compactString, escalationError, uncovered } from '../src/apiserver/authorization/escalation';
import { authorizerFor, impersonate } from '../src/apiserver/authorization/as-user';
import { createCluster } from '../src/cluster';
import { POLICY_COLUMNS } from '../src/apiserver/printers/columns-policy';

const jane = { name: 'jane', groups: ['system:authenticated'] };
const a = (over: Partial<Attributes>): Attributes => ({
  user: jane,
  verb: 'get',
  apiGroup: '',
  resource: 'pods',
  namespace: 'default',
  ...over,
});

test('ruleAllows', () => {
  const rows: [string, any, Partial<Attributes>, boolean][] = [
    ['verb listed', { apiGroups: [''], resources: ['pods'], verbs: ['get'] }, {}, true],
    ['verb missing', { apiGroups: [''], resources: ['pods'], verbs: ['list'] }, {}, false],
    ['verb *', { apiGroups: [''], resources: ['pods'], verbs: ['*'] }, { verb: 'delete' }, true],
    ['other group', { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] }, {}, false],
    [
      'group *',
      { apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] },
      { apiGroup: 'apps', resource: 'deployments' },
      true,
    ],
    [
      'subresource needs its own entry',
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { subresource: 'log' },
      false,
    ],
    ['pods/log', { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, { subresource: 'log' }, true],
    [
      '*/scale',
      { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['get'] },
      { apiGroup: 'apps', resource: 'deployments', subresource: 'scale' },
      true,
    ],
    [
      'resourceNames match',
      { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['get'] },
      { name: 'web' },
      true,
    ],
    [
      'resourceNames other',
      { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['get'] },
      { name: 'db' },
      false,
    ],
    [
      'resourceNames and list',
      { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['list'] },
      { verb: 'list' },
      false,
    ],
  ];
  for (const [name, rule, over, want] of rows) assert.equal(ruleAllows(a(over), rule), want, name);
});

test('withDefaultGroups: service accounts get their groups', () => {
  assert.deepEqual(withDefaultGroups('system:serviceaccount:ns1:sa', []).groups, [
    'system:serviceaccounts',
    'system:serviceaccounts:ns1',
    'system:authenticated',
  ]);
  assert.deepEqual(withDefaultGroups('jane', ['devs']).groups, ['devs', 'system:authenticated']);
});

test('forbiddenReason', () => {
  assert.equal(
    forbiddenReason(a({ verb: 'list' })),
    'User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
  );
  assert.equal(
    forbiddenReason(a({ resource: 'nodes', namespace: undefined })),
    'User "jane" cannot get resource "nodes" in API group "" at the cluster scope',
  );
  assert.equal(
    forbiddenReason(a({ subresource: 'exec', verb: 'create' })),
    'User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"',
  );
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
    [{ user: bot }, true],
    [{ user: bot, namespace: 'kube-system' }, false],
    [{ user: bot, verb: 'delete' }, false],
    [{}, false],
    [
      { user: { name: 'root', groups: ['system:masters'] }, verb: 'delete', resource: 'nodes', namespace: undefined },
      true,
    ],
  ];
  for (const [over, want] of rows) assert.equal(authz.authorize(a(over)), want, JSON.stringify(over));
  c.kubectl('delete rolebinding r');
  assert.equal(authz.authorize(a({ user: bot })), false);
});

test('aggregation: view gathers aggregate-to-view roles, edit gathers view', () => {
  const c = createCluster({ nodes: 1, seed: 'aggregation' });
  const resources = (name: string) => new Set(c.get('clusterrole', name).rules.flatMap((r: any) => r.resources ?? []));
  const rows: [string, string, boolean][] = [
    ['view', 'pods', true],
    ['view', 'secrets', false],
    ['edit', 'secrets', true],
    ['edit', 'pods', true],
    ['admin', 'rolebindings', true],
    ['admin', 'deployments', true],
  ];
  for (const [role, res, want] of rows) assert.equal(resources(role).has(res), want, `${role} ${res}`);
  c.apply(
    '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"x","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},"rules":[{"apiGroups":["e.com"],"resources":["crontabs"],"verbs":["get"]}]}',
  );
  for (const role of ['view', 'edit', 'admin']) assert.ok(resources(role).has('crontabs'), role);
  c.kubectl('delete clusterrole x');
  assert.equal(resources('admin').has('crontabs'), false);
});

test('kubectl get columns: bindings, roles, quotas, attachments', () => {
  const C = POLICY_COLUMNS;
  const rb = {
    metadata: { name: 'b', creationTimestamp: '2024-01-01T00:00:00Z' },
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'bot', namespace: 'ci' },
      { kind: 'User', name: 'joe' },
    ],
  };
  assert.deepEqual(C.rolebindings.row(rb, Date.parse('2024-01-01T00:00:05Z')), ['b', 'ClusterRole/view', '5s']);
  assert.deepEqual(C.rolebindings.wideRow!(rb, 0), ['jane, joe', 'devs', 'ci/bot']);
  const q = {
    metadata: { name: 'q' },
    spec: { hard: { pods: '2', 'limits.cpu': '2', 'requests.cpu': '1' } },
    status: {
      used: { pods: '1', 'limits.cpu': '500m', 'requests.cpu': '250m' },
      hard: { pods: '2', 'limits.cpu': '2', 'requests.cpu': '1' },
    },
  };
  assert.deepEqual(C.resourcequotas.row(q, 0).slice(2), ['pods: 1/2, requests.cpu: 250m/1', 'limits.cpu: 500m/2']);
  const va = {
    metadata: { name: 'csi-x' },
    spec: { attacher: 'd', nodeName: 'n', source: { persistentVolumeName: 'pv' } },
    status: { attached: true },
  };
  assert.deepEqual(C.volumeattachments.row(va, 0).slice(0, 5), ['csi-x', 'd', 'pv', 'n', 'true']);
});

test('escalation: uncovered rules, compactString, the Forbidden text', () => {
  const owner = [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['*'] },
    { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get'] },
    { nonResourceURLs: ['/logs/*'], verbs: ['get'] },
  ];
  const rows: [string, any, string[]][] = [
    ['held', { apiGroups: [''], resources: ['pods'], verbs: ['get'] }, []],
    [
      'one verb more',
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'delete'] },
      ['{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}'],
    ],
    [
      '*/scale covers a scale subresource',
      { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'] },
      [],
    ],
    [
      'but not the resource',
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
      ['{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}'],
    ],
    ['a name held', { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get'] }, []],
    [
      'every name is more than one',
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ['{APIGroups:[""], Resources:["configmaps"], Verbs:["get"]}'],
    ],
    ['a URL under a wildcard', { nonResourceURLs: ['/logs/kubelet'], verbs: ['get'] }, []],
    [
      'another URL',
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ['{NonResourceURLs:["/metrics"], Verbs:["get"]}'],
    ],
  ];
  for (const [name, rule, want] of rows) assert.deepEqual(uncovered(owner, [rule]).map(compactString), want, name);
  const c = createCluster({ nodes: 1, seed: 'escalation' });
  const jane = withDefaultGroups('jane', ['devs']);
  assert.equal(
    escalationError(authorizerFor(c.api), jane, 'default', [
      { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get', 'list'] },
    ]),
    'user "jane" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
      '{APIGroups:[""], Resources:["deployments"], Verbs:["get" "list"]}\n{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}\n' +
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}\n{APIGroups:["apps"], Resources:["pods"], Verbs:["get" "list"]}',
  );
  // what every authenticated user holds is no escalation
  assert.equal(
    escalationError(authorizerFor(c.api), jane, undefined, [
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'], verbs: ['create'] },
    ]),
    undefined,
  );
});

/** A Role or ClusterRole of the rules (flow-style YAML items) and its binding to jane. */
const janeMay = (kind: 'Role' | 'ClusterRole', name: string, rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}}
rules: [${rules}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}Binding
metadata: {name: ${name}}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ${kind}, name: ${name}, apiGroup: rbac.authorization.k8s.io}
`;

const MANAGER = janeMay(
  'Role',
  'manager',
  '{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, get, update, patch]}, {apiGroups: [""], resources: [pods], verbs: [get, list]}',
);

test('escalation: role and binding writes as a user, and the escalate and bind verbs', () => {
  const rows: [string, string[], string, RegExp][] = [
    [
      'a role with rules held',
      [],
      'create role reader --verb=get --resource=pods',
      /^role.rbac.authorization.k8s.io\/reader created/,
    ],
    [
      'a role with more',
      [],
      'create role deleter --verb=delete --resource=pods',
      /^Error from server \(Forbidden\): roles.rbac.authorization.k8s.io "deleter" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["pods"\], Verbs:\["delete"\]\}\n$/,
    ],
    [
      'with escalate',
      ['{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}'],
      'create role deleter --verb=delete --resource=pods',
      /created/,
    ],
    [
      'binding a role not held',
      [],
      'create rolebinding b --clusterrole=view --user=bob',
      /^error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "jane" .* not currently held:\n\{APIGroups:\[""\], Resources:\["configmaps"\], Verbs:\["get" "list" "watch"\]\}\n/,
    ],
    [
      'with bind on that role',
      ['{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind]}'],
      'create rolebinding b --clusterrole=view --user=bob',
      /created/,
    ],
    [
      'bind on another role',
      ['{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [edit], verbs: [bind]}'],
      'create rolebinding b --clusterrole=view --user=bob',
      /forbidden/,
    ],
    [
      'binding a missing role',
      [],
      'create rolebinding b --role=nope --user=bob',
      /^error: failed to create rolebinding: roles.rbac.authorization.k8s.io "nope" not found\n$/,
    ],
    [
      'patching a role to more',
      [],
      `patch role manager --type=json -p '[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}}]'`,
      /roles.rbac.authorization.k8s.io "manager" is forbidden: .*\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get"\]\}/,
    ],
    [
      'system:masters may do anything',
      [],
      'create role deleter --verb=delete --resource=secrets --as=root --as-group=system:masters',
      /created/,
    ],
  ];
  for (const [name, extra, line, want] of rows) {
    const c = createCluster({ nodes: 1, seed: 'escalate' });
    c.apply(MANAGER);
    if (line.includes('--as=root')) extra.push('{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}');
    if (extra.length) c.apply(janeMay('ClusterRole', 'extra', extra.join(',')));
    c.user = { name: 'jane' };
    const r = c.kubectl(line);
    assert.match(r.stdout + r.stderr, want, name);
  }
});

/** kubectl 1.30's log of a refused discovery, once a try (the emulated kubectl's clock reads 2024-01-01, its pid is 1). */
const refusedDiscovery = (tries: number) =>
  "E0101 00:00:00.000000       1 memcache.go:265] couldn't get current server API group list: unknown\n".repeat(tries);

test('impersonation: --as and --as-group are authorized as the requestor', () => {
  const c = createCluster({ nodes: 1, seed: 'impersonate' });
  c.apply(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: impersonate-bob}
rules:
- {apiGroups: [""], resources: [users], resourceNames: [bob], verbs: [impersonate]}
- {apiGroups: [""], resources: [groups], resourceNames: [devs], verbs: [impersonate]}
- {apiGroups: [""], resources: [serviceaccounts], resourceNames: [bot], verbs: [impersonate]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: jane-impersonates}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: impersonate-bob, apiGroup: rbac.authorization.k8s.io}
`);
  const rows: [string | undefined, string, string][] = [
    [undefined, 'auth can-i list pods --as=anyone', 'no\n'], // the admin may impersonate anyone
    ['jane', 'auth can-i list pods --as=bob', 'no\n'],
    ['jane', 'auth can-i list pods --as=bob --as-group=devs', 'no\n'],
    // a refused impersonation refuses discovery too: kubectl 1.30 logs each try, then can-i asks about pods as typed
    [
      'jane',
      'auth can-i list pods --as=joe',
      `${refusedDiscovery(2)}Warning: the server doesn't have a resource type 'pods'\n\nError from server (Forbidden): users "joe" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope\n`,
    ],
    [
      'jane',
      'auth can-i list pods --as=bob --as-group=ops',
      `${refusedDiscovery(2)}Warning: the server doesn't have a resource type 'pods'\n\nError from server (Forbidden): groups "ops" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope\n`,
    ],
    [
      'jane',
      'get pods --as=system:serviceaccount:ci:bot',
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:ci:bot" cannot list resource "pods" in API group "" in the namespace "default"\n',
    ],
    // get needs discovery first, whose refusal kubectl 1.30 cannot decode
    [
      'jane',
      'get pods --as=system:serviceaccount:ci:other',
      `${refusedDiscovery(5)}Error from server (Forbidden): unknown\n`,
    ],
    [
      'jane',
      'get --raw /api/v1/namespaces/default/pods --as=system:serviceaccount:ci:other',
      'Error from server (Forbidden): serviceaccounts "other" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "ci"\n',
    ],
    ['joe', 'get pods --as=bob', `${refusedDiscovery(5)}Error from server (Forbidden): unknown\n`],
    [
      'joe',
      'create configmap c --as=bob',
      'error: failed to create configmap: users "bob" is forbidden: User "joe" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    ],
  ];
  for (const [user, line, want] of rows) {
    c.user = user ? { name: user } : undefined;
    const r = c.kubectl(line);
    assert.equal(r.stdout + r.stderr, want, `${user} ${line}`);
  }
});

test('can-i --list: every authenticated user holds the bootstrap discovery and self-review rules', () => {
  const c = createCluster({ nodes: 1, seed: 'list' });
  const rows = (line: string) =>
    c
      .kubectl(line)
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => l.split(/\s{2,}/).join('|'));
  const jane = rows('auth can-i --list --as=jane --no-headers');
  assert.deepEqual(jane.slice(0, 4), [
    'selfsubjectreviews.authentication.k8s.io|[]|[]|[create]',
    'selfsubjectaccessreviews.authorization.k8s.io|[]|[]|[create]',
    'selfsubjectrulesreviews.authorization.k8s.io|[]|[]|[create]',
    '|[/api/*]|[]|[get]',
  ]);
  assert.equal(
    jane.filter((r) => r === '|[/healthz]|[]|[get]').length,
    2,
    'discovery and public-info-viewer both grant /healthz',
  );
  assert.deepEqual(rows('auth can-i --list').slice(1, 3), ['*.*|[]|[]|[*]', '|[*]|[]|[*]']);
  // the reviews are in discovery, so kubectl knows the resource, and system:basic-user lets everyone create them
  assert.equal(c.kubectl('auth can-i create selfsubjectaccessreviews.authorization.k8s.io --as=jane').stdout, 'yes\n');
});

// kubectl reads the subresource first (its resource builder GETs /status), then patches it: verified with the real
// kubectl 1.30 against kspec serve (test/rbac-real-kubectl.test.ts)
test('a status patch is authorized on pods/status', () => {
  const rows: [string[], string][] = [
    [
      ['pods'],
      'Error from server (Forbidden): pods "p" is forbidden: User "jane" cannot get resource "pods/status" in API group "" in the namespace "default"\n',
    ],
    [['pods', 'pods/status'], 'pod/p patched\n'],
    [['pods/status'], 'pod/p patched\n'],
  ];
  for (const [resources, want] of rows) {
    const c = createCluster({ nodes: 1, seed: 'status' });
    c.apply(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: a, image: nginx}]}
---
${janeMay('Role', 'patcher', `{apiGroups: [""], resources: [${resources.join(', ')}], verbs: [get, patch]}`)}`);
    c.user = { name: 'jane' };
    const r = c.kubectl(
      `patch pod p --subresource=status -p '{"status":{"conditions":[{"type":"x","status":"True"}]}}'`,
    );
    assert.equal(r.stdout + r.stderr, want, resources.join(','));
  }
});

test('impersonate: the groups the impersonated user gets', () => {
  const c = createCluster({ nodes: 1, seed: 'groups' });
  const rows: [string, string[], string[]][] = [
    ['bob', [], ['system:authenticated']],
    ['bob', ['devs'], ['devs', 'system:authenticated']],
    ['bob', ['system:unauthenticated'], ['system:unauthenticated']],
    [
      'system:serviceaccount:ci:bot',
      [],
      ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'],
    ],
    ['system:serviceaccount:ci:bot', ['devs'], ['devs', 'system:authenticated']],
  ];
  for (const [as, groups, want] of rows)
    assert.deepEqual(impersonate(c.api, undefined, as, groups).groups, want, `${as} ${groups}`);
});

// plugin/pkg/auth/authorizer/rbac/rbac_test.go TestAuthorizer and TestRuleMatches, as rule rows: verbs and
// resources match case-sensitively, a subresource needs its own `resource/subresource` entry, and non-resource
// URLs match exactly or by a trailing `*`.
test('rbac_test.go rows', () => {
  const rule = (verbs: string, apiGroups: string, resources: string, urls = '') => ({
    verbs: verbs.split(','),
    apiGroups: apiGroups.split(','),
    resources: resources.split(','),
    nonResourceURLs: urls ? urls.split(',') : undefined,
  });
  const res = (
    verb: string,
    resource: string,
    subresource = '',
    apiGroup = '',
    namespace = 'ns1',
  ): Partial<Attributes> => ({ verb, resource, subresource: subresource || undefined, apiGroup, namespace });
  const url = (verb: string, path: string): Partial<Attributes> => ({ verb, path, resource: '', apiGroup: '' });
  const rows: [any, Partial<Attributes>, boolean][] = [
    [rule('*', '*', '*', '*'), res('get', 'Pods'), true],
    [rule('*', '*', '*', '*'), res('GET', 'Pods'), true],
    [rule('get', '*', 'pods'), res('GET', 'pods'), false],
    [rule('get', '*', 'pods'), res('get', 'Pods'), false],
    [rule('*', '*', 'pods'), res('get', 'pods'), true],
    [rule('*', '*', 'pods'), res('get', 'pods', 'status'), false],
    [rule('*', '*', 'pods/status'), res('get', 'pods', 'status'), true],
    [rule('*', '*', 'pods/status'), res('get', 'pods'), false],
    [rule('*', 'group1', 'resource1'), res('verb1', 'resource1', '', 'group1'), true],
    [rule('*', 'group1', 'resource1'), res('verb1', 'resource1', '', 'group2'), false],
    [rule('verb1', '*', 'resource1'), res('verb1', 'resource1', '', 'group2'), true],
    [rule('verb1', '*', 'resource1'), res('verb2', 'resource1', '', 'group2'), false],
    [rule('verb1', 'group1', '*'), res('verb1', 'resource2', '', 'group1'), true],
    [rule('verb1,verb2', 'group1,group2', 'resource1,resource2'), res('verb2', 'resource2', '', 'group2'), true],
    [rule('*', '*', 'resource1/subresource1'), res('verb1', 'resource1', 'subresource1', 'group1'), true],
    [rule('*', '*', 'resource1/subresource1'), res('verb1', 'resource1', 'subresource2', 'group2'), false],
    [rule('*', '*', 'resource1/subresource1'), res('verb1', 'resource2', 'subresource1', 'group1'), false],
    [rule('get', '', '', '/apis'), url('get', '/apis'), true],
    [rule('get', '', '', '/apis'), url('watch', '/apis'), false],
    [rule('get', '', '', '/apis'), url('get', '/api/v1'), false],
    [rule('*', '', '', '/apis'), url('watch', '/apis'), true],
    [rule('get', '', '', '/apis/*'), url('get', '/apis/v1/foobar'), true],
    [rule('get', '', '', '/apis/*'), url('get', '/api/v1'), false],
    [rule('verb1', '', '', '*'), url('verb1', '/foo/bar/one'), true],
    [rule('verb1', '', '', '*'), url('verb2', '/foo'), false],
    [rule('verb1', '', '', '/foo/*'), url('verb1', '/foo'), false],
    [rule('verb1', '', '', '/foo/*'), url('verb1', '/foo/bar'), true],
    // a resource rule never allows a path, nor a URL rule a resource
    [rule('get', '', 'pods'), url('get', '/api'), false],
    [rule('get', '', '', '*'), res('get', 'pods'), false],
  ];
  for (const [r, over, want] of rows)
    assert.equal(ruleAllows(a(over), r), want, `${JSON.stringify(r)} ${JSON.stringify(over)}`);
});

test('TestAuthorizer: a RoleBinding to a ClusterRole grants in its namespace only; users and groups', () => {
  const c = createCluster({ nodes: 1, seed: 'rbac-authorizer' });
  c.kubectl('create namespace ns1');
  c.kubectl('create namespace ns2');
  c.apply(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ns-admin}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admin, namespace: ns1}
subjects: [{kind: User, name: admin, apiGroup: rbac.authorization.k8s.io}, {kind: Group, name: admins, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: ns-admin, apiGroup: rbac.authorization.k8s.io}
`);
  const authz = authorizerFor(c.api);
  const u = (name: string, groups: string[] = []) => ({ name, groups });
  const rows: [Partial<Attributes>, boolean][] = [
    [{ user: u('admin'), verb: 'get', resource: 'Pods', namespace: 'ns1' }, true],
    [{ user: u('admin'), verb: 'watch', resource: 'Pods', namespace: 'ns1' }, true],
    [{ user: u('admin', ['group1']), verb: 'watch', resource: 'Foobar', namespace: 'ns1' }, true],
    [{ user: u('joe', ['admins']), verb: 'watch', resource: 'Foobar', namespace: 'ns1' }, true],
    [{ user: u('joe', ['group1', 'admins']), verb: 'watch', resource: 'Foobar', namespace: 'ns1' }, true],
    [{ user: u('admin'), verb: 'GET', resource: 'Pods', namespace: 'ns2' }, false],
    [{ user: u('admin'), verb: 'GET', resource: 'Nodes', namespace: undefined }, false],
    [{ user: u('admin', ['admins']), verb: 'GET', resource: 'Pods', namespace: 'ns2' }, false],
    [{ user: u('admin', ['admins']), verb: 'list', resource: 'pods', namespace: undefined }, false],
  ];
  for (const [over, want] of rows) assert.equal(authz.authorize(a(over)), want, JSON.stringify(over));
});

test("SelfSubjectAccessReview: the decision and RBAC's reason", () => {
  const { selfSubjectAccessReview } =
    require('../src/apiserver/authorization/access-review') as typeof import('../src/apiserver/authorization/access-review');
  const c = createCluster({ nodes: 1, seed: 'ssar' });
  c.kubectl('create rolebinding dev-view --clusterrole=view --user=dev --serviceaccount=default:bot');
  const review = (user: any, spec: any) =>
    selfSubjectAccessReview(c.api, user, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec,
    }).status;
  const dev = withDefaultGroups('dev', []);
  const bot = withDefaultGroups('system:serviceaccount:default:bot', []);
  const admin = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
  const rows: [any, any, any][] = [
    [
      dev,
      { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } },
      { allowed: true, reason: 'RBAC: allowed by RoleBinding "dev-view/default" of ClusterRole "view" to User "dev"' },
    ],
    [
      bot,
      { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
      {
        allowed: true,
        reason: 'RBAC: allowed by RoleBinding "dev-view/default" of ClusterRole "view" to ServiceAccount "bot/default"',
      },
    ],
    [dev, { resourceAttributes: { namespace: '', verb: 'list', resource: 'pods' } }, { allowed: false }],
    [
      dev,
      { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods', subresource: 'exec' } },
      { allowed: false },
    ],
    [
      admin,
      { resourceAttributes: { verb: 'delete', resource: 'nodes' } },
      {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
      },
    ],
    [
      dev,
      { nonResourceAttributes: { verb: 'get', path: '/healthz' } },
      {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
      },
    ],
    [dev, { nonResourceAttributes: { verb: 'get', path: '/metrics' } }, { allowed: false }],
  ];
  for (const [user, spec, want] of rows) assert.deepEqual(review(user, spec), want, JSON.stringify(spec));
});

// pkg/apis/rbac/validation: ValidateRoleBinding(Update), ValidateClusterRoleBinding, ValidateRoleBindingSubject
import { validateRoleBinding } from '../src/api/validation/rbac';
test('RoleBinding validation: roleRef, subjects, and a roleRef that cannot change', () => {
  const ref = (kind: string, name = 'view', apiGroup = 'rbac.authorization.k8s.io') => ({ apiGroup, kind, name });
  const texts = (b: any, old?: any, namespaced = true) => validateRoleBinding(b, old, namespaced).map((e) => e.text);
  const rows: Array<[any, any, boolean, string[]]> = [
    [
      {
        roleRef: ref('ClusterRole'),
        subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
      },
      undefined,
      true,
      [],
    ],
    [
      { roleRef: ref('Role', 'pod-reader') },
      undefined,
      false,
      ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'],
    ],
    [
      { roleRef: ref('Deployment') },
      undefined,
      true,
      ['roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"'],
    ],
    [
      { roleRef: ref('Role', 'x', 'apps') },
      undefined,
      true,
      ['roleRef.apiGroup: Unsupported value: "apps": supported values: "rbac.authorization.k8s.io"'],
    ],
    [{ roleRef: ref('Role', '') }, undefined, true, ['roleRef.name: Required value']],
    [{ roleRef: ref('Role', 'a/b') }, undefined, true, ['roleRef.name: Invalid value: "a/b": may not contain \'/\'']],
    [
      { roleRef: ref('ClusterRole'), subjects: [{ kind: 'ServiceAccount', name: 'default' }] },
      undefined,
      false,
      ['subjects[0].namespace: Required value'],
    ],
    [
      {
        roleRef: ref('ClusterRole'),
        subjects: [{ kind: 'ServiceAccount', name: 'default', apiGroup: 'rbac.authorization.k8s.io' }],
      },
      undefined,
      true,
      ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'],
    ],
    [
      { roleRef: ref('ClusterRole'), subjects: [{ kind: 'User', name: 'jane' }] },
      undefined,
      true,
      ['subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"'],
    ],
    [
      { roleRef: ref('ClusterRole'), subjects: [{ kind: 'Robot', name: 'r2' }] },
      undefined,
      true,
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
    [
      { roleRef: ref('ClusterRole'), subjects: [{ kind: 'Group' }] },
      undefined,
      true,
      [
        'subjects[0].name: Required value',
        'subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
      ],
    ],
    [
      { roleRef: ref('ClusterRole', 'edit') },
      { roleRef: ref('ClusterRole', 'view') },
      true,
      [
        'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
      ],
    ],
    [{ roleRef: ref('ClusterRole', 'view'), subjects: [] }, { roleRef: ref('ClusterRole', 'view') }, false, []],
  ];
  for (const [b, old, namespaced, want] of rows) assert.deepEqual(texts(b, old, namespaced), want, JSON.stringify(b));
});
