import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateTopologySpreadConstraints } from '../src/api/validation/topology-spread';
import fc from 'fast-check';
import {
  nodeIncluded,
  podConstraints,
  withMatchLabelKeys,
} from '../src/scheduler/plugins/podtopologyspread/pod-topology-spread';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE as LABEL_ZONE } from '../src/api/well-known';
import { podState } from '../src/scheduler/schedule-one';
import { createCluster } from '../src/cluster';
import { fromLabelSelector, matches } from '../src/api/selectors';

const tsc = (extra: any = {}) => ({
  maxSkew: 1,
  topologyKey: 'zone',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});
const F = 'spec.topologySpreadConstraints';

test('validateTopologySpreadConstraints (v1.30): the messages of the apiserver', () => {
  const rows: [string, any[], string[]][] = [
    [
      'valid, with the new fields',
      [
        tsc({
          matchLabelKeys: ['pod-template-hash'],
          nodeAffinityPolicy: 'Ignore',
          nodeTaintsPolicy: 'Honor',
          minDomains: 2,
        }),
      ],
      [],
    ],
    ['maxSkew 0', [tsc({ maxSkew: 0 })], [`${F}[0].maxSkew: Invalid value: 0: must be greater than zero`]],
    ['no topologyKey', [tsc({ topologyKey: '' })], [`${F}[0].topologyKey: Required value: can not be empty`]],
    [
      'unknown action',
      [tsc({ whenUnsatisfiable: 'Never' })],
      [`${F}[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"`],
    ],
    [
      'repeated pair',
      [tsc(), tsc({ maxSkew: 2 })],
      [`${F}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"`],
    ],
    ['minDomains 0', [tsc({ minDomains: 0 })], [`${F}[0].minDomains: Invalid value: 0: must be greater than zero`]],
    [
      'minDomains with ScheduleAnyway',
      [tsc({ minDomains: 3, whenUnsatisfiable: 'ScheduleAnyway' })],
      [
        `${F}[0].minDomains: Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
      ],
    ],
    [
      'nodeAffinityPolicy',
      [tsc({ nodeAffinityPolicy: 'honor' })],
      [`${F}[0].nodeAffinityPolicy: Unsupported value: "honor": supported values: "Honor", "Ignore"`],
    ],
    [
      'nodeTaintsPolicy',
      [tsc({ nodeTaintsPolicy: 'Always' })],
      [`${F}[0].nodeTaintsPolicy: Unsupported value: "Always": supported values: "Honor", "Ignore"`],
    ],
    [
      'matchLabelKeys key in matchLabels',
      [tsc({ matchLabelKeys: ['app'] })],
      [`${F}[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`],
    ],
    [
      'matchLabelKeys key in matchExpressions',
      [
        tsc({
          labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
          matchLabelKeys: ['x', 'tier'],
        }),
      ],
      [`${F}[0].matchLabelKeys[1]: Invalid value: "tier": exists in both matchLabelKeys and labelSelector`],
    ],
    [
      'matchLabelKeys without a labelSelector',
      [tsc({ labelSelector: undefined, matchLabelKeys: ['track'] })],
      [`${F}[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`],
    ],
    [
      'matchLabelKeys not a label name',
      [tsc({ matchLabelKeys: ['bad key'] })],
      [
        `${F}[0].matchLabelKeys[0]: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    ],
  ];
  for (const [name, cs, want] of rows)
    assert.deepEqual(
      validateTopologySpreadConstraints(cs, F).map((e) => e.text),
      want,
      name,
    );
});

test("PodTopologySpread: matchLabelKeys add the pod's own values to the selector", () => {
  const sel = fromLabelSelector({ matchLabels: { app: 'web' } });
  const rows: [string, string[] | undefined, Record<string, string>, Record<string, string>, boolean][] = [
    ['no keys', undefined, { app: 'web', track: 'canary' }, { app: 'web', track: 'stable' }, true],
    ['same value', ['track'], { app: 'web', track: 'canary' }, { app: 'web', track: 'canary' }, true],
    ['another value', ['track'], { app: 'web', track: 'canary' }, { app: 'web', track: 'stable' }, false],
    ['the pod lacks the key: ignored', ['track'], { app: 'web' }, { app: 'web', track: 'stable' }, true],
    ['the other pod lacks it', ['track'], { app: 'web', track: 'canary' }, { app: 'web' }, false],
  ];
  for (const [name, keys, own, other, want] of rows)
    assert.equal(matches(withMatchLabelKeys(sel, keys, own), other), want, name);
  assert.equal(withMatchLabelKeys(null, ['track'], { track: 'x' }), null, 'no labelSelector selects nothing');
  const pod = {
    metadata: { name: 'p', labels: { app: 'web', 'pod-template-hash': 'abc' } },
    spec: { topologySpreadConstraints: [tsc({ matchLabelKeys: ['pod-template-hash'] })] },
  };
  const [c] = podConstraints(pod, {} as any, 'DoNotSchedule').constraints;
  assert.deepEqual(c.selector, [
    { key: 'app', op: 'Equals', values: ['web'] },
    { key: 'pod-template-hash', op: 'Equals', values: ['abc'] },
  ]);
  assert.deepEqual([c.nodeAffinityPolicy, c.nodeTaintsPolicy], ['Honor', 'Ignore'], 'the defaults');
});

test('PodTopologySpread: nodeAffinityPolicy and nodeTaintsPolicy decide which nodes count', () => {
  const node = (labels: Record<string, string>, taints: any[] = []) => ({
    metadata: { name: 'n', labels },
    spec: { taints },
  });
  const pod = (spec: any = {}) => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } });
  const c = (nodeAffinityPolicy: any, nodeTaintsPolicy: any) => ({
    ...podConstraints(
      pod({ topologySpreadConstraints: [tsc({ nodeAffinityPolicy, nodeTaintsPolicy })] }),
      {} as any,
      'DoNotSchedule',
    ).constraints[0],
  });
  const ssd = { nodeSelector: { disk: 'ssd' } };
  const gpu = [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }];
  const rows: [string, any, any, any, boolean][] = [
    ['Honor: a node the nodeSelector rules out does not count', pod(ssd), node({}), c('Honor', 'Ignore'), false],
    ['Honor: a matching node counts', pod(ssd), node({ disk: 'ssd' }), c('Honor', 'Ignore'), true],
    ['Ignore: every node counts', pod(ssd), node({}), c('Ignore', 'Ignore'), true],
    ['taints Ignore: a tainted node counts', pod(), node({}, gpu), c('Honor', 'Ignore'), true],
    ['taints Honor: an untolerated taint leaves it out', pod(), node({}, gpu), c('Honor', 'Honor'), false],
    [
      'taints Honor: a tolerated taint keeps it',
      pod({ tolerations: [{ key: 'gpu', operator: 'Exists' }] }),
      node({}, gpu),
      c('Honor', 'Honor'),
      true,
    ],
    [
      'taints Honor: PreferNoSchedule does not count',
      pod(),
      node({}, [{ key: 'x', effect: 'PreferNoSchedule' }]),
      c('Honor', 'Honor'),
      true,
    ],
  ];
  for (const [name, p, n, constraint, want] of rows) assert.equal(nodeIncluded(p, n, constraint), want, name);
});

