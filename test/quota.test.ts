// ResourceQuota usage by object, amounts printed as the API prints them, admission errors, and LimitRange
// defaults and limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectUsage, formatAmount, usedFor } from '../src/apiserver/admission/quota/usage';
import { defaultLimitRange, podTotals } from '../src/apiserver/admission/limitranger';
import { podMatchesScope } from '../src/apiserver/admission/quota/scopes';
import { validateResourceQuota } from '../src/api/validation/quota';
import { createCluster } from '../src/cluster';

const pod = (containers: any[], phase = 'Running', init: any[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, initContainers: init },
  status: { phase },
});
const c = (requests: any = {}, limits: any = {}) => ({ name: 'c', resources: { requests, limits } });

test('objectUsage', () => {
  const rows: [string, any, Record<string, number>][] = [
    ['pod counts', pod([c()]), { pods: 1, 'count/pods': 1 }],
    [
      'requests summed',
      pod([c({ cpu: '250m', memory: '64Mi' }), c({ cpu: '250m' })]),
      {
        pods: 1,
        'count/pods': 1,
        'requests.cpu': 0.5,
        cpu: 0.5,
        'requests.memory': 64 * 2 ** 20,
        memory: 64 * 2 ** 20,
      },
    ],
    [
      'init containers: the larger of max and sum',
      pod([c({ cpu: '100m' })], 'Running', [c({ cpu: '1' })]),
      { pods: 1, 'count/pods': 1, 'requests.cpu': 1, cpu: 1 },
    ],
    ['limits', pod([c({}, { cpu: '1' })]), { pods: 1, 'count/pods': 1, 'limits.cpu': 1 }],
    ['terminal pod counts nothing', pod([c({ cpu: '1' })], 'Succeeded'), {}],
    [
      'NodePort service',
      { kind: 'Service', metadata: {}, spec: { type: 'NodePort', ports: [{}, {}] } },
      { 'count/services': 1, services: 1, 'services.nodeports': 2 },
    ],
    [
      'claim with class',
      {
        kind: 'PersistentVolumeClaim',
        metadata: {},
        spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } },
      },
      {
        'count/persistentvolumeclaims': 1,
        persistentvolumeclaims: 1,
        'requests.storage': 2 ** 30,
        'fast.storageclass.storage.k8s.io/persistentvolumeclaims': 1,
        'fast.storageclass.storage.k8s.io/requests.storage': 2 ** 30,
      },
    ],
    ['deployment', { kind: 'Deployment', metadata: {} }, { 'count/deployments.apps': 1 }],
  ];
  for (const [name, o, want] of rows) assert.deepEqual(objectUsage(o).amounts, want, name);
});

test('formatAmount and usedFor', () => {
  const rows: [string, number, boolean, string][] = [
    ['requests.cpu', 0.5, false, '500m'],
    ['cpu', 2, false, '2'],
    ['requests.memory', 2 ** 29, true, '512Mi'],
    ['pods', 3, false, '3'],
    ['requests.memory', 0, true, '0'],
  ];
  for (const [name, v, bin, want] of rows) assert.equal(formatAmount(name, v, bin), want, `${name} ${v}`);
  assert.deepEqual(usedFor({ pods: '2', 'limits.memory': '1Gi' }, { amounts: { pods: 1 }, binary: new Set() }), {
    'limits.memory': '0',
    pods: '1',
  });
});

test('defaultLimitRange: default from max, defaultRequest from default', () => {
  const lr: any = {
    metadata: {},
    spec: {
      limits: [
        { type: 'Container', max: { cpu: '1', memory: '1Gi' }, default: { memory: '512Mi' } },
        { type: 'Pod', max: { cpu: '4' } },
      ],
    },
  };
  defaultLimitRange(lr);
  assert.deepEqual(lr.spec.limits[0].default, { cpu: '1', memory: '512Mi' });
  assert.deepEqual(lr.spec.limits[0].defaultRequest, { cpu: '1', memory: '512Mi' });
  assert.equal(lr.spec.limits[1].default, undefined);
});

