import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { NodeInfo } from '../src/scheduler/types';
import { fitsPorts, hostPorts, portsConflict } from '../src/scheduler/plugins/nodeports/node-ports';
import { normalizeBetweenMinMax, topologyScore } from '../src/scheduler/plugins/interpodaffinity/inter-pod-affinity';
import { SchedulerCache } from '../src/scheduler/cache';
import { ActiveQueue, UnschedulablePods, backoffDuration, backoffFlushAt, flushAt } from '../src/scheduler/queue';
import { normalizeSpreadScores, podConstraints } from '../src/scheduler/plugins/podtopologyspread/pod-topology-spread';
import {
  TERMINATING_ON_NOMINATED,
  earliestStartOfHighest,
  notEligible,
  pickOneNode,
  selectVictimsOnNode,
} from '../src/scheduler/preemption';
import { nodeResourcesFitFilter } from '../src/scheduler/plugins/noderesources/fit';
import { podState } from '../src/scheduler/schedule-one';
import { PLUGIN_EVENTS, defaultProfile } from '../src/scheduler/plugins/registry';
import { imageLocalityScore, normalizedImageName } from '../src/scheduler/plugins/imagelocality/image-locality';

const port = (hostPort: number, protocol = 'TCP', hostIP?: string) => ({
  containerPort: 80,
  hostPort,
  protocol,
  ...(hostIP ? { hostIP } : {}),
});
const podWith = (...ports: any[]) => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'x', ports }] },
});

test('NodePorts (node_ports_test.go): conflicts by protocol, port and host IP', () => {
  const rows: [string, any[], any[], boolean][] = [
    ['nothing running', [], [port(8080)], true],
    ['other port', [port(9090)], [port(8080)], true],
    ['same port', [port(8080)], [port(8080)], false],
    ['same port, other protocol', [port(8080, 'UDP')], [port(8080)], true],
    ['different host IPs', [port(8080, 'TCP', '127.0.0.1')], [port(8080, 'TCP', '127.0.0.2')], true],
    ['0.0.0.0 against a host IP', [port(8080, 'TCP', '127.0.0.1')], [port(8080, 'TCP', '0.0.0.0')], false],
    ['same host IP', [port(8080, 'TCP', '10.0.0.1')], [port(8080, 'TCP', '10.0.0.1')], false],
  ];
  for (const [name, used, want, fits] of rows) {
    const n = new NodeInfo('n1');
    n.add({
      key: 'a',
      uid: 'a',
      node: 'n1',
      requested: {},
      nonZero: {},
      priority: 0,
      ports: hostPorts(podWith(...used)),
    });
    assert.equal(fitsPorts(hostPorts(podWith(...want)), n), fits, name);
  }
  assert.deepEqual(hostPorts(podWith({ containerPort: 80 })), [], 'a containerPort alone claims nothing');
  assert.equal(
    portsConflict({ protocol: 'TCP', hostIP: '0.0.0.0', port: 1 }, { protocol: 'TCP', hostIP: '1.2.3.4', port: 1 }),
    true,
  );
});

test('scheduling queue: back-off 1s doubling to 10s; the 5-minute flush on 30s ticks', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(backoffDuration), [1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  assert.equal(flushAt(0), 330_000, 'exactly 5 minutes is not longer than 5 minutes');
  assert.equal(flushAt(10_000), 330_000);
  assert.equal(flushAt(29_999), 330_000);
  assert.equal(flushAt(30_000), 360_000);
});

test('active queue (PrioritySort): higher priority first, then the earlier queue timestamp, then arrival', () => {
  const rows: [string, [string, number, number][], string[]][] = [
    [
      'priority wins over arrival',
      [
        ['low', 0, 0],
        ['high', 10, 5],
      ],
      ['high', 'low'],
    ],
    [
      'equal priority: earlier timestamp',
      [
        ['late', 5, 20],
        ['early', 5, 10],
      ],
      ['early', 'late'],
    ],
    [
      'equal priority and timestamp: arrival order',
      [
        ['a', 0, 0],
        ['b', 0, 0],
        ['c', 0, 0],
      ],
      ['a', 'b', 'c'],
    ],
    [
      'negative priorities',
      [
        ['neg', -5, 0],
        ['zero', 0, 9],
        ['big', 2_000_000_000, 9],
      ],
      ['big', 'zero', 'neg'],
    ],
    [
      'a pod is queued once',
      [
        ['x', 0, 0],
        ['x', 100, 0],
        ['y', 1, 0],
      ],
      ['y', 'x'],
    ],
  ];
  for (const [name, adds, want] of rows) {
    const q = new ActiveQueue();
    for (const [k, p, t] of adds) q.add(k, p, t);
    const got: string[] = [];
    for (let k = q.pop(); k; k = q.pop()) got.push(k);
    assert.deepEqual(got, want, name);
  }
  const q = new ActiveQueue();
  q.add('gone', 100, 0);
  q.add('stays', 0, 0);
  q.delete('gone');
  assert.equal(q.size, 1);
  assert.equal(q.pop(), 'stays', 'a deleted pod is skipped');
  assert.equal(q.pop(), undefined);
  q.add('gone', 1, 0);
  assert.equal(q.pop(), 'gone', 'a deleted pod may be queued again');
});

