// Rows ported from pkg/printers/internalversion/printers_test.go (TestPrintNodeStatus, TestPrintNodeRole, the node
// wide columns, TestPrintHumanReadableService, TestPrintPodTable, TestPrintPod, TestPrintPodwide,
// TestPrintNonTerminatedPod, TestTranslateTimestampSince, TestPrintDeployment, TestPrintDaemonSet, TestPrintJob,
// TestPrintHPA, TestPrintLease, TestPrintPriorityClass, TestPrintPodDisruptionBudget, TestPrintControllerRevision,
// TestPrintReplicaSet, TestPrintPersistentVolume(Claim), TestPrintCronJob, TestPrintStorageClass,
// TestPrintEndpointSlice), with v1.30's columns (a Job's STATUS, PriorityClass's
// PREEMPTIONPOLICY, a Resource metric named in TARGETS, PV/PVC's VOLUMEATTRIBUTESCLASS, CronJob's TIMEZONE,
// StorageClass's RECLAIMPOLICY.. columns, the IPv4 address type), and the cells of printers.go
// (getServiceExternalIP, printEvent) for the events and load balancers kspec prints. The table printer is called as
// `printers.PrintOptions{NoHeaders: true}` unless a row gives headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COLUMNS,
  type Columns,
  serviceExternalIP,
  formatHPAMetrics,
  headersOf,
  cellsOf,
} from '../src/apiserver/printers/columns';
import { since } from '../src/api/format';
import { tabwrite } from '../src/kubectl/printers/table';
import { formatTime } from '../src/runtime/clock';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const at = (ms: number) => formatTime(NOW + ms);
const yearsAgo = (n: number) => formatTime(Date.UTC(2014 - n + 10, 5, 1, 12, 0, 0));
/** The table kubectl prints: headers unless noHeaders, wide columns when asked. */
function table(kind: string, objs: any[], opts: { wide?: boolean; headers?: boolean } = {}): string {
  const cols: Columns = COLUMNS[kind];
  const rows: string[][] = [];
  if (opts.headers) rows.push(headersOf(cols, !!opts.wide));
  for (const o of objs) rows.push(cellsOf(cols, o, NOW, !!opts.wide));
  return tabwrite(rows);
}
const cells = (kind: string, o: any, wide = false) => cellsOf(COLUMNS[kind], o, NOW, wide);

test('TestTranslateTimestampSince', () => {
  const rows: Array<[string | undefined, string]> = [
    [at(2.1e3), '<invalid>'],
    [at(1.9e3), '0s'],
    [at(0), '0s'],
    [undefined, '<unknown>'],
    [at(-3e4), '30s'],
    [at(-3e5), '5m'],
    [at(-6e6), '100m'],
    [at(-2 * 24 * 3600e3), '2d'],
    [at(-90 * 24 * 3600e3), '90d'],
    [yearsAgo(10), '10y'],
  ];
  for (const [ts, want] of rows) assert.equal(since(ts, NOW), want, String(ts));
});

