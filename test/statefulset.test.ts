import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import * as u from '../src/controllers/statefulset/utils';
import { computeReplicaStatus } from '../src/controllers/statefulset/control';
import {
  controllerRevisionName,
  nextRevision,
  hashControllerRevision,
} from '../src/controllers/history/controller-history';
import { create, markReady } from './replicaset.helpers';

function set(
  o: {
    replicas?: number;
    partition?: number;
    type?: string;
    whenDeleted?: string;
    whenScaled?: string;
    start?: number;
  } = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
    spec: {
      replicas: o.replicas ?? 3,
      serviceName: 'nginx',
      ordinals: o.start !== undefined ? { start: o.start } : undefined,
      selector: { matchLabels: { app: 'nginx' } },
      updateStrategy: { type: o.type ?? 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } },
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: o.whenDeleted ?? 'Retain',
        whenScaled: o.whenScaled ?? 'Retain',
      },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx' }],
          volumes: [
            { name: 'www', emptyDir: {} },
            { name: 'cfg', emptyDir: {} },
          ],
        },
      },
      volumeClaimTemplates: [
        { metadata: { name: 'www', labels: { tier: 'data' } }, spec: { accessModes: ['ReadWriteOnce'] } },
      ],
    },
  };
}

const pod = (name: string, o: { phase?: string; ready?: boolean; rev?: string; deleting?: boolean } = {}): KObject => ({
  metadata: {
    name,
    labels: { 'controller-revision-hash': o.rev ?? 'web-1' },
    deletionTimestamp: o.deleting ? '2024-01-01T00:00:00Z' : undefined,
  },
  status: {
    phase: o.phase ?? 'Running',
    conditions: [
      { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
    ],
  },
});

test('getParentNameAndOrdinal (statefulPodRegex)', () => {
  const rows: [string, string, number][] = [
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-web-3', 'my-web', 3],
    ['web', '', -1],
    ['web-x', '', -1],
  ];
  for (const [name, parent, ord] of rows)
    assert.deepEqual(u.getParentNameAndOrdinal({ metadata: { name } }), [parent, ord], name);
});

test('ordinal range honours spec.ordinals.start', () => {
  const rows: [number | undefined, number, string, boolean][] = [
    [undefined, 3, 'web-0', true],
    [undefined, 3, 'web-2', true],
    [undefined, 3, 'web-3', false],
    [5, 2, 'web-5', true],
    [5, 2, 'web-4', false],
    [5, 2, 'web-7', false],
  ];
  for (const [start, replicas, name, inRange] of rows)
    assert.equal(
      u.podInOrdinalRange({ metadata: { name } }, set({ start, replicas })),
      inRange,
      `${start} ${replicas} ${name}`,
    );
});

test('newStatefulSetPod: identity, claim volumes, controllerRef', () => {
  const s = set();
  const p = u.newStatefulSetPod(s, s.spec.template, 1);
  assert.equal(p.metadata.name, 'web-1');
  assert.deepEqual(p.metadata.labels, {
    app: 'nginx',
    'statefulset.kubernetes.io/pod-name': 'web-1',
    'apps.kubernetes.io/pod-index': '1',
  });
  assert.equal(p.spec.hostname, 'web-1');
  assert.equal(p.spec.subdomain, 'nginx');
  // the claim replaces the template volume of the same name; other volumes stay
  assert.deepEqual(p.spec.volumes, [
    { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } },
    { name: 'cfg', emptyDir: {} },
  ]);
  assert.equal(p.metadata.ownerReferences?.[0].uid, 'set-uid');
  const claim = u.getPersistentVolumeClaims(s, p).get('www')!;
  assert.equal(claim.metadata.name, 'www-web-1');
  assert.deepEqual(claim.metadata.labels, { tier: 'data', app: 'nginx' });
});

test('newVersionedStatefulSetPod: ordinals below the partition stay at the current revision', () => {
  const rev = (name: string, image: string): KObject => ({
    metadata: { name },
    data: {
      spec: { template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } } },
    },
  });
  const current = rev('web-old', 'nginx:1'),
    update = rev('web-new', 'nginx:2');
  const rows: [string, number, number, string][] = [
    ['RollingUpdate', 0, 0, 'web-new'],
    ['RollingUpdate', 2, 1, 'web-old'],
    ['RollingUpdate', 2, 2, 'web-new'],
    ['OnDelete', 2, 0, 'web-new'],
  ];
  for (const [type, partition, ordinal, want] of rows) {
    const p = u.newVersionedStatefulSetPod(set({ type, partition }), current, update, ordinal);
    assert.equal(u.getPodRevision(p), want, `${type} partition ${partition} ordinal ${ordinal}`);
    assert.equal(p.spec.containers[0].image, want === 'web-new' ? 'nginx:2' : 'nginx:1');
  }
});