test('backoff queue: a pod leaves at the first 1s flush tick at or after its back-off ends', () => {
  const rows: [number, number][] = [
    [1000, 1000],
    [1001, 2000],
    [1500, 2000],
    [1999, 2000],
    [0, 0],
    [10_000, 10_000],
  ];
  for (const [end, tick] of rows) assert.equal(backoffFlushAt(end), tick, `ends at ${end}`);
  let now = 1500;
  const moved: [string, number][] = [];
  const q = new UnschedulablePods(
    (k, d) => moved.push([k, d]),
    () => now,
    PLUGIN_EVENTS,
  );
  q.add('default/p', ['NodeResourcesFit']);
  now = 1700;
  q.move('AssignedPodDelete');
  assert.deepEqual(moved, [['default/p', 1300]], 'back-off ends at 2500, the tick at 3000');
});

test('scheduling queue: an event moves only the pods whose rejecting plugins registered it, after their back-off', () => {
  let now = 0;
  const moved: [string, number][] = [];
  const q = new UnschedulablePods(
    (k, d) => moved.push([k, d]),
    () => now,
    PLUGIN_EVENTS,
  );
  q.add('default/cpu', ['NodeResourcesFit']);
  q.add('default/taint', ['TaintToleration']);
  q.add('default/affinity', ['NodeAffinity']);
  q.add('default/none', []);
  q.park('default/gated', 'SchedulingGates');
  q.move('NodeTaint');
  assert.deepEqual(moved, [
    ['default/taint', 1000],
    ['default/none', 1000],
  ]);
  now = 5000;
  q.move('AssignedPodDelete');
  assert.deepEqual(moved.slice(2), [['default/cpu', 0]], 'back-off over: straight to the active queue');
  q.move('NodeAdd');
  assert.deepEqual(moved.slice(3), [['default/affinity', 0]]);
  assert.equal(q.size, 1, 'the gated pod stays');
  q.add('default/cpu', ['NodeResourcesFit']);
  q.move('NodeAllocatable');
  assert.deepEqual(moved.slice(4), [['default/cpu', 2000]], 'the second attempt backs off 2s');
});

test('scheduling: a pod that failed is retried 1s after the change that helps, and within 5m30s without one', () => {
  const c = createCluster({ nodes: 1, seed: 'backoff' });
  c.apply(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec: {containers: [{name: a, image: nginx, resources: {requests: {cpu: "8"}}}]}',
  );
  const node = () => c.get('pod', 'big').spec.nodeName;
  c.addNode({ name: 'large', cpu: '16' });
  assert.equal(node(), undefined, 'still backing off');
  c.advance(999);
  assert.equal(node(), undefined);
  c.advance(1);
  assert.equal(node(), 'large');
  const d = createCluster({ nodes: 1, seed: 'flush' });
  d.apply(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec: {containers: [{name: a, image: nginx, resources: {requests: {cpu: "8"}}}]}',
  );
  const failures = () =>
    d
      .list('events')
      .filter((e) => e.reason === 'FailedScheduling')
      .reduce((n, e) => n + (e.count ?? 1), 0);
  assert.equal(failures(), 1);
  d.advance('5m');
  assert.equal(failures(), 1, 'nothing changed: no retry yet');
  d.advance('30s');
  assert.equal(failures(), 2, 'flushed after more than 5 minutes');
});

test('InterPodAffinity: required anti-affinity spreads replicas; normalisation between min and max', () => {
  const c = createCluster({ nodes: 2, seed: 'anti' });
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: kong}
spec:
  replicas: 3
  selector: {matchLabels: {app: kong}}
  template:
    metadata: {labels: {app: kong}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: kong}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: proxy, image: kong}]
