import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { getPodsToDelete, logarithmicRankDiff, podsToDeleteFirst } from '../src/controllers/replicaset/pods-to-delete';
import { slowStartBatch, slowStartBatchSizes } from '../src/controllers/util/slow-start';
import { createCluster } from '../src/cluster';
import { create, markReady } from './replicaset.helpers';

const NOW = Date.UTC(2024, 0, 1, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pod(
  name: string,
  o: {
    node?: string;
    phase?: string;
    ready?: boolean;
    readySince?: number;
    created?: number;
    restarts?: number;
    cost?: string;
  } = {},
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: iso(o.created ?? NOW - 3600_000),
      annotations: o.cost ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : undefined,
    },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: iso(o.readySince ?? NOW - 600_000) },
      ],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }],
    },
  };
}

test('getPodsToDelete (TestGetPodsToDelete)', () => {
  const readyOnNode1 = () => pod('readyOnNode1', { node: 'node1', ready: true });
  const readyOnNode2 = () => pod('readyOnNode2', { node: 'node2', ready: true });
  const runningNotReady = (n = '') => pod('runningNotReady' + n, { node: 'node1', ready: false });
  const scheduledPending = () => pod('scheduledPending', { node: 'node1', phase: 'Pending' });
  const unscheduledPending = () => pod('unscheduledPending', { phase: 'Pending' });
  const rows: [string, KObject[], KObject[] | undefined, number, string[]][] = [
    ['ready vs not ready', [readyOnNode1(), runningNotReady()], undefined, 1, ['runningNotReady']],
    ['scheduled vs unscheduled', [scheduledPending(), unscheduledPending()], undefined, 1, ['unscheduledPending']],
    [
      'two not ready',
      [readyOnNode1(), runningNotReady('a'), runningNotReady('b')],
      undefined,
      2,
      ['runningNotReadya', 'runningNotReadyb'],
    ],
    [
      'co-located',
      [readyOnNode1(), readyOnNode2()],
      [readyOnNode1(), readyOnNode2(), pod('other', { node: 'node2', ready: true })],
      1,
      ['readyOnNode2'],
    ],
    ['pending vs running not ready', [scheduledPending(), runningNotReady()], undefined, 1, ['scheduledPending']],
    [
      'five pods',
      [readyOnNode1(), readyOnNode2(), runningNotReady(), scheduledPending(), unscheduledPending()],
      undefined,
      3,
      ['unscheduledPending', 'scheduledPending', 'runningNotReady'],
    ],
  ];
  for (const [name, pods, related, diff, want] of rows) {
    const got = getPodsToDelete(pods, related ?? pods, diff, NOW)
      .map((p) => p.metadata.name)
      .sort();
    assert.deepEqual(got, [...want].sort(), name);
  }
});

test('deletion order: cost, ready time in log2 buckets, restarts, creation time', () => {
  const rows: [string, KObject, KObject, string][] = [
    [
      'lower deletion cost first',
      pod('a', { node: 'n', ready: true, cost: '10' }),
      pod('b', { node: 'n', ready: true, cost: '-5' }),
      'b',
    ],
    [
      'ready more recently first',
      pod('a', { node: 'n', ready: true, readySince: NOW - 3600_000 }),
      pod('b', { node: 'n', ready: true, readySince: NOW - 60_000 }),
      'b',
    ],
    [
      'same log2 bucket: by uid',
      pod('b', { node: 'n', ready: true, readySince: NOW - 100_000 }),
      pod('a', { node: 'n', ready: true, readySince: NOW - 101_000 }),
      'a',
    ],
    [
      'more restarts first',
      pod('a', { node: 'n', ready: true, restarts: 1 }),
      pod('b', { node: 'n', ready: true, restarts: 4 }),
      'b',
    ],
    [
      'newer first',
      pod('a', { node: 'n', created: NOW - 7200_000 }),
      pod('b', { node: 'n', created: NOW - 60_000 }),
      'b',
    ],
  ];
  for (const [name, a, b, want] of rows) {
    assert.equal(getPodsToDelete([a, b], [a, b], 1, NOW)[0].metadata.name, want, name);
    assert.equal(getPodsToDelete([b, a], [b, a], 1, NOW)[0].metadata.name, want, name + ' (reversed)');
  }
  assert.equal(logarithmicRankDiff(NOW - 100_000, NOW - 101_000, NOW), 0);
  assert.ok(logarithmicRankDiff(NOW - 1000, NOW - 100_000, NOW) < 0);
});

test('slowStartBatch doubles from 1 and stops at the first failing batch', () => {
  const rows: [number, number[]][] = [
    [0, []],
    [1, [1]],
    [3, [1, 2]],
    [10, [1, 2, 4, 3]],
    [500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
  ];
  for (const [n, want] of rows) assert.deepEqual(slowStartBatchSizes(n), want, `count ${n}`);
  let calls = 0;
  const r = slowStartBatch(10, 1, () => {
    calls++;
    if (calls === 3) throw new Error('quota');
  });
  assert.equal(calls, 3, 'the batch of 2 runs fully, then no more batches');
  assert.equal(r.successes, 2);
  assert.equal((r.error as Error).message, 'quota');
});

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: frontend, labels: {tier: frontend}}
spec:
  replicas: 3
  selector: {matchLabels: {tier: frontend}}
  template:
    metadata: {labels: {tier: frontend}, annotations: {note: x}}
    spec: {containers: [{name: php, image: php:8}]}
