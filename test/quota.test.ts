// ResourceQuota usage by object, amounts printed as the API prints them, admission errors, and LimitRange
// defaults and limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectUsage, formatAmount, usedFor } from '../src/apiserver/admission/quota/usage';
import { defaultLimitRange } from '../src/apiserver/admission/limitranger';
import { createCluster } from '../src/cluster';

const pod = (containers: any[], phase = 'Running', init: any[] = []) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers, initContainers: init }, status: { phase } });
const c = (requests: any = {}, limits: any = {}) => ({ name: 'c', resources: { requests, limits } });

test('objectUsage', () => {
  const rows: [string, any, Record<string, number>][] = [
    ['pod counts', pod([c()]), { pods: 1, 'count/pods': 1 }],
    ['requests summed', pod([c({ cpu: '250m', memory: '64Mi' }), c({ cpu: '250m' })]), { pods: 1, 'count/pods': 1, 'requests.cpu': 0.5, cpu: 0.5, 'requests.memory': 64 * 2 ** 20, memory: 64 * 2 ** 20 }],
    ['init containers: the larger of max and sum', pod([c({ cpu: '100m' })], 'Running', [c({ cpu: '1' })]), { pods: 1, 'count/pods': 1, 'requests.cpu': 1, cpu: 1 }],
    ['limits', pod([c({}, { cpu: '1' })]), { pods: 1, 'count/pods': 1, 'limits.cpu': 1 }],
    ['terminal pod counts nothing', pod([c({ cpu: '1' })], 'Succeeded'), {}],
    ['NodePort service', { kind: 'Service', metadata: {}, spec: { type: 'NodePort', ports: [{}, {}] } }, { 'count/services': 1, services: 1, 'services.nodeports': 2 }],
    ['claim with class', { kind: 'PersistentVolumeClaim', metadata: {}, spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } },
      { 'count/persistentvolumeclaims': 1, persistentvolumeclaims: 1, 'requests.storage': 2 ** 30, 'fast.storageclass.storage.k8s.io/persistentvolumeclaims': 1, 'fast.storageclass.storage.k8s.io/requests.storage': 2 ** 30 }],
    ['deployment', { kind: 'Deployment', metadata: {} }, { 'count/deployments.apps': 1 }],
  ];
  for (const [name, o, want] of rows) assert.deepEqual(objectUsage(o).amounts, want, name);
});

test('formatAmount and usedFor', () => {
  const rows: [string, number, boolean, string][] = [['requests.cpu', 0.5, false, '500m'], ['cpu', 2, false, '2'], ['requests.memory', 2 ** 29, true, '512Mi'], ['pods', 3, false, '3'], ['requests.memory', 0, true, '0']];
  for (const [name, v, bin, want] of rows) assert.equal(formatAmount(name, v, bin), want, `${name} ${v}`);
  assert.deepEqual(usedFor({ pods: '2', 'limits.memory': '1Gi' }, { amounts: { pods: 1 }, binary: new Set() }), { 'limits.memory': '0', pods: '1' });
});

test('defaultLimitRange: default from max, defaultRequest from default', () => {
  const lr: any = { metadata: {}, spec: { limits: [{ type: 'Container', max: { cpu: '1', memory: '1Gi' }, default: { memory: '512Mi' } }, { type: 'Pod', max: { cpu: '4' } }] } };
  defaultLimitRange(lr);
  assert.deepEqual(lr.spec.limits[0].default, { cpu: '1', memory: '512Mi' });
  assert.deepEqual(lr.spec.limits[0].defaultRequest, { cpu: '1', memory: '512Mi' });
  assert.equal(lr.spec.limits[1].default, undefined);
});

test('quota admission: exceeded, status unknown before the first sync, charged at once', () => {
  const k = createCluster({ nodes: 1, seed: 'quota' });
  k.apply('{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"configmaps":"3","count/deployments.apps":"1"}}}');
  assert.deepEqual(k.get('resourcequota', 'q').status, { hard: { configmaps: '3', 'count/deployments.apps': '1' }, used: { configmaps: '1', 'count/deployments.apps': '0' } });
  const rows: [string, number, string][] = [
    ['create cm a --from-literal=x=1', 0, ''],
    ['create cm b --from-literal=x=1', 0, ''],
    ['create cm c --from-literal=x=1', 1, 'Error from server (Forbidden): configmaps "c" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=3, limited: configmaps=3\n'],
    ['create deployment web --image=nginx', 0, ''],
    ['create deployment api --image=nginx', 1, 'deployments.apps "api" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'],
  ];
  for (const [cmd, code, err] of rows) {
    const r = k.kubectl(cmd);
    assert.equal(r.exitCode, code, cmd);
    if (err) assert.ok(r.stderr.includes(err.trimEnd()), `${cmd}: ${r.stderr}`);
  }
});
