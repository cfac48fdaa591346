// Errors inside the model: a sync's error retried with client-go's back-off, a JavaScript error recorded as a bug
// and never thrown out of converge; and the regressions the property-based tests found, each from its shrunk case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { ConvergeError, backoffMs, isInternalError } from '../src/runtime/runtime';
import { StatusError } from '../src/api/errors';
import { cleanupUnhealthyReplicas } from '../src/controllers/deployment/rolling';

test('back-off per item: 5 ms doubling, at most 1000 s (ItemExponentialFailureRateLimiter)', () => {
  assert.deepEqual([1, 2, 3, 10, 18, 19, 100].map(backoffMs), [5, 10, 20, 2560, 655_360, 1_000_000, 1_000_000]);
});

test("which errors are bugs: JavaScript's own, not those a component returns", () => {
  const rows: [unknown, boolean][] = [
    [new TypeError('x.endsWith is not a function'), true],
    [new RangeError('Invalid array length'), true],
    [new ReferenceError('x is not defined'), true],
    ['a string', true],
    [new Error('when cleaning up unhealthy replicas, got invalid request to scale down default/web-1 2 -> 3'), false],
    [new StatusError(409, 'Conflict', 'conflict'), false],
  ];
  for (const [e, want] of rows) assert.equal(isInternalError(e), want, String(e));
});

test('a sync that returns an error is retried with back-off; converge never throws it', () => {
  const c = createCluster({ nodes: 1, seed: 'retry' });
  const at: number[] = [];
  const start = c.clock.now();
  const flaky = {
    name: 'flaky',
    sync() {
      at.push(c.clock.now() - start);
      if (at.length < 4) throw new Error('not yet');
    },
  };
  c.runtime.enqueue(flaky, 'default/x');
  c.converge();
  c.advance('1s');
  assert.deepEqual(at, [0, 5, 15, 35]);
  assert.deepEqual(c.internalErrors, []);
});

test('a JavaScript error in a sync is recorded as a bug, retried, and the cluster goes on', () => {
  const c = createCluster({ nodes: 1, seed: 'bug' });
  let n = 0;
  const buggy = {
    name: 'buggy',
    sync() {
      n++;
      (undefined as any).length;
    },
  };
  c.runtime.enqueue(buggy, 'default/x');
  c.converge();
  c.advance('1h');
  assert.ok(n > 10 && n < 40, `retried with back-off, not spinning: ${n} syncs`);
  assert.equal(c.internalErrors[0].where, 'buggy default/x');
  assert.ok(c.internalErrors[0].error instanceof TypeError);
  assert.equal(c.kubectl('get nodes').exitCode, 0, 'the cluster still answers');
});

test('a converge that does not settle names the key, its controller and its last error', () => {
  const c = createCluster({ nodes: 1, seed: 'spin' });
  let first = true;
  const restless = {
    name: 'restless',
    sync(key: string) {
      if (first) {
        first = false;
        throw new Error('boom');
      }
      c.runtime.enqueue(restless, key);
    },
  };
  c.runtime.enqueue(restless, 'default/web');
  c.converge();
  assert.throws(
    () => c.advance('1s'),
    (e) =>
      e instanceof ConvergeError && /restless reconciled default\/web 2001 times, last error: boom/.test(e.message),
  );
});

test('cleaning up unhealthy replicas when a status still counts more pods than the spec is an error returned, not a crash', () => {
  // rolling.go cleanupUnhealthyReplicas: available (3) above the spec (2) would "scale down" to 3
  const rs = {
    metadata: { namespace: 'default', name: 'web-1', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { replicas: 2 },
    status: { availableReplicas: 3 },
  };
  const ops = { scaleReplicaSetAndRecordEvent: () => assert.fail('must not scale') };
  assert.throws(
    () => cleanupUnhealthyReplicas(ops as any, [rs as any], {} as any, 5),
    (e) =>
      !isInternalError(e) &&
      (e as Error).message ===
        'when cleaning up unhealthy replicas, got invalid request to scale down default/web-1 2 -> 3',
  );
});

// the property-based tests' shrunk counterexamples
const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}\n';

