// How each scenario runs on a live cluster (src/live/classify.ts), and what the live driver rewrites between a
// feature's `default` and a scenario's own namespace (src/live/namespace-map.ts), its kubeconfig and its files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { classify, kubectlNeed, manifestNeed, type StepLookup } from '../src/live/classify';
import { NamespaceMap } from '../src/live/namespace-map';
import { scenarioKubeconfig } from '../src/live/kubeconfig';
import { overlay, relativeTo } from '../src/live/local-files';
import { modelOnlyReason } from '../src/live/model-only';

/** A step library of three phrases: one model-only, one naming an object, one plain. */
const lookup: StepLookup = {
  modelOnly: (text) => (/^\d+ (seconds|minutes) pass$/.test(text) ? 'virtual time' : undefined),
  objects: (text) => {
    const m = /^the (\S+) "[^"]*"(?: in namespace "([^"]*)")? matches:$/.exec(text);
    return m ? [{ word: m[1], namespace: m[2] }] : [];
  },
};

type Step = string | [string, string];
const pickle = (steps: Step[], tags: string[] = []) => ({
  uri: 'features/x.feature',
  tags: tags.map((name) => ({ name, astNodeId: '' })),
  steps: steps.map((s, i) =>
    typeof s === 'string'
      ? { id: String(i), text: s, astNodeIds: [] }
      : { id: String(i), text: s[0], astNodeIds: [], argument: { docString: { content: s[1] } } },
  ),
});

