import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { staleAt, unknownConditions } from '../src/controllers/nodelifecycle/controller';
import {
  desiredNoExecuteTaints,
  desiredNoScheduleTaints,
  reconcileTaints,
} from '../src/controllers/nodelifecycle/taints';
import { matchingTolerations, minTolerationTime } from '../src/controllers/nodelifecycle/taint-eviction';
import { HEALTHY_CONDITIONS, microTime, nextNodeConditions } from '../src/kubelet/node-status';
import { admitDefaultTolerations } from '../src/api/defaults/pod-admission';

const T0 = Date.UTC(2024, 0, 1);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

test('staleAt: the first 5s monitor tick after probe + 40s', () => {
  const rows: [number, number][] = [
    [0, 45],
    [10, 55],
    [3, 45],
    [5, 50],
    [7.5, 50],
  ];
  for (const [probe, want] of rows) assert.equal(staleAt(T0 + probe * 1000), T0 + want * 1000, `probe at ${probe}s`);
});

test('unknownConditions: Ready and the pressure conditions go Unknown once; missing ones are never-updated', () => {
  const healthy = HEALTHY_CONDITIONS.map((c) => ({ ...c, lastHeartbeatTime: iso(0), lastTransitionTime: iso(0) }));
  const node = (conditions: any[]) => ({ metadata: { name: 'n', creationTimestamp: iso(0) }, status: { conditions } });
  const after = unknownConditions(node(healthy), iso(45))!;
  assert.deepEqual(
    after.map((c) => [c.type, c.status, c.reason, c.lastHeartbeatTime, c.lastTransitionTime]),
    [
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', iso(0), iso(45)],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', iso(0), iso(45)],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', iso(0), iso(45)],
      ['Ready', 'Unknown', 'NodeStatusUnknown', iso(0), iso(45)],
    ],
  );
  assert.equal(after[3].message, 'Kubelet stopped posting node status.');
  assert.equal(unknownConditions(node(after), iso(90)), undefined, 'already Unknown: no write');
  const never = unknownConditions(node([]), iso(60))!;
  assert.deepEqual(
    never.map((c) => [c.type, c.reason, c.message]),
    ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [
      t,
      'NodeStatusNeverUpdated',
      'Kubelet never posted node status.',
    ]),
  );
});

test('taints follow the conditions (nodeConditionToTaintKeyStatusMap, NotReady/Unreachable templates)', () => {
  const cond = (type: string, status: string) => ({ type, status });
  const rows: [string, any, string[]][] = [
    ['ready', { status: { conditions: [cond('Ready', 'True')] } }, []],
    ['not ready', { status: { conditions: [cond('Ready', 'False')] } }, ['node.kubernetes.io/not-ready:NoSchedule']],
    ['unknown', { status: { conditions: [cond('Ready', 'Unknown')] } }, ['node.kubernetes.io/unreachable:NoSchedule']],
    [
      'memory pressure',
      { status: { conditions: [cond('MemoryPressure', 'True'), cond('Ready', 'True')] } },
      ['node.kubernetes.io/memory-pressure:NoSchedule'],
    ],
    [
      'disk, pid, network',
      {
        status: {
          conditions: [cond('DiskPressure', 'True'), cond('PIDPressure', 'True'), cond('NetworkUnavailable', 'True')],
        },
      },
      [
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/network-unavailable:NoSchedule',
      ],
    ],
    [
      'cordoned',
      { spec: { unschedulable: true }, status: { conditions: [cond('Ready', 'True')] } },
      ['node.kubernetes.io/unschedulable:NoSchedule'],
    ],
  ];
  for (const [name, node, want] of rows)
    assert.deepEqual(
      desiredNoScheduleTaints(node).map((t) => `${t.key}:${t.effect}`),
      want,
      name,
    );
  assert.deepEqual(desiredNoExecuteTaints('True'), []);
  assert.deepEqual(desiredNoExecuteTaints('False'), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
  assert.deepEqual(desiredNoExecuteTaints('Unknown'), [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]);
});

test("reconcileTaints: swaps the controller's taints, keeps the user's, stamps timeAdded", () => {
  const user = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const unknown = { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
  const notReady = { status: { conditions: [{ type: 'Ready', status: 'False' }] } };
  const ready = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
  const now = iso(45);
  const failed = reconcileTaints([user], unknown, 'Unknown', now)!;
  assert.deepEqual(failed, [
    user,
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: now },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: now },
  ]);
  assert.equal(reconcileTaints(failed, unknown, 'Unknown', iso(50)), undefined, 'nothing to change');
  assert.deepEqual(
    reconcileTaints(failed, notReady, 'False', iso(60))!.map((t) => `${t.key}:${t.effect}`),
    ['dedicated:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'],
    'unreachable swapped for not-ready',
  );
  assert.deepEqual(reconcileTaints(failed, ready, 'True', iso(70)), [user], "recovered: only the user's taint is left");
  assert.equal(reconcileTaints(undefined, ready, 'True', now), undefined);
});

