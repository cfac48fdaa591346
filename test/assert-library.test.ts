// The assertion library as a library user meets it (src/index.ts), without Cucumber: the eventually/within
// semantics on virtual time, the failure messages, events, counts, traffic, files and ingress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createCluster,
  objectKey,
  EVENTUALLY,
  expectMatches,
  expectExists,
  expectGone,
  expectCount,
  expectEvent,
  expectNoEvent,
  expectCondition,
  expectSucceeded,
  expectFailed,
  expectOutput,
  expectOutputContains,
  expectOutputMatches,
  expectConnection,
  expectHttpReaches,
  connectMany,
  expectEachPodReceived,
  expectSamePod,
  expectFileContains,
  expectNoFile,
  writeFileInPod,
  installIngressNginx,
  expectIngressRoute,
  clientOf,
  podsOf,
  type Scene,
} from '../src/index';
import { sceneOf } from '../src/assert/scene';
import { resolveResource } from '../src/api/kinds';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
`;

const web = objectKey('deployment', 'web');
const PODS = resolveResource('pods')!;

/** The error an assertion throws, or a failure of the test when it throws none. */
async function failure(p: Promise<void> | (() => void)): Promise<string> {
  try {
    if (typeof p === 'function') p();
    else await p;
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected the assertion to fail');
}

test('expectMatches waits on virtual time only as long as it must, and holds', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  const before = c.clock.now();
  await expectMatches(c, web, 'status: {readyReplicas: 2, availableReplicas: 2}', { within: '2m' });
  assert.ok(c.clock.now() - before < 120_000, 'it stopped at the first moment the state held');
  await expectMatches(c, web, { spec: { replicas: 2 } });
});

test('expectMatches fails with the differing fields, the pods, the object and its history, and keeps the object for the report', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.images.set('nginx:missing', { pullable: false });
  c.apply(WEB.replace('image: nginx', 'image: nginx:missing'));
  const scene: Scene = sceneOf(c);
  const message = await failure(expectMatches(scene, web, 'status: {readyReplicas: 2}', { within: '30s' }));
  assert.match(
    message,
    /^deployment "web" in namespace "default" does not match after 30s of virtual time:\n {2}status\.readyReplicas: expected 2, found nothing\n/,
  );
  assert.match(
    message,
    /\nits pods:\n {2}web-[a-z0-9]+-[a-z0-9]+ {2}Pending {2}container web: (ErrImagePull|ImagePullBackOff)/,
  );
  assert.match(message, /\nits recent history:\n {2}\+0s {2}create {2}deployments\/default\/web {2}by kubectl/);
  assert.equal(scene.failedObject?.name, 'deployment-web');
  assert.match(scene.failedObject!.yaml, /^apiVersion: apps\/v1\n/);
});

test('expectMatches on a missing object says it does not exist; bad YAML is named as such', async () => {
  const c = createCluster({ nodes: 1 });
  assert.equal(
    await failure(expectMatches(c, web, 'spec: {}')),
    'deployment "web" in namespace "default" does not exist',
  );
  assert.match(await failure(expectMatches(c, web, 'spec: [')), /^the expected state is not valid YAML: /);
});

test('expectExists and expectGone, now and within a limit', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  const [pod] = podsOf(c.api, web.info, 'web', 'default');
  const key = objectKey('pod', pod.metadata.name!);
  await expectExists(c, key);
  assert.match(
    await failure(expectGone(c, key)),
    /^pod "web-[^"]+" in namespace "default" exists, but it should not\n[\s\S]*\n\nit is now:\n {2}apiVersion: v1\n/,
  );
  c.kubectl(`delete pod ${pod.metadata.name} --wait=false`);
  await expectGone(c, key, { within: EVENTUALLY });
  assert.match(
    await failure(expectExists(c, key, { within: '10s' })),
    /^pod "web-[^"]+" in namespace "default" does not exist after 10s of virtual time\n/,
  );
});

test('expectCount counts by label selector and lists what it found', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  await expectCount(c, PODS, 2, { labelSelector: 'app=web' });
  await expectCount(c, PODS, 0, { labelSelector: 'app=web', namespace: 'kube-system' });
  const message = await failure(expectCount(c, PODS, 3, { labelSelector: 'app=web', within: '1m' }));
  assert.match(
    message,
    /^expected 3 pods with labels "app=web" in namespace "default", found 2 after 1m0s of virtual time:\n {2}web-\S+ {2}Running {2}on node-1\n {2}web-\S+ {2}Running {2}on node-1$/,
  );
  assert.equal(
    await failure(expectCount(c, resolveResource('nodes')!, 1, { namespace: 'x' })),
    `nodes are not namespaced: drop 'in namespace "x"'`,
  );
});

test('expectEvent and expectNoEvent read the Events about the object', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  await expectEvent(c, web, 'ScalingReplicaSet', 'Scaled up replica set web-');
  await expectNoEvent(c, web, 'FailedCreate');
  assert.match(
    await failure(expectEvent(c, web, 'FailedCreate')),
    /^expected deployment "web" in namespace "default" to have an event with reason "FailedCreate"; its events:\n {2}Normal {2}ScalingReplicaSet {2}Scaled up replica set web-/,
  );
  assert.match(
    await failure(expectNoEvent(c, web, 'ScalingReplicaSet')),
    /^expected deployment "web" in namespace "default" to have no event with reason "ScalingReplicaSet", but it has:\n/,
  );
});

test('expectCondition reads one condition by type', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  await expectCondition(c, web, 'Available', { status: 'True', reason: 'MinimumReplicasAvailable' });
  assert.match(
    await failure(expectCondition(c, web, 'Available', { status: 'False' })),
    /^deployment "web" in namespace "default": expected condition Available with status False; its conditions:\n {2}Available=True MinimumReplicasAvailable: /,
  );
});

// a command's result, the output assertions' rows
const ok = { command: 'kubectl get pods', stdout: 'NAME   READY\nweb    1/1   \n\n', stderr: '', exitCode: 0 };
const bad = {
  command: 'kubectl get pod x',
  stdout: '',
  stderr: 'Error from server (NotFound): pods "x" not found\n',
  exitCode: 1,
};
const outputRows: { name: string; check: () => void; fails?: RegExp }[] = [
  { name: 'a success succeeds', check: () => expectSucceeded(ok) },
  {
    name: 'a failure does not succeed',
    check: () => expectSucceeded(bad),
    fails: /^expected the command to succeed, but it failed:\n {2}\$ kubectl get pod x\n {2}exit status 1\n/,
  },
  { name: 'a failure fails', check: () => expectFailed(bad) },
  { name: 'a failure fails with its error text', check: () => expectFailed(bad, 'NotFound') },
  {
    name: 'a failure with another text',
    check: () => expectFailed(bad, 'Forbidden'),
    fails: /^expected the error output to contain "Forbidden":\n/,
  },
  {
    name: 'a success does not fail',
    check: () => expectFailed(ok, 'NotFound'),
    fails: /^expected the command to fail with "NotFound", but it succeeded:\n/,
  },
  {
    name: 'the output is, trailing spaces and newlines aside',
    check: () => expectOutput(ok, 'NAME   READY\nweb    1/1'),
  },
  {
    name: 'the output differs at a line',
    check: () => expectOutput(ok, 'NAME   READY\nweb    0/1'),
    fails: /^the output differs from line 2:\n {2}expected: "web {4}0\/1"\n {2}found: {4}"web {4}1\/1"\n/,
  },
  { name: 'the output contains', check: () => expectOutputContains(ok, 'web') },
  { name: 'the output matches a pattern', check: () => expectOutputMatches(ok, '^NAME +READY\nweb +1/1$') },
];
for (const row of outputRows) {
  test(`output: ${row.name}`, async () => {
    if (row.fails) assert.match(await failure(row.check), row.fails);
    else row.check();
  });
}

test('traffic: a connection reaches a pod of the Service, times out on a port it does not serve; a node port nobody holds is refused; a name may not resolve', async () => {
  const c = createCluster({ nodes: 2, seed: 'library' });
  c.apply(WEB);
  const svc = objectKey('service', 'web');
  expectConnection(c, clientOf(c, undefined), 'web:80', { reaches: svc });
  expectConnection(c, clientOf(c, undefined), 'web:81', { timesOut: true });
  expectConnection(c, clientOf(c, { outside: true }), 'node-1:8080', { refused: true });
  expectConnection(c, clientOf(c, undefined), 'nowhere:80', { unresolved: true });
  assert.match(
    await failure(() => expectConnection(c, clientOf(c, undefined), 'web:81', { reaches: svc })),
    /^expected a connection to "web:81" to reach a pod of service "web", but it failed:\n[\s\S]* {2}route:\n/,
  );
  expectHttpReaches(c, clientOf(c, { podOf: { info: web.info, name: 'web' } }), 'http://web/', web);
  const { spread, result } = connectMany(c, clientOf(c, undefined), 'web:80', 1);
  assert.equal(result.exitCode, 0);
  expectSamePod(spread);
  assert.match(
    await failure(() => expectEachPodReceived(c, spread, web, 1, 1)),
    /^expected each pod of deployment "web" to receive 1 of the 1 connections:\nPOD +NODE +CONNECTIONS\n/,
  );
});

test('files: what a container writes, it and its volumes read back', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  c.apply(WEB);
  const [pod] = podsOf(c.api, web.info, 'web', 'default');
  const at = { pod: pod.metadata.name! };
  writeFileInPod(c, at, '/usr/share/nginx/html/index.html', 'hello');
  expectFileContains(c, at, '/usr/share/nginx/html/index.html', 'hello');
  expectNoFile(c, at, '/usr/share/nginx/html/missing.html');
  assert.equal(
    await failure(() => expectFileContains(c, { pod: 'nope' }, '/etc/hosts', 'x')),
    'Error from server (NotFound): pods "nope" not found',
  );
  assert.match(
    await failure(() => expectFileContains(c, at, '/usr/share/nginx/html/index.html', 'bye')),
    /^the file \/usr\/share\/nginx\/html\/index\.html in pod web-\S+ does not contain:\nbye\nIt holds:\nhello\n/,
  );
});

test('ingress: installing ingress-nginx, then where its controller sends a URL', async () => {
  const c = createCluster({ nodes: 1, seed: 'library' });
  installIngressNginx(c);
  c.apply(`${WEB}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: web.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
`);
  c.ingress.pointHostAtController('web.example.com');
  expectIngressRoute(c, 'http://web.example.com/docs', { service: 'web', path: '/docs' });
  assert.match(
    await failure(() => expectIngressRoute(c, 'http://web.example.com/', { service: 'api' })),
    /^expected "http:\/\/web\.example\.com\/" to go to service "api", but it goes to default\/web:80 with path \/ \(Ingress default\/web\)\nthe controller's rules:\n {2}server web\.example\.com\n/,
  );
});

test("the README's library example is examples/library.ts, and it runs", async () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const shown = /The steps' assertions are the library's too[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const file = readFileSync(join(__dirname, '..', 'examples', 'library.ts'), 'utf8');
  assert.equal(
    shown,
    file.slice(file.indexOf('import {')).replace("'../src/index'", "'kspec'"),
    'README.md shows examples/library.ts as a user imports it',
  );
  const { main } = require('../examples/library') as typeof import('../examples/library');
  await main();
});
