// JSON patch (RFC 6902) as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4): rows of the RFC's
// appendix A and of json-patch's patch_test.go, the library's error texts, and kubectl's view of a patch that
// does not apply (nothing half-applied).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, JsonPatchError } from '../src/apiserver/patch';
import { createCluster } from '../src/cluster';

const ok: [string, unknown, unknown[], unknown][] = [
  // RFC 6902 appendix A
  [
    'A.1 adding an object member',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux' }],
    { baz: 'qux', foo: 'bar' },
  ],
  [
    'A.2 adding an array element',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/1', value: 'qux' }],
    { foo: ['bar', 'qux', 'baz'] },
  ],
  ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  [
    'A.4 removing an array element',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'remove', path: '/foo/1' }],
    { foo: ['bar', 'baz'] },
  ],
  [
    'A.5 replacing a value',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 'boo' }],
    { baz: 'boo', foo: 'bar' },
  ],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'A.7 moving an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'A.8 testing a value: success',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  [
    'A.10 adding a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  [
    'A.11 ignoring unrecognized elements',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
    { foo: 'bar', baz: 'qux' },
  ],
  ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  [
    'A.16 adding an array value',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
  // json-patch Cases
  [
    'negative index adds from the end',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/-1', value: 'qux' }],
    { foo: ['bar', 'baz', 'qux'] },
  ],
  [
    'move within an array',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/2' }],
    { foo: ['all', 'cows', 'grass', 'eat'] },
  ],
  [
    'remove a null member',
    { foo: 'bar', qux: { baz: 1, bar: null } },
    [{ op: 'remove', path: '/qux/bar' }],
    { foo: 'bar', qux: { baz: 1 } },
  ],
  ['add null', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: null }], { baz: null, foo: 'bar' }],
  [
    'replace in an array',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'replace', path: '/foo/1', value: 'bum' }],
    { foo: ['bar', 'bum', 'baz'] },
  ],
  [
    'copy into an array',
    [{ foo: ['bar', 'qux', 'baz'], bar: ['qux', 'baz'] }],
    [{ op: 'copy', from: '/0/foo/0', path: '/0/bar/0' }],
    [{ foo: ['bar', 'qux', 'baz'], bar: ['bar', 'qux', 'baz'] }],
  ],
  [
    'copy replaces a member',
    [{ foo: ['bar', 'qux', 'baz'], bar: ['qux', 'baz'] }],
    [{ op: 'copy', from: '/0/foo/0', path: '/0/bar' }],
    [{ foo: ['bar', 'qux', 'baz'], bar: 'bar' }],
  ],
  [
    'copy a list into itself',
    { foo: ['bar'] },
    [{ op: 'copy', path: '/foo/0', from: '/foo' }],
    { foo: [['bar'], 'bar'] },
  ],
  ['remove from the end', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/-2' }], { foo: ['bar', 'baz'] }],
  ['add -1 to an empty list', { foo: [] }, [{ op: 'add', path: '/foo/-1', value: 'qux' }], { foo: ['qux'] }],
  ['replace null', { bar: [{ baz: null }] }, [{ op: 'replace', path: '/bar/0/baz', value: 1 }], { bar: [{ baz: 1 }] }],
  ['test a missing member against null', { baz: 'qux' }, [{ op: 'test', path: '/foo', value: null }], { baz: 'qux' }],
  ['test null against null', { foo: null }, [{ op: 'test', path: '/foo', value: null }], { foo: null }],
  [
    'test an escaped key',
    { 'baz/foo': 'qux' },
    [{ op: 'test', path: '/baz~1foo', value: 'qux' }],
    { 'baz/foo': 'qux' },
  ],
  [
    'test ignores member order',
    { a: { x: 1, y: 2 } },
    [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }],
    { a: { x: 1, y: 2 } },
  ],
  // v4: replace of a missing object member adds it (partialDoc.get finds no error)
  [
    'replace of a missing member adds it',
    { foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 1 }],
    { foo: 'bar', baz: 1 },
  ],
  [
    '__proto__ is a member like any other',
    { data: {} },
    [
      { op: 'add', path: '/data/__proto__', value: 'x' },
      { op: 'copy', from: '/data/__proto__', path: '/data/constructor' },
    ],
    JSON.parse('{"data":{"__proto__":"x","constructor":"x"}}'),
  ],
];
for (const [name, doc, patch, want] of ok) {
  test(`json patch: ${name}`, () => {
    const before = JSON.stringify(doc);
    assert.deepEqual(applyJsonPatch(doc, patch), want);
    assert.equal(JSON.stringify(doc), before, 'the input is not changed');
  });
}

