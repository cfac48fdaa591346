import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { NodeInfo } from '../src/scheduler/types';
import { podState, numFeasibleNodesToFind } from '../src/scheduler/schedule-one';
import { nodeResources, podRequests } from '../src/scheduler/plugins/noderesources/resource-allocation';
import { fitsRequest } from '../src/scheduler/plugins/noderesources/fit';
import { nodeAffinityFilter } from '../src/scheduler/plugins/nodeaffinity/node-affinity';
import { taintTolerationFilter } from '../src/scheduler/plugins/tainttoleration/taint-toleration';
import { toleratesTaint } from '../src/api/scheduling/taints';
import { nodeUnschedulablePlugin } from '../src/scheduler/plugins/nodeunschedulable/node-unschedulable';
import { nodeNamePlugin } from '../src/scheduler/plugins/nodename/node-name';
import { leastAllocatedScore } from '../src/scheduler/plugins/noderesources/least-allocated';
import { balancedResourceScore } from '../src/scheduler/plugins/noderesources/balanced-allocation';
import { fitErrorMessage } from '../src/scheduler/fit-error';
import { unresolvable, unschedulable } from '../src/scheduler/types';
import type { ApiServer } from '../src/apiserver/apiserver';

const api = {} as ApiServer;
const pod = (spec: any): KObject => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [], ...spec },
});
const ctr = (requests?: Record<string, string>) => ({ name: 'c', image: 'x', resources: requests ? { requests } : {} });
function node(
  opts: {
    name?: string;
    alloc?: Record<string, string>;
    used?: Record<string, number>;
    pods?: number;
    labels?: Record<string, string>;
    taints?: any[];
    unschedulable?: boolean;
  } = {},
): NodeInfo {
  const n = new NodeInfo(opts.name ?? 'n1');
  n.node = {
    metadata: { name: n.name, labels: opts.labels ?? {} },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
  };
  n.allocatable = nodeResources({ cpu: '4', memory: '16Gi', pods: '110', ...opts.alloc });
  for (let i = 0; i < (opts.pods ?? 0); i++)
    n.add({
      key: `p${i}`,
      uid: `u${i}`,
      node: n.name,
      requested: i === 0 ? { ...opts.used } : {},
      nonZero: {},
      priority: 0,
    });
  return n;
}

test('pod requests: max(sum of containers, max init container) plus overhead; sidecars add up', () => {
  const rows: [string, any, Record<string, number>][] = [
    [
      'sum of containers',
      { containers: [ctr({ cpu: '100m', memory: '1Gi' }), ctr({ cpu: '200m' })] },
      { cpu: 300, memory: 2 ** 30 },
    ],
    [
      'init container larger',
      { containers: [ctr({ cpu: '100m' })], initContainers: [ctr({ cpu: '1' })] },
      { cpu: 1000 },
    ],
    ['init container smaller', { containers: [ctr({ cpu: '2' })], initContainers: [ctr({ cpu: '1' })] }, { cpu: 2000 }],
    ['overhead', { containers: [ctr({ cpu: '100m' })], overhead: { cpu: '50m' } }, { cpu: 150 }],
    [
      'sidecar counts with containers',
      { containers: [ctr({ cpu: '1' })], initContainers: [{ ...ctr({ cpu: '500m' }), restartPolicy: 'Always' }] },
      { cpu: 1500 },
    ],
  ];
  for (const [name, spec, want] of rows) assert.deepEqual(podRequests(spec), want, name);
  assert.deepEqual(podRequests({ containers: [ctr(), ctr({ cpu: '1' })] }, true), {
    cpu: 1100,
    memory: 2 * 200 * 2 ** 20,
  });
});

test('NodeResourcesFit reasons (fit.go fitsRequest)', () => {
  const rows: [string, any, NodeInfo, string[]][] = [
    ['fits', { containers: [ctr({ cpu: '1' })] }, node(), []],
    ['too many pods', { containers: [ctr({ cpu: '1' })] }, node({ alloc: { pods: '1' }, pods: 1 }), ['Too many pods']],
    [
      'requests nothing: only the pod count',
      { containers: [ctr()] },
      node({ alloc: { cpu: '0' }, used: { cpu: 5000 }, pods: 1 }),
      [],
    ],
    [
      'insufficient cpu',
      { containers: [ctr({ cpu: '3' })] },
      node({ used: { cpu: 2000 }, pods: 1 }),
      ['Insufficient cpu'],
    ],
    [
      'insufficient cpu and memory',
      { containers: [ctr({ cpu: '8', memory: '32Gi' })] },
      node(),
      ['Insufficient cpu', 'Insufficient memory'],
    ],
    ['exactly full fits', { containers: [ctr({ cpu: '2' })] }, node({ used: { cpu: 2000 }, pods: 1 }), []],
    ['extended resource', { containers: [ctr({ 'nvidia.com/gpu': '1' })] }, node(), ['Insufficient nvidia.com/gpu']],
    [
      'all of them',
      { containers: [ctr({ cpu: '5', 'ephemeral-storage': '1Ti' })] },
      node({ alloc: { pods: '0' } }),
      ['Too many pods', 'Insufficient cpu', 'Insufficient ephemeral-storage'],
    ],
  ];
  for (const [name, spec, n, want] of rows) assert.deepEqual(fitsRequest(podState(pod(spec)), n), want, name);
});