// PodTopologySpread's Score visits only the nodes with matching pods when every constraint's key is on no node or
// is the hostname on every node (SpreadState.sparse): its scores equal scoring each node, for any cluster
test('PodTopologySpread: scoring all nodes at once equals scoring each node (property)', () => {
  const ZONES = ['a', 'b'];
  const arb = fc.record({
    nodes: fc.array(fc.record({ zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }) }), {
      minLength: 1,
      maxLength: 7,
    }),
    pods: fc.array(fc.record({ node: fc.nat(6), app: fc.constantFrom('web', 'db') }), { maxLength: 12 }),
    own: fc.option(fc.constantFrom(LABEL_HOSTNAME, LABEL_ZONE), { nil: undefined }),
    feasible: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  });
  fc.assert(
    fc.property(arb, ({ nodes, pods, own, feasible }) => {
      const c = createCluster({
        nodes: nodes.map((n, i) => ({
          name: `n${i}`,
          labels: n.zone ? { [LABEL_ZONE]: n.zone } : ({} as Record<string, string>),
        })),
        timeline: false,
      });
      c.api.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      });
      pods.forEach((p, i) => {
        c.api.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `p${i}`, namespace: 'default', labels: { app: p.app } },
          spec: { nodeName: `n${p.node % nodes.length}`, containers: [{ name: 'c', image: 'nginx' }] },
        });
      });
      c.converge();
      const spread = own
        ? [
            {
              maxSkew: 2,
              topologyKey: own,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { app: 'web' } },
            },
          ]
        : undefined;
      const pod = c.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'new', namespace: 'default', labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }], topologySpreadConstraints: spread },
      });
      const infos = c.scheduler.cache.nodeList.filter((_, i) => feasible[i]);
      if (!infos.length) return;
      const state = podState(pod);
      for (const p of c.scheduler.profile.preFilters) p.preFilter(state, c.api);
      const plugin = c.scheduler.profile.scores.find((p) => p.name === 'PodTopologySpread')!;
      if (plugin.skip?.(state)) return;
      plugin.preScore!(state, infos);
      infos.forEach((n, i) => {
        n.slot = i;
      });
      const all = new Array<number>(infos.length);
      plugin.scoreNodes!(state, infos, all);
      assert.deepEqual(
        all,
        infos.map((n) => plugin.score(state, n)),
      );
    }),
    { numRuns: 60 },
  );
});