test('TestPrintNodeStatus and TestPrintNodeRole', () => {
  const node = (spec: any, conditions: any[], labels?: any) => ({
    metadata: { name: 'n', labels },
    spec,
    status: { conditions },
  });
  const ready = { type: 'Ready', status: 'True' };
  const status: Array<[any, string]> = [
    [node({}, [ready]), 'Ready'],
    [node({ unschedulable: true }, [ready]), 'Ready,SchedulingDisabled'],
    [node({}, [ready, ready]), 'Ready'],
    [node({}, [{ type: 'Ready', status: 'False' }]), 'NotReady'],
    [node({ unschedulable: true }, [{ type: 'Ready', status: 'False' }]), 'NotReady,SchedulingDisabled'],
    [node({}, [{ type: 'InvalidValue', status: 'True' }]), 'Unknown'],
    [node({}, [{}]), 'Unknown'],
    [node({ unschedulable: true }, [{ type: 'InvalidValue', status: 'True' }]), 'Unknown,SchedulingDisabled'],
    [node({ unschedulable: true }, [{}]), 'Unknown,SchedulingDisabled'],
  ];
  for (const [n, want] of status) assert.equal(cells('nodes', n)[1], want);
  const roles: Array<[any, string]> = [
    [undefined, '<none>'],
    [
      { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' },
      'master,node,proxy',
    ],
    [{ 'kubernetes.io/role': 'node' }, 'node'],
  ];
  for (const [labels, want] of roles) assert.equal(cells('nodes', node({}, [], labels))[2], want);
});

test('the node wide columns: OS image, kernel, runtime, external and internal IPs', () => {
  const node = (nodeInfo: any, addresses: any[]) => ({
    metadata: { name: 'foo' },
    spec: {},
    status: { nodeInfo, addresses },
  });
  const wide = (n: any) => COLUMNS.nodes.wideRow!(n, NOW);
  assert.equal(wide(node({ osImage: 'fake-os-image' }, []))[2], 'fake-os-image');
  assert.equal(wide(node({ kernelVersion: 'fake-kernel-version' }, []))[2], '<unknown>');
  assert.equal(wide(node({ kernelVersion: 'fake-kernel-version' }, []))[3], 'fake-kernel-version');
  assert.equal(wide(node({ osImage: 'x' }, []))[3], '<unknown>');
  assert.equal(wide(node({ containerRuntimeVersion: 'foo://1.2.3' }, []))[4], 'foo://1.2.3');
  assert.equal(wide(node({}, []))[4], '<unknown>');
  const ips = [
    { type: 'ExternalIP', address: '2.2.2.2' },
    { type: 'InternalIP', address: '3.3.3.3' },
    { type: 'ExternalIP', address: '4.4.4.4' },
  ];
  assert.deepEqual(wide(node({}, ips)).slice(0, 2), ['3.3.3.3', '2.2.2.2']);
  assert.deepEqual(wide(node({}, [{ type: 'InternalIP', address: '1.1.1.1' }])).slice(0, 2), ['1.1.1.1', '<none>']);
  assert.deepEqual(wide(node({}, [{ type: 'ExternalIP', address: '1.1.1.1' }])).slice(0, 2), ['<none>', '1.1.1.1']);
});

test('TestPrintHumanReadableService, and getServiceExternalIP', () => {
  const svc = (spec: any, ingress?: any[]) => ({
    metadata: { name: 'svc' },
    spec,
    status: ingress ? { loadBalancer: { ingress } } : {},
  });
  const services = [
    svc({ clusterIP: '1.2.3.4', type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, [
      { ip: '2.3.4.5' },
      { ip: '3.4.5.6' },
    ]),
    svc({
      clusterIP: '1.3.4.5',
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 8090, protocol: 'UDP' },
        { port: 8000, protocol: 'TCP' },
        { port: 7777, protocol: 'SCTP' },
      ],
    }),
    svc(
      {
        clusterIP: '1.4.5.6',
        type: 'LoadBalancer',
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 8090, protocol: 'UDP' },
          { port: 8000, protocol: 'TCP' },
        ],
      },
      [{ ip: '2.3.4.5' }],
    ),
    svc(
      {
        clusterIP: '1.5.6.7',
        type: 'LoadBalancer',
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 8090, protocol: 'UDP' },
          { port: 8000, protocol: 'TCP' },
        ],
      },
      [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }],
    ),
  ];
  for (const s of services) {
    for (const wide of [false, true]) {
      const out = table('services', [s], { wide });
      assert.ok(out.includes(s.spec.clusterIP));
      // the API server generates its tables with Wide: true, so the addresses are never clipped in kubectl get
      for (const i of s.status.loadBalancer?.ingress ?? []) assert.ok(out.includes(i.ip), `${i.ip} in ${out}`);
      for (const p of s.spec.ports) assert.ok(out.includes(`${p.port}/${p.protocol}`));
      assert.equal(out.split('\n').length, 2);
    }
  }
  // getServiceExternalIP: the load balancer's addresses sorted, clipped at 16 characters unless wide (the API
  // server's table convertor always asks wide), the external IPs appended in full
  const rows: Array<[any, boolean, string]> = [
    [svc({ type: 'LoadBalancer' }, [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }]), false, '2.3.4.5,3.4.5.6'],
    [
      svc({ type: 'LoadBalancer' }, [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }]),
      false,
      '2.3.4.5,3.4.5...',
    ],
    [
      svc({ type: 'LoadBalancer' }, [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }]),
      true,
      '2.3.4.5,3.4.5.6,5.6.7.8',
    ],
    [
      svc({ type: 'LoadBalancer' }, [{ hostname: 'a.example.com' }, { ip: '2.3.4.5' }, { ip: '2.3.4.5' }]),
      true,
      '2.3.4.5,a.example.com',
    ],
    [
      svc({ type: 'LoadBalancer', externalIPs: ['80.11.12.10'] }, [{ ip: '172.18.255.200' }, { ip: '172.18.255.201' }]),
      false,
      '172.18.255.20...,80.11.12.10',
    ],
    [svc({ type: 'LoadBalancer', externalIPs: ['80.11.12.10', '80.11.12.11'] }), false, '80.11.12.10,80.11.12.11'],
    [svc({ type: 'LoadBalancer' }), false, '<pending>'],
    [svc({ type: 'ClusterIP', externalIPs: ['1.1.1.1', '2.2.2.2'] }), false, '1.1.1.1,2.2.2.2'],
    [svc({ type: 'NodePort' }), false, '<none>'],
    [svc({ type: 'ExternalName', externalName: 'db.example.com' }), false, 'db.example.com'],
    [svc({ type: 'Other' }), false, '<unknown>'],
  ];
  for (const [s, wide, want] of rows) assert.equal(serviceExternalIP(s, wide), want);
});