test('taint eviction: matching tolerations and the smallest tolerationSeconds (taint_eviction_test.go)', () => {
  const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const other = { key: 'other', value: 'x', effect: 'NoExecute' };
  const tol = (key: string | undefined, seconds?: number) => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
  });
  const rows: [string, any[], any[], boolean, number][] = [
    ['no tolerations: delete at once', [unreachable], [], false, 0],
    ['default 300s toleration', [unreachable], [tol('node.kubernetes.io/unreachable', 300)], true, 300_000],
    ['toleration forever', [unreachable], [tol('node.kubernetes.io/unreachable')], true, -1],
    ['one taint untolerated', [unreachable, other], [tol('node.kubernetes.io/unreachable', 300)], false, 0],
    [
      'the smallest of the used tolerations',
      [unreachable, other],
      [tol('node.kubernetes.io/unreachable', 300), tol('other', 60)],
      true,
      60_000,
    ],
    ['zero seconds: at once', [unreachable], [tol('node.kubernetes.io/unreachable', 0)], true, 0],
    ['an empty key tolerates every taint', [unreachable, other], [tol(undefined, 30)], true, 30_000],
  ];
  for (const [name, taints, tolerations, all, min] of rows) {
    const [ok, used] = matchingTolerations(taints, tolerations);
    assert.equal(ok, all, name);
    if (ok) assert.equal(minTolerationTime(used), min, name);
  }
});