test('quota admission: exceeded, status unknown before the first sync, charged at once', () => {
  const k = createCluster({ nodes: 1, seed: 'quota' });
  k.apply(
    '{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"configmaps":"3","count/deployments.apps":"1"}}}',
  );
  assert.deepEqual(k.get('resourcequota', 'q').status, {
    hard: { configmaps: '3', 'count/deployments.apps': '1' },
    used: { configmaps: '1', 'count/deployments.apps': '0' },
  });
  const rows: [string, number, string][] = [
    ['create cm a --from-literal=x=1', 0, ''],
    ['create cm b --from-literal=x=1', 0, ''],
    [
      'create cm c --from-literal=x=1',
      1,
      'error: failed to create configmap: configmaps "c" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=3, limited: configmaps=3\n',
    ],
    ['create deployment web --image=nginx', 0, ''],
    [
      'create deployment api --image=nginx',
      1,
      'deployments.apps "api" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    ],
  ];
  for (const [cmd, code, err] of rows) {
    const r = k.kubectl(cmd);
    assert.equal(r.exitCode, code, cmd);
    if (err) assert.ok(r.stderr.includes(err.trimEnd()), `${cmd}: ${r.stderr}`);
  }
});

test('podMatchesScope: each scope against pods', () => {
  const p = (spec: any) => ({ metadata: {}, spec: { containers: [{ name: 'c' }], ...spec } });
  const sized = p({ containers: [{ name: 'c', resources: { limits: { memory: '1Gi' } } }] });
  const crossNs = p({
    affinity: {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, podAffinityTerm: { topologyKey: 'k', namespaceSelector: {} } },
        ],
      },
    },
  });
  const rows: [string, any, any, boolean][] = [
    [
      'Terminating with a deadline',
      { scopeName: 'Terminating', operator: 'Exists' },
      p({ activeDeadlineSeconds: 30 }),
      true,
    ],
    ['Terminating without', { scopeName: 'Terminating', operator: 'Exists' }, p({}), false],
    ['NotTerminating without', { scopeName: 'NotTerminating', operator: 'Exists' }, p({}), true],
    ['BestEffort bare', { scopeName: 'BestEffort', operator: 'Exists' }, p({}), true],
    ['BestEffort with a limit', { scopeName: 'BestEffort', operator: 'Exists' }, sized, false],
    [
      'BestEffort ignores other resources',
      { scopeName: 'BestEffort', operator: 'Exists' },
      p({ containers: [{ name: 'c', resources: { requests: { 'ephemeral-storage': '1Gi' } } }] }),
      true,
    ],
    ['NotBestEffort with a limit', { scopeName: 'NotBestEffort', operator: 'Exists' }, sized, true],
    [
      'PriorityClass In',
      { scopeName: 'PriorityClass', operator: 'In', values: ['high'] },
      p({ priorityClassName: 'high' }),
      true,
    ],
    [
      'PriorityClass In, other class',
      { scopeName: 'PriorityClass', operator: 'In', values: ['high'] },
      p({ priorityClassName: 'low' }),
      false,
    ],
    ['PriorityClass NotIn, no class', { scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }, p({}), true],
    ['PriorityClass Exists, no class', { scopeName: 'PriorityClass', operator: 'Exists' }, p({}), false],
    ['PriorityClass DoesNotExist, no class', { scopeName: 'PriorityClass', operator: 'DoesNotExist' }, p({}), true],
    [
      'CrossNamespacePodAffinity, namespaceSelector',
      { scopeName: 'CrossNamespacePodAffinity', operator: 'Exists' },
      crossNs,
      true,
    ],
    ['CrossNamespacePodAffinity, none', { scopeName: 'CrossNamespacePodAffinity', operator: 'Exists' }, p({}), false],
  ];
  for (const [name, sel, pod, want] of rows) assert.equal(podMatchesScope(sel, pod), want, name);
});

test('scoped quotas count only matching pods and never other objects', () => {
  const k = createCluster({ nodes: 1, seed: 'scopes' });
  k.apply(
    `{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"t"},"spec":{"hard":{"pods":"3","count/configmaps":"5"},"scopes":["Terminating"]}}`,
  );
  k.apply(
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"activeDeadlineSeconds":5,"containers":[{"name":"c","image":"nginx"}]}}',
  );
  k.apply(
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}',
  );
  assert.deepEqual(k.get('resourcequota', 't').status.used, { 'count/configmaps': '0', pods: '1' });
});