const rows: Array<[string, Step[], string[], ReturnType<typeof classify>]> = [
  [
    'kubectl and namespaced objects: a namespace',
    ['I run "kubectl create deployment web --image=nginx"', 'the deployment "web" matches:'],
    [],
    { run: 'namespace' },
  ],
  [
    'a model-only step: skipped, saying which',
    ['I run "kubectl create deployment web --image=nginx"', '30 seconds pass'],
    [],
    { run: 'skip', step: '30 seconds pass', reason: '"30 seconds pass" is model-only (virtual time)' },
  ],
  [
    '@model-only with its reason',
    ['I run "kubectl get pods"'],
    ['@model-only:pod-names-from-the-seed'],
    { run: 'skip', step: '', reason: 'it is tagged @model-only (pod names from the seed)' },
  ],
  [
    '@own-cluster',
    ['I run "kubectl get svc"'],
    ['@own-cluster:it-lists-the-kubernetes-service'],
    { run: 'cluster', why: 'it is tagged @own-cluster (it lists the kubernetes service)' },
  ],
  [
    'an object in another namespace',
    ['the deployment "web" in namespace "prod" matches:'],
    [],
    { run: 'cluster', why: 'it uses namespace "prod"' },
  ],
  [
    'an object in default, named so',
    ['the deployment "web" in namespace "default" matches:'],
    [],
    { run: 'namespace' },
  ],
  ['a cluster-scoped object', ['the pv "data" matches:'], [], { run: 'cluster', why: 'it uses persistentvolumes' }],
  [
    'a custom resource',
    ['the crontabs.stable.example.com "c" matches:'],
    [],
    { run: 'cluster', why: 'it uses the custom resource "crontabs.stable.example.com"' },
  ],
  [
    'a manifest with a StorageClass',
    [['the manifest:', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: x\n']],
    [],
    { run: 'cluster', why: 'it creates storageclass "fast"' },
  ],
  [
    'kubectl in another namespace',
    ['I run "kubectl get pods -n kube-system"'],
    [],
    { run: 'cluster', why: 'it uses namespace "kube-system"' },
  ],
  [
    'I run: with a namespace created',
    [['I run:', 'kubectl create namespace dev\nkubectl get pods']],
    [],
    { run: 'cluster', why: '`kubectl create namespace` uses namespaces' },
  ],
  ['nodes named in a table', ['a cluster with nodes:'], [], { run: 'cluster', why: 'it names its nodes' }],
  [
    'a user who impersonates',
    ['I am "jane"', 'I run "kubectl get pods --as=bob"'],
    [],
    {
      run: 'skip',
      step: 'I run "kubectl get pods --as=bob"',
      reason:
        '"I am "jane"" then "I run "kubectl get pods --as=bob"": on a live cluster kspec acts as a user by impersonating it, and an impersonator cannot be impersonated',
    },
  ],
  ['a user without impersonation', ['I am "jane"', 'I run "kubectl get pods"'], [], { run: 'namespace' }],
];
for (const [name, steps, tags, want] of rows)
  test(`classify: ${name}`, () => assert.deepEqual(classify(pickle(steps, tags), lookup), want));

const lines: Array<[string, string | undefined]> = [
  ['kubectl get pods', undefined],
  ['kubectl get pods -A', 'it lists every namespace'],
  ['kubectl get pods --all-namespaces', 'it lists every namespace'],
  ['kubectl get pods -n default', undefined],
  ['kubectl get pods -ndev', 'it uses namespace "dev"'],
  ['kubectl get pods --namespace=dev', 'it uses namespace "dev"'],
  ['kubectl get nodes', '`kubectl get nodes` uses nodes'],
  ['kubectl get -o wide pods,svc', undefined],
  ['kubectl delete ns/dev', '`kubectl delete ns/dev` uses namespaces'],
  ['kubectl create clusterrole reader --verb=get --resource=pods', '`kubectl create clusterrole` uses clusterroles'],
  ['kubectl create deployment node --image=nginx', undefined],
  ['kubectl run node --image=nginx', undefined],
  ['kubectl rollout status deployment/web', undefined],
  ['kubectl label node node-1 disk=ssd', '`kubectl label node` uses nodes'],
  ['kubectl drain node-1', 'it drains a node'],
  ['kubectl get crontabs.stable.example.com', 'it uses the custom resource "crontabs.stable.example.com"'],
  ['kubectl auth can-i list nodes', undefined],
];
for (const [line, want] of lines) test(`kubectlNeed: ${line}`, () => assert.equal(kubectlNeed(line), want));

test('manifestNeed: kinds, namespaces and Lists; text that is no manifest needs nothing', () => {
  assert.equal(manifestNeed('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n'), undefined);
  assert.equal(manifestNeed('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n'), undefined);
  assert.equal(
    manifestNeed('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: prod}\n'),
    'it uses namespace "prod"',
  );
  assert.equal(
    manifestNeed('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: dev}}\n'),
    'it creates namespace "dev"',
  );
  assert.equal(
    manifestNeed(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    ),
    'it creates a Widget, a custom resource',
  );
  assert.equal(manifestNeed('color=blue\n'), undefined);
  assert.equal(manifestNeed('a: [1\n'), undefined);
});

test('a step is model-only when its comment says so first', () => {
  assert.equal(
    modelOnlyReason('Model-only (virtual time): advances virtual time; e.g. `When 5 minutes pass`'),
    'virtual time',
  );
  assert.equal(modelOnlyReason('Applies the manifest; model-only steps are elsewhere'), undefined);
});

test("NamespaceMap: default goes out as the scenario's namespace and comes back as default", () => {
  const m = new NamespaceMap('kspec-abc123');
  const rows: Array<[string[], string[]]> = [
    [
      ['get', 'pods', '-n', 'default'],
      ['get', 'pods', '-n', 'kspec-abc123'],
    ],
    [
      ['get', 'pods', '--namespace', 'default'],
      ['get', 'pods', '--namespace', 'kspec-abc123'],
    ],
    [
      ['get', 'pods', '--namespace=default', '-ndefault', '-n=default'],
      ['get', 'pods', '--namespace=kspec-abc123', '-nkspec-abc123', '-n=kspec-abc123'],
    ],
    [
      ['get', 'pods', '-n', 'dev'],
      ['get', 'pods', '-n', 'dev'],
    ],
    [
      ['create', 'rolebinding', 'r', '--serviceaccount=default:robot'],
      ['create', 'rolebinding', 'r', '--serviceaccount=kspec-abc123:robot'],
    ],
    [
      ['auth', 'can-i', 'get', 'pods', '--as=system:serviceaccount:default:robot'],
      ['auth', 'can-i', 'get', 'pods', '--as=system:serviceaccount:kspec-abc123:robot'],
    ],
    [
      ['create', 'configmap', 'default'],
      ['create', 'configmap', 'default'],
    ],
  ];
  for (const [words, want] of rows) assert.deepEqual(m.args(words), want, words.join(' '));
  const manifest =
    'metadata:\n  name: r\n  namespace: default\nsubjects:\n- kind: ServiceAccount\n  name: default\n  namespace: "default"\n- {kind: ServiceAccount, name: x, namespace: default}\n';
  assert.deepEqual(load(m.manifest(manifest)), {
    metadata: { name: 'r', namespace: 'kspec-abc123' },
    subjects: [
      { kind: 'ServiceAccount', name: 'default', namespace: 'kspec-abc123' },
      { kind: 'ServiceAccount', name: 'x', namespace: 'kspec-abc123' },
    ],
  });
  assert.equal(
    m.text('Namespace:    kspec-abc123\nkspec-abc123/web-1 evicted\n'),
    'Namespace:    default\ndefault/web-1 evicted\n',
  );
  const token = {
    metadata: { namespace: 'kspec-abc123' },
    data: { namespace: Buffer.from('kspec-abc123').toString('base64') },
  };
  assert.deepEqual(m.object(token), {
    metadata: { namespace: 'default' },
    data: { namespace: Buffer.from('default').toString('base64') },
  });
  const own = new NamespaceMap();
  assert.deepEqual(
    own.args(['get', 'pods', '-n', 'default']),
    ['get', 'pods', '-n', 'default'],
    'a cluster of its own maps nothing',
  );
});

test("scenarioKubeconfig: the context's cluster and user only, the scenario's namespace, paths made absolute", () => {
  const text = `apiVersion: v1
kind: Config
current-context: a
clusters:
- {name: c1, cluster: {server: "https://10.0.0.1", certificate-authority: ca.crt}}
- {name: c2, cluster: {server: "https://10.0.0.2"}}
users:
- {name: u1, user: {client-certificate: certs/me.crt, client-key: /abs/me.key, exec: {command: ./bin/auth, apiVersion: client.authentication.k8s.io/v1}}}
- {name: u2, user: {token: t}}
contexts:
- {name: a, context: {cluster: c1, user: u1, namespace: team}}
- {name: b, context: {cluster: c2, user: u2}}
`;
  const out = load(scenarioKubeconfig(text, '/home/me/.kube/config', undefined, 'kspec-x')) as any;
  assert.deepEqual(out.clusters, [
    { name: 'c1', cluster: { server: 'https://10.0.0.1', 'certificate-authority': '/home/me/.kube/ca.crt' } },
  ]);
  assert.deepEqual(out.users[0].user, {
    'client-certificate': '/home/me/.kube/certs/me.crt',
    'client-key': '/abs/me.key',
    exec: { command: '/home/me/.kube/bin/auth', apiVersion: 'client.authentication.k8s.io/v1' },
  });
  assert.deepEqual(out.contexts, [{ name: 'kspec', context: { cluster: 'c1', user: 'u1', namespace: 'kspec-x' } }]);
  assert.equal(out['current-context'], 'kspec');
  assert.equal((load(scenarioKubeconfig(text, '/k', 'b')) as any).contexts[0].context.namespace, undefined);
  assert.throws(() => scenarioKubeconfig(text, '/k', 'nope'), /context "nope" is not in the kubeconfig \/k/);
});

test("overlay: the feature's folder mirrored, the scenario's files written over it, the folder itself untouched", () => {
  const from = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-overlay-from-'));
  fs.mkdirSync(path.join(from, 'manifests'));
  fs.writeFileSync(path.join(from, 'manifests', 'web.yaml'), 'web');
  fs.writeFileSync(path.join(from, 'redis.conf'), 'on disk');
  const into = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-overlay-into-')), 'x');
  const files = relativeTo(
    from,
    new Map([
      [path.join(from, 'redis.conf'), 'given'],
      [path.join(from, 'manifests', 'extra.yaml'), 'extra'],
      [path.join(from, 'config-files', 'a.properties'), 'a'],
      ['/elsewhere/f', 'out of reach'],
    ]),
  );
  overlay(into, from, files);
  assert.equal(fs.readFileSync(path.join(into, 'redis.conf'), 'utf8'), 'given');
  assert.equal(fs.readFileSync(path.join(into, 'manifests', 'web.yaml'), 'utf8'), 'web');
  assert.equal(fs.readFileSync(path.join(into, 'manifests', 'extra.yaml'), 'utf8'), 'extra');
  assert.equal(fs.readFileSync(path.join(into, 'config-files', 'a.properties'), 'utf8'), 'a');
  assert.equal(fs.readFileSync(path.join(from, 'redis.conf'), 'utf8'), 'on disk');
  assert.ok(!fs.existsSync(path.join(from, 'manifests', 'extra.yaml')));
});
