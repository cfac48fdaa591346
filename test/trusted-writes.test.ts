// Trusted writes (src/apiserver/decode/trusted.ts): a write the model's own code makes inside a reconcile is copied as
// decoding would leave it, not decoded. Each test compares that copy with the decoder (the simple version).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kindType, type GoType } from '../src/apiserver/decode/types';
import { copyAsDecoded, decodeJSON } from '../src/apiserver/decode/json';
import { trusted } from '../src/apiserver/decode/trusted';
import { deepFreeze } from '../src/api/meta';
import { createCluster } from '../src/cluster';

const T = (apiVersion: string, kind: string) => kindType(apiVersion, kind)!;
const same = (o: any, t: GoType, shareFrozen = false) => {
  const d = decodeJSON(o, t, { shareFrozen });
  assert.equal(d.error, undefined);
  assert.equal(JSON.stringify(copyAsDecoded(o, t, shareFrozen)), JSON.stringify(d.value));
};

// [what, apiVersion, kind, a well-typed body with what decoding changes in it]
const rows: Array<[string, string, string, any]> = [
  [
    'a null condition time is dropped (omitempty)',
    'v1',
    'Pod',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }] },
    },
  ],
  [
    'a null list without omitempty stays null',
    'discovery.k8s.io/v1',
    'EndpointSlice',
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: null,
    },
  ],
  [
    'undefined fields are absent',
    'apps/v1',
    'Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { a: 'b' }, annotations: undefined },
      spec: { replicas: undefined, paused: false },
    },
  ],
  [
    'a quantity given as a number becomes its text',
    'v1',
    'Pod',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: 1, memory: 1.5 } } }] },
    },
  ],
  [
    'an unknown field is dropped',
    'v1',
    'ConfigMap',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' }, extra: 1 },
  ],
  [
    'null map values and list items become their zero value',
    'v1',
    'ConfigMap',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: [null] }, data: { a: null } },
  ],
  [
    'a byte list becomes base64',
    'v1',
    'Secret',
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: [104, 105] } },
  ],
  [
    'an embedded object (RawExtension) is kept as it is',
    'apps/v1',
    'ControllerRevision',
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r' },
      revision: 1,
      data: { spec: { x: null } },
    },
  ],
];
for (const [what, apiVersion, kind, body] of rows) test(`trusted copy: ${what}`, () => same(body, T(apiVersion, kind)));

test('trusted copy: frozen (stored) parts are shared, as the decoder shares them', () => {
  const status = deepFreeze({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }] });
  const body = { apiVersion: 'v1', kind: 'Pod', status };
  same(body, T('v1', 'Pod'), true);
  assert.equal((copyAsDecoded(body, T('v1', 'Pod'), true) as any).status, status);
});

/** A value of a Go type: well typed, with nulls, undefined and the odd unknown field where a writer might leave them. */
function arbitraryValue(t: GoType, depth: number): fc.Arbitrary<unknown> {
  const absent = fc.constantFrom(null, undefined);
  switch (t.k) {
    case 'ptr':
      return fc.oneof(absent, arbitraryValue(t.of, depth));
    case 'string':
      return fc.oneof(fc.string({ maxLength: 4 }), absent);
    case 'bool':
      return fc.oneof(fc.boolean(), absent);
    case 'int':
      return fc.oneof(fc.integer({ min: t.unsigned ? 0 : -1000, max: 1000 }), absent);
    case 'float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'quantity':
      return fc.oneof(fc.constantFrom('100m', '1Gi', '2', '0.5'), fc.integer({ min: 0, max: 64 }), absent);
    case 'intstr':
      return fc.oneof(fc.constantFrom('25%', 'http'), fc.integer({ min: 0, max: 100 }));
    case 'time':
    case 'microtime':
      return fc.oneof(fc.constant(t.k === 'time' ? '2026-12-07T00:00:00Z' : '2026-12-07T00:00:00.000000Z'), absent);
    case 'duration':
      return fc.constant('1m0s');
    case 'bytes':
      return fc.oneof(fc.constant('aGk='), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }));
    case 'any':
      return fc.oneof(fc.constant({ a: null }), absent);
    case 'slice':
      return depth > 3
        ? fc.constant([])
        : fc.oneof(fc.array(arbitraryValue(t.of, depth + 1), { maxLength: 2 }), absent);
    case 'map':
      return depth > 3
        ? fc.constant({})
        : fc.oneof(fc.dictionary(fc.constantFrom('a', 'b'), arbitraryValue(t.of, depth + 1), { maxKeys: 2 }), absent);
    case 'struct': {
      if (depth > 3) return fc.constant({});
      const fields = [...t.fields()];
      return fc
        .tuple(fc.subarray(fields, { maxLength: Math.min(6, fields.length) }), fc.boolean())
        .chain(([picked, unknown]) =>
          fc.tuple(...picked.map(([, f]) => arbitraryValue(f, depth + 1))).map((vs) => {
            const o: Record<string, unknown> = {};
            picked.forEach(([k], i) => {
              o[k] = vs[i];
            });
            if (unknown) o.notAField = 1;
            return o;
          }),
        );
    }
  }
}

test('property: the trusted copy of a well-typed body is what decoding it gives (fields, values, key order)', () => {
  const kinds = [
    ['v1', 'Pod'],
    ['apps/v1', 'Deployment'],
    ['v1', 'Service'],
    ['discovery.k8s.io/v1', 'EndpointSlice'],
    ['batch/v1', 'Job'],
    ['v1', 'Node'],
    ['coordination.k8s.io/v1', 'Lease'],
    ['v1', 'Event'],
    ['events.k8s.io/v1', 'Event'],
    ['v1', 'PersistentVolumeClaim'],
  ];
  for (const [apiVersion, kind] of kinds) {
    const t = T(apiVersion, kind);
    fc.assert(
      fc.property(arbitraryValue(t, 0), fc.boolean(), (body, freeze) => {
        const d = decodeJSON(body, t, { shareFrozen: freeze });
        if (d.error !== undefined) return; // not well typed (an int64 the decoder refuses, say): never a trusted write
        if (freeze) deepFreeze(body);
        assert.equal(
          JSON.stringify(copyAsDecoded(body, t, freeze)),
          JSON.stringify(decodeJSON(body, t, { shareFrozen: freeze }).value),
        );
      }),
      { seed: 16, numRuns: 60 },
    );
  }
});

test('a cluster running every controller and kubelets writes only what decoding would store (trusted.check)', () => {
  trusted.check = true;
  try {
    const c = createCluster({ nodes: 2, seed: 3 });
    c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.25, ports: [{containerPort: 80}], readinessProbe: {httpGet: {path: /, port: 80}}, resources: {requests: {cpu: 100m}}}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "* * * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: t, image: busybox:1.36, command: [sh, -c, "echo tick"]}]}}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: nginx:1.25}]}}
  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: a, image: busybox:1.36, command: [sleep, "3600"]}]}}
`);
    c.advance('3m');
    c.kubectl('scale deployment web --replicas=3');
    c.kubectl('delete deployment web');
    c.advance('1m');
    assert.deepEqual(
      c.runtime.internalErrors.map((e) => `${e.where}: ${String(e.error).slice(0, 400)}`),
      [],
    );
  } finally {
    trusted.check = process.env.KSPEC_TRUSTED_CHECK === '1';
  }
});
