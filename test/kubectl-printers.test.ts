import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, formatEndpoints, accessModes } from '../src/api/format';
import { printPodRow } from '../src/apiserver/printers/pods';
import { tabwrite } from '../src/kubectl/printers/table';
import { goTabwriter } from '../src/util/go/tabwriter';
import { jsonpath, evalPath } from '../src/util/jsonpath';
import { servicePorts } from '../src/apiserver/printers/columns';
import { rfc1123z, goDuration } from '../src/kubectl/printers/time';
import { toYaml, toJson } from '../src/kubectl/printers/yaml';
import type { KObject } from '../src/api/meta';

const S = 1000,
  M = 60 * S,
  H = 60 * M;

test('humanDuration: the rows of apimachinery duration_test.go', () => {
  const rows: [number, string][] = [
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
    [0, '0s'],
    [-1 * S, '0s'],
    [-2 * S, '<invalid>'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [3 * H + 5 * M, '3h5m'],
    [8 * H, '8h'],
  ];
  for (const [d, want] of rows) assert.equal(humanDuration(d), want, `${d}ms`);
});

const NOW = Date.UTC(2024, 0, 1, 0, 10, 0);
const T0 = '2024-01-01T00:00:00Z';
const pod = (status: any, spec: any = { containers: [{ name: 'a' }] }, meta: any = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', creationTimestamp: T0, ...meta },
  spec,
  status,
});
const running = { running: { startedAt: T0 } };

test('printPod: READY, STATUS and RESTARTS as printers.go computes them (facts §12.4)', () => {
  const two = { containers: [{ name: 'a' }, { name: 'b' }] };
  const rows: [string, KObject, string[]][] = [
    ['unscheduled pod is Pending', pod({ phase: 'Pending' }), ['p', '0/1', 'Pending', '0', '10m']],
    [
      'running and ready',
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'a', ready: true, state: running, restartCount: 0 }],
      }),
      ['p', '1/1', 'Running', '0', '10m'],
    ],
    [
      'status.reason overrides the phase',
      pod({ phase: 'Failed', reason: 'Evicted' }),
      ['p', '0/1', 'Evicted', '0', '10m'],
    ],
    [
      'scheduling gated',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['p', '0/1', 'SchedulingGated', '0', '10m'],
    ],
    [
      'waiting reason',
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
      ['p', '0/1', 'ContainerCreating', '0', '10m'],
    ],
    [
      'crash loop with restarts and last termination',
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'a',
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:09:00Z' } },
          },
        ],
      }),
      ['p', '0/1', 'CrashLoopBackOff', '4 (60s ago)', '10m'],
    ],
    [
      'terminated with a reason',
      pod({
        phase: 'Failed',
        containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }],
      }),
      ['p', '0/1', 'OOMKilled', '0', '10m'],
    ],
    [
      'terminated without a reason shows the exit code',
      pod({ phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 2 } } }] }),
      ['p', '0/1', 'ExitCode:2', '0', '10m'],
    ],
    [
      'terminated by a signal',
      pod({ phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, signal: 9 } } }] }),
      ['p', '0/1', 'Signal:9', '0', '10m'],
    ],
    [
      'the first container wins (scanned last to first)',
      pod(
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'a', state: { waiting: { reason: 'ErrImagePull' } } },
            { name: 'b', state: { waiting: { reason: 'ContainerCreating' } } },
          ],
        },
        two,
      ),
      ['p', '0/2', 'ErrImagePull', '0', '10m'],
    ],
    [
      'Completed with a container still running and Ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'a', ready: true, state: running },
            { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
        two,
      ),
      ['p', '1/2', 'Running', '0', '10m'],
    ],
    [
      'Completed with a container still running, not Ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            { name: 'a', ready: true, state: running },
            { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
        two,
      ),
      ['p', '1/2', 'NotReady', '0', '10m'],
    ],
    [
      'init container failed',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'i', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
        },
        { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'Init:Error', '0', '10m'],
    ],
    [
      'init container exit code',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { terminated: { exitCode: 3 } } }] },
        { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'Init:ExitCode:3', '0', '10m'],
    ],
    [
      'init container crash loop',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'i', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
        { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'Init:CrashLoopBackOff', '0', '10m'],
    ],
    [
      'init containers in progress',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i', state: { terminated: { exitCode: 0 } } },
            { name: 'j', state: { waiting: { reason: 'PodInitializing' } } },
          ],
        },
        { initContainers: [{ name: 'i' }, { name: 'j' }], containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'Init:1/2', '0', '10m'],
    ],
    [
      'deleting pod is Terminating',
      pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: true, state: running }] }, undefined, {
        deletionTimestamp: '2024-01-01T00:10:30Z',
      }),
      ['p', '1/1', 'Terminating', '0', '10m'],
    ],
    [
      'deleting pod on a lost node is Unknown',
      pod({ phase: 'Running', reason: 'NodeLost' }, undefined, { deletionTimestamp: '2024-01-01T00:10:30Z' }),
      ['p', '0/1', 'Unknown', '0', '10m'],
    ],
  ];
  for (const [name, p, want] of rows) assert.deepEqual(printPodRow(p, NOW), want, name);
});

