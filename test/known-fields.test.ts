import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownBuiltinFields } from '../src/api/schema/known-fields';
import { createCluster } from '../src/cluster';
import { isStatusError } from '../src/api/errors';

const deploy = (spec: any, metadata: any = { name: 'web' }) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec });
const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

// Each row: an object, and the fields strict decoding reports as unknown (in sorted key order, with list indexes).
const rows: Array<[string, any, string[]]> = [
  ['a valid Deployment', deploy({ replicas: 3, selector: { matchLabels: { a: 'b' } }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] } } }), []],
  ['a misspelt spec field', deploy({ replica: 3 }), ['spec.replica']],
  ['unknown metadata', deploy({}, { name: 'web', lables: { a: 'b' } }), ['metadata.lables']],
  ['inside a list, sorted by key', deploy({ template: { spec: { containers: [{ name: 'c', zeta: 1, imagePullPolice: 'Always' }] } } }),
    ['spec.template.spec.containers[0].imagePullPolice', 'spec.template.spec.containers[0].zeta']],
  ['label values are a map: any key is allowed', pod({ nodeSelector: { anything: 'x' }, containers: [{ name: 'c', image: 'x' }] }), []],
  ['an int-or-string port', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http', nodePort: 30001 }] } }, []],
  ['the v1beta1 backend in a v1 Ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ http: { paths: [{ backend: { serviceName: 's', servicePort: 80 } }] } }] } },
    ['spec.rules[0].http.paths[0].backend.serviceName', 'spec.rules[0].http.paths[0].backend.servicePort']],
  ['a status is known', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Running', podIP: '10.244.1.2' } }, []],
  ['a RawExtension holds anything', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: { whatever: 1 } } }, []],
  ['a CRD schema is not checked here', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b.c' },
    spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] } }, []],
  ['an RBAC rule', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], verb: ['x'] }] }, ['rules[0].verb']],
  ['a kind kubernetes-types does not have', { apiVersion: 'example.com/v1', kind: 'Widget', foo: 1 }, []],
];
for (const [name, obj, want] of rows) test(`strict decoding: ${name}`, () => assert.deepEqual(unknownBuiltinFields(obj), want));

test('the API server refuses unknown fields only when the client asks for Strict', () => {
  const c = createCluster({ nodes: 1, seed: 'strict' });
  const obj = pod({ containers: [{ name: 'c', image: 'nginx', imagePullPolice: 'Always' }] });
  assert.throws(() => c.api.create(obj, { fieldValidation: 'Strict' }), (e) => isStatusError(e) && e.code === 400
    && e.message === 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"');
  assert.equal(c.api.tryGet('pods', 'default', 'p'), undefined);
  const created = c.api.create(obj, { fieldValidation: 'Ignore' });
  assert.equal(created.spec.containers[0].imagePullPolice, undefined, 'an object created without strict decoding loses the unknown field');
  const warnings: string[] = [];
  const warned = c.api.create({ ...obj, metadata: { name: 'q' } }, { fieldValidation: 'Warn', warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, ['unknown field "spec.containers[0].imagePullPolice"']);
  assert.equal(warned.spec.containers[0].imagePullPolice, undefined);
});
