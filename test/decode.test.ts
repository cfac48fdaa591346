// Decoding writes as the API server does (src/apiserver/decode): each row an object and the error the server gives
// (or the unknown fields strict decoding reports). Messages from encoding/json (sigs.k8s.io/json), the unstructured
// converter (strategic merge patches), resource.Quantity, metav1.Time and encoding/base64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindType } from '../src/apiserver/decode/types';
import { decodeJSON } from '../src/apiserver/decode/json';
import { fromUnstructured } from '../src/apiserver/decode/unstructured';
import { measure, yamlLimitError } from '../src/apiserver/decode/limits';
import { timeParseError, base64ErrorOffset } from '../src/apiserver/decode/go-text';
import { goSprint } from '../src/util/go/fmt';
import { createCluster } from '../src/cluster';
import { isStatusError } from '../src/api/errors';

const deploy = (spec: any, metadata: any = { name: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec,
});
const pod = (spec: any, metadata: any = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const c0 = (extra: any) => pod({ containers: [{ name: 'c', image: 'x', ...extra }] });
const T = (o: any) => kindType(o.apiVersion, o.kind)!;

// [name, object, the decode error (or undefined)]
const typeRows: Array<[string, any, string | undefined]> = [
  [
    'a valid Deployment',
    deploy({
      replicas: 3,
      selector: { matchLabels: { a: 'b' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] },
      },
    }),
    undefined,
  ],
  [
    'a string for an int32',
    deploy({ replicas: 'abc' }),
    'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  ],
  [
    'a fraction for an int32',
    deploy({ replicas: 1.5 }),
    'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
  ],
  [
    'an int32 out of range',
    deploy({ replicas: 9007199254740992 }),
    'json: cannot unmarshal number 9007199254740992 into Go struct field DeploymentSpec.spec.replicas of type int32',
  ],
  [
    'an int64 out of range',
    pod({ activeDeadlineSeconds: 1e21 }),
    'json: cannot unmarshal number 1e+21 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64',
  ],
  ['an int64 in range', pod({ activeDeadlineSeconds: 2147483648 }), undefined],
  [
    'an object for a bool',
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { suspend: { a: { b: 1 } } } },
    'json: cannot unmarshal object into Go struct field CronJobSpec.spec.suspend of type bool',
  ],
  [
    'a string for a struct',
    deploy('x'),
    'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec',
  ],
  [
    'an object for a list of structs',
    pod({ containers: {} }),
    'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
  ],
  [
    'inside a list: the path has no index',
    c0({ args: [1] }),
    'json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string',
  ],
  [
    'a named string type',
    c0({ imagePullPolicy: 5 }),
    'json: cannot unmarshal number into Go struct field Container.spec.containers.imagePullPolicy of type v1.PullPolicy',
  ],
  [
    'a label value that is a number',
    pod({}, { name: 'p', labels: { a: 123456789012345680000 } }),
    'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  ],
  [
    'a named map type',
    c0({ resources: { limits: 'x' } }),
    'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
  ],
  [
    'a quantity that does not parse',
    c0({ resources: { limits: { cpu: 'abc' } } }),
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  ],
  ['a quantity may be a number', c0({ resources: { limits: { cpu: 0.5 } } }), undefined],
  [
    'an IntOrString that is a bool',
    deploy({ strategy: { rollingUpdate: { maxSurge: true } } }),
    'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
  ],
  [
    'an IntOrString that is a list',
    deploy({ strategy: { rollingUpdate: { maxSurge: [] } } }),
    'json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
  ],
  [
    'an IntOrString error ends decoding, ahead of a saved type error',
    deploy({ replicas: 'x', strategy: { rollingUpdate: { maxSurge: 1.5 } } }),
    'json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
  ],
  [
    'the first type error in key order',
    deploy({ replicas: 'x', paused: 'y' }),
    'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
  ],
  [
    'a time that is not RFC 3339',
    pod({}, { name: 'p', creationTimestamp: 'yesterday' }),
    'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
  ],
  [
    'a time that is a number',
    pod({}, { name: 'p', creationTimestamp: 5 }),
    'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
  ],
  ['a null time', pod({}, { name: 'p', creationTimestamp: null }), undefined],
  [
    'bytes that are not base64',
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'not base64!' } },
    'illegal base64 data at input byte 3',
  ],
  [
    'a RawExtension holds anything',
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r' },
      revision: 1,
      data: { spec: { whatever: 1 } },
    },
    undefined,
  ],
];
for (const [name, obj, want] of typeRows)
  test(`decode: ${name}`, () => assert.equal(decodeJSON(obj, T(obj)).error, want));

