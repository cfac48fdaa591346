import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Schema,
  applyDefaults,
  prune,
  unknownFields,
  validateSchema,
} from '../src/apiserver/apiextensions/schema';
import { validateCRD, defaultCRD } from '../src/apiserver/apiextensions/crd-strategy';
import { resourceInfo } from '../src/apiserver/apiextensions/serve';
import { calculateNamesAndConditions } from '../src/controllers/apiextensions/naming';
import { smartLabelFor, camelcaseSplit } from '../src/kubectl/describe/unstructured';
import { customResourceColumns } from '../src/apiserver/printers/custom-resource';
import { ResourceRegistry } from '../src/api/kinds';
import { createCluster } from '../src/cluster';

const spec: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['image'],
      properties: {
        image: { type: 'string', maxLength: 8 },
        cronSpec: { type: 'string', pattern: '^\\S+ \\S+$' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        ratio: { type: 'number', exclusiveMinimum: true, minimum: 0 },
        mode: { type: 'string', enum: ['a', 'b'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string', minLength: 2 } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        note: { type: 'string', nullable: true },
      },
    },
  },
};

// Each row: the custom resource's spec, then the field errors kube-openapi's validator gives, as printed.
const validation: Array<[string, unknown, string[]]> = [
  ['a valid spec', { image: 'nginx', replicas: 3 }, []],
  ['a required field missing', { replicas: 3 }, ['spec.image: Required value']],
  [
    'a string for an integer',
    { image: 'x', replicas: 'two' },
    ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
  ],
  [
    'a float for an integer',
    { image: 'x', replicas: 1.5 },
    ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"'],
  ],
  [
    'above the maximum',
    { image: 'x', replicas: 11 },
    ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'],
  ],
  [
    'below the minimum',
    { image: 'x', replicas: 0 },
    ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1'],
  ],
  [
    'at an exclusive minimum',
    { image: 'x', ratio: 0 },
    ['spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0'],
  ],
  ['an integer for a number', { image: 'x', ratio: 2 }, []],
  ['too long a string', { image: 'registry/x' }, ['spec.image: Too long: may not be longer than 8']],
  [
    'a pattern not matched',
    { image: 'x', cronSpec: 'nope' },
    ['spec.cronSpec: Invalid value: "nope": spec.cronSpec in body should match \'^\\S+ \\S+$\''],
  ],
  [
    'a value outside the enum',
    { image: 'x', mode: 'c' },
    ['spec.mode: Unsupported value: "c": supported values: "a", "b"'],
  ],
  ['int-or-string takes both', { image: 'x', port: 'http' }, []],
  [
    'int-or-string refuses a bool',
    { image: 'x', port: true },
    ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'],
  ],
  ['too many items', { image: 'x', tags: ['ab', 'cd', 'ef'] }, ['spec.tags: Too many: 3: must have at most 2 items']],
  [
    'an item too short',
    { image: 'x', tags: ['a'] },
    ['spec.tags.0: Invalid value: "a": spec.tags.0 in body should be at least 2 chars long'],
  ],
  [
    'a map value of the wrong type',
    { image: 'x', labels: { a: 1 } },
    ['spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"'],
  ],
  ['null where nullable', { image: 'x', note: null }, []],
];
for (const [name, s, want] of validation) {
  test(`schema validation: ${name}`, () => {
    assert.deepEqual(
      validateSchema({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: s }, spec).map((e) => e.text),
      want,
    );
  });
}

// Each row: a spec, what pruning leaves of it, and the paths strict decoding reports.
const pruning: Array<[unknown, unknown, string[]]> = [
  [{ image: 'x' }, { image: 'x' }, []],
  [{ image: 'x', foo: 1 }, { image: 'x' }, ['spec.foo']],
  [{ image: 'x', raw: { anything: { goes: 1 } } }, { image: 'x', raw: { anything: { goes: 1 } } }, []],
  [{ image: 'x', labels: { a: 'b' } }, { image: 'x', labels: { a: 'b' } }, []],
  [{ tags: ['a'], extra: [{ b: 1 }] }, { tags: ['a'] }, ['spec.extra']],
];
for (const [input, left, unknown] of pruning) {
  test(`pruning ${JSON.stringify(input)}`, () => {
    const o = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a', labels: { keep: 'me' } },
      spec: structuredClone(input),
      status: { gone: true },
    };
    assert.deepEqual(unknownFields(o, spec), [...unknown, 'status']);
    prune(o, spec);
    assert.deepEqual(o, { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a', labels: { keep: 'me' } }, spec: left });
  });
}

test('defaults fill absent fields inside objects that are present', () => {
  const o: any = { spec: { image: 'x' } };
  applyDefaults(o, spec);
  assert.deepEqual(o.spec, { image: 'x', replicas: 1 });
  const none: any = {};
  applyDefaults(none, spec);
  assert.deepEqual(none, {});
});

const crd = (over: any = {}) => {
  const o: any = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', kind: 'CronTab' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
    },
  };
  Object.assign(o.spec, over);
  defaultCRD(o);
  return o;
};

