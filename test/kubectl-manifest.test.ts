import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifests, splitDocuments, loadSources, type Loaded } from '../src/kubectl/manifest';

const parse = (text: string) => {
  const out: Loaded = { items: [] };
  parseManifests(text, 'f.yaml', out);
  return out.items;
};
const errorOf = (text: string) => {
  const e = parse(text).find((i) => 'error' in i) as { error: Error } | undefined;
  return e?.error.message;
};

test('YAML errors as kubectl v1.30 prints them (checked against real kubectl)', () => {
  const P = 'error parsing f.yaml: error converting YAML to JSON: yaml: ';
  const rows: [string, string][] = [
    [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: 1\n',
      P + 'line 5: mapping values are not allowed in this context',
    ],
    ['a:\n  c: 2\n   d: 1\n', P + 'line 3: mapping values are not allowed in this context'],
    ['a: 1\n\tb: 2\n', P + 'line 2: found a tab character that violates indentation'],
    ['a: "x\n', P + 'line 2: found unexpected end of stream'],
    ['a: [1\n', P + "line 1: did not find expected ',' or ']'"],
    ['a: 1\nb\n', P + "line 3: could not find expected ':'"],
    [
      '- a\n- b\n',
      'unable to decode "f.yaml": json: cannot unmarshal array into Go value of type unstructured.detector',
    ],
    [
      'apiVersion: v1\nmetadata: {name: x}\n',
      'error validating "f.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    ],
  ];
  for (const [text, want] of rows) assert.equal(errorOf(text), want, JSON.stringify(text));
});

test('documents: split on --- lines, empty ones skipped, Lists expanded, parse errors stop the file', () => {
  assert.deepEqual(splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: 1\n'), ['a: 1', 'b: 2', 'c: 3\n---x: 1\n']);
  const items = parse(
    '---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: p}\n',
  );
  assert.deepEqual(
    items.map((i) => ('obj' in i ? i.obj.metadata.name : 'error')),
    ['a', 'b', 'p'],
  );
  const broken = parse(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\na: [1\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\n',
  );
  assert.deepEqual(
    broken.map((i) => ('obj' in i ? i.obj.metadata.name : 'error')),
    ['p', 'error'],
  );
});

test('loadSources: a file a step gave is read before the disk, by its path relative to the folder', () => {
  const given = new Map([['/feat/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: given}\n']]);
  const rows: [string, string | undefined, string][] = [
    ['web.yaml', '/feat', 'given'],
    ['./web.yaml', '/feat', 'given'],
    ['/feat/web.yaml', '/elsewhere', 'given'],
    ['web.yaml', '/elsewhere', 'the path "web.yaml" does not exist'],
  ];
  for (const [file, cwd, want] of rows) {
    const [item] = loadSources([file], { cwd, given }).items;
    assert.equal(
      'error' in item ? (item.error as Error).message : item.obj.metadata!.name,
      want,
      `${file} from ${cwd}`,
    );
  }
});