const pod = (name: string, status: any, spec: any = { containers: [{}, {}] }, meta: any = {}) => ({
  metadata: { name, ...meta },
  spec,
  status,
});
const runningPod = pod(
  'test1',
  {
    phase: 'Running',
    containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
  },
  undefined,
  { labels: { a: '1', b: '2' } },
);
const failedPod = pod(
  'test2',
  {
    phase: 'Failed',
    containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
  },
  undefined,
  { labels: { b: '2' } },
);

test('TestPrintPodTable', () => {
  assert.equal(
    table('pods', [runningPod], { headers: true }),
    'NAME    READY   STATUS    RESTARTS   AGE\ntest1   1/2     Running   6          <unknown>\n',
  );
  assert.equal(table('pods', [runningPod]), 'test1   1/2   Running   6     <unknown>\n');
  assert.equal(
    table('pods', [failedPod], { headers: true }),
    'NAME    READY   STATUS   RESTARTS   AGE\ntest2   1/2     Failed   6          <unknown>\n',
  );
});

test('TestPrintPod, TestPrintPodList and TestPrintNonTerminatedPod', () => {
  const rows: Array<[any, string[]]> = [
    [
      pod('test1', {
        phase: 'podPhase',
        containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
      }),
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    // a container's waiting reason overrides the phase
    [
      pod('test2', {
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
        ],
      }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    // the first container's reason wins over the later ones
    [
      pod('test3', {
        phase: 'podPhase',
        containerStatuses: [
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
        ],
      }),
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    // ready is not enough to count as running
    [
      pod('test4', {
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { ready: true, restartCount: 3 },
        ],
      }),
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      pod('test5', {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { ready: true, restartCount: 3 },
        ],
      }),
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    // one container running, the other completed: Running with the Ready condition, NotReady without (v1.30's
    // hasPodReadyCondition; the older row expected Running without a condition)
    [
      pod('test6', {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: { running: {} } },
        ],
      }),
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      pod('test6', {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: { running: {} } },
        ],
      }),
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      pod('l1', {
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { ready: true, restartCount: 3, state: { running: {} } },
        ],
      }),
      ['l1', '2/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      pod(
        'l2',
        { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 1, state: { running: {} } }] },
        { containers: [{}] },
      ),
      ['l2', '1/1', 'podPhase', '1', '<unknown>'],
    ],
    ...['Running', 'Pending', 'Unknown', 'Succeeded', 'Failed'].map(
      (phase) =>
        [
          pod('nt', {
            phase,
            containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
          }),
          ['nt', '1/2', phase, '6', '<unknown>'],
        ] as [any, string[]],
    ),
  ];
  for (const [p, want] of rows) assert.deepEqual(cells('pods', p), want, p.metadata.name);
});