test('filter plugins: node name, unschedulable, affinity/selector, taints', () => {
  type Row = [string, { filter: typeof nodeAffinityFilter.filter }, any, NodeInfo, string | undefined];
  const rows: Row[] = [
    ['node name matches', nodeNamePlugin, { nodeName: 'n1' }, node(), undefined],
    ['node name differs', nodeNamePlugin, { nodeName: 'n2' }, node(), "node(s) didn't match the requested node name"],
    ['cordoned', nodeUnschedulablePlugin, {}, node({ unschedulable: true }), 'node(s) were unschedulable'],
    [
      'cordoned, tolerated',
      nodeUnschedulablePlugin,
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
      node({ unschedulable: true }),
      undefined,
    ],
    [
      'nodeSelector matches',
      nodeAffinityFilter,
      { nodeSelector: { disktype: 'ssd' } },
      node({ labels: { disktype: 'ssd' } }),
      undefined,
    ],
    [
      'nodeSelector misses',
      nodeAffinityFilter,
      { nodeSelector: { disktype: 'ssd' } },
      node(),
      "node(s) didn't match Pod's node affinity/selector",
    ],
    [
      'required affinity In',
      nodeAffinityFilter,
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
            },
          },
        },
      },
      node({ labels: { zone: 'b' } }),
      undefined,
    ],
    [
      'required affinity terms are ORed',
      nodeAffinityFilter,
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] },
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
              ],
            },
          },
        },
      },
      node(),
      undefined,
    ],
    [
      'required affinity Gt',
      nodeAffinityFilter,
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }],
            },
          },
        },
      },
      node({ labels: { cores: '4' } }),
      "node(s) didn't match Pod's node affinity/selector",
    ],
    [
      'NoSchedule taint',
      taintTolerationFilter,
      {},
      node({ taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    ],
    [
      'NoExecute taint with value',
      taintTolerationFilter,
      {},
      node({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }),
      'node(s) had untolerated taint {dedicated: db}',
    ],
    [
      'PreferNoSchedule does not filter',
      taintTolerationFilter,
      {},
      node({ taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
      undefined,
    ],
    [
      'tolerated taint',
      taintTolerationFilter,
      { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] },
      node({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
      undefined,
    ],
  ];
  for (const [name, plugin, spec, n, want] of rows) {
    const s = plugin.filter(podState(pod(spec)), n, api);
    assert.equal(s?.reasons.join(', '), want, name);
    if (want) assert.equal(s?.code, 'UnschedulableAndUnresolvable', name);
  }
});

test('ToleratesTaint (toleration.go)', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const rows: [any, boolean][] = [
    [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', operator: 'Equal', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
  ];
  for (const [t, want] of rows) assert.equal(toleratesTaint(t, taint), want, JSON.stringify(t));
});

test('LeastAllocated and BalancedAllocation scores', () => {
  // least_allocated_test.go: "nothing scheduled, resources requested, differently sized nodes"
  assert.equal(leastAllocatedScore([3000, 5000], [4000, 10000]), 37); // (25 + 50) / 2
  assert.equal(leastAllocatedScore([3000, 5000], [6000, 10000]), 50);
  assert.equal(leastAllocatedScore([0, 0], [4000, 10000]), 100);
  assert.equal(leastAllocatedScore([5000, 0], [4000, 10000]), 50); // over capacity scores 0 for that resource
  assert.equal(leastAllocatedScore([100, 100], [0, 0]), 0);
  // balanced_allocation_test.go: fractions 3000/4000 and 5000/10000 -> std 0.125 -> 87
  assert.equal(balancedResourceScore([3000, 5000], [4000, 10000]), 87);
  assert.equal(balancedResourceScore([3000, 5000], [6000, 10000]), 100);
  assert.equal(balancedResourceScore([0, 0], [4000, 10000]), 100);
});

test('FitError message: histogram sorted as strings, PreFilter message, PostFilter appended', () => {
  const statuses = new Map<string, any>();
  for (let i = 0; i < 10; i++) statuses.set(`a${i}`, unschedulable('Insufficient cpu'));
  statuses.set('b0', unresolvable("node(s) didn't match Pod's node affinity/selector"));
  statuses.set('b1', unresolvable("node(s) didn't match Pod's node affinity/selector"));
  statuses.set('c', unschedulable('Too many pods', 'Insufficient cpu'));
  assert.equal(
    fitErrorMessage(13, { nodeToStatus: statuses }),
    "0/13 nodes are available: 1 Too many pods, 11 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
  );
  assert.equal(
    fitErrorMessage(3, {
      nodeToStatus: new Map(),
      preFilterMsg: 'pod has unbound immediate PersistentVolumeClaims',
      postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    }),
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
});

test('numFeasibleNodesToFind: every node under 100, then an adaptive percentage', () => {
  const rows: [number, number][] = [
    [3, 3],
    [99, 99],
    [100, 100],
    [1000, 420],
    [5000, 500],
    [6000, 300],
  ];
  for (const [n, want] of rows) assert.equal(numFeasibleNodesToFind(n), want, String(n));
});
