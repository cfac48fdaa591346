// POST /kspec/v1/cluster on a served cluster: a fresh cluster of the nodes and seed asked for, on the same address
// and credentials (the live driver's cluster of a scenario's own, a lab's reset); only the cluster admin may ask.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { serveCluster, type ServedCluster } from '../src/server/serve';
import { request } from '../src/cli/serve-command';
import { RealKubectl, findKubectl } from './helpers/real-kubectl';

let served: ServedCluster;
before(async () => {
  served = await serveCluster(createCluster({ seed: 'fresh' }), { clock: 'manual', users: [{ name: 'jane' }] });
});
after(() => served?.close());

const token = (context: string) => served.users.find((u) => u.context === context)!.token;
const post = (body: unknown, context = 'kspec') =>
  new Promise<{ status: number; body: any }>((resolve, reject) => {
    const https = require('node:https') as typeof import('node:https');
    const req = https.request(
      `${served.url}/kspec/v1/cluster`,
      {
        method: 'POST',
        ca: served.ca,
        headers: { authorization: `Bearer ${token(context)}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

test('a fresh cluster of the nodes and seed asked for, at the start asked for (a manual clock)', async () => {
  served.cluster.kubectl('create configmap before --from-literal=a=b');
  const first = served.cluster;
  const r = await post({
    nodes: [{ name: 'a', labels: { disk: 'ssd' } }, { name: 'b' }],
    seed: 's',
    start: '2024-01-01T00:00:00Z',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body, { nodes: ['a', 'b'], seed: 's', now: '2024-01-01T00:00:00Z' });
  assert.notEqual(served.cluster, first);
  assert.equal(
    served.cluster.tryGet('configmaps', 'before', 'default'),
    undefined,
    'nothing of the old cluster is left',
  );
  assert.equal(served.cluster.get('nodes', 'a').metadata.labels!.disk, 'ssd');
  // the same seed gives the same names as an embedded cluster of that seed
  const twin = createCluster({
    nodes: [{ name: 'a', labels: { disk: 'ssd' } }, { name: 'b' }],
    seed: 's',
    start: Date.UTC(2024, 0, 1),
  });
  for (const c of [served.cluster, twin]) c.kubectl('create deployment web --image=nginx --replicas=2');
  const names = (c: typeof twin) => c.list('pods', { namespace: 'default' }).map((p) => p.metadata.name);
  assert.deepEqual(names(served.cluster), names(twin));
  assert.equal(
    (await request(`${served.url}/kspec/v1/time`, 'GET', token('kspec'), served.ca)).body.now,
    '2024-01-01T00:00:00Z',
  );
});

test('bad bodies and other users are refused', async () => {
  const rows: Array<[unknown, string, number, RegExp]> = [
    [{ nodes: -1 }, 'kspec', 400, /nodes must be a whole number or a list of nodes/],
    [{ nodes: [{}] }, 'kspec', 400, /each with a name/],
    [{ seed: 3 }, 'kspec', 400, /seed must be a string/],
    [{ start: 'yesterday' }, 'kspec', 400, /start must be an RFC 3339 time/],
    [{ nodes: 1 }, 'kspec-jane', 403, /only the cluster admin may replace the cluster/],
  ];
  for (const [body, context, status, message] of rows) {
    const r = await post(body, context);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.match(r.body.message, message);
  }
});

test("a ReplicationController's scale subresource is served, as kubectl scale rc needs", async () => {
  const bin = findKubectl('1.30');
  if (!bin) return;
  const k = new RealKubectl(bin, served.kubeconfig);
  try {
    served.cluster.apply(
      'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: nginx}\nspec:\n  replicas: 1\n  selector: {app: nginx}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec: {containers: [{name: nginx, image: nginx}]}\n',
    );
    const r = await k.run(['--context', 'kspec', 'scale', '--replicas=3', 'rc/nginx']);
    assert.equal(r.stdout, 'replicationcontroller/nginx scaled\n', r.stderr);
    assert.equal(served.cluster.get('replicationcontrollers', 'nginx', 'default').spec.replicas, 3);
  } finally {
    k.cleanup();
  }
});
