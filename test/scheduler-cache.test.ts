// The scheduler cache's incremental structures equal a full recount after any sequence of pod writes: the
// PodTopologySpread counts per (namespace, selector) and node, and the per-node resource sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SchedulerCache } from '../src/scheduler/cache';
import { fromMap, matches, type Selector } from '../src/api/selectors';
import { podRequests } from '../src/scheduler/plugins/noderesources/resource-allocation';
import type { KObject } from '../src/api/meta';
import { topologyScore } from '../src/scheduler/plugins/interpodaffinity/inter-pod-affinity';

const NAMESPACES = ['a', 'b', 'c'],
  NODES = ['n1', 'n2', 'n3'],
  APPS = ['web', 'db'];
const SELECTORS: Selector[] = [fromMap({ app: 'web' }), fromMap({ app: 'db' }), fromMap({ app: 'web', tier: 'front' })];

type Op =
  | { op: 'add'; name: number; ns: number; node: number; app: number; front: boolean; cpu: number }
  | { op: 'relabel'; name: number; ns: number; app: number; front: boolean }
  | { op: 'terminate'; name: number; ns: number }
  | { op: 'remove'; name: number; ns: number }
  | { op: 'ask'; ns: number; selector: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    name: fc.nat(5),
    ns: fc.nat(2),
    node: fc.nat(2),
    app: fc.nat(1),
    front: fc.boolean(),
    cpu: fc.nat(4),
  }),
  fc.record({
    op: fc.constant('relabel' as const),
    name: fc.nat(5),
    ns: fc.nat(2),
    app: fc.nat(1),
    front: fc.boolean(),
  }),
  fc.record({ op: fc.constant('terminate' as const), name: fc.nat(5), ns: fc.nat(2) }),
  fc.record({ op: fc.constant('remove' as const), name: fc.nat(5), ns: fc.nat(2) }),
  fc.record({ op: fc.constant('ask' as const), ns: fc.nat(2), selector: fc.nat(2) }),
);

function pod(
  name: string,
  ns: string,
  node: string,
  labels: Record<string, string>,
  cpu: number,
  uid: string,
): KObject {
  return Object.freeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: Object.freeze({ name, namespace: ns, uid, labels: Object.freeze(labels) }),
    spec: Object.freeze({
      nodeName: node,
      containers: Object.freeze([{ name: 'c', resources: { requests: { cpu: `${cpu * 100}m` } } }]),
    }),
  }) as KObject;
}

test('PodTopologySpread counts and node sums stay equal to a recount (property)', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
      const cache = new SchedulerCache();
      const live = new Map<string, KObject>();
      let uid = 0;
      for (const o of ops) {
        const ns = NAMESPACES[o.ns];
        if (o.op === 'ask') {
          cache.matchingPodsPerNode(ns, SELECTORS[o.selector]);
          continue;
        }
        const key = `${ns}/p${o.name}`,
          cur = live.get(key);
        const labels = (app: number, front: boolean): Record<string, string> =>
          front ? { app: APPS[app], tier: 'front' } : { app: APPS[app] };
        if (o.op === 'add') {
          const p = pod(`p${o.name}`, ns, NODES[o.node], labels(o.app, o.front), o.cpu, `u${uid++}`);
          live.set(key, p);
          cache.addPod(p);
        } else if (!cur) continue;
        else if (o.op === 'remove') {
          live.delete(key);
          cache.removePod(key);
        } else {
          const m =
            o.op === 'terminate'
              ? { ...cur.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' }
              : { ...cur.metadata, labels: labels(o.app, o.front) };
          const p = Object.freeze({ ...cur, metadata: Object.freeze(m) }) as KObject;
          live.set(key, p);
          cache.addPod(p);
        }
      }
      for (const ns of NAMESPACES)
        for (const sel of SELECTORS) {
          const want = new Map<string, number>();
          for (const p of live.values()) {
            if (p.metadata.namespace === ns && !p.metadata.deletionTimestamp && matches(sel, p.metadata.labels))
              want.set(p.spec.nodeName, (want.get(p.spec.nodeName) ?? 0) + 1);
          }
          assert.deepEqual(new Map([...cache.matchingPodsPerNode(ns, sel)].filter(([, n]) => n !== 0)), want);
        }
      for (const node of NODES) {
        const pods = [...live.values()].filter((p) => p.spec.nodeName === node);
        const info = cache.info(node);
        const cpu = pods.reduce((s, p) => s + (podRequests(p.spec).cpu ?? 0), 0);
        assert.equal(info?.pods.size ?? 0, pods.length);
        assert.equal(info?.reqCPU ?? 0, cpu);
        assert.equal(info?.requested.cpu ?? 0, cpu);
        assert.equal(info?.nonZeroMemory ?? 0, pods.length * 200 * 1024 * 1024);
      }
    }),
    { numRuns: 200 },
  );
});