test('TestPrintPodwide: IP, NODE, NOMINATED NODE, READINESS GATES', () => {
  const gates = [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }];
  const conditions = [
    { type: 'condition1', status: 'False' },
    { type: 'condition2', status: 'True' },
  ];
  const statuses = [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }];
  const rows: Array<[any, string[]]> = [
    [
      pod(
        'test1',
        {
          conditions,
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }],
          containerStatuses: statuses,
          nominatedNodeName: 'node1',
        },
        { containers: [{}, {}], nodeName: 'test1', readinessGates: gates },
      ),
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      pod(
        'test1',
        {
          conditions,
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
          containerStatuses: statuses,
          nominatedNodeName: 'node1',
        },
        { containers: [{}, {}], nodeName: 'test1', readinessGates: gates },
      ),
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      pod('test2', {
        phase: 'podPhase',
        containerStatuses: [statuses[0], { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }],
      }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
    ],
  ];
  for (const [p, want] of rows) assert.deepEqual(cells('pods', p, true), want);
});

test('TestPrintDeployment and TestPrintDaemonSet', () => {
  const d = {
    metadata: { name: 'test1', creationTimestamp: at(1.9e3) },
    spec: {
      replicas: 5,
      selector: { matchLabels: { foo: 'bar' } },
      template: {
        spec: {
          containers: [
            { name: 'fake-container1', image: 'fake-image1' },
            { name: 'fake-container2', image: 'fake-image2' },
          ],
        },
      },
    },
    status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
  };
  assert.equal(table('deployments', [d]), 'test1   0/5   2     1     0s\n');
  assert.equal(
    table('deployments', [d], { wide: true }),
    'test1   0/5   2     1     0s    fake-container1,fake-container2   fake-image1,fake-image2   foo=bar\n',
  );
  const ds = {
    metadata: { name: 'test1', creationTimestamp: at(1.9e3) },
    spec: { template: { spec: { containers: [{}, {}] } } },
    status: {
      currentNumberScheduled: 2,
      desiredNumberScheduled: 3,
      numberReady: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 0,
    },
  };
  assert.ok(table('daemonsets', [ds]).startsWith('test1   3     2     1     2     0     <none>   0s'));
});

test("TestPrintJob, with v1.30's STATUS column", () => {
  const job = (name: string, created: string, spec: any, status: any) => ({
    metadata: { name, creationTimestamp: created },
    spec,
    status,
  });
  const rows: Array<[any, string]> = [
    [job('job1', at(1.9e3), { completions: 2 }, { succeeded: 1 }), 'job1   Running   1/2         0s\n'],
    [job('job2', yearsAgo(10), {}, { succeeded: 0 }), 'job2   Running   0/1         10y\n'],
    [
      job('job3', yearsAgo(10), {}, { succeeded: 0, startTime: at(60e3), completionTime: at(31 * 60e3) }),
      'job3   Running   0/1   30m   10y\n',
    ],
    [job('job4', yearsAgo(10), {}, { succeeded: 0, startTime: at(-20 * 60e3) }), 'job4   Running   0/1   20m   10y\n'],
  ];
  for (const [j, want] of rows) assert.equal(table('jobs', [j]), want);
});