// strict decoding: the unknown fields, in sorted key order with list indexes (ported from known-fields)
const unknownRows: Array<[string, any, string[]]> = [
  ['a misspelt spec field', deploy({ replica: 3 }), ['spec.replica']],
  ['unknown metadata', deploy({}, { name: 'web', lables: { a: 'b' } }), ['metadata.lables']],
  [
    'inside a list, sorted by key',
    deploy({ template: { spec: { containers: [{ name: 'c', zeta: 1, imagePullPolice: 'Always' }] } } }),
    ['spec.template.spec.containers[0].imagePullPolice', 'spec.template.spec.containers[0].zeta'],
  ],
  [
    'label values are a map: any key is allowed',
    pod({ nodeSelector: { anything: 'x' }, containers: [{ name: 'c', image: 'x' }] }),
    [],
  ],
  [
    'an int-or-string port',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 'http', nodePort: 30001 }] },
    },
    [],
  ],
  [
    'the v1beta1 backend in a v1 Ingress',
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ backend: { serviceName: 's', servicePort: 80 } }] } }] },
    },
    ['spec.rules[0].http.paths[0].backend.serviceName', 'spec.rules[0].http.paths[0].backend.servicePort'],
  ],
  [
    'a status is known',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Running', podIP: '10.244.1.2' } },
    [],
  ],
  ['field names are case-sensitive', deploy({ Replicas: 3 }), ['spec.Replicas']],
  [
    'an RBAC rule',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], verb: ['x'] }],
    },
    ['rules[0].verb'],
  ],
];
for (const [name, obj, want] of unknownRows)
  test(`strict decoding: ${name}`, () => assert.deepEqual(decodeJSON(obj, T(obj)).unknown, want));

test("decoded: unknown fields dropped, null fields absent, null items their zero value, keys in the client's order", () => {
  const d = decodeJSON(
    pod(
      { containers: [{ name: 'c', image: 'x', args: ['a', null], bogus: 1 }], nodeName: null },
      { name: 'p', labels: { z: '1', a: null } },
    ),
    T(pod({})),
  );
  assert.deepEqual(d.value, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { z: '1', a: '' } },
    spec: { containers: [{ name: 'c', image: 'x', args: ['a', ''] }] },
  });
  assert.deepEqual(Object.keys((d.value as any).metadata.labels), ['z', 'a']);
});

// a strategic merge patch's result goes through the unstructured converter: its texts, and Go's integer conversion
const convertRows: Array<[string, any, string | undefined, any?]> = [
  ['a string for an int32', deploy({ replicas: 'abc' }), 'unrecognized type: int32'],
  ['a fraction for an int32', deploy({ replicas: 1.5 }), 'cannot convert float64 to int32'],
  ['an int64 too big for an int32 wraps around', deploy({ replicas: 3000000000 }), undefined, -1294967296],
  ['a number for a string', c0({ image: 5 }), 'cannot convert int64 to string'],
  ['a string for a struct', deploy('x'), 'cannot restore struct from: string'],
  ['an object for a list', pod({ containers: {} }), 'cannot restore slice from map'],
];
for (const [name, obj, want, replicas] of convertRows) {
  test(`strategic merge patch conversion: ${name}`, () => {
    const d = fromUnstructured(obj, T(obj));
    assert.equal(d.error, want);
    if (replicas !== undefined) assert.equal((d.value as any).spec.replicas, replicas);
  });
}

test('Go texts: %+v of a patch, time.Parse, base64', () => {
  assert.equal(
    goSprint({ spec: { replicas: 'abc', x: [1, 2.5, null], y: 3e6 } }),
    'map[spec:map[replicas:abc x:[1 2.5 <nil>] y:3000000]]',
  );
  assert.equal(goSprint({ f: 0.5, g: 1e21 }), 'map[f:0.5 g:1e+21]');
  assert.equal(
    timeParseError('2024-13-01T00:00:00Z', false),
    'parsing time "2024-13-01T00:00:00Z": month out of range',
  );
  assert.equal(timeParseError('2024-02-30T00:00:00Z', false), 'parsing time "2024-02-30T00:00:00Z": day out of range');
  assert.equal(
    timeParseError('2024-01-01', false),
    'parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
  );
  assert.equal(timeParseError('2024-01-01T00:00:00.5+01:00', false), undefined);
  assert.equal(base64ErrorOffset('YWJj'), undefined);
  assert.equal(base64ErrorOffset('YWJ'), 0);
  assert.equal(base64ErrorOffset('YQ=='), undefined);
  assert.equal(base64ErrorOffset('Y==='), 1);
});