test('the per-namespace counts: rows of writes and the counts they leave', () => {
  const rows: [string, [string, string, string, Record<string, string>][], string, Record<string, number>][] = [
    ['one pod', [['add', 'a', 'n1', { app: 'web' }]], 'a', { n1: 1 }],
    ['another namespace is not counted', [['add', 'b', 'n1', { app: 'web' }]], 'a', {}],
    [
      'two nodes',
      [
        ['add', 'a', 'n1', { app: 'web' }],
        ['add', 'a', 'n2', { app: 'web' }],
      ],
      'a',
      { n1: 1, n2: 1 },
    ],
    ['a non-matching label', [['add', 'a', 'n1', { app: 'db' }]], 'a', {}],
  ];
  for (const [name, writes, ns, want] of rows) {
    const cache = new SchedulerCache();
    cache.matchingPodsPerNode('a', SELECTORS[0]);
    writes.forEach(([, wns, node, labels], i) => cache.addPod(pod(`p${i}`, wns, node, labels, 1, `u${i}`)));
    assert.deepEqual(Object.fromEntries(cache.matchingPodsPerNode(ns, SELECTORS[0])), want, name);
  }
});

test('node label statistics: nodes carrying a key and its distinct values, through relabels and removals', () => {
  const node = (name: string, labels: Record<string, string>) =>
    Object.freeze({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: Object.freeze({ name, labels: Object.freeze(labels) }),
      spec: {},
      status: {},
    }) as KObject;
  const rows: [string, (c: SchedulerCache) => void, string, { nodes: number; values: number }][] = [
    [
      'hostnames are distinct',
      (c) => {
        c.setNode(node('a', { h: 'a' }));
        c.setNode(node('b', { h: 'b' }));
      },
      'h',
      { nodes: 2, values: 2 },
    ],
    [
      'zones repeat',
      (c) => {
        c.setNode(node('a', { z: '1' }));
        c.setNode(node('b', { z: '1' }));
      },
      'z',
      { nodes: 2, values: 1 },
    ],
    [
      'a relabel moves the count',
      (c) => {
        c.setNode(node('a', { z: '1' }));
        c.setNode(node('b', { z: '1' }));
        c.setNode(node('b', { z: '2' }));
      },
      'z',
      { nodes: 2, values: 2 },
    ],
    [
      'a removed node leaves',
      (c) => {
        c.setNode(node('a', { z: '1' }));
        c.setNode(node('b', { z: '2' }));
        c.removeNode('b');
      },
      'z',
      { nodes: 1, values: 1 },
    ],
    [
      'a key no node has',
      (c) => {
        c.setNode(node('a', { z: '1' }));
      },
      'h',
      { nodes: 0, values: 0 },
    ],
  ];
  for (const [name, run, key, want] of rows) {
    const c = new SchedulerCache();
    run(c);
    assert.deepEqual(c.labelStats(key), want, name);
  }
});