test('TestPrintHPA', () => {
  const hpa = (minReplicas: number | undefined, metrics: any[] | undefined, currentMetrics?: any[]) => ({
    metadata: { name: 'some-hpa' },
    spec: { scaleTargetRef: { name: 'some-rc', kind: 'ReplicationController' }, minReplicas, maxReplicas: 10, metrics },
    status: { currentReplicas: 4, desiredReplicas: 5, currentMetrics },
  });
  const ext = (target: any) => [{ type: 'External', external: { metric: { name: 'some-external-metric' }, target } }];
  const rows: Array<[any, string]> = [
    [
      hpa(undefined, undefined),
      'some-hpa   ReplicationController/some-rc   <none>   <unset>   10    4     <unknown>\n',
    ],
    [
      hpa(2, ext({ type: 'AverageValue', averageValue: '100m' })),
      'some-hpa   ReplicationController/some-rc   <unknown>/100m (avg)   2     10    4     <unknown>\n',
    ],
    [
      hpa(2, ext({ type: 'AverageValue', averageValue: '100m' }), [
        { type: 'External', external: { current: { averageValue: '50m' } } },
      ]),
      'some-hpa   ReplicationController/some-rc   50m/100m (avg)   2     10    4     <unknown>\n',
    ],
    [
      hpa(2, ext({ type: 'Value', value: '100m' })),
      'some-hpa   ReplicationController/some-rc   <unknown>/100m   2     10    4     <unknown>\n',
    ],
    [
      hpa(2, ext({ type: 'Value', value: '100m' }), [{ type: 'External', external: { current: { value: '50m' } } }]),
      'some-hpa   ReplicationController/some-rc   50m/100m   2     10    4     <unknown>\n',
    ],
    [
      hpa(2, [
        {
          type: 'Pods',
          pods: { metric: { name: 'some-pods-metric' }, target: { type: 'AverageValue', averageValue: '100m' } },
        },
      ]),
      'some-hpa   ReplicationController/some-rc   <unknown>/100m   2     10    4     <unknown>\n',
    ],
    [
      hpa(
        2,
        [{ type: 'Pods', pods: { target: { averageValue: '100m' } } }],
        [{ type: 'Pods', pods: { current: { averageValue: '50m' } } }],
      ),
      'some-hpa   ReplicationController/some-rc   50m/100m   2     10    4     <unknown>\n',
    ],
    [
      hpa(2, [
        {
          type: 'Object',
          object: {
            describedObject: { name: 'some-service', kind: 'Service' },
            target: { type: 'Value', value: '100m' },
          },
        },
      ]),
      'some-hpa   ReplicationController/some-rc   <unknown>/100m   2     10    4     <unknown>\n',
    ],
    [
      hpa(
        2,
        [{ type: 'Object', object: { target: { value: '100m' } } }],
        [{ type: 'Object', object: { current: { value: '50m' } } }],
      ),
      'some-hpa   ReplicationController/some-rc   50m/100m   2     10    4     <unknown>\n',
    ],
  ];
  for (const [h, want] of rows) assert.equal(table('horizontalpodautoscalers', [h]), want);
  // v1.30 names the resource of Resource and ContainerResource metrics; more than two metrics are counted
  const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
  assert.equal(formatHPAMetrics([cpu], []), 'cpu: <unknown>/80%');
  assert.equal(
    formatHPAMetrics([cpu], [{ type: 'Resource', resource: { current: { averageUtilization: 50 } } }]),
    'cpu: 50%/80%',
  );
  assert.equal(
    formatHPAMetrics([{ type: 'Resource', resource: { name: 'memory', target: { averageValue: '1024Mi' } } }], []),
    'memory: <unknown>/1Gi',
  );
  assert.equal(
    formatHPAMetrics(
      [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: {} } }],
      [],
    ),
    'cpu: <unknown>/<auto>',
  );
  assert.equal(formatHPAMetrics([cpu, cpu, cpu, cpu], []), 'cpu: <unknown>/80%, cpu: <unknown>/80% + 2 more...');
});

test('TestPrintLease and TestPrintPriorityClass', () => {
  assert.equal(
    table('leases', [
      { metadata: { name: 'lease1', creationTimestamp: at(1.9e3) }, spec: { holderIdentity: 'holder1' } },
    ]),
    'lease1   holder1   0s\n',
  );
  assert.equal(
    table('leases', [
      { metadata: { name: 'lease2', creationTimestamp: at(-3e5) }, spec: { holderIdentity: 'holder2' } },
    ]),
    'lease2   holder2   5m\n',
  );
  // the stored classes have their defaulted preemptionPolicy; the API server's tables are wide, so the cell is there
  const pl = 'PreemptLowerPriority';
  assert.equal(
    table('priorityclasses', [
      { metadata: { name: 'pc1', creationTimestamp: at(1.9e3) }, value: 1, preemptionPolicy: pl },
    ]),
    'pc1   1     false   0s    PreemptLowerPriority\n',
  );
  assert.equal(
    table('priorityclasses', [
      {
        metadata: { name: 'pc2', creationTimestamp: at(-3e5) },
        value: 1000000000,
        globalDefault: true,
        preemptionPolicy: pl,
      },
    ]),
    'pc2   1000000000   true   5m    PreemptLowerPriority\n',
  );
  assert.equal(
    table(
      'priorityclasses',
      [{ metadata: { name: 'pc3', creationTimestamp: at(0) }, value: 5, preemptionPolicy: 'Never' }],
      { wide: true, headers: true },
    ),
    'NAME   VALUE   GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\npc3    5       false            0s    Never\n',
  );
});