// Each row: a change to a valid CRD's spec, and the errors of ValidateCustomResourceDefinition.
const crdRows: Array<[string, any, string[]]> = [
  ['valid', {}, []],
  [
    'no group',
    { group: '' },
    [
      'metadata.name: Invalid value: "crontabs.stable.example.com": must be spec.names.plural+"."+spec.group',
      'spec.group: Required value',
    ],
  ],
  [
    'a group without a dot',
    { group: 'stable' },
    [
      'metadata.name: Invalid value: "crontabs.stable.example.com": must be spec.names.plural+"."+spec.group',
      'spec.group: Invalid value: "stable": should be a domain with at least one dot',
    ],
  ],
  [
    'an unknown scope',
    { scope: 'Global' },
    ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
  ],
  [
    'two storage versions',
    {
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
        { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
    [
      'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:true, Deprecated:false}, apiextensions.CustomResourceDefinitionVersion{Name:"v2", Served:true, Storage:true, Deprecated:false}}: must have exactly one version marked as storage version',
    ],
  ],
  [
    'no schema',
    { versions: [{ name: 'v1', served: true, storage: true }] },
    ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
  ],
  [
    'a property without a type',
    {
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } },
        },
      ],
    },
    [
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ],
  ],
  [
    'an upper-case plural',
    { names: { plural: 'CronTabs', kind: 'CronTab' } },
    [
      'metadata.name: Invalid value: "crontabs.stable.example.com": must be spec.names.plural+"."+spec.group',
      "spec.names.plural: Invalid value: \"CronTabs\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
  ],
];
for (const [name, over, want] of crdRows) {
  test(`CRD validation: ${name}`, () =>
    assert.deepEqual(
      validateCRD(crd(over), undefined).map((e) => e.text),
      want,
    ));
}

test('CRD defaults: singular and listKind from the kind, conversion None', () => {
  const o = crd();
  assert.equal(o.spec.names.singular, 'crontab');
  assert.equal(o.spec.names.listKind, 'CronTabList');
  assert.deepEqual(o.spec.conversion, { strategy: 'None' });
});

// Each row: two versions, and which one discovery prefers (CompareKubeAwareVersionStrings).
const versions: Array<[string, string, string]> = [
  ['v1', 'v2', 'v2'],
  ['v1', 'v1beta1', 'v1'],
  ['v1beta2', 'v1beta1', 'v1beta2'],
  ['v1alpha1', 'v1beta1', 'v1beta1'],
  ['v2alpha1', 'v1', 'v1'],
  ['foo', 'v1alpha1', 'v1alpha1'],
  ['abc', 'abd', 'abc'],
];
for (const [a, b, want] of versions) {
  test(`preferred version of ${a} and ${b}: ${want}`, () => {
    const o = crd({
      versions: [
        { name: a, served: true, storage: true },
        { name: b, served: true, storage: false },
      ],
    });
    assert.equal(resourceInfo(o).version, want);
  });
}