`);
  const pods = c.list('pods', { labelSelector: 'app=kong' });
  assert.deepEqual(pods.map((p) => p.spec.nodeName ?? '-').sort(), ['-', 'node-1', 'node-2']);
  const pending = pods.find((p) => !p.spec.nodeName)!;
  const cond = pending.status.conditions.find((x: any) => x.type === 'PodScheduled');
  assert.equal(
    cond.message,
    "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
  );
  const scores = [-10, 0, 10, 30];
  normalizeBetweenMinMax(scores);
  assert.deepEqual(scores, [0, 25, 50, 100]);
  const same = [5, 5];
  normalizeBetweenMinMax(same);
  assert.deepEqual(same, [0, 0]);
});

test('PodTopologySpread: NormalizeScore (scoring.go) and the system default constraints', () => {
  const rows: [number[], boolean[], number[]][] = [
    [
      [0, 0, 0],
      [false, false, false],
      [100, 100, 100],
    ],
    [
      [2, 4, 6],
      [false, false, false],
      [100, 66, 33],
    ],
    [
      [3, 3, 9],
      [false, false, true],
      [100, 100, 0],
    ],
  ];
  for (const [scores, ignored, want] of rows) {
    const s = [...scores];
    normalizeSpreadScores(s, ignored);
    assert.deepEqual(s, want, JSON.stringify(scores));
  }
  const c = createCluster({ nodes: 3, seed: 'spread' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  const pod = c.list('pods', { labelSelector: 'app=web' })[0];
  const { constraints, systemDefaulted } = podConstraints(pod, c.api, 'ScheduleAnyway');
  assert.equal(systemDefaulted, true);
  assert.deepEqual(
    constraints.map((x) => [x.topologyKey, x.maxSkew, x.whenUnsatisfiable]),
    [
      ['kubernetes.io/hostname', 3, 'ScheduleAnyway'],
      ['topology.kubernetes.io/zone', 5, 'ScheduleAnyway'],
    ],
  );
  assert.deepEqual(
    constraints[0].selector!.map((r) => r.key).sort(),
    ['app', 'pod-template-hash'],
    'the ReplicaSet selector',
  );
  const bare = { metadata: { name: 'x', namespace: 'default', labels: { app: 'other' } }, spec: {} };
  assert.deepEqual(
    podConstraints(bare, c.api, 'ScheduleAnyway').constraints,
    [],
    'a pod nothing selects gets no defaults',
  );
  c.kubectl('scale deployment web --replicas=9');
  const perNode = new Map<string, number>();
  for (const p of c.list('pods', { labelSelector: 'app=web' }))
    perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  assert.deepEqual([...perNode.values()], [3, 3, 3]);
});

test('DefaultPreemption: victims reprieved from the most important down; the candidate with the least to lose wins', () => {
  const usage = (key: string, priority: number, cpu: number) => ({
    key,
    uid: key,
    node: 'n1',
    requested: { cpu },
    nonZero: { cpu },
    priority,
  });
  const info = new NodeInfo('n1');
  info.node = { metadata: { name: 'n1', labels: {} }, spec: {} };
  info.allocatable = { cpu: 4000, memory: 2 ** 34, pods: 110 };
  for (const u of [usage('low-a', 1, 1000), usage('low-b', 2, 1000), usage('mid', 5, 1000), usage('high', 100, 1000)])
    info.add(u);
  const preemptor = (cpu: string, priority: number) =>
    podState({
      metadata: { name: 'p', namespace: 'default', uid: 'p' },
      spec: { priority, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] },
    });
  const filters = [nodeResourcesFitFilter];
  const victims = (cpu: string, priority: number) => {
    const r = selectVictimsOnNode(preemptor(cpu, priority), info, filters, {} as any);
    return 'victims' in r ? r.victims.map((u) => u.key) : r.reasons;
  };
  assert.deepEqual(victims('1', 10), ['low-a'], 'one pod is enough: the least important goes');
  assert.deepEqual(victims('2', 10), ['low-b', 'low-a']);
  assert.deepEqual(victims('3', 10), ['mid', 'low-b', 'low-a']);
  assert.deepEqual(victims('4', 10), ['Insufficient cpu'], 'the higher-priority pod stays, so it never fits');
  assert.deepEqual(victims('1', 1), ['No preemption victims found for incoming pod']);
  const cand = (node: string, ...ps: number[]) => ({ node, victims: ps.map((p, i) => usage(`${node}-${i}`, p, 0)) });
  const rows: [string, any[], string][] = [
    ['lowest highest-priority victim', [cand('a', 5), cand('b', 1, 1)], 'b'],
    ['smallest sum of priorities', [cand('a', 3, 3), cand('b', 3, 1)], 'b'],
    ['fewest victims', [cand('a', 0, 0), cand('b', 0)], 'b'],
    ['the first on a tie', [cand('a', 2), cand('b', 2)], 'a'],
  ];
  for (const [name, cs, want] of rows) assert.equal(pickOneNode(cs).node, want, name);
});

test('pickOneNodeForPreemption: then the node whose highest-priority victims started last', () => {
  const v = (priority: number, startTime?: string) => ({
    key: `${priority}-${startTime}`,
    uid: 'u',
    node: 'n',
    requested: {},
    nonZero: {},
    priority,
    pod: { metadata: { name: 'v' }, status: startTime ? { startTime } : {} },
  });
  const at = (m: number) => `2024-01-01T00:${String(m).padStart(2, '0')}:00Z`;
  const rows: [string, any[], any[], string][] = [
    ['the later start wins', [v(1, at(0))], [v(1, at(5))], 'b'],
    ['the earliest of the highest priority counts', [v(1, at(9)), v(1, at(1))], [v(1, at(5)), v(1, at(6))], 'b'],
    ['lower-priority victims do not count', [v(5, at(9)), v(1, at(0))], [v(5, at(5)), v(1, at(30))], 'a'],
    ['a victim not started yet counts as now', [v(1)], [v(1, at(59))], 'a'],
    ['equal starts: the first', [v(1, at(3))], [v(1, at(3))], 'a'],
    ['priorities still come first', [v(2, at(50))], [v(1, at(0))], 'b'],
  ];
  for (const [name, a, b, want] of rows)
    assert.equal(
      pickOneNode([
        { node: 'a', victims: a },
        { node: 'b', victims: b },
      ]).node,
      want,
      name,
    );
  assert.equal(earliestStartOfHighest([v(1, at(2)), v(3, at(7)), v(3, at(4))]), at(4));
});

test('PodEligibleToPreemptOthers: Never, and a victim still terminating on the nominated node', () => {
  const info = new NodeInfo('n1');
  const terminating = (priority: number, reason = 'PreemptionByScheduler') => ({
    key: 'v',
    uid: 'v',
    node: 'n1',
    requested: {},
    nonZero: {},
    priority,
    pod: {
      metadata: { name: 'v', deletionTimestamp: '2024-01-01T00:00:00Z' },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason }] },
    },
  });
  const pod = (priority: number, nominatedNodeName?: string, preemptionPolicy?: string) =>
    podState({
      metadata: { name: 'p' },
      spec: { priority, preemptionPolicy, containers: [] },
      status: nominatedNodeName ? { nominatedNodeName } : {},
    });
  const rows: [string, any, any, string | undefined, string | undefined][] = [
    ['Never', pod(10, undefined, 'Never'), undefined, undefined, 'not eligible due to preemptionPolicy=Never.'],
    ['not nominated', pod(10), terminating(1), undefined, undefined],
    ['nominated, victim terminating', pod(10, 'n1'), terminating(1), undefined, TERMINATING_ON_NOMINATED],
    ['nominated, the terminating pod is not lower', pod(10, 'n1'), terminating(10), undefined, undefined],
    [
      'nominated, terminating for another reason',
      pod(10, 'n1'),
      terminating(1, 'DeletionByTaintManager'),
      undefined,
      undefined,
    ],
    ['nominated node now unresolvable', pod(10, 'n1'), terminating(1), 'UnschedulableAndUnresolvable', undefined],
    ['nominated node gone', pod(10, 'n9'), terminating(1), undefined, undefined],
  ];
  for (const [name, state, onNode, code, want] of rows) {
    info.pods.clear();
    if (onNode) info.add(onNode);
    const statuses = new Map(code ? [['n1', { code, reasons: [] }]] : []) as any;
    assert.equal(
      notEligible(state, statuses, (n) => (n === 'n1' ? info : undefined)),
      want,
      name,
    );
  }
});

test('ImageLocality (image_locality_test.go): sizes scaled by spread, clamped per container', () => {
  const MB = 1024 * 1024;
  const rows: [string, number, number, number][] = [
    ['below the minimum threshold', 20 * MB, 2, 0],
    ['gcr.io/300 on one node of two', 150 * MB, 2, 6],
    ['gcr.io/250 on one node of two, one container', 125 * MB, 1, 10],
    ['above the maximum', 5000 * MB, 1, 100],
  ];
  for (const [name, sum, containers, want] of rows) assert.equal(imageLocalityScore(sum, containers), want, name);
  assert.deepEqual(
    ['nginx', 'nginx:1.25', 'gcr.io/x/y', 'localhost:5000/app', 'app@sha256:abc'].map(normalizedImageName),
    ['nginx:latest', 'nginx:1.25', 'gcr.io/x/y:latest', 'localhost:5000/app:latest', 'app@sha256:abc'],
  );
});

test('nominatedNodeName: set by preemption, kept while bound, cleared when preemption cannot help or a higher pod preempts there', () => {
  const setup = () => {
    const c = createCluster({ nodes: [{ name: 'node-1', cpu: '1' }], seed: 'nominate' });
    c.apply(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: medium}
value: 100
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: victim}
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: c
    image: busybox
    command: [sleep, "3600"]
    resources: {requests: {cpu: "1"}}
    lifecycle: {preStop: {exec: {command: ["sleep", "30"]}}}
`);
    return c;
  };
  const podYaml = (name: string, cls: string) =>
    `{apiVersion: v1, kind: Pod, metadata: {name: ${name}}, spec: {priorityClassName: ${cls}, containers: [{name: c, image: nginx, resources: {requests: {cpu: "1"}}}]}}`;
  const rows: [string, (c: ReturnType<typeof createCluster>) => void, Record<string, string | undefined>][] = [
    ['preemption nominates', (c) => c.apply(podYaml('mid', 'medium')), { mid: 'node-1' }],
    [
      'bound: the nomination stays (v1.30)',
      (c) => {
        c.apply(podYaml('mid', 'medium'));
        c.advance('1m');
      },
      { mid: 'node-1' },
    ],
    [
      'a higher pod preempting there clears it',
      (c) => {
        c.apply(podYaml('mid', 'medium'));
        c.apply(podYaml('top', 'high'));
      },
      { mid: undefined, top: 'node-1' },
    ],
    [
      'preemption no longer helps: cleared',
      (c) => {
        c.apply(podYaml('mid', 'medium'));
        c.kubectl('cordon node-1');
        c.advance('1m');
      },
      { mid: undefined },
    ],
  ];
  for (const [name, act, want] of rows) {
    const c = setup();
    act(c);
    for (const [pod, node] of Object.entries(want))
      assert.equal(c.get('pod', pod).status?.nominatedNodeName, node, `${name}: ${pod}`);
  }
});