test('printEvent: the wide columns in their order, times from eventTime, the count of a series', () => {
  const ev = (extra: any) => ({
    metadata: { name: 'web.17a0' },
    involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' },
    type: 'Normal',
    reason: 'Pulled',
    message: ' Pulled image  ',
    source: { component: 'kubelet', host: 'node-1' },
    ...extra,
  });
  assert.equal(
    table('events', [ev({ firstTimestamp: at(-3e5), lastTimestamp: at(-6e4), count: 3 })], {
      wide: true,
      headers: true,
    }),
    'LAST SEEN   TYPE     REASON   OBJECT    SUBOBJECT              SOURCE            MESSAGE        FIRST SEEN   COUNT   NAME\n' +
      '60s         Normal   Pulled   pod/web   spec.containers{web}   kubelet, node-1   Pulled image   5m           3       web.17a0\n',
  );
  // an events.k8s.io event: no timestamps but eventTime, a series, the reporting controller as the source
  const series = ev({
    eventTime: at(-3e5),
    series: { count: 7, lastObservedTime: at(-3e4) },
    source: undefined,
    reportingController: 'kubelet',
    reportingInstance: 'node-2',
  });
  assert.deepEqual(cells('events', series, true), [
    '30s',
    'Normal',
    'Pulled',
    'pod/web',
    'spec.containers{web}',
    'kubelet, node-2',
    'Pulled image',
    '5m',
    '7',
    'web.17a0',
  ]);
  assert.deepEqual(COLUMNS.events.row(ev({ involvedObject: { kind: 'Node' } }), NOW), [
    '<unknown>',
    'Normal',
    'Pulled',
    'node',
    'Pulled image',
  ]);
});