// Each row: the names the other CRDs of the group have accepted, the requested names, and NamesAccepted.
const naming: Array<[string, any, any, string, string]> = [
  [
    'no other CRD',
    undefined,
    { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
    'NoConflicts',
    'no conflicts found',
  ],
  [
    'the plural is taken',
    { plural: 'crontabs', singular: 'x', kind: 'X', listKind: 'XList' },
    { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
    'PluralConflict',
    '"crontabs" is already in use',
  ],
  [
    'a short name is taken',
    { plural: 'xs', singular: 'x', kind: 'X', listKind: 'XList', shortNames: ['ct'] },
    { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] },
    'ShortNamesConflict',
    '"ct" is already in use',
  ],
  [
    'kind and list kind taken: the last conflict is reported',
    { plural: 'xs', singular: 'x', kind: 'CronTab', listKind: 'CronTabList' },
    { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
    'ListKindConflict',
    '"CronTabList" is already in use',
  ],
];
for (const [name, other, requested, reason, message] of naming) {
  test(`naming: ${name}`, () => {
    const me: any = {
      metadata: { name: 'crontabs.stable.example.com' },
      spec: { group: 'stable.example.com', names: requested },
    };
    const all: any[] = [me];
    if (other)
      all.push({
        metadata: { name: 'other' },
        spec: { group: 'stable.example.com' },
        status: { acceptedNames: other },
      });
    const r = calculateNamesAndConditions(me, all);
    assert.equal(r.namesAccepted.reason, reason);
    assert.equal(r.namesAccepted.message, message);
    assert.equal(r.established.reason, reason === 'NoConflicts' ? 'Installing' : 'NotAccepted');
  });
}

// Each row: a field name and the title the generic describer gives it.
const labels: Array<[string, string]> = [
  ['cronSpec', 'Cron Spec'],
  ['apiVersion', 'API Version'],
  ['uid', 'UID'],
  ['creationTimestamp', 'Creation Timestamp'],
  ['openAPIV3Schema', 'openAPIV3Schema'],
  ['URLPath', 'URL Path'],
  ['resourceVersion', 'Resource Version'],
  ['a_b', 'a_b'],
];
for (const [f, want] of labels) test(`smartLabelFor(${f}) = ${want}`, () => assert.equal(smartLabelFor(f), want));
test('camelcase split keeps acronym runs together', () =>
  assert.deepEqual(camelcaseSplit('PDFLoader'), ['PDF', 'Loader']));

test('printer columns: typed cells, <none> for nothing, priority columns only when wide', () => {
  const reg = new ResourceRegistry();
  reg.add({
    kind: 'CronTab',
    resource: 'crontabs',
    singular: 'crontab',
    short: [],
    group: 'stable.example.com',
    version: 'v1',
    namespaced: true,
    custom: {
      crd: 'crontabs.stable.example.com',
      versions: ['v1'],
      status: false,
      schema: undefined,
      categories: [],
      printerColumns: [
        { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
        { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
        { name: 'Ready', type: 'boolean', jsonPath: '.status.ready', priority: 1 },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    },
  });
  const cols = customResourceColumns(reg.resolve('ct') ?? reg.resolve('crontabs')!);
  const now = Date.parse('2024-01-01T00:05:00Z');
  assert.deepEqual(cols.headers, ['NAME', 'SPEC', 'REPLICAS', 'AGE']);
  assert.deepEqual(cols.wide, ['READY']);
  const o: any = {
    metadata: { name: 'a', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { cronSpec: '* * * * *', replicas: 'x' },
  };
  assert.deepEqual(cols.row(o, now), ['a', '* * * * *', '<none>', '5m']);
  assert.deepEqual(cols.wideRow!(o, now), ['<none>']);
});

test('the registry: custom names resolve, built-in names win, removal forgets every name', () => {
  const reg = new ResourceRegistry();
  const info = {
    kind: 'Pod',
    resource: 'pods',
    singular: 'pod',
    short: ['ct'],
    group: 'example.com',
    version: 'v1',
    namespaced: true,
    custom: {
      crd: 'pods.example.com',
      versions: ['v1'],
      status: false,
      schema: undefined,
      categories: [],
      printerColumns: [],
    },
  };
  reg.add(info);
  assert.equal(reg.resolve('pods')!.group, '');
  assert.equal(reg.resolve('pods.example.com'), info);
  assert.equal(reg.resolve('ct'), info);
  assert.equal(reg.forObject('example.com/v1', 'Pod'), undefined); // the built-in Pod keeps the kind
  reg.remove('pods.example.com');
  assert.equal(reg.resolve('ct'), undefined);
  assert.equal(reg.customResources().length, 0);
});

test('a CRD is served only once Established, and no longer once it is gone', () => {
  const c = createCluster({ nodes: 1, seed: 'crd' });
  const r = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: Cluster, names: {plural: widgets, kind: Widget}, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]}\n',
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(c.api.resources.resolve('widgets')?.namespaced, false);
  assert.equal(
    c.kubectl('apply -f -', {
      stdin: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n',
    }).exitCode,
    0,
  );
  assert.equal(c.get('widgets', 'w').spec.size, 3);
  assert.equal(c.kubectl('delete crd widgets.example.com').exitCode, 0);
  assert.equal(c.api.resources.resolve('widgets'), undefined);
  assert.equal(c.store.count('widgets'), 0);
});

test('a CRD whose plural or kind a built-in resource has is not served, and the built-in keeps its own rules', () => {
  const c = createCluster({ nodes: 1, seed: 'clash' });
  const r = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: networkpolicies.crd.projectcalico.org}\nspec: {group: crd.projectcalico.org, scope: Namespaced, names: {plural: networkpolicies, kind: NetworkPolicy}, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]}\n',
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(c.api.resources.customResources().length, 0);
  const np = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n',
  });
  assert.equal(np.stdout, 'networkpolicy.networking.k8s.io/deny created\n', np.stderr);
  assert.equal(c.kubectl('delete crd networkpolicies.crd.projectcalico.org').exitCode, 0);
  assert.equal(
    c.kubectl('apply -f -', {
      stdin:
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}, policyTypes: [Ingress, Sideways]}\n',
    }).exitCode,
    1,
    'the built-in validation is still registered',
  );
});

test('naming: a short name removed from the spec is no longer accepted', () => {
  const crd: any = {
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
    },
    status: {
      acceptedNames: {
        plural: 'crontabs',
        singular: 'crontab',
        kind: 'CronTab',
        listKind: 'CronTabList',
        shortNames: ['ct'],
        categories: ['all'],
      },
    },
  };
  const r = calculateNamesAndConditions(crd, [crd]);
  assert.deepEqual(r.names, { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' });
});
