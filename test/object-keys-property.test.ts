// Object keys as a property (fast-check): keys that name Object.prototype's members (`__proto__`, `constructor`,
// `toString`, ...) are ordinary keys of a ConfigMap's data, as Go's maps make them: kept through apply, merge,
// strategic and JSON patches and a second apply (a three-way patch), printed, and never silently dropped. Where
// validation forbids one (a label key), the write is refused with the apiserver's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { createCluster } from '../src/cluster';

const RUNS = Number(process.env.KEYS_RUNS ?? 30);
const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];
const key = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.stringMatching(/^[a-z][-._a-zA-Z0-9]{0,8}$/));
const value = fc.stringMatching(/^[a-z0-9 ]{1,8}$/);
const data = fc.dictionary(key, value, { maxKeys: 6 });
/** A merge patch of data: a value sets a key, null removes it. */
const mergePatch = fc.dictionary(key, fc.option(value, { nil: null }), { maxKeys: 4 });

/** The data as JSON decoding builds it: every key its own, `__proto__` included. */
const asJson = (m: Map<string, string>): string =>
  JSON.stringify(Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
const mapOf = (d: Record<string, string>): Map<string, string> => new Map(Object.keys(d).map((k) => [k, d[k]]));
const manifest = (d: Record<string, string>): string =>
  dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: d });
const escapePointer = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

test('object keys: every key of a ConfigMap survives apply, patches and a second apply', () => {
  fc.assert(
    fc.property(data, mergePatch, mergePatch, key, value, data, (d1, p1, p2, jsonKey, jsonValue, d2) => {
      const c = createCluster({ nodes: 1, seed: 'keys' });
      const shown = () => {
        const r = c.kubectl('get configmap cm -o json');
        assert.equal(r.exitCode, 0, r.stderr);
        return JSON.stringify(
          Object.fromEntries(
            Object.entries(JSON.parse(r.stdout).data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          ),
        );
      };
      const want = mapOf(d1);
      c.apply(manifest(d1));
      assert.equal(shown(), asJson(want), 'after apply');
      for (const [p, type] of [
        [p1, 'merge'],
        [p2, 'strategic'],
      ] as const) {
        const r = c.kubectl(`patch configmap cm --type=${type} -p '${JSON.stringify({ data: p })}'`);
        assert.equal(r.exitCode, 0, r.stderr);
        for (const k of Object.keys(p)) {
          if (p[k] === null) want.delete(k);
          else want.set(k, p[k]!);
        }
        assert.equal(shown(), asJson(want), `after the ${type} patch ${JSON.stringify(p)}`);
      }
      const ops = [
        { op: 'add', path: '/data', value: {} },
        { op: 'add', path: `/data/${escapePointer(jsonKey)}`, value: jsonValue },
      ];
      const r = c.kubectl(`patch configmap cm --type=json -p '${JSON.stringify(want.size ? ops.slice(1) : ops)}'`);
      assert.equal(r.exitCode, 0, r.stderr);
      want.set(jsonKey, jsonValue);
      assert.equal(shown(), asJson(want), 'after the json patch');
      // a second apply: what the first applied and the second leaves out is removed, the patches' keys stay
      c.apply(manifest(d2));
      for (const k of Object.keys(d1)) if (!Object.hasOwn(d2, k)) want.delete(k);
      for (const k of Object.keys(d2)) want.set(k, d2[k]);
      assert.equal(shown(), asJson(want), 'after the second apply');
    }),
    { numRuns: RUNS, seed: 1830 },
  );
});

test('object keys: kubectl create configmap keeps them, a label key is refused', () => {
  const c = createCluster({ nodes: 1, seed: 'keys' });
  const r = c.kubectl(
    'create configmap c --from-literal=__proto__=a --from-literal=constructor=b --from-literal=toString=c',
  );
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual(Object.keys(JSON.parse(c.kubectl('get configmap c -o json').stdout).data), [
    '__proto__',
    'constructor',
    'toString',
  ]);
  const again = c.kubectl('create configmap d --from-literal=__proto__=a --from-literal=__proto__=b');
  assert.equal(
    again.stderr,
    'error: cannot add key "__proto__", another key by that name already exists in Data for ConfigMap "d"\n',
  );
  const label = c.kubectl('apply -f -', {
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: l, labels: {__proto__: x, constructor: y}}\n',
  });
  assert.equal(label.exitCode, 1);
  assert.match(
    label.stderr,
    /metadata\.labels: Invalid value: "__proto__": name part must consist of alphanumeric characters/,
  );
  assert.equal(c.tryGet('configmap', 'l'), undefined);
});