test('TestPrintPodDisruptionBudget, TestPrintControllerRevision, TestPrintReplicaSet', () => {
  assert.deepEqual(
    cells('poddisruptionbudgets', {
      metadata: { name: 'pdb1', creationTimestamp: at(1.9e3) },
      spec: { minAvailable: 22 },
      status: { disruptionsAllowed: 5 },
    }),
    ['pdb1', '22', 'N/A', '5', '0s'],
  );
  assert.deepEqual(
    cells('poddisruptionbudgets', {
      metadata: { name: 'pdb2', creationTimestamp: at(1.9e3) },
      spec: { maxUnavailable: 11 },
      status: { disruptionsAllowed: 5 },
    }),
    ['pdb2', 'N/A', '11', '5', '0s'],
  );
  const cr = (name: string, refs: any, revision: number) => ({
    metadata: { name, creationTimestamp: at(1.9e3), ownerReferences: refs },
    revision,
  });
  assert.deepEqual(
    cells(
      'controllerrevisions',
      cr('test1', [{ controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo' }], 1),
    ),
    ['test1', 'daemonset.apps/foo', '1', '0s'],
  );
  assert.deepEqual(cells('controllerrevisions', cr('test2', [{ controller: false, kind: 'ABC', name: 'foo' }], 2)), [
    'test2',
    '<none>',
    '2',
    '0s',
  ]);
  assert.deepEqual(cells('controllerrevisions', cr('test3', [], 3)), ['test3', '<none>', '3', '0s']);
  assert.deepEqual(cells('controllerrevisions', cr('test4', undefined, 4)), ['test4', '<none>', '4', '0s']);
  const rs = {
    metadata: { name: 'test1', creationTimestamp: at(1.9e3) },
    spec: {
      replicas: 5,
      selector: { matchLabels: { foo: 'bar' } },
      template: {
        spec: {
          containers: [
            { name: 'fake-container1', image: 'fake-image1' },
            { name: 'fake-container2', image: 'fake-image2' },
          ],
        },
      },
    },
    status: { replicas: 5, readyReplicas: 2 },
  };
  assert.deepEqual(cells('replicasets', rs), ['test1', '5', '5', '2', '0s']);
  assert.deepEqual(cells('replicasets', rs, true), [
    'test1',
    '5',
    '5',
    '2',
    '0s',
    'fake-container1,fake-container2',
    'fake-image1,fake-image2',
    'foo=bar',
  ]);
  // printReplicationController: the same cells
  assert.deepEqual(cells('replicationcontrollers', { ...rs, spec: { ...rs.spec, selector: { foo: 'bar' } } }, true), [
    'test1',
    '5',
    '5',
    '2',
    '0s',
    'fake-container1,fake-container2',
    'fake-image1,fake-image2',
    'foo=bar',
  ]);
});

test("TestPrintPersistentVolume and TestPrintPersistentVolumeClaim, with v1.30's VOLUMEATTRIBUTESCLASS", () => {
  const claimRef = { name: 'test', namespace: 'default' };
  const pv = (name: string, modes: string[], storage: string, phase: string, storageClassName?: string) => ({
    metadata: { name },
    spec: { claimRef, accessModes: modes, capacity: { storage }, storageClassName },
    status: { phase },
  });
  const pvRows: [any, string[]][] = [
    [
      pv('test1', ['ReadOnlyMany'], '4Gi', 'Bound'),
      ['test1', '4Gi', 'ROX', '', 'Bound', 'default/test', '', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test2', ['ReadOnlyMany'], '4Gi', 'Failed'),
      ['test2', '4Gi', 'ROX', '', 'Failed', 'default/test', '', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test3', ['ReadWriteMany'], '10Gi', 'Pending'),
      ['test3', '10Gi', 'RWX', '', 'Pending', 'default/test', '', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test4', ['ReadWriteOnce'], '10Gi', 'Pending', 'my-scn'),
      ['test4', '10Gi', 'RWO', '', 'Pending', 'default/test', 'my-scn', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test5', ['ReadWriteOnce'], '10Gi', 'Available', 'my-scn'),
      ['test5', '10Gi', 'RWO', '', 'Available', 'default/test', 'my-scn', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test6', ['ReadWriteOnce'], '10Gi', 'Released', 'my-scn'),
      ['test6', '10Gi', 'RWO', '', 'Released', 'default/test', 'my-scn', '<unset>', '', '<unknown>', '<unset>'],
    ],
  ];
  for (const [o, want] of pvRows) assert.deepEqual(cells('persistentvolumes', o, true), want);
  const pvc = (name: string, spec: any, phase: string, modes: string[], storage: string) => ({
    metadata: { name },
    spec,
    status: { phase, accessModes: modes, capacity: { storage } },
  });
  const fs = { volumeMode: 'Filesystem' };
  const pvcRows: [any, string[]][] = [
    [
      pvc('test1', { volumeName: 'my-volume', ...fs }, 'Bound', ['ReadOnlyMany'], '4Gi'),
      ['test1', 'Bound', 'my-volume', '4Gi', 'ROX', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc('test2', { ...fs }, 'Lost', ['ReadOnlyMany'], '4Gi'),
      ['test2', 'Lost', '', '', '', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc('test3', { volumeName: 'my-volume', ...fs }, 'Pending', ['ReadWriteMany'], '10Gi'),
      ['test3', 'Pending', 'my-volume', '10Gi', 'RWX', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc(
        'test4',
        { volumeName: 'my-volume', storageClassName: 'my-scn', ...fs },
        'Pending',
        ['ReadWriteOnce'],
        '10Gi',
      ),
      ['test4', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc('test5', { volumeName: 'my-volume', storageClassName: 'my-scn' }, 'Pending', ['ReadWriteOnce'], '10Gi'),
      ['test5', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', '<unset>'],
    ],
  ];
  for (const [o, want] of pvcRows) assert.deepEqual(cells('persistentvolumeclaims', o, true), want);
});

test("TestPrintCronJob (v1.30's TIMEZONE), TestPrintStorageClass (v1.30's columns), TestPrintEndpointSlice", () => {
  const tmpl = {
    spec: {
      completions: 2,
      selector: { matchLabels: { a: 'b' } },
      template: {
        spec: {
          containers: [
            { name: 'fake-job-container1', image: 'fake-job-image1' },
            { name: 'fake-job-container2', image: 'fake-job-image2' },
          ],
        },
      },
    },
  };
  const cj1 = {
    metadata: { name: 'cronjob1', creationTimestamp: at(1.9e3) },
    spec: { schedule: '0/5 * * * ?', suspend: false, jobTemplate: tmpl },
    status: { lastScheduleTime: at(1.9e3) },
  };
  assert.deepEqual(cells('cronjobs', cj1), ['cronjob1', '0/5 * * * ?', '<none>', 'False', '0', '0s', '0s']);
  assert.deepEqual(cells('cronjobs', cj1, true), [
    'cronjob1',
    '0/5 * * * ?',
    '<none>',
    'False',
    '0',
    '0s',
    '0s',
    'fake-job-container1,fake-job-container2',
    'fake-job-image1,fake-job-image2',
    'a=b',
  ]);
  assert.deepEqual(
    cells('cronjobs', {
      metadata: { name: 'cronjob2', creationTimestamp: at(-3e5) },
      spec: { schedule: '0/5 * * * ?', suspend: false },
      status: { lastScheduleTime: at(-3e4) },
    }),
    ['cronjob2', '0/5 * * * ?', '<none>', 'False', '0', '30s', '5m'],
  );
  assert.deepEqual(
    cells('cronjobs', {
      metadata: { name: 'cronjob3', creationTimestamp: at(-3e5) },
      spec: { schedule: '0/5 * * * ?', suspend: false },
      status: {},
    }),
    ['cronjob3', '0/5 * * * ?', '<none>', 'False', '0', '<none>', '5m'],
  );
  assert.deepEqual(
    cells('storageclasses', {
      metadata: { name: 'sc1', creationTimestamp: at(1.9e3) },
      provisioner: 'kubernetes.io/glusterfs',
    }),
    ['sc1', 'kubernetes.io/glusterfs', 'Delete', 'Immediate', 'false', '0s'],
  );
  assert.deepEqual(
    cells('storageclasses', {
      metadata: { name: 'sc2', creationTimestamp: at(-3e5) },
      provisioner: 'kubernetes.io/nfs',
    }),
    ['sc2', 'kubernetes.io/nfs', 'Delete', 'Immediate', 'false', '5m'],
  );
  const es = (name: string, created: string, ports: number[], eps: string[][]) => ({
    metadata: { name, creationTimestamp: created },
    addressType: 'IPv4',
    ports: ports.map((port) => ({ name: 'x', port, protocol: 'TCP' })),
    endpoints: eps.map((addresses) => ({ addresses })),
  });
  assert.deepEqual(
    cells('endpointslices', es('abcslice.123', at(1.9e3), [80], [['10.1.2.3', '2001:db8::1234:5678']])),
    ['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s'],
  );
  assert.deepEqual(
    cells(
      'endpointslices',
      es(
        'longerslicename.123',
        at(-3e5),
        [80, 443],
        [
          ['10.1.2.3', '2001:db8::1234:5678'],
          ['10.2.3.4', '2001:db8::2345:6789'],
        ],
      ),
    ),
    ['longerslicename.123', 'IPv4', '80,443', '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...', '5m'],
  );
  assert.deepEqual(
    cells(
      'endpointslices',
      es(
        'multiportslice.123',
        at(-3e5),
        [80, 443, 3000, 3001],
        [
          ['10.1.2.3', '2001:db8::1234:5678'],
          ['10.2.3.4', '2001:db8::2345:6789'],
        ],
      ),
    ),
    [
      'multiportslice.123',
      'IPv4',
      '80,443,3000 + 1 more...',
      '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
      '5m',
    ],
  );
});