test('tabwrite: kubectl get pads columns to the widest cell plus 3, at least 6', () => {
  assert.equal(
    tabwrite([
      ['NAME', 'AGE'],
      ['a', '1s'],
    ]),
    'NAME   AGE\na      1s\n',
  );
  assert.equal(
    tabwrite([
      ['NAME', 'READY', 'AGE'],
      ['my-tomcat', '3/3', '5s'],
    ]),
    'NAME        READY   AGE\nmy-tomcat   3/3     5s\n',
  );
  assert.equal(
    tabwrite([
      ['A', '', 'C'],
      ['x', 'y', 'z'],
    ]),
    'A     ' + '      ' + 'C\nx     y     z\n',
  );
});

test('goTabwriter: column blocks end at lines without a tab (describe)', () => {
  const text = 'Name:\tweb\nLabels:\tapp=web\n\tx=y\nIPs:\n  IP:\t1.2.3.4\nControlled By:\tRS/x\n';
  assert.equal(
    goTabwriter(text),
    'Name:    web\nLabels:  app=web\n         x=y\nIPs:\n  IP:           1.2.3.4\nControlled By:  RS/x\n',
  );
  assert.equal(
    goTabwriter('Conditions:\n  Type\tStatus\n  Ready \tTrue \n'),
    'Conditions:\n  Type    Status\n  Ready   True \n',
  );
});

test('jsonpath: kubectl templates', () => {
  const list = {
    kind: 'List',
    items: [
      {
        metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x' } },
        status: {
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'PodScheduled', status: 'True' },
          ],
        },
        spec: { containers: [{ image: 'nginx' }, { image: 'redis' }] },
      },
      {
        metadata: { name: 'b' },
        status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
        spec: { containers: [{ image: 'busybox' }] },
      },
    ],
  };
  const rows: [string, string][] = [
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].status.phase}', 'Running'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[-1:].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', 'a\nb\n'],
    ['{range .items[*]}{.metadata.name}:{.status.phase} {end}', 'a:Running b:Pending '],
    ['{.items[*].status.conditions[?(@.type=="Ready")].status}', 'True False'],
    ['{.items[?(@.status.phase=="Pending")].metadata.name}', 'b'],
    ['{.items[0].spec.containers[*].image}', 'nginx redis'],
    ['{..image}', 'nginx redis busybox'],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'x'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'x'],
    ['{.items[0].metadata.missing}', ''],
    ['{.items[1].status.conditions[0]}', '{"status":"False","type":"Ready"}'],
    ['name: {.items[0].metadata.name}', 'name: a'],
    ['{.kind}', 'List'],
  ];
  for (const [tpl, want] of rows) assert.equal(jsonpath(tpl, list), want, tpl);
  assert.deepEqual(evalPath('.metadata.name', list.items[0]), ['a']);
  assert.deepEqual(evalPath('{.spec.containers[*].image}', list.items[0]), ['nginx', 'redis']);
  assert.deepEqual(evalPath('status.phase', list.items[1]), ['Pending']);
});