test('InterPodAffinity term groups equal a pass over the pods with affinity (property)', () => {
  const api = { select: () => [] } as any;
  const ZONES = ['z1', 'z2'];
  const termArb = fc.record({ app: fc.nat(1), key: fc.constantFrom('zone', 'kubernetes.io/hostname') });
  const podOp = fc.record({
    op: fc.constant('add' as const),
    name: fc.nat(5),
    ns: fc.nat(1),
    node: fc.nat(2),
    app: fc.nat(1),
    anti: fc.option(termArb, { nil: undefined }),
    pref: fc.option(fc.tuple(termArb, fc.integer({ min: 1, max: 100 })), { nil: undefined }),
  });
  const ops = fc.array(
    fc.oneof(
      podOp,
      fc.record({ op: fc.constant('remove' as const), name: fc.nat(5), ns: fc.nat(1) }),
      fc.record({
        op: fc.constant('relabel' as const),
        node: fc.nat(2),
        zone: fc.option(fc.nat(1), { nil: undefined }),
      }),
    ),
    { maxLength: 40 },
  );
  const term = (t: { app: number; key: string }) => ({
    labelSelector: { matchLabels: { app: APPS[t.app] } },
    topologyKey: t.key,
  });
  const nodeObj = (i: number, zone?: number) =>
    Object.freeze({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: Object.freeze({
        name: NODES[i],
        labels: Object.freeze(
          zone === undefined
            ? { 'kubernetes.io/hostname': NODES[i] }
            : { 'kubernetes.io/hostname': NODES[i], zone: ZONES[zone] },
        ),
      }),
      spec: {},
      status: {},
    }) as KObject;
  fc.assert(
    fc.property(ops, (list) => {
      const cache = new SchedulerCache();
      const nodes = NODES.map((_, i) => nodeObj(i, 0));
      nodes.forEach((n) => cache.setNode(n));
      const live = new Map<string, KObject>();
      let uid = 0;
      for (const o of list) {
        if (o.op === 'relabel') {
          nodes[o.node] = nodeObj(o.node, o.zone);
          cache.setNode(nodes[o.node]);
          continue;
        }
        const key = `${NAMESPACES[o.ns]}/p${o.name}`;
        if (o.op === 'remove') {
          if (live.delete(key)) cache.removePod(key);
          continue;
        }
        const affinity: any = {};
        if (o.anti) affinity.podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [term(o.anti)] };
        if (o.pref)
          affinity.podAffinity = {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: o.pref[1], podAffinityTerm: term(o.pref[0]) }],
          };
        const p = Object.freeze({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: Object.freeze({
            name: `p${o.name}`,
            namespace: NAMESPACES[o.ns],
            uid: `u${uid++}`,
            labels: { app: APPS[o.app] },
          }),
          spec: Object.freeze({ nodeName: NODES[o.node], containers: [{ name: 'c' }], affinity }),
        }) as KObject;
        if (live.has(key)) cache.removePod(key);
        live.set(key, p);
        cache.addPod(p);
      }
      for (const ns of NAMESPACES)
        for (const app of APPS) {
          const incoming = { metadata: { name: 'x', namespace: ns, uid: 'x', labels: { app } }, spec: {} } as KObject;
          // the pass over the pods, as InterPodAffinity made it before the groups
          const wantScore = new Map<string, Map<string, number>>(),
            wantAnti = new Set<string>();
          for (const p of live.values()) {
            const labels = nodes[NODES.indexOf(p.spec.nodeName)].metadata.labels!;
            for (const t of p.spec.affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
              if (
                labels[t.topologyKey] !== undefined &&
                p.metadata.namespace === ns &&
                t.labelSelector.matchLabels.app === app
              )
                wantAnti.add(`${t.topologyKey}=${labels[t.topologyKey]}`);
            }
            for (const w of p.spec.affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
              const t = w.podAffinityTerm,
                v = labels[t.topologyKey];
              if (v === undefined || p.metadata.namespace !== ns || t.labelSelector.matchLabels.app !== app) continue;
              const m = wantScore.get(t.topologyKey) ?? new Map<string, number>();
              m.set(v, (m.get(v) ?? 0) + w.weight);
              wantScore.set(t.topologyKey, m);
            }
          }
          const gotAnti = new Set<string>();
          for (const g of cache.antiTerms.groups.values()) {
            if (g.owner.metadata.namespace === ns && g.term.labelSelector?.matchLabels?.app === app)
              for (const v of g.counts.keys()) gotAnti.add(`${g.term.topologyKey}=${v}`);
          }
          assert.deepEqual([...gotAnti].sort(), [...wantAnti].sort());
          const got = topologyScore(incoming, [], cache, api);
          const flat = (m: Map<string, Map<string, number>>) =>
            [...m].flatMap(([k, vs]) => [...vs].filter(([, n]) => n !== 0).map(([v, n]) => `${k}=${v}:${n}`)).sort();
          assert.deepEqual(flat(got), flat(wantScore));
        }
    }),
    { numRuns: 150 },
  );
});

test('node label statistics equal a recount over the nodes after any sequence of node writes (property)', () => {
  const node = (name: string, labels: Record<string, string>) =>
    Object.freeze({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: Object.freeze({ name, labels: Object.freeze(labels) }),
      spec: {},
      status: {},
    }) as KObject;
  const op = fc.record({
    remove: fc.boolean(),
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    z: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
    h: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const c = new SchedulerCache();
      for (const o of ops) {
        if (o.remove) c.removeNode(o.name);
        else c.setNode(node(o.name, { ...(o.z ? { z: o.z } : {}), ...(o.h ? { h: o.name } : {}) }));
      }
      for (const key of ['z', 'h', 'x']) {
        const values = c.nodeList.map((i) => i.node?.metadata.labels?.[key]).filter((v) => v !== undefined);
        assert.deepEqual(c.labelStats(key), { nodes: values.length, values: new Set(values).size }, key);
      }
    }),
    { numRuns: 300 },
  );
});