const bad: [string, unknown, unknown[], string][] = [
  [
    'A.9 testing a value: error',
    { baz: 'qux' },
    [{ op: 'test', path: '/baz', value: 'bar' }],
    'testing value /baz failed: test failed',
  ],
  [
    'A.12 adding to a nonexistent target',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    'add operation does not apply: doc is missing path: "/baz/bat": missing value',
  ],
  [
    'A.15 comparing strings and numbers',
    { '/': 9, '~1': 10 },
    [{ op: 'test', path: '/~01', value: '10' }],
    'testing value /~01 failed: test failed',
  ],
  [
    'the second test fails',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 'c' },
    ],
    'testing value /foo/1 failed: test failed',
  ],
  [
    'test of a missing member',
    { baz: 'qux' },
    [{ op: 'test', path: '/foo', value: 42 }],
    'testing value /foo failed: test failed',
  ],
  [
    'test {} against null',
    { foo: {} },
    [{ op: 'test', path: '/foo', value: null }],
    'testing value /foo failed: test failed',
  ],
  ['test without a value', { foo: [] }, [{ op: 'test', path: '/foo' }], 'testing value /foo failed: test failed'],
  [
    'remove a missing member',
    { a: { b: { d: 1 } } },
    [{ op: 'remove', path: '/a/b/c' }],
    "error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value",
  ],
  [
    'move from a missing member',
    { a: { b: { d: 1 } } },
    [{ op: 'move', from: '/a/b/c', path: '/a/b/e' }],
    "error in move for path: 'c': Unable to remove nonexistent key: c: missing value",
  ],
  [
    'remove past the end',
    { a: { b: [1] } },
    [{ op: 'remove', path: '/a/b/1' }],
    "error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced",
  ],
  [
    'no path',
    { foo: 'bar' },
    [{ op: 'add', pathz: '/baz', value: 'qux' }],
    'add operation failed to decode path: missing value',
  ],
  [
    'the whole document',
    { foo: 'bar' },
    [{ op: 'add', path: '', value: 'qux' }],
    'add operation does not apply: doc is missing path: "": missing value',
  ],
  [
    'replace past the end',
    { foo: ['bar', 'baz'] },
    [{ op: 'replace', path: '/foo/2', value: 'bum' }],
    'replace operation does not apply: doc is missing key: /foo/2: missing value',
  ],
  [
    'add before the start',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/-4', value: 'bum' }],
    "error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced",
  ],
  [
    'replace under a missing parent',
    { name: { foo: 'bat' } },
    [{ op: 'replace', path: '/foo/bar', value: 'baz' }],
    'replace operation does not apply: doc is missing path: /foo/bar: missing value',
  ],
  [
    'add past the end',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/2', value: 'bum' }],
    "error in add for path: '/foo/2': Unable to access invalid index: 2: invalid index referenced",
  ],
  [
    'remove -',
    { foo: [] },
    [{ op: 'remove', path: '/foo/-' }],
    `error in remove for path: '/foo/-': strconv.Atoi: parsing "-": invalid syntax`,
  ],
  ['an op of null', {}, [{ op: null, path: '' }], 'Unexpected kind: unknown'],
  ['an unknown op', { a: 1 }, [{ op: 'merge', path: '/a', value: 2 }], 'Unexpected kind: merge'],
  [
    'copy past the end',
    { foo: ['bar'] },
    [{ op: 'copy', path: '/foo/2', from: '/foo/0' }],
    'error while adding value during copy: Unable to access invalid index: 2: invalid index referenced',
  ],
  [
    'move past the end',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/4' }],
    "error in move for path: '/foo/4': Unable to access invalid index: 4: invalid index referenced",
  ],
];
for (const [name, doc, patch, message] of bad) {
  test(`json patch refused: ${name}`, () => {
    const before = JSON.stringify(doc);
    assert.throws(
      () => applyJsonPatch(doc, patch),
      (e: unknown) => e instanceof JsonPatchError && e.message === message,
    );
    assert.equal(JSON.stringify(doc), before);
  });
}

test("json patch through kubectl: applied whole, or refused whole with the apiserver's answer", () => {
  const c = createCluster({ nodes: 1, seed: 'json-patch' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  const rows: [string, number, string][] = [
    [
      `[{"op":"test","path":"/spec/replicas","value":5},{"op":"replace","path":"/spec/replicas","value":3}]`,
      1,
      'The request is invalid: the server rejected our request due to an error in our request\n',
    ],
    [
      `[{"op":"replace","path":"/spec/replicas","value":3},{"op":"frobnicate","path":"/spec/replicas"}]`,
      1,
      'The request is invalid: the server rejected our request due to an error in our request\n',
    ],
    [
      `{"op":"replace","path":"/spec/replicas","value":3}`,
      1,
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    ],
    [
      `[{"op":"test","path":"/spec/replicas","value":2},{"op":"copy","from":"/metadata/labels/app","path":"/metadata/labels/copied"},{"op":"move","from":"/metadata/labels/copied","path":"/metadata/labels/moved"}]`,
      0,
      '',
    ],
  ];
  for (const [p, code, stderr] of rows) {
    const r = c.kubectl(`patch deployment web --type=json -p '${p}'`);
    assert.equal(r.exitCode, code, p);
    assert.equal(r.stderr, stderr, p);
  }
  const d = c.get('deployment', 'web');
  assert.equal(d.spec.replicas, 2, 'no failed patch changed the replicas');
  assert.deepEqual(d.metadata.labels, { app: 'web', moved: 'web' });
});