test('formatEndpoints: at most three, then "+ N more..."', () => {
  const ep = (n: number, ports = [{ port: 80 }]) => ({
    metadata: { name: 'e' },
    subsets: [{ addresses: Array.from({ length: n }, (_, i) => ({ ip: `10.0.0.${i + 1}` })), ports }],
  });
  assert.equal(formatEndpoints({ metadata: { name: 'e' } }), '<none>');
  assert.equal(formatEndpoints(ep(2)), '10.0.0.1:80,10.0.0.2:80');
  assert.equal(formatEndpoints(ep(5)), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
  assert.equal(
    formatEndpoints(ep(2, [{ port: 80 }, { port: 443 }])),
    '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
  );
  assert.equal(formatEndpoints(ep(1, [])), '10.0.0.1');
});

test('columns helpers: access modes, service ports', () => {
  assert.equal(accessModes(['ReadWriteMany', 'ReadWriteOnce']), 'RWO,RWX');
  assert.equal(accessModes(['ReadWriteOncePod']), 'RWOP');
  assert.equal(
    servicePorts({
      metadata: {},
      spec: {
        ports: [
          { port: 8080, nodePort: 30001, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    }),
    '8080:30001/TCP,53/UDP',
  );
  assert.equal(servicePorts({ metadata: {}, spec: { ports: [] } }), '<none>');
});

test('Go time formats', () => {
  assert.equal(rfc1123z('2024-01-01T00:00:00Z'), 'Mon, 01 Jan 2024 00:00:00 +0000');
  assert.equal(rfc1123z('2024-02-29T13:04:05Z'), 'Thu, 29 Feb 2024 13:04:05 +0000');
  assert.deepEqual([0, 1, 10, 60, 90, 3600, 3661].map(goDuration), [
    '0s',
    '1s',
    '10s',
    '1m0s',
    '1m30s',
    '1h0m0s',
    '1h1m1s',
  ]);
});

test('-o yaml and -o json sort keys as unstructured JSON does; yaml quotes as sigs.k8s.io/yaml', () => {
  const o = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'p', creationTimestamp: T0, labels: { b: '1', a: 'true' } },
    spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
  };
  assert.equal(
    toYaml(o),
    `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2024-01-01T00:00:00Z"
  labels:
    a: "true"
    b: "1"
  name: p
spec:
  containers:
  - name: c
    ports:
    - containerPort: 80
`,
  );
  assert.equal(
    toJson({ b: 1, a: { d: [1], c: 'x' } }),
    '{\n    "a": {\n        "c": "x",\n        "d": [\n            1\n        ]\n    },\n    "b": 1\n}\n',
  );
});

test('toYaml quotes as go-yaml: double when plain would read as another type, single when plain YAML cannot hold it', () => {
  const rows: [string, string][] = [
    ['*', "'*'"],
    ['*/scale', "'*/scale'"],
    ['x: y', "'x: y'"],
    ['@x', "'@x'"],
    ['-', "'-'"],
    ['80', '"80"'],
    ['', '""'],
    ['y', '"y"'],
    ['true', '"true"'],
    ['null', '"null"'],
    ['1.5', '"1.5"'],
    ['2024-01-01T00:00:00Z', '"2024-01-01T00:00:00Z"'],
    ['plain', 'plain'],
    ['10.96.0.1', '10.96.0.1'],
    ['/logs/*', '/logs/*'],
  ];
  for (const [value, want] of rows) {
    assert.equal(toYaml({ v: value }), `v: ${want}\n`, value);
    assert.equal(toYaml([value]), `- ${want}\n`, value);
  }
  assert.equal(toYaml({ '*': 1, '80': 2 }), `"80": 2\n'*': 1\n`);
});
