import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import * as u from '../src/controllers/daemon/util';
import { defaultDaemonSet } from '../src/api/defaults/apps-sets';
import { create } from './replicaset.helpers';

const node = (name: string, o: { labels?: Record<string, string>; taints?: any[] } = {}): KObject => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
  spec: { taints: o.taints },
});
const ds = (spec: any = {}): KObject => ({
  metadata: { name: 'd' },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }], ...spec } } },
});

test('NodeShouldRunDaemonPod (shouldRun, shouldContinueRunning)', () => {
  const rows: [string, KObject, KObject, [boolean, boolean]][] = [
    ['plain node', node('n1'), ds(), [true, true]],
    [
      'nodeSelector matches',
      node('n1', { labels: { disk: 'ssd' } }),
      ds({ nodeSelector: { disk: 'ssd' } }),
      [true, true],
    ],
    ['nodeSelector does not match', node('n1'), ds({ nodeSelector: { disk: 'ssd' } }), [false, false]],
    ['template nodeName elsewhere', node('n1'), ds({ nodeName: 'n2' }), [false, false]],
    ['NoSchedule taint', node('n1', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }), ds(), [false, true]],
    ['NoExecute taint', node('n1', { taints: [{ key: 'k', effect: 'NoExecute' }] }), ds(), [false, false]],
    [
      'tolerated taint',
      node('n1', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }),
      ds({ tolerations: [{ key: 'k', operator: 'Exists' }] }),
      [true, true],
    ],
    [
      'unschedulable taint is tolerated',
      node('n1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }),
      ds(),
      [true, true],
    ],
    [
      'not-ready NoExecute is tolerated',
      node('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }),
      ds(),
      [true, true],
    ],
    [
      'network-unavailable only for hostNetwork',
      node('n1', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }),
      ds(),
      [false, true],
    ],
    [
      'network-unavailable with hostNetwork',
      node('n1', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }),
      ds({ hostNetwork: true }),
      [true, true],
    ],
    [
      'required node affinity',
      node('n1', { labels: { zone: 'a' } }),
      ds({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }],
            },
          },
        },
      }),
      [false, false],
    ],
  ];
  for (const [name, n, d, want] of rows) assert.deepEqual(u.nodeShouldRunDaemonPod(n, d), want, name);
});

test('CreatePodTemplate and the node pin', () => {
  const t = u.createPodTemplate(
    {
      metadata: { labels: { app: 'a' } },
      spec: {
        containers: [],
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
        ],
      },
    },
    3,
    'h1',
  );
  assert.deepEqual(t.metadata.labels, { app: 'a', 'pod-template-generation': '3', 'controller-revision-hash': 'h1' });
  assert.deepEqual(
    t.spec.tolerations.map((x: any) => `${x.key}:${x.effect}`),
    [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ],
  );
  assert.equal(t.spec.tolerations[0].tolerationSeconds, undefined, 'the toleration is replaced: no eviction after 5s');
  const spec: any = {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }],
        },
      },
    },
  };
  u.pinToNode(spec, 'node-7');
  assert.equal(u.targetNodeName({ metadata: {}, spec }), 'node-7');
  assert.deepEqual(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-7'] }] },
  ]);
});

test('IsPodUpdated: the hash or the template generation', () => {
  const p = (labels: Record<string, string>): KObject => ({ metadata: { labels } });
  const rows: [Record<string, string>, string, number | undefined, boolean][] = [
    [{ 'controller-revision-hash': 'h' }, 'h', undefined, true],
    [{ 'controller-revision-hash': 'x' }, 'h', 2, false],
    [{ 'pod-template-generation': '2' }, 'h', 2, true],
    [{ 'pod-template-generation': '1' }, 'h', 2, false],
  ];
  for (const [labels, hash, gen, want] of rows)
    assert.equal(u.isPodUpdated(p(labels), hash, gen), want, JSON.stringify(labels));
});

test('SetDefaults_DaemonSet', () => {
  const d: any = { spec: {} };
  defaultDaemonSet(d);
  assert.deepEqual(d.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  const o: any = { spec: { updateStrategy: { type: 'OnDelete' } } };
  defaultDaemonSet(o);
  assert.deepEqual(o.spec.updateStrategy, { type: 'OnDelete' });
});

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: agent}]
`;

test('one pod per node; a rolling update deletes one old pod at a time (maxUnavailable 1)', () => {
  const c = createCluster({ nodes: 3, seed: 'ds' });
  create(c, DS);
  assert.equal(c.list('pods').length, 3);
  assert.deepEqual(
    c
      .list('pods')
      .map((p) => u.targetNodeName(p))
      .sort(),
    ['node-1', 'node-2', 'node-3'],
  );
  const status = c.get('daemonsets', 'agent').status;
  assert.deepEqual(
    [status.desiredNumberScheduled, status.currentNumberScheduled, status.numberReady, status.updatedNumberScheduled],
    [3, 3, 3, 3],
  );
  // the new image takes a minute to start: the update moves one node at a time
  c.images.set('agent:2', { startDelayMs: 60_000 });
  c.api.patch('daemonsets', 'default', 'agent', {
    spec: { template: { spec: { containers: [{ name: 'c', image: 'agent:2' }] } } },
  });
  c.converge();
  const images = () =>
    c
      .list('pods')
      .map((p) => p.spec.containers[0].image)
      .sort();
  assert.deepEqual(images(), ['agent', 'agent', 'agent:2']);
  c.advance('60s');
  assert.deepEqual(images(), ['agent', 'agent:2', 'agent:2']);
  c.advance('60s');
  assert.deepEqual(images(), ['agent:2', 'agent:2', 'agent:2']);
  const c2 = c;
  assert.equal(c2.get('daemonsets', 'agent').metadata.annotations?.['deprecated.daemonset.template.generation'], '2');
});