test("InterPodAffinity PreScore (scoring.go): existing pods' terms count for the incoming pod (symmetry, hardPodAffinityWeight 1)", () => {
  const term = (app: string, topologyKey = 'kubernetes.io/hostname') => ({
    labelSelector: { matchLabels: { app } },
    topologyKey,
  });
  const pref = (weight: number, app: string, topologyKey?: string) => ({
    weight,
    podAffinityTerm: term(app, topologyKey),
  });
  const existing = (name: string, node: string, affinity: any, namespace = 'default') => ({
    metadata: { name, namespace, uid: name, labels: {} },
    spec: { nodeName: node, containers: [], affinity },
  });
  const incoming = {
    metadata: { name: 'in', namespace: 'default', uid: 'in', labels: { app: 'web' } },
    spec: { containers: [] },
  };
  const rows: [string, any[], Record<string, Record<string, number>>][] = [
    ['no existing pods with affinity', [], {}],
    [
      'preferred affinity the pod matches',
      [existing('a', 'n1', { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(30, 'web')] } })],
      { 'kubernetes.io/hostname': { n1: 30 } },
    ],
    [
      'preferred anti-affinity subtracts',
      [
        existing('a', 'n2', {
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(40, 'web')] },
        }),
      ],
      { 'kubernetes.io/hostname': { n2: -40 } },
    ],
    [
      'required affinity adds hardPodAffinityWeight',
      [existing('a', 'n1', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } })],
      { 'kubernetes.io/hostname': { n1: 1 } },
    ],
    [
      "required anti-affinity is the filter's, not scored",
      [existing('a', 'n1', { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } })],
      {},
    ],
    [
      'a term the pod does not match',
      [existing('a', 'n1', { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(30, 'db')] } })],
      {},
    ],
    [
      "another namespace's term looks in its own namespace",
      [
        existing(
          'a',
          'n1',
          { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(30, 'web')] } },
          'other',
        ),
      ],
      {},
    ],
    [
      'zone domain, summed',
      [
        existing('a', 'n1', {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(10, 'web', 'zone')] },
        }),
        existing('b', 'n2', {
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [pref(5, 'web', 'zone')],
            requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')],
          },
        }),
      ],
      { zone: { a: 16 } },
    ],
    [
      'a node without the topology key',
      [
        existing('a', 'n3', {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(10, 'web', 'zone')] },
        }),
      ],
      {},
    ],
  ];
  for (const [name, pods, want] of rows) {
    const cache = new SchedulerCache();
    for (const [n, zone] of [
      ['n1', 'a'],
      ['n2', 'a'],
      ['n3', undefined],
    ] as [string, string | undefined][]) {
      cache.setNode({
        metadata: { name: n, labels: { 'kubernetes.io/hostname': n, ...(zone ? { zone } : {}) } },
        spec: {},
        status: {},
      });
    }
    for (const p of pods) cache.addPod(p);
    const got = Object.fromEntries(
      [...topologyScore(incoming, [], cache, {} as any)].map(([k, m]) => [k, Object.fromEntries(m)]),
    );
    assert.deepEqual(got, want, name);
  }
});