test('limits: body size, values JSON cannot carry, YAML alias expansion', () => {
  assert.equal(measure({ a: 'xy' }).bytes, JSON.stringify({ a: 'xy' }).length);
  assert.equal(
    measure({ a: [1, true, null, 'é'] }).bytes,
    Buffer.byteLength(JSON.stringify({ a: [1, true, null, 'é'] })),
  );
  assert.equal(measure({ a: Infinity }).unsupported, 'json: unsupported value: +Inf');
  assert.equal(measure({ a: [NaN] }).unsupported, 'json: unsupported value: NaN');
  // billion laughs: js-yaml shares the aliased nodes; go-yaml refuses the expansion
  let lol: unknown = ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol'];
  for (let i = 0; i < 9; i++) lol = Array(9).fill(lol);
  assert.equal(yamlLimitError({ a: lol }), 'yaml: document contains excessive aliasing');
  const shared = { x: 1 };
  assert.equal(yamlLimitError({ a: shared, b: shared }), undefined);
});

test("the API server: a body of the wrong type is refused with the decoder's message, nothing stored", () => {
  const c = createCluster({ nodes: 1, seed: 'decode' });
  const refused = (f: () => unknown, code: number, message: string) =>
    assert.throws(f, (e) => isStatusError(e) && e.code === code && e.message === message);
  refused(
    () => c.api.create(deploy({ replicas: 'abc' })),
    400,
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  assert.equal(c.api.tryGet('deployments', 'default', 'web'), undefined);
  refused(
    () =>
      c.api.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'big' },
        data: { a: 'x'.repeat(3 * 1024 * 1024) },
      }),
    413,
    'Request entity too large: limit is 3145728',
  );
  refused(
    () => c.api.create(pod({ containers: [{ name: 'c', image: 'x' }], activeDeadlineSeconds: Infinity })),
    400,
    'json: unsupported value: +Inf',
  );
  refused(
    () => c.api.create({ apiVersion: 'v1', kind: 5 } as any),
    400,
    "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string",
  );
  const obj = pod({ containers: [{ name: 'c', image: 'nginx', imagePullPolice: 'Always' }] });
  refused(
    () => c.api.create(obj, { fieldValidation: 'Strict' }),
    400,
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"',
  );
  assert.equal(
    c.api.create(obj, { fieldValidation: 'Ignore' }).spec.containers[0].imagePullPolice,
    undefined,
    'dropped, as decoding drops it',
  );
  const warnings: string[] = [];
  c.api.create({ ...obj, metadata: { name: 'q' } }, { fieldValidation: 'Warn', warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings, ['unknown field "spec.containers[0].imagePullPolice"']);
  // patches: the patched object (merge, JSON) or the patch (strategic) is the invalid value
  c.apply(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}\n',
  );
  const before = c.get('deployment', 'web');
  refused(
    () => c.api.patch('deployments', 'default', 'web', { spec: { replicas: 'abc' } }, 'strategic'),
    422,
    ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:abc]]": unrecognized type: int32',
  );
  assert.throws(
    () => c.api.patch('deployments', 'default', 'web', { spec: { replicas: 'abc' } }, 'merge'),
    (e) =>
      isStatusError(e) &&
      e.code === 422 &&
      e.message.startsWith(' "" is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"apps/v1\\"') &&
      e.message.endsWith(
        '": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      ),
  );
  refused(
    () => c.api.patch('deployments', 'default', 'web', { metadata: { name: 'other' } }, 'merge'),
    400,
    'the name of the object (other) does not match the name on the URL (web)',
  );
  assert.equal(c.get('deployment', 'web'), before, 'nothing changed');
});

test("kubectl: the server's decode errors, and the YAML reader's limits", () => {
  const c = createCluster({ nodes: 1, seed: 'decode-kubectl' });
  c.localFiles.set(
    require('node:path').resolve('x.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: "3", selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}\n',
  );
  const created = c.kubectl('create -f x.yaml');
  assert.equal(created.exitCode, 1);
  assert.equal(
    created.stderr,
    'Error from server (BadRequest): error when creating "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
  );
  const inf = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {activeDeadlineSeconds: .inf, containers: [{name: c, image: x}]}\n',
  });
  assert.equal(
    inf.stderr,
    'error: error parsing STDIN: error converting YAML to JSON: json: unsupported value: +Inf\n',
  );
  const laughs = [
    'a: &a [x,x,x,x,x,x,x,x,x,x]',
    ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
  ].join('\n');
  const lol = c.kubectl('apply -f -', { stdin: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n${laughs}\n` });
  assert.equal(
    lol.stderr,
    'error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n',
  );
  const kind = c.kubectl('apply -f -', { stdin: 'apiVersion: v1\nkind: 5\nmetadata: {name: p}\n' });
  assert.equal(
    kind.stderr,
    'error: error validating "STDIN": error validating data: kind isn\'t string type; if you choose to ignore these errors, turn validation off with --validate=false\n',
  );
  assert.deepEqual(c.internalErrors, []);
});