test('shrunk: a merge patch that makes metadata a string is refused by decoding, not a TypeError', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-1' });
  c.apply(DEPLOY);
  const r = c.kubectl(`patch deployment web --type=merge -p '{"metadata":"abc"}'`);
  assert.equal(r.exitCode, 1);
  assert.match(
    r.stderr,
    /^The request is invalid: patch: Invalid value: ".*": json: cannot unmarshal string into Go struct field Deployment.metadata of type v1.ObjectMeta\n$/,
  );
  assert.deepEqual(c.internalErrors, []);
});

test('shrunk: a JSON patch that makes the name an object is refused by decoding (no "[object Object]")', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-2' });
  c.apply(DEPLOY);
  const r = c.kubectl(
    `patch deployment web --type=json -p '[{"op":"add","path":"/metadata/name","value":{"a":{"b":1}}}]'`,
  );
  assert.match(
    r.stderr,
    /json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string\n$/,
  );
  assert.doesNotMatch(r.stderr, /object Object/);
});

test('shrunk: kubectl apply of a manifest whose metadata is a number: the name is empty, as unstructured reads it', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-3' });
  const r = c.kubectl('apply -f -', {
    stdin: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: 1\nspec: {minAvailable: 1}\n',
  });
  assert.equal(
    r.stderr,
    'error: error when retrieving current configuration of:\nResource: "policy/v1, Resource=poddisruptionbudgets", GroupVersionKind: "policy/v1, Kind=PodDisruptionBudget"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty\n',
  );
  assert.deepEqual(c.internalErrors, []);
});

test('shrunk: a strategic merge patch cannot change metadata.generation, even to a float Go would convert', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-4' });
  c.apply(
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n',
  );
  const r = c.kubectl(`patch pvc pvc --type=strategic -p '{"metadata":{"generation":123456789012345678901}}'`);
  assert.equal(r.exitCode, 0);
  assert.equal(c.get('pvc', 'pvc').metadata.generation, undefined);
});

test('kubectl apply drops annotations that are not a map of strings (unstructured GetAnnotations), as real kubectl does', () => {
  const c = createCluster({ nodes: 1, seed: 'annotations' });
  c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, annotations: {a: 1}}\ndata: {k: v}\n');
  assert.deepEqual(Object.keys(c.get('configmap', 'cm').metadata.annotations!), [
    'kubectl.kubernetes.io/last-applied-configuration',
  ]);
});

test('shrunk: a JSON patch whose earlier operation left null where a later one adds is refused, not a TypeError', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-5' });
  c.apply(DEPLOY);
  const r = c.kubectl(
    `patch deployment web --type=json -p '[{"op":"add","path":"/metadata","value":null},{"op":"add","path":"/metadata/labels","value":{}}]'`,
  );
  assert.equal(r.exitCode, 1);
  assert.doesNotMatch(r.stderr, /Cannot set properties/);
  assert.deepEqual(c.internalErrors, []);
});

test('shrunk: a StatefulSet claim template without a name: Go prints the empty name, never "undefined"', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-6' });
  c.apply(
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 1, serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: x}]}}, volumeClaimTemplates: [null]}\n',
  );
  c.advance('10s');
  const describe = c.kubectl('describe statefulset db').stdout;
  assert.match(
    describe,
    /create Claim -db-0 for Pod db-0 in StatefulSet db failed error: PersistentVolumeClaim "-db-0" is invalid/,
  );
  assert.doesNotMatch(describe, /undefined/);
});

test('shrunk: an unknown kind whose namespace is an object: the mapping error names it as empty (no "[object Object]")', () => {
  const c = createCluster({ nodes: 1, seed: 'shrunk-7' });
  const r = c.kubectl('create -f -', { stdin: 'apiVersion: v1\nkind: abc\nmetadata: {name: s, namespace: {a: 1}}\n' });
  assert.equal(
    r.stderr,
    'error: resource mapping not found for name: "s" namespace: "" from "STDIN": no matches for kind "abc" in version "v1"\nensure CRDs are installed first\n',
  );
});
