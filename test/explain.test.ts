// kubectl explain against kubectl 1.30's own output: each fixture is what `kubectl.1.30 explain <args>` printed
// against `kspec serve` (the same OpenAPI document), named after its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCluster } from '../src/cluster';
import { wordWrap } from '../src/kubectl/cmd/explain';

const FIXTURES = path.join(__dirname, 'fixtures', 'explain');

for (const file of fs.readdirSync(FIXTURES).sort()) {
  const args = file.replace(/\.txt$/, '');
  test(`kubectl explain ${args}: as kubectl 1.30 prints it`, () => {
    const r = createCluster({ nodes: 1, seed: 'explain' }).kubectl(`explain ${args}`);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  });
}

const errors: Array<[string, string, string]> = [
  ['explain pods.spec.nope', 'KIND:       Pod\nVERSION:    v1\n\n', 'error: field "nope" does not exist\n'],
  ['explain podz', '', 'the server doesn\'t have a resource type "podz"\n'],
];
for (const [line, stdout, stderr] of errors) {
  test(`kubectl ${line}: kubectl's error`, () => {
    const r = createCluster({ nodes: 1, seed: 'explain' }).kubectl(line);
    assert.deepEqual([r.exitCode, r.stdout, r.stderr], [1, stdout, stderr]);
  });
}

// mitchellh/go-wordwrap WrapString cases
const wraps: Array<[string, number, string]> = [
  ['foo bar baz', 7, 'foo bar\nbaz'],
  ['foo bar baz', 3, 'foo\nbar\nbaz'],
  ['a verylongword b', 5, 'a\nverylongword\nb'],
  ['line one\nline two is long', 8, 'line one\nline two\nis long'],
  ['trailing ', 20, 'trailing '],
  ['', 5, ''],
];
for (const [text, limit, want] of wraps)
  test(`wordWrap(${JSON.stringify(text)}, ${limit})`, () => assert.equal(wordWrap(text, limit), want));