test('LimitRanger: constraint messages', () => {
  const rows: [string, any, any, string][] = [
    ['container min defaults the request', { type: 'Container', min: { cpu: '100m' } }, { limits: { cpu: '1' } }, ''],
    [
      'pod min, no request',
      { type: 'Pod', min: { cpu: '100m' } },
      {},
      'minimum cpu usage per Pod is 100m.  No request is specified',
    ],
    [
      'container max, no limit given',
      { type: 'Container', max: { cpu: '1' } },
      { requests: { cpu: '2' } },
      'maximum cpu usage per Container is 1, but request is 2',
    ],
    [
      'container min, limit below',
      { type: 'Container', min: { memory: '64Mi' } },
      { requests: { memory: '64Mi' }, limits: { memory: '32Mi' } },
      'minimum memory usage per Container is 64Mi, but limit is 32Mi',
    ],
    [
      'container max, request above',
      { type: 'Container', max: { cpu: '1' } },
      { requests: { cpu: '2' }, limits: { cpu: '1' } },
      'maximum cpu usage per Container is 1, but request is 2',
    ],
    [
      'ratio, no limit',
      { type: 'Container', maxLimitRequestRatio: { memory: '2' } },
      { requests: { memory: '1Gi' } },
      'memory max limit to request ratio per Container is 2, but no limit is specified or limit is 0',
    ],
    [
      'ratio exceeded',
      { type: 'Container', maxLimitRequestRatio: { cpu: '1500m' } },
      { requests: { cpu: '200m' }, limits: { cpu: '500m' } },
      'cpu max limit to request ratio per Container is 1500m, but provided ratio is 2.500000',
    ],
    [
      'ratio kept',
      { type: 'Container', maxLimitRequestRatio: { cpu: '2' } },
      { requests: { cpu: '250m' }, limits: { cpu: '500m' } },
      '',
    ],
    [
      'pod max',
      { type: 'Pod', max: { memory: '1Gi' } },
      { limits: { memory: '2Gi' } },
      'maximum memory usage per Pod is 1Gi, but limit is 2Gi',
    ],
    [
      'pod min',
      { type: 'Pod', min: { cpu: '1' } },
      { requests: { cpu: '500m' } },
      'minimum cpu usage per Pod is 1, but request is 500m',
    ],
  ];
  for (const [name, item, resources, want] of rows) {
    const k = createCluster({ nodes: 1, seed: 'lr' });
    k.apply(
      JSON.stringify({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [item] } }),
    );
    let err = '';
    try {
      k.apply(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { containers: [{ name: 'c', image: 'nginx', resources }] },
        }),
      );
    } catch (e: any) {
      err = e.message;
    }
    if (want) assert.ok(err.includes(`pods "p" is forbidden: ${want}`), `${name}: ${err}`);
    else assert.equal(err, '', name);
  }
});

test('podTotals: containers summed, init containers as the larger, sidecars added', () => {
  const c = (cpu: string, extra: any = {}) => ({ name: 'x', ...extra, resources: { requests: { cpu } } });
  const rows: [string, any, string][] = [
    ['sum', { containers: [c('250m'), c('750m')] }, '1'],
    ['init larger', { containers: [c('250m')], initContainers: [c('2')] }, '2'],
    ['init smaller', { containers: [c('250m'), c('250m')], initContainers: [c('100m')] }, '500m'],
    ['sidecar added', { containers: [c('250m')], initContainers: [c('100m', { restartPolicy: 'Always' })] }, '350m'],
    [
      'init after sidecar',
      { containers: [c('100m')], initContainers: [c('500m', { restartPolicy: 'Always' }), c('1')] },
      '1500m',
    ],
  ];
  for (const [name, spec, want] of rows)
    assert.equal(podTotals({ metadata: {}, spec } as any, 'requests').cpu, want, name);
});

test('quota admission on update: a claim charged what it grows by', () => {
  const k = createCluster({ nodes: 1, seed: 'resize' });
  k.apply(
    `{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"requests.storage":"3Gi"}}}`,
  );
  k.apply(
    `{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"x"},"provisioner":"hostpath.csi.k8s.io","allowVolumeExpansion":true}`,
  );
  k.apply(
    `{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"d"},"spec":{"storageClassName":"x","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}`,
  );
  const rows: [string, number, string][] = [
    ['2Gi', 0, ''],
    [
      '4Gi',
      1,
      'exceeded quota: q, requested: requests.storage=2Gi, used: requests.storage=2Gi, limited: requests.storage=3Gi',
    ],
    ['3Gi', 0, ''],
  ];
  for (const [size, code, err] of rows) {
    const r = k.kubectl(`patch pvc d -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'`);
    assert.equal(r.exitCode, code, `${size}: ${r.stderr}`);
    if (err) assert.ok(r.stderr.includes(err), r.stderr);
  }
  assert.equal(k.get('resourcequota', 'q').status.used['requests.storage'], '3Gi');
});

test('validateResourceQuota: scopes', () => {
  const q = (hard: any, scopes: string[]) => ({ metadata: {}, spec: { hard, scopes } });
  const rows: [string, any, string[]][] = [
    ['no scopes', q({ 'requests.cpu': '1' }, []), []],
    ['NotTerminating with compute', q({ pods: '1', 'limits.memory': '1Gi' }, ['NotTerminating']), []],
    [
      'BestEffort with cpu',
      q({ pods: '1', cpu: '1' }, ['BestEffort']),
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource'],
    ],
    [
      'Terminating with services',
      q({ services: '1', configmaps: '2' }, ['Terminating']),
      [
        'spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating"}: unsupported scope applied to resource',
        'spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating"}: unsupported scope applied to resource',
      ],
    ],
    ['count/ is not standard', q({ 'count/deployments.apps': '1' }, ['BestEffort']), []],
    [
      'unknown scope',
      q({ pods: '1' }, ['Forever']),
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Forever"}: unsupported scope'],
    ],
    [
      'conflicting',
      q({ pods: '1' }, ['BestEffort', 'NotBestEffort']),
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes'],
    ],
  ];
  for (const [name, quota, want] of rows)
    assert.deepEqual(
      validateResourceQuota(quota as any).map((e) => e.text),
      want,
      name,
    );
});
