import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { makeEnvironmentVariables, expand, ContainerConfigError, resourceValue } from '../src/kubelet/env';

function setup() {
  const c = createCluster({ nodes: 1, seed: 'env test' });
  c.api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'default' },
    data: { MODE: 'prod', 'log.level': 'debug', '1bad': 'x' },
  });
  c.api.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'sec', namespace: 'default' },
    stringData: { PASSWORD: 's3cret' },
  });
  const pod: any = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u-1', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', serviceAccountName: 'default' },
  };
  const warnings: string[] = [];
  const ctx = {
    api: c.api,
    podIP: '10.244.1.2',
    hostIP: '172.18.0.3',
    allocatable: { cpu: '4', memory: '16Gi' },
    warn: (r: string, m: string) => warnings.push(`${r} ${m}`),
  };
  return { pod, ctx, warnings };
}

test('env: values, references, envFrom with prefix, $(VAR) expansion', () => {
  const rows: [string, any, Record<string, string>][] = [
    ['plain value', { env: [{ name: 'A', value: '1' }] }, { A: '1' }],
    [
      'expansion of an earlier var',
      {
        env: [
          { name: 'A', value: 'x' },
          { name: 'B', value: '$(A)-$(NOPE)-$$(A)' },
        ],
      },
      { B: 'x-$(NOPE)-$(A)' },
    ],
    [
      'configMapKeyRef',
      { env: [{ name: 'M', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'MODE' } } }] },
      { M: 'prod' },
    ],
    [
      'secretKeyRef decoded',
      { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASSWORD' } } }] },
      { P: 's3cret' },
    ],
    [
      'optional missing key skipped',
      { env: [{ name: 'O', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'NOPE', optional: true } } }] },
      {},
    ],
    [
      'fieldRef',
      {
        env: [
          { name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        ],
      },
      { N: 'web', IP: '10.244.1.2', L: 'web', NODE: 'node-1' },
    ],
    [
      'envFrom with prefix',
      { envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'cfg' } }] },
      { CFG_MODE: 'prod', 'CFG_log.level': 'debug', CFG_1bad: 'x' },
    ],
    [
      'env overrides envFrom',
      { envFrom: [{ configMapRef: { name: 'cfg' } }], env: [{ name: 'MODE', value: 'dev' }] },
      { MODE: 'dev' },
    ],
    ['optional missing ConfigMap', { envFrom: [{ configMapRef: { name: 'gone', optional: true } }] }, {}],
  ];
  for (const [name, container, want] of rows) {
    const { pod, ctx } = setup();
    const got = Object.fromEntries(makeEnvironmentVariables(pod, container, ctx).map((e) => [e.name, e.value]));
    for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, `${name}: ${k}`);
    if (!Object.keys(want).length) assert.deepEqual(got, {}, name);
  }
});

test('env: invalid envFrom keys are skipped with the kubelet event', () => {
  const { pod, ctx, warnings } = setup();
  const got = makeEnvironmentVariables(pod, { envFrom: [{ configMapRef: { name: 'cfg' } }] }, ctx).map((e) => e.name);
  assert.deepEqual(got.sort(), ['MODE', 'log.level']);
  assert.deepEqual(warnings, [
    'InvalidEnvironmentVariableNames Keys [1bad] from the EnvFrom configMap default/cfg were skipped since they are considered invalid environment variable names.',
  ]);
});

test('env: missing references are config errors with the kubelet messages', () => {
  const rows: [any, string][] = [
    [
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] },
      'configmap "nope" not found',
    ],
    [
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] },
      "couldn't find key k in ConfigMap default/cfg",
    ],
    [
      { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }] },
      "couldn't find key k in Secret default/sec",
    ],
    [{ envFrom: [{ secretRef: { name: 'nope' } }] }, 'secret "nope" not found'],
  ];
  for (const [container, message] of rows) {
    const { pod, ctx } = setup();
    assert.throws(
      () => makeEnvironmentVariables(pod, container, ctx),
      (e: any) => e instanceof ContainerConfigError && e.message === message,
    );
  }
});

test('env: resourceFieldRef rounds up to the divisor and defaults limits to allocatable', () => {
  const pod: any = { metadata: {}, spec: {} };
  const c = { resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } };
  const rows: [any, string][] = [
    [{ resource: 'requests.cpu' }, '1'],
    [{ resource: 'requests.cpu', divisor: '1m' }, '250'],
    [{ resource: 'limits.cpu' }, '4'],
    [{ resource: 'limits.memory', divisor: '1Mi' }, '128'],
    [{ resource: 'requests.memory' }, String(64 * 1024 * 1024)],
  ];
  for (const [ref, want] of rows)
    assert.equal(resourceValue(ref, pod, c, { allocatable: { cpu: '4', memory: '16Gi' } }), want, ref.resource);
});

test('expand: $(VAR), $$ and unterminated references', () => {
  const m = (n: string) => (({ A: 'a' }) as Record<string, string>)[n];
  const rows: [string, string][] = [
    ['$(A)', 'a'],
    ['x$(A)y', 'xay'],
    ['$$(A)', '$(A)'],
    ['$(B)', '$(B)'],
    ['$(A', '$(A'],
    ['$x', '$x'],
    ['a$', 'a$'],
  ];
  for (const [i, want] of rows) assert.equal(expand(i, m), want, i);
});