test('claim ownerReferences under the retention policy (claimOwnerMatchesSetAndPod)', () => {
  const claim: KObject = { metadata: { name: 'www-web-2' } };
  const p: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', uid: 'pod-uid' } };
  const rows: [string, string, boolean, string[]][] = [
    ['Retain', 'Retain', false, []],
    ['Retain', 'Retain', true, []],
    ['Delete', 'Retain', false, ['set-uid']],
    ['Delete', 'Retain', true, ['set-uid']],
    ['Retain', 'Delete', false, []],
    ['Retain', 'Delete', true, ['pod-uid']],
    ['Delete', 'Delete', false, ['set-uid']],
    ['Delete', 'Delete', true, ['pod-uid']],
  ];
  for (const [whenDeleted, whenScaled, condemned, uids] of rows) {
    const refs = u.desiredClaimOwners(set({ whenDeleted, whenScaled }), claim, p, condemned);
    assert.deepEqual(
      refs.map((r) => r.uid),
      uids,
      `${whenDeleted}/${whenScaled} condemned=${condemned}`,
    );
  }
});

test('computeReplicaStatus (ready, available, current and updated revisions)', () => {
  const pods = [
    pod('web-0', { rev: 'web-1' }),
    pod('web-1', { rev: 'web-2', ready: false }),
    pod('web-2', { rev: 'web-2', deleting: true }),
    pod('web-3', { phase: '' }),
  ];
  assert.deepEqual(computeReplicaStatus(pods, 0, Date.UTC(2024, 0, 1), 'web-1', 'web-2'), {
    replicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    currentReplicas: 1,
    updatedReplicas: 1,
  });
  // minReadySeconds: ready since 00:00, not yet available at 00:00:05 with 10s
  assert.equal(computeReplicaStatus([pod('web-0')], 10, Date.UTC(2024, 0, 1, 0, 0, 5), 'a', 'a').availableReplicas, 0);
});

test('ControllerRevision names and numbers', () => {
  assert.equal(controllerRevisionName('web', 'abc'), 'web-abc');
  assert.equal(controllerRevisionName('x'.repeat(300), 'h').length, 225);
  assert.equal(nextRevision([]), 1);
  assert.equal(
    nextRevision([
      { metadata: {}, revision: 3 },
      { metadata: {}, revision: 1 },
    ]),
    4,
  );
  assert.notEqual(hashControllerRevision({ a: 1 }), hashControllerRevision({ a: 1 }, 1));
});

const WEB = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

test('OrderedReady: one pod per ready predecessor; scale down from the highest ordinal', () => {
  const c = createCluster({ nodes: 0, seed: 'sts' });
  create(c, WEB);
  assert.deepEqual(
    c.list('pods').map((p) => p.metadata.name),
    ['web-0'],
    'only web-0 until it is ready',
  );
  markReady(c);
  assert.deepEqual(
    c.list('pods').map((p) => p.metadata.name),
    ['web-0', 'web-1', 'web-2'],
  );
  const s = c.get('statefulsets', 'web');
  assert.equal(s.status.readyReplicas, 3);
  assert.equal(s.status.currentRevision, s.status.updateRevision);
  assert.equal(c.list('controllerrevisions').length, 1);
  c.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 1 } });
  c.converge();
  // unscheduled pods go at once, so the whole scale-down runs in one converge, highest ordinal first
  assert.deepEqual(
    c.list('pods').map((p) => p.metadata.name),
    ['web-0'],
  );
  const deletes = c
    .list('events')
    .filter((e) => e.reason === 'SuccessfulDelete')
    .map((e) => e.message);
  assert.deepEqual(deletes, [
    'delete Pod web-2 in StatefulSet web successful',
    'delete Pod web-1 in StatefulSet web successful',
  ]);
});

test('Parallel creates all pods at once; a rolling update walks down from the highest ordinal', () => {
  const c = createCluster({ nodes: 0, seed: 'sts-parallel' });
  create(c, WEB.replace('replicas: 3', 'replicas: 3\n  podManagementPolicy: Parallel'));
  assert.equal(c.list('pods').length, 3);
  markReady(c);
  c.api.patch('statefulsets', 'default', 'web', {
    spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } },
  });
  c.converge();
  const s = c.get('statefulsets', 'web');
  assert.equal(c.list('controllerrevisions').length, 2);
  assert.notEqual(s.status.currentRevision, s.status.updateRevision);
  // web-2 was replaced at the update revision and, not yet ready, holds the others back
  const revs = Object.fromEntries(c.list('pods').map((p) => [p.metadata.name, u.getPodRevision(p)]));
  assert.deepEqual(revs, {
    'web-0': s.status.currentRevision,
    'web-1': s.status.currentRevision,
    'web-2': s.status.updateRevision,
  });
  markReady(c);
  const done = c.get('statefulsets', 'web');
  assert.equal(done.status.currentRevision, done.status.updateRevision);
  assert.equal(done.status.updatedReplicas, 3);
  assert.ok(c.list('pods').every((p) => p.spec.containers[0].image === 'nginx:2'));
});