`;

test('a ReplicaSet creates its pods with generateName, labels, annotations and a controllerRef; reports status', () => {
  const c = createCluster({ seed: 'rs', nodes: 0 }); // markReady stands in for the kubelet
  create(c, RS);
  const rs = c.get('replicasets', 'frontend');
  const pods = c.list('pods', { labelSelector: 'tier=frontend' });
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.match(p.metadata.name!, /^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.metadata.generateName, 'frontend-');
    assert.equal(p.metadata.annotations?.note, 'x');
    assert.deepEqual(p.metadata.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'frontend',
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  }
  assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  markReady(c);
  assert.deepEqual(c.get('replicasets', 'frontend').status, {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
  });
  const events = c
    .list('events')
    .filter((e) => e.involvedObject.name === 'frontend')
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
  assert.equal(events.filter((e) => /^Normal SuccessfulCreate Created pod: frontend-/.test(e)).length, 3);
});

test('a ReplicaSet adopts a matching orphan and releases a pod whose labels stop matching', () => {
  const c = createCluster({ seed: 'adopt' });
  create(
    c,
    `apiVersion: v1\nkind: Pod\nmetadata: {name: stray, labels: {tier: frontend}}\nspec: {containers: [{name: c, image: nginx}]}\n`,
  );
  create(c, RS);
  const rs = c.get('replicasets', 'frontend');
  assert.equal(c.get('pods', 'stray').metadata.ownerReferences?.[0].uid, rs.metadata.uid, 'adopted');
  assert.equal(c.list('pods', { labelSelector: 'tier=frontend' }).length, 3, 'only two created');
  c.api.patch('pods', 'default', 'stray', { metadata: { labels: { tier: 'debug' } } }, 'merge');
  c.converge();
  assert.equal(c.get('pods', 'stray').metadata.ownerReferences, undefined, 'released');
  assert.equal(c.list('pods', { labelSelector: 'tier=frontend' }).length, 3, 'replaced');
});

test('scale down deletes the pods ranked first, and podsToDeleteFirst names them', () => {
  const c = createCluster({ seed: 'down' });
  create(c, RS.replace('replicas: 3', 'replicas: 4'));
  markReady(c);
  const first = podsToDeleteFirst(c.api, 'replicaset', 'frontend', 'default', 2)
    .map((p) => p.metadata.name)
    .sort();
  c.api.patch('replicasets', 'default', 'frontend', { spec: { replicas: 2 } }, 'merge');
  c.converge();
  const deleted = c
    .list('events')
    .filter((e) => e.reason === 'SuccessfulDelete')
    .map((e) => e.message.replace('Deleted pod: ', ''))
    .sort();
  assert.deepEqual(deleted, first);
  assert.equal(c.list('pods').filter((p) => !p.metadata.deletionTimestamp).length, 2);
});

// The ReplicationController: the ReplicaSet controller for a map selector (pkg/controller/replication), its
// defaulting (SetDefaults_ReplicationController) and validation (ValidateReplicationControllerSpec)
import { createCluster as newCluster } from '../src/cluster';
test('ReplicationController: defaults, validation, and the pods the replication controller keeps', () => {
  const c = newCluster({ nodes: 2, seed: 'rc' });
  const rc = (name: string, spec: any) => ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name },
    spec,
  });
  const tpl = (labels: any) => ({ metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
  const created: any = c.api.create(rc('web', { template: tpl({ app: 'web' }) }));
  assert.deepEqual(
    [created.metadata.labels, created.spec.selector, created.spec.replicas],
    [{ app: 'web' }, { app: 'web' }, 1],
  );
  const errors: Array<[any, string]> = [
    [
      rc('a', { selector: { app: 'x' }, template: tpl({ app: 'web' }) }),
      'ReplicationController "a" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: selector does not match template labels',
    ],
    [rc('b', { selector: { app: 'b' } }), 'ReplicationController "b" is invalid: spec.template: Required value'],
    [
      rc('c', { replicas: -1, template: tpl({ app: 'c' }) }),
      'ReplicationController "c" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      rc('d', {
        template: {
          ...tpl({ app: 'd' }),
          spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx' }] },
        },
      }),
      'ReplicationController "d" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
  ];
  for (const [obj, message] of errors) assert.throws(() => c.api.create(obj), { message });
  c.kubectl('scale rc web --replicas=3');
  c.converge();
  const pods = c.api.list('pods', { labelSelector: 'app=web' });
  assert.equal(pods.length, 3);
  for (const p of pods)
    assert.deepEqual(
      p.metadata.ownerReferences?.map((r: any) => [r.kind, r.name, r.controller]),
      [['ReplicationController', 'web', true]],
    );
  assert.deepEqual(c.get('replicationcontroller', 'web').status, {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    observedGeneration: 2,
  });
  const events = c.api.list('events').filter((e) => e.involvedObject.kind === 'ReplicationController');
  assert.deepEqual(
    [...new Set(events.map((e) => `${e.source.component} ${e.reason}`))],
    ['replication-controller SuccessfulCreate'],
  );
});