// NodeAffinity terms as component-helpers/scheduling/corev1/nodeaffinity parses them (nodeaffinity_test.go's
// cases): a term whose requirement does not parse (a value that is no label value, a Gt/Lt value that is no
// integer, a matchFields term without exactly one value) matches no node; matchFields compare metadata.name.
import { termMatches as nodeTermMatches } from '../src/api/scheduling/nodeaffinity';
test('node selector terms: parse errors match nothing, matchFields on the node name', () => {
  const node = { metadata: { name: 'node-1', labels: { disk: 'ssd', cores: '8' } } } as any;
  const rows: Array<[string, any, boolean]> = [
    ['In', { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd', 'hdd'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }] }, true],
    [
      'NotIn with a value that is no label value',
      { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['not a label'] }] },
      false,
    ],
    [
      'In with a value that is no label value',
      { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd', '-x'] }] },
      false,
    ],
    ['Gt', { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }, true],
    ['Gt with no integer', { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['four'] }] }, false],
    ['Lt on a missing label', { matchExpressions: [{ key: 'gpus', operator: 'Lt', values: ['4'] }] }, false],
    ['an unknown operator', { matchExpressions: [{ key: 'disk', operator: 'Equals', values: ['ssd'] }] }, false],
    ['matchFields In', { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }, true],
    [
      'matchFields In another node',
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] },
      false,
    ],
    ['matchFields NotIn', { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-2'] }] }, true],
    [
      'matchFields with two values',
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] },
      false,
    ],
    ['matchFields Exists', { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }, false],
    [
      'both, both matching',
      {
        matchExpressions: [{ key: 'disk', operator: 'Exists' }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }],
      },
      true,
    ],
    [
      'both, the fields not matching',
      {
        matchExpressions: [{ key: 'disk', operator: 'Exists' }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-3'] }],
      },
      false,
    ],
    ['an empty term', {}, false],
  ];
  for (const [name, term, want] of rows) {
    assert.equal(nodeTermMatches(term, node), want, name);
    assert.equal(nodeTermMatches(Object.freeze(term), node), want, `${name} (frozen, parsed once)`);
  }
});

test('the registry: every plugin of the default profile that can reject a pod registers the events that move it', () => {
  const cluster = createCluster({ nodes: 1 });
  const p = defaultProfile(new SchedulerCache(), cluster.api);
  const rejecting = new Set([...p.preFilters, ...p.filters, ...(p.preBinds ?? [])].map((x) => x.name));
  assert.deepEqual(
    [...rejecting].filter((n) => !PLUGIN_EVENTS[n]?.length),
    [],
  );
  // v1.30's EventsToRegister of two of them (taint_toleration.go, node_affinity.go)
  assert.deepEqual(PLUGIN_EVENTS.TaintToleration, ['NodeAdd', 'NodeTaint']);
  assert.deepEqual(PLUGIN_EVENTS.NodeAffinity, ['NodeAdd', 'NodeLabel']);
});
