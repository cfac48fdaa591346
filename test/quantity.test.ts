import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, parseQuantity, compareQuantity, milliValue } from '../src/api/quantity';

const canonical: Array<[string, string]> = [
  ['0.5', '500m'], ['500m', '500m'], ['1000m', '1'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['0.5Gi', '512Mi'], ['512', '512'],
  ['1000', '1k'], ['2048', '2048'], ['1e3', '1e3'], ['100Mi', '100Mi'], ['0.1', '100m'], ['10G', '10G'], ['0', '0'], ['-1', '-1'],
  ['0.0000000001', '1n'], ['1500Mi', '1500Mi'], ['1.5', '1500m'],
];
for (const [input, want] of canonical) test(`canonical ${input} -> ${want}`, () => assert.equal(canonicalQuantity(input), want));

const values: Array<[string, number]> = [['1Gi', 2 ** 30], ['1G', 1e9], ['500m', 0.5], ['2', 2], ['1Ki', 1024], ['1e3', 1000]];
for (const [input, want] of values) test(`value ${input}`, () => assert.equal(parseQuantity(input), want));

test('compare and milli', () => {
  assert.equal(compareQuantity('1Gi', '1024Mi'), 0);
  assert.equal(compareQuantity('200Mi', '1Gi'), -1);
  assert.equal(milliValue('100m'), 100);
  assert.equal(milliValue('2'), 2000);
  assert.throws(() => canonicalQuantity('abc'));
  assert.throws(() => parseQuantity('1.2.3Gi'));
});
