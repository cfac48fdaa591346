// Topology aware routing: the topology cache's zone ratios, allocations and hints (with their reasons for not
// hinting), kube-proxy's canUseTopology, and a cluster whose traffic stays in the client's zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import {
  addHints,
  cpuRatiosByZone,
  getAllocations,
  hintsEnabled,
} from '../src/controllers/endpointslice/topologycache';
import { canUseTopology, categorize, type Endpoint } from '../src/network/proxy/endpoints';
import type { ServicePortInfo } from '../src/network/proxy/service-port';
import { spread } from '../src/network/traffic/balance';
import { createCluster } from '../src/cluster';

const node = (
  name: string,
  zone: string | undefined,
  cpu = '4',
  ready = true,
  labels: Record<string, string> = {},
): KObject => ({
  metadata: { name, labels: { ...labels, ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}) } },
  status: { allocatable: { cpu }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

test('cpuRatiosByZone rows: ready nodes only, control plane excluded, a node without zone spoils it', () => {
  const rows: [string, KObject[], [string, number][] | undefined][] = [
    [
      'two zones, 1:3 CPU',
      [node('a', 'z1', '2'), node('b', 'z2', '6')],
      [
        ['z1', 0.25],
        ['z2', 0.75],
      ],
    ],
    [
      'a NotReady node does not count',
      [node('a', 'z1'), node('b', 'z2'), node('c', 'z2', '4', false)],
      [
        ['z1', 0.5],
        ['z2', 0.5],
      ],
    ],
    [
      'a control-plane node does not count',
      [
        node('a', 'z1'),
        node('b', 'z2'),
        node('cp', undefined, '4', true, { 'node-role.kubernetes.io/control-plane': '' }),
      ],
      [
        ['z1', 0.5],
        ['z2', 0.5],
      ],
    ],
    ['one zone is not enough (SetNodes leaves no ratios)', [node('a', 'z1'), node('b', 'z1')], undefined],
    ['a node without a zone', [node('a', 'z1'), node('b', undefined)], undefined],
    [
      'millicores',
      [node('a', 'z1', '500m'), node('b', 'z2', '1500m')],
      [
        ['z1', 0.25],
        ['z2', 0.75],
      ],
    ],
  ];
  for (const [name, nodes, want] of rows) {
    const got = cpuRatiosByZone(nodes);
    assert.deepEqual(got && [...got], want, name);
  }
});

test('getAllocations rows: the reasons for no hints, and minimum/maximum per zone', () => {
  const r = (pairs: [string, number][]) => new Map(pairs);
  const rows: [string, Map<string, number> | undefined, number, unknown][] = [
    [
      'no node info',
      undefined,
      5,
      'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes',
    ],
    ['one zone', r([['a', 1]]), 5, 'Nodes only ready in one zone'],
    [
      'fewer endpoints than zones',
      r([
        ['a', 0.5],
        ['b', 0.5],
      ]),
      1,
      'Insufficient number of endpoints (1 endpoints, 2 zones)',
    ],
    [
      'three zones, three endpoints: desired is at least the minimum',
      r([
        ['a', 0.34],
        ['b', 0.33],
        ['c', 0.33],
      ]),
      3,
      [
        ['a', { minimum: 1, desired: 1.02, maximum: 1 }],
        ['b', { minimum: 1, desired: 1, maximum: 1 }],
        ['c', { minimum: 1, desired: 1, maximum: 1 }],
      ],
    ],
    [
      'minimums exceed the endpoints',
      r([
        ['a', 0.5],
        ['b', 0.25],
        ['c', 0.25],
      ]),
      3,
      'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (3 endpoints, 3 zones)',
    ],
    [
      'a lopsided split of 10',
      r([
        ['a', 0.9],
        ['b', 0.1],
      ]),
      10,
      [
        ['a', { minimum: 8, desired: 9, maximum: 9 }],
        ['b', { minimum: 1, desired: 1, maximum: 2 }],
      ],
    ],
  ];
  for (const [name, ratios, n, want] of rows) {
    const got = getAllocations(ratios, n);
    if (typeof want === 'string') assert.equal(got, want, name);
    else {
      assert.ok(typeof got !== 'string', name);
      const g = [...(got as Map<string, any>)].map(([z, a]) => [
        z,
        { minimum: a.minimum, desired: Math.round(a.desired * 100) / 100, maximum: a.maximum },
      ]);
      assert.deepEqual(
        g,
        (want as any[]).map(([z, a]) => [z, { ...a, desired: Math.round(a.desired * 100) / 100 }]),
        name,
      );
    }
  }
});

test('addHints rows: own zone first, the surplus redistributed, no hints with a reason', () => {
  const eps = (zones: (string | undefined)[]) =>
    zones.map((zone, i) => ({
      addresses: [`10.244.0.${i + 1}`],
      conditions: { ready: true },
      ...(zone ? { zone } : {}),
    }));
  const hints = (list: any[]) => list.map((e) => e.hints?.forZones?.[0]?.name ?? '-');
  const even = new Map([
    ['a', 0.5],
    ['b', 0.5],
  ]);
  const rows: [string, any[], Map<string, number>, boolean, string[], string[]][] = [
    [
      'balanced: each its own zone, Enabled once',
      eps(['a', 'b']),
      even,
      false,
      ['a', 'b'],
      ['Normal TopologyAwareHintsEnabled Topology Aware Hints has been enabled, addressType: IPv4'],
    ],
    ['already hinted: no new event', eps(['a', 'b']), even, true, ['a', 'b'], []],
    ['three in zone a, one in b: one given to b', eps(['a', 'a', 'a', 'b']), even, true, ['b', 'a', 'a', 'b'], []],
    [
      'an endpoint without a zone',
      eps(['a', undefined]),
      even,
      true,
      ['-', '-'],
      ['Warning TopologyAwareHintsDisabled One or more endpoints do not have a zone specified, addressType: IPv4'],
    ],
    [
      'too few endpoints',
      eps(['a']),
      even,
      true,
      ['-'],
      ['Warning TopologyAwareHintsDisabled Insufficient number of endpoints (1 endpoints, 2 zones), addressType: IPv4'],
    ],
  ];
  for (const [name, list, ratios, already, want, events] of rows) {
    const r = addHints(list, ratios, 'IPv4', already);
    assert.deepEqual(hints(list), want, name);
    assert.deepEqual(
      r.events.map((e) => `${e.type} ${e.reason} ${e.message}`),
      events,
      name,
    );
  }
  const notReady = [
    { addresses: ['10.244.0.9'], conditions: { ready: false }, zone: 'a', hints: { forZones: [{ name: 'a' }] } },
    ...eps(['a', 'b']),
  ];
  addHints(notReady, even, 'IPv4', true);
  assert.deepEqual(hints(notReady), ['-', 'a', 'b'], 'a not-ready endpoint loses its hint');
  const ann = (a: Record<string, string>) => hintsEnabled({ metadata: { annotations: a } });
  assert.deepEqual(
    [
      ann({ 'service.kubernetes.io/topology-mode': 'Auto' }),
      ann({ 'service.kubernetes.io/topology-aware-hints': 'auto' }),
      ann({ 'service.kubernetes.io/topology-mode': 'Disabled', 'service.kubernetes.io/topology-aware-hints': 'Auto' }),
      ann({}),
    ],
    [true, true, false, false],
  );
});

test("canUseTopology rows, and categorize keeping the zone's endpoints", () => {
  const sp = {
    hintsAnnotation: 'Auto',
    internalPolicyLocal: false,
    externalPolicyLocal: false,
    nodePort: 0,
    externalIPs: [],
    loadBalancerIPs: [],
  } as unknown as ServicePortInfo;
  const ep = (ip: string, hints: string[], ready = true): Endpoint => ({
    ip,
    port: 80,
    str: `${ip}:80`,
    ready,
    serving: ready,
    terminating: false,
    zoneHints: hints,
  });
  const hinted = [ep('10.244.1.2', ['a']), ep('10.244.2.2', ['b'])];
  const rows: [string, ServicePortInfo, Endpoint[], string | undefined, boolean][] = [
    ['hints for the zone', sp, hinted, 'a', true],
    ['no annotation', { ...sp, hintsAnnotation: '' }, hinted, 'a', false],
    ['the node has no zone', sp, hinted, undefined, false],
    ['a ready endpoint without a hint', sp, [...hinted, ep('10.244.3.2', [])], 'a', false],
    ['a not-ready endpoint without a hint does not matter', sp, [...hinted, ep('10.244.3.2', [], false)], 'a', true],
    ['no endpoint for the zone', sp, hinted, 'c', false],
  ];
  for (const [name, s, list, zone, want] of rows) assert.equal(canUseTopology(list, s, zone), want, name);
  assert.deepEqual(
    categorize(hinted, sp, 'node-1', 'a').cluster.map((e) => e.ip),
    ['10.244.1.2'],
  );
  assert.deepEqual(
    categorize(hinted, sp, 'node-1', 'c').cluster.map((e) => e.ip),
    ['10.244.1.2', '10.244.2.2'],
  );
});

test("a cluster with zones: hinted slices, the client's zone only, hints gone with the annotation", () => {
  for (const mode of ['iptables', 'ipvs'] as const) {
    const c = createCluster({ nodes: 2, seed: 'zones', proxyMode: mode });
    c.kubectl('label node node-1 topology.kubernetes.io/zone=a');
    c.kubectl('label node node-2 topology.kubernetes.io/zone=b');
    c.apply(`apiVersion: v1
kind: Service
metadata: {name: web, annotations: {service.kubernetes.io/topology-mode: Auto}}
spec: {selector: {app: web}, ports: [{port: 80}]}
`);
    for (const n of ['node-1', 'node-2']) {
      c.apply(
        `apiVersion: v1\nkind: Pod\nmetadata: {name: web-${n}, labels: {app: web}}\nspec: {nodeSelector: {kubernetes.io/hostname: ${n}}, containers: [{name: c, image: nginx}]}\n`,
      );
    }
    const slice = c
      .list('endpointslices', { namespace: 'default' })
      .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    assert.deepEqual(
      slice.endpoints.map((e: any) => [e.zone, e.hints?.forZones?.[0]?.name]).sort(),
      [
        ['a', 'a'],
        ['b', 'b'],
      ],
      mode,
    );
    const s = spread(
      c.network,
      { kind: 'pod', namespace: 'default', pod: c.get('pods', 'web-node-2', 'default') },
      'web:80',
      10,
    );
    assert.deepEqual([...s.byPod.keys()], ['web-node-2'], `${mode}: node-2 (zone b) keeps to zone b`);
    c.kubectl('annotate service web service.kubernetes.io/topology-mode-');
    const after = c
      .list('endpointslices', { namespace: 'default' })
      .find((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    assert.ok(
      after.endpoints.every((e: any) => e.hints === undefined),
      `${mode}: hints removed`,
    );
    assert.equal(
      spread(
        c.network,
        { kind: 'pod', namespace: 'default', pod: c.get('pods', 'web-node-2', 'default') },
        'web:80',
        20,
      ).byPod.size,
      2,
      `${mode}: both pods again`,
    );
  }
});
