// The kubelet's admission of pods bound to its node: rows ported from pkg/kubelet/lifecycle/predicate_test.go
// (TestGeneralPredicates, TestRemoveMissingExtendedResources, TestRejectPodAdmissionBasedOnOSSelector/OSField) and
// the reasons and messages predicate.go gives (v1.30: `Predicate <name> failed`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  admit,
  generalFilter,
  withoutMissingExtendedResources,
  isExtendedResourceName,
} from '../src/kubelet/admission';
import { nodeInfoOf } from '../src/scheduler/admission-check';
import { createCluster } from '../src/cluster';

const node = (extra: any = {}) =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'machine1', labels: { 'kubernetes.io/os': 'linux' } },
    spec: extra.spec ?? {},
    status: {
      allocatable: {
        cpu: '10m',
        memory: '20',
        pods: '32',
        'example.com/aaa': '0',
        'ephemeral-storage': '0',
        ...extra.allocatable,
      },
    },
  }) as any;
let n = 0;
const pod = (spec: any = {}, meta: any = {}) =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${n}`, namespace: 'default', uid: `u${n++}`, ...meta },
    spec: { containers: [], ...spec },
  }) as any;
const resourcePod = (requests: any) => pod({ containers: [{ name: 'c', resources: { requests } }] });
const portPod = (...ports: number[]) =>
  pod({ containers: [{ name: 'c', ports: ports.map((p) => ({ hostPort: p, containerPort: p })) }] });

// TestGeneralPredicates: [name, pod, the pods already admitted, node, the reasons (predicate names or OutOf<resource>)]
const rows: Array<[string, any, any[], any, string[]]> = [
  ['no resources/port/host requested always fits', pod(), [resourcePod({ cpu: '9m', memory: '19' })], node(), []],
  [
    'not enough cpu and memory resource',
    resourcePod({ cpu: '8m', memory: '10' }),
    [resourcePod({ cpu: '5m', memory: '19' })],
    node(),
    [
      "Node didn't have enough resource: cpu, requested: 8, used: 5, capacity: 10",
      "Node didn't have enough resource: memory, requested: 10, used: 19, capacity: 20",
    ],
  ],
  ['host not match', pod({ nodeName: 'machine2' }), [], node(), ['NodeName']],
  ['hostport conflict', portPod(123), [portPod(123)], node(), ['NodePorts']],
  [
    'taint/toleration match',
    pod({ tolerations: [{ key: 'foo' }, { key: 'bar' }] }),
    [],
    node({
      spec: {
        taints: [
          { key: 'foo', effect: 'NoSchedule' },
          { key: 'bar', effect: 'NoExecute' },
        ],
      },
    }),
    [],
  ],
  [
    'NoSchedule taint/toleration not match',
    pod(),
    [],
    node({ spec: { taints: [{ key: 'foo', effect: 'NoSchedule' }] } }),
    [],
  ],
  [
    'NoExecute taint/toleration not match',
    pod(),
    [],
    node({ spec: { taints: [{ key: 'bar', effect: 'NoExecute' }] } }),
    ['TaintToleration'],
  ],
  [
    'PreferNoSchedule taint/toleration not match',
    pod(),
    [],
    node({ spec: { taints: [{ key: 'baz', effect: 'PreferNoSchedule' }] } }),
    [],
  ],
  [
    'required node affinity not matched',
    pod({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }],
          },
        },
      },
    }),
    [],
    node(),
    ['NodeAffinity'],
  ],
  ['nodeSelector not matched', pod({ nodeSelector: { disk: 'ssd' } }), [], node(), ['NodeAffinity']],
  [
    'too many pods',
    pod(),
    [pod(), pod()],
    node({ allocatable: { pods: '2' } }),
    ["Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"],
  ],
  [
    'an extended resource the node has too little of',
    resourcePod({ 'example.com/aaa': '1' }),
    [],
    node(),
    ["Node didn't have enough resource: example.com/aaa, requested: 1, used: 0, capacity: 0"],
  ],
  ['an extended resource the node does not list is ignored', resourcePod({ 'foo.com/bar': '1' }), [], node(), []],
];
for (const [name, p, others, nd, want] of rows) {
  test(`generalFilter: ${name}`, () => {
    const reasons = generalFilter(withoutMissingExtendedResources(p, nd), nodeInfoOf(nd, others));
    assert.deepEqual(
      reasons.map((r) =>
        'insufficientResource' in r
          ? `Node didn't have enough resource: ${r.insufficientResource.resourceName}, requested: ${r.insufficientResource.requested}, used: ${r.insufficientResource.used}, capacity: ${r.insufficientResource.capacity}`
          : r.name,
      ),
      want,
    );
  });
}

