import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { create, markReady } from './replicaset.helpers';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
`;

const events = (c: Cluster, name: string) =>
  c
    .list('events')
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
const livePods = (c: Cluster) => c.list('pods').filter((p) => !p.metadata.deletionTimestamp);
const scale = (c: Cluster, n: number) => {
  c.api.patch('deployments', 'default', 'web', { spec: { replicas: n } }, 'merge');
  c.converge();
  markReady(c);
};

test('a Deployment of 3 creates one ReplicaSet web-<hash> with 3 pods web-<hash>-<5>', () => {
  const c = createCluster({ seed: 'web' });
  create(c, WEB);
  markReady(c);
  const rss = c.list('replicasets');
  assert.equal(rss.length, 1);
  const rs = rss[0];
  const hash = rs.metadata.labels!['pod-template-hash'];
  assert.match(hash, /^[4-9bcdf]{1,10}$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.metadata.labels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.spec.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  assert.deepEqual(rs.metadata.annotations, {
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
    'deployment.kubernetes.io/revision': '1',
  });
  const pods = livePods(c);
  assert.equal(pods.length, 3);
  for (const p of pods) assert.match(p.metadata.name!, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  const d = c.get('deployments', 'web');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  const { conditions, ...counts } = d.status;
  assert.deepEqual(counts, {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
  });
  assert.deepEqual(
    conditions.map((x: any) => [x.type, x.status, x.reason, x.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ],
  );
  assert.deepEqual(events(c, 'web'), [`Normal ScalingReplicaSet Scaled up replica set web-${hash} to 3`]);
});

test('scale to 5 and back to 3; a deleted pod is replaced', () => {
  const c = createCluster({ seed: 'scale' });
  create(c, WEB);
  markReady(c);
  const rs = c.list('replicasets')[0].metadata.name;
  scale(c, 5);
  assert.equal(livePods(c).length, 5);
  assert.equal(c.get('deployments', 'web').status.availableReplicas, 5);
  scale(c, 3);
  assert.equal(livePods(c).length, 3);
  assert.deepEqual(events(c, 'web').slice(1), [
    `Normal ScalingReplicaSet Scaled up replica set ${rs} to 5 from 3`,
    `Normal ScalingReplicaSet Scaled down replica set ${rs} to 3 from 5`,
  ]);
  assert.equal(c.get('replicasets', rs!).metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
  const victim = livePods(c)[0].metadata.name!;
  c.api.delete('pods', 'default', victim);
  c.converge();
  markReady(c);
  const names = livePods(c).map((p) => p.metadata.name);
  assert.equal(names.length, 3);
  assert.ok(!names.includes(victim));
  assert.equal(c.list('replicasets').length, 1);
});

test('a template change rolls out a new ReplicaSet within maxSurge and maxUnavailable', () => {
  const c = createCluster({ seed: 'roll' });
  create(c, WEB.replace('replicas: 3', 'replicas: 4'));
  markReady(c);
  const oldName = c.list('replicasets')[0].metadata.name!;
  c.api.patch(
    'deployments',
    'default',
    'web',
    { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } },
    'strategic',
  );
  c.converge();
  // 25% of 4: surge 1, unavailable 1 → new RS starts at 2 (4+1-3 after one old pod goes), old at 3
  const rss = c.list('replicasets');
  assert.equal(rss.length, 2);
  const newRS = rss.find((r) => r.metadata.name !== oldName)!;
  assert.equal(newRS.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  const total = rss.reduce((a, r) => a + r.spec.replicas, 0);
  assert.ok(total <= 5, `at most replicas + maxSurge (${total})`);
  markReady(c);
  const after = c.list('replicasets');
  assert.deepEqual(
    after.map((r) => [r.metadata.name, r.spec.replicas]).sort(),
    [
      [newRS.metadata.name, 4],
      [oldName, 0],
    ].sort(),
  );
  const d = c.get('deployments', 'web');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.status.updatedReplicas, 4);
  assert.equal(d.status.replicas, 4);
  assert.equal(d.status.conditions.find((x: any) => x.type === 'Progressing').reason, 'NewReplicaSetAvailable');
  const ev = events(c, 'web');
  assert.equal(ev[1], `Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} to 1`);
  assert.ok(
    ev.includes(`Normal ScalingReplicaSet Scaled down replica set ${oldName} to 0 from 1`) ||
      ev.some((e) => e.includes(`Scaled down replica set ${oldName} to 0 from`)),
  );
  assert.equal(livePods(c).length, 4);
  // rolling back to the old template reuses the old ReplicaSet as revision 3
  c.api.patch(
    'deployments',
    'default',
    'web',
    { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } },
    'strategic',
  );
  c.converge();
  markReady(c);
  const old = c.get('replicasets', oldName);
  assert.equal(old.spec.replicas, 4);
  assert.equal(old.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(old.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
});

test('Recreate scales the old ReplicaSet to 0 before creating the new one', () => {
  const c = createCluster({ seed: 'recreate' });
  create(c, WEB.replace('  replicas: 3\n', '  replicas: 2\n  strategy: {type: Recreate}\n'));
  markReady(c);
  c.api.patch(
    'deployments',
    'default',
    'web',
    { spec: { template: { metadata: { labels: { app: 'web', v: '2' } } } } },
    'strategic',
  );
  c.converge();
  markReady(c);
  const ev = events(c, 'web');
  assert.match(ev[1], /Scaled down replica set web-\w+ to 0 from 2/);
  assert.match(ev[2], /Scaled up replica set web-\w+ to 2$/);
  assert.equal(livePods(c).length, 2);
});

test('progressDeadlineSeconds: no progress turns Progressing False ProgressDeadlineExceeded', () => {
  // no nodes: the pod is never scheduled, so it never becomes ready
  const c = createCluster({ seed: 'deadline', nodes: 0 });
  create(c, WEB.replace('  replicas: 3\n', '  replicas: 1\n  progressDeadlineSeconds: 30\n'));
  c.advance('29s');
  assert.equal(
    c.get('deployments', 'web').status.conditions.find((x: any) => x.type === 'Progressing').reason,
    'ReplicaSetUpdated',
  );
  c.advance('5s');
  const p = c.get('deployments', 'web').status.conditions.find((x: any) => x.type === 'Progressing');
  assert.deepEqual([p.status, p.reason], ['False', 'ProgressDeadlineExceeded']);
  assert.match(p.message, /^ReplicaSet "web-\w+" has timed out progressing\.$/);
});

test('deleting the Deployment deletes its ReplicaSet and pods (garbage collector)', () => {
  const c = createCluster({ seed: 'gc' });
  create(c, WEB);
  c.api.delete('deployments', 'default', 'web');
  c.converge();
  assert.equal(c.list('replicasets').length, 0);
  assert.equal(c.list('pods').length, 0);
});
