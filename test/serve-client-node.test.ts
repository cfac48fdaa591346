// @kubernetes/client-node 1.4.0 (ESM, loaded through require(esm)) against a served cluster: list, an Informer's
// list and watch, create, patch, delete, exec over WebSocket and logs. No mocks: the real client, the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createCluster } from '../src/cluster';
import { serveCluster, type ServedCluster } from '../src/server/serve';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const k8s = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');

let served: ServedCluster;
let kc: InstanceType<typeof k8s.KubeConfig>;

before(async () => {
  const cluster = createCluster({ seed: 'client-node' });
  // busybox's log: the lines the image behaviour declares
  cluster.images.set('example/logger', { logs: ['starting', 'ready'] });
  served = await serveCluster(cluster, { clock: 'manual' });
  kc = new k8s.KubeConfig();
  kc.loadFromString(served.kubeconfig);
});
after(() => served?.close());

const until = async (done: () => boolean, what: () => unknown, ms = 3000) => {
  for (const end = Date.now() + ms; !done(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() > end) throw new Error(`timed out; so far: ${JSON.stringify(what())}`);
};

test('list, create, patch and delete through the typed clients', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const nodes = await core.listNode();
  assert.deepEqual(
    nodes.items.map((n) => n.metadata!.name),
    ['node-1', 'node-2', 'node-3'],
  );
  await apps.createNamespacedDeployment({
    namespace: 'default',
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    },
  });
  const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
  assert.equal(pods.items.length, 2, 'the cluster converged after the create: the controllers made the pods');
  assert.ok(pods.items.every((p) => p.status?.phase === 'Running'));
  const patched = await apps.patchNamespacedDeployment(
    { name: 'web', namespace: 'default', body: { spec: { replicas: 3 } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  assert.equal(patched.spec!.replicas, 3);
  assert.equal((await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items.length, 3);
  await assert.rejects(
    apps.createNamespacedDeployment({ namespace: 'default', body: { metadata: { name: 'web' }, spec: patched.spec } }),
    (e: any) => e.code === 409 && JSON.parse(e.body).reason === 'AlreadyExists',
  );
  await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'default' });
  await assert.rejects(
    apps.readNamespacedDeployment({ name: 'web', namespace: 'default' }),
    (e: any) => e.code === 404,
  );
});

test('an Informer lists, then watches: adds, updates and deletes arrive as events', async () => {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const seen: string[] = [];
  const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () =>
    core.listNamespacedConfigMap({ namespace: 'default' }),
  );
  informer.on('add', (o) => seen.push(`add ${o.metadata!.name}`));
  informer.on('update', (o) => seen.push(`update ${o.metadata!.name} ${o.data?.k}`));
  informer.on('delete', (o) => seen.push(`delete ${o.metadata!.name}`));
  await informer.start();
  await until(
    () => seen.includes('add kube-root-ca.crt'),
    () => seen,
  );
  served.cluster.kubectl('create configmap settings --from-literal=k=1');
  await until(
    () => seen.includes('add settings'),
    () => seen,
  );
  served.cluster.kubectl(`patch configmap settings -p '{"data":{"k":"2"}}'`);
  await until(
    () => seen.includes('update settings 2'),
    () => seen,
  );
  served.cluster.kubectl('delete configmap settings');
  await until(
    () => seen.includes('delete settings'),
    () => seen,
  );
  await informer.stop();
  assert.deepEqual(seen, ['add kube-root-ca.crt', 'add settings', 'update settings 2', 'delete settings']);
});

test("exec over WebSocket and a pod's log", async () => {
  served.cluster.kubectl('run logger --image=example/logger');
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += c;
  });
  const status = await new Promise<any>((resolve, reject) => {
    new k8s.Exec(kc)
      .exec('default', 'logger', 'logger', ['hostname'], stdout, stderr, null, false, resolve)
      .catch(reject);
  });
  assert.equal(status.status, 'Success');
  await until(
    () => out === 'logger\n',
    () => out,
  );
  let log = '';
  const sink = new PassThrough();
  sink.on('data', (c) => {
    log += c;
  });
  await new k8s.Log(kc).log('default', 'logger', 'logger', sink, { follow: false });
  await until(
    () => log === 'starting\nready\n',
    () => log,
  );
});

/** Runs argv in the pod's container through the client's Exec; resolves with what came back. */
function execIn(pod: string, argv: string[], stdin?: string): Promise<{ status: any; out: string; err: string }> {
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = '',
    err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  const input = stdin === undefined ? null : new PassThrough();
  return new Promise((resolve, reject) => {
    new k8s.Exec(kc)
      .exec('default', pod, pod, argv, stdout, stderr, input, false, (status) =>
        setTimeout(() => resolve({ status, out, err }), 20),
      )
      .catch(reject);
    if (input) setTimeout(() => input.end(stdin), 50);
  });
}

test("exec: the shell's output, stderr apart, stdin, and a non-zero exit status as the kubelet reports it", async () => {
  served.cluster.kubectl(`run box --image=busybox --restart=Never -- sh -c 'sleep 3600'`);
  const rows: [string[], string | undefined, { status: string; reason?: string; code?: string }, string, string][] = [
    [['sh', '-c', 'echo out; echo err >&2'], undefined, { status: 'Success' }, 'out\n', 'err\n'],
    [
      ['sh', '-c', 'echo partial; exit 3'],
      undefined,
      { status: 'Failure', reason: 'NonZeroExitCode', code: '3' },
      'partial\n',
      '',
    ],
    [['sh', '-c', 'yes | head -n 2'], undefined, { status: 'Success' }, 'y\ny\n', ''],
    [['cat'], 'piped\n', { status: 'Success' }, 'piped\n', ''],
    [['nosuch'], undefined, { status: 'Failure', reason: 'InternalError' }, '', ''],
  ];
  for (const [argv, stdin, want, out, err] of rows) {
    const r = await execIn('box', argv, stdin);
    assert.deepEqual(
      { status: r.status.status, reason: r.status.reason, code: r.status.details?.causes?.[0]?.message },
      { status: want.status, reason: want.reason, code: want.code },
      argv.join(' '),
    );
    assert.deepEqual([r.out, r.err], [out, err], argv.join(' '));
  }
});

test('a followed log streams what the container writes as virtual time passes, and ends with the container', async () => {
  served.cluster.apply(`apiVersion: v1
kind: Pod
metadata: {name: writer}
spec:
  restartPolicy: Never
  containers:
  - {name: writer, image: busybox, command: [sh, -c, 'for i in 1 2 3; do echo line $i; sleep 5; done']}
`);
  let log = '',
    ended = false;
  const sink = new PassThrough();
  sink.on('data', (c) => {
    log += c;
  });
  sink.on('finish', () => {
    ended = true;
  });
  await new k8s.Log(kc).log('default', 'writer', 'writer', sink, { follow: true, timestamps: true });
  await until(
    () => log.split('\n').length === 2,
    () => log,
  );
  served.clock.advance(5000);
  await until(
    () => log.split('\n').length === 3,
    () => log,
  );
  assert.equal(ended, false, 'the container runs on: the log stays open');
  served.clock.advance(10_000);
  await until(
    () => ended,
    () => log,
  );
  assert.equal(
    log,
    '2024-01-01T00:00:00.000000000Z line 1\n2024-01-01T00:00:05.000000000Z line 2\n2024-01-01T00:00:10.000000000Z line 3\n',
  );
});