// Admit: the first failure's reason and message; the OS checks come first
const admitRows: Array<[string, any, any[], any, { reason: string; message: string } | undefined]> = [
  ['fits', pod(), [], node(), undefined],
  [
    'cpu',
    resourcePod({ cpu: '8m', memory: '10' }),
    [resourcePod({ cpu: '5m', memory: '19' })],
    node(),
    { reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 8, used: 5, capacity: 10" },
  ],
  [
    'memory',
    resourcePod({ memory: '21' }),
    [],
    node(),
    {
      reason: 'OutOfmemory',
      message: "Node didn't have enough resource: memory, requested: 21, used: 0, capacity: 20",
    },
  ],
  [
    'pods before anything else',
    resourcePod({ cpu: '20m' }),
    [pod()],
    node({ allocatable: { pods: '1' } }),
    { reason: 'OutOfpods', message: "Node didn't have enough resource: pods, requested: 1, used: 1, capacity: 1" },
  ],
  [
    'ephemeral storage',
    resourcePod({ 'ephemeral-storage': '1Ki' }),
    [],
    node({ allocatable: { 'ephemeral-storage': '1000' } }),
    {
      reason: 'OutOfephemeral-storage',
      message: "Node didn't have enough resource: ephemeral-storage, requested: 1024, used: 0, capacity: 1000",
    },
  ],
  [
    'extended resource',
    resourcePod({ 'example.com/aaa': '2' }),
    [],
    node({ allocatable: { 'example.com/aaa': '1' } }),
    {
      reason: 'OutOfexample.com/aaa',
      message: "Node didn't have enough resource: example.com/aaa, requested: 2, used: 0, capacity: 1",
    },
  ],
  [
    'node affinity',
    pod({ nodeSelector: { disk: 'ssd' } }),
    [],
    node(),
    { reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' },
  ],
  [
    'NoExecute taint',
    pod(),
    [],
    node({ spec: { taints: [{ key: 'bar', effect: 'NoExecute' }] } }),
    { reason: 'TaintToleration', message: 'Predicate TaintToleration failed' },
  ],
  [
    'OS label',
    pod({}, { labels: { 'kubernetes.io/os': 'windows' } }),
    [],
    node(),
    {
      reason: 'PodOSSelectorNodeLabelDoesNotMatch',
      message: "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label",
    },
  ],
  ['OS label linux', pod({}, { labels: { 'kubernetes.io/os': 'linux' } }), [], node(), undefined],
  [
    'OS field',
    pod({ os: { name: 'windows' } }),
    [],
    node(),
    { reason: 'PodOSNotSupported', message: "Failed to admit pod as the OS field doesn't match node OS" },
  ],
];
for (const [name, p, others, nd, want] of admitRows)
  test(`admit: ${name}`, () => assert.deepEqual(admit(p, nd, others), want));

// TestRemoveMissingExtendedResources: requests of extended resources the node lacks go; limits stay
test('removeMissingExtendedResources', () => {
  const mk = (requests: any, limits: any) =>
    pod({
      containers: [{ name: 'c', resources: { requests, limits } }],
      initContainers: [{ name: 'i', resources: { requests, limits } }],
    });
  const cases: Array<[string, any, any, any]> = [
    ['requests in Limits should be ignored', mk({}, { 'foo.com/bar': '1' }), { 'foo.com/baz': '1' }, {}],
    [
      'requests for resources available in node should not be removed',
      mk({ 'foo.com/bar': '1' }, {}),
      { 'foo.com/bar': '1' },
      { 'foo.com/bar': '1' },
    ],
    [
      'requests for resources unavailable in node should be removed',
      mk({ 'foo.com/bar': '1' }, {}),
      { 'foo.com/baz': '1' },
      {},
    ],
    [
      'requests for extended resources with Allocatable 0 should not be removed',
      mk({ 'foo.com/bar': '1' }, {}),
      { 'foo.com/bar': '0' },
      { 'foo.com/bar': '1' },
    ],
    ['native resources stay', mk({ cpu: '1', 'hugepages-2Mi': '2Mi' }, {}), {}, { cpu: '1', 'hugepages-2Mi': '2Mi' }],
  ];
  for (const [name, p, allocatable, want] of cases) {
    const out = withoutMissingExtendedResources(p, { status: { allocatable } } as any);
    assert.deepEqual(out.spec.containers[0].resources.requests, want, name);
    assert.deepEqual(out.spec.initContainers[0].resources.requests, want, name);
    assert.deepEqual(out.spec.containers[0].resources.limits, p.spec.containers[0].resources.limits, name);
  }
  for (const [name, ext] of [
    ['foo.com/bar', true],
    ['cpu', false],
    ['hugepages-2Mi', false],
    ['kubernetes.io/x', false],
    ['requests.foo.com/bar', false],
  ] as const) {
    assert.equal(isExtendedResourceName(name), ext, name);
  }
});

// In the cluster: the kubelet rejects a pod bound to a node it does not fit, once, and never runs it
test('a pod bound by nodeName to a node it does not fit is rejected by the kubelet', () => {
  const c = createCluster({ nodes: 1, seed: 'admission' });
  c.apply(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: "3"}}}]\n',
  );
  c.apply(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: "2"}}}]\n',
  );
  c.advance('1m');
  assert.equal(c.get('pod', 'a').status.phase, 'Running');
  const b = c.get('pod', 'b');
  assert.deepEqual(
    { phase: b.status.phase, reason: b.status.reason, message: b.status.message, ip: b.status.podIP },
    {
      phase: 'Failed',
      reason: 'OutOfcpu',
      message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000",
      ip: undefined,
    },
  );
  const events = c.api.list('events').filter((e) => e.involvedObject.name === 'b');
  assert.deepEqual(
    events.map((e) => [e.type, e.reason, e.message, e.source.component, e.count]),
    [
      [
        'Warning',
        'OutOfcpu',
        "Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000",
        'kubelet',
        1,
      ],
    ],
  );
});