test('kubelet heartbeats: status written on a change or after 5 minutes; microTime', () => {
  const healthy = HEALTHY_CONDITIONS.map((c) => ({ ...c, lastHeartbeatTime: iso(0), lastTransitionTime: iso(0) }));
  assert.equal(nextNodeConditions(healthy, T0 + 10_000, iso(10)), undefined, 'nothing changed, 10s');
  assert.equal(nextNodeConditions(healthy, T0 + 299_000, iso(299)), undefined, 'nothing changed, 4m59s');
  const report = nextNodeConditions(healthy, T0 + 300_000, iso(300))!;
  assert.deepEqual(report.transitions, []);
  assert.ok(report.conditions.every((c) => c.lastHeartbeatTime === iso(300) && c.lastTransitionTime === iso(0)));
  const unknown = healthy.map((c) => ({ ...c, status: 'Unknown', reason: 'NodeStatusUnknown' }));
  const back = nextNodeConditions(unknown, T0 + 20_000, iso(20))!;
  assert.deepEqual(back.transitions, ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
  assert.equal(back.conditions[3].lastTransitionTime, iso(20));
  assert.equal(microTime(T0 + 10_000), '2024-01-01T00:00:10.000000Z');
});

test('a failed node: Unknown at 45s, pods evicted at 345s and replaced elsewhere; leases renewed every 10s', () => {
  const c = createCluster({ nodes: 2, seed: 'node-failure' });
  c.kubectl('create deployment web --image=nginx --replicas=4');
  const lease = () => c.get('lease', 'node-2', 'kube-node-lease');
  assert.equal(lease().spec.holderIdentity, 'node-2');
  assert.equal(lease().spec.leaseDurationSeconds, 40);
  c.advance('20s');
  assert.equal(lease().spec.renewTime, '2024-01-01T00:00:20.000000Z');
  const ready = () => c.get('node', 'node-2').status.conditions.find((x: any) => x.type === 'Ready').status;
  const statusWrites = () => c.timelineOf('node', 'node-2').filter((e) => e.verb === 'status').length;
  const before = statusWrites();
  c.advance('2m');
  assert.equal(statusWrites(), before, 'no status write while nothing changes');
  c.failNode('node-2'); // at 2m20s; last renewal at 2m20s
  c.advance('44s');
  assert.equal(ready(), 'True');
  c.advance('1s');
  assert.equal(ready(), 'Unknown');
  assert.equal(lease().spec.renewTime, '2024-01-01T00:02:20.000000Z', 'a stopped kubelet renews nothing');
  const onNode2 = () => c.list('pods', { nodeName: 'node-2' }).filter((p) => !p.metadata.deletionTimestamp);
  const victims = onNode2().length;
  assert.ok(victims > 0);
  c.advance('299s');
  assert.equal(onNode2().length, victims, 'not before the 300s toleration');
  c.advance('1s');
  assert.equal(onNode2().length, 0);
  const running = c.list('pods', { labelSelector: 'app=web' }).filter((p) => !p.metadata.deletionTimestamp);
  assert.equal(running.length, 4);
  assert.ok(running.every((p) => p.spec.nodeName === 'node-1'));
});

test('DefaultTolerationSeconds admission (defaulttolerationseconds/admission_test.go rows)', () => {
  const notReady = {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };
  const unreachable = {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };
  const rows: [string, any[] | undefined, any[]][] = [
    ['none: both added', undefined, [notReady, unreachable]],
    [
      'an unrelated toleration is kept',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, notReady, unreachable],
    ],
    [
      'own not-ready toleration kept, unreachable added',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }],
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
        unreachable,
      ],
    ],
    ['a toleration of every taint covers both', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    [
      'a NoSchedule toleration does not count',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable],
    ],
  ];
  for (const [name, tolerations, want] of rows) {
    const pod: any = { spec: tolerations ? { tolerations } : {} };
    admitDefaultTolerations(pod);
    assert.deepEqual(pod.spec.tolerations, want, name);
  }
});

test('a node that failed, was removed and joins again: new podCIDR, its pods in new sandboxes with IPs of the new range, EndpointSlices follow', () => {
  const c = createCluster({ nodes: 2, seed: 'rejoin' });
  c.kubectl('create deployment web --image=nginx --replicas=4');
  c.kubectl('expose deployment web --port=80');
  c.advance('10s');
  c.failNode('node-2');
  c.advance('10s');
  c.removeNode('node-2');
  c.addNode({ name: 'node-2' });
  c.advance('10s');
  const cidr = c.get('node', 'node-2').spec.podCIDR;
  assert.equal(cidr, '10.244.3.0/24');
  const pods = c.list('pods', { labelSelector: 'app=web' });
  const onNode2 = pods.filter((p: any) => p.spec.nodeName === 'node-2');
  assert.equal(onNode2.length, 2);
  for (const p of onNode2) {
    assert.match(p.status.podIP, /^10\.244\.3\./, `${p.metadata.name} has an IP of the new range`);
    assert.equal(p.status.phase, 'Running');
  }
  const slice = c.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=web' })[0];
  assert.deepEqual(slice.endpoints.map((e: any) => e.addresses[0]).sort(), pods.map((p: any) => p.status.podIP).sort());
  assert.ok(slice.endpoints.every((e: any) => e.conditions.ready));
});
