// Rows ported from staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse,
// TestQuantityString, TestQuantityParseEmit, TestQuantityCmp, TestQuantityNeg and the invalid inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalQuantity,
  parseQuantity,
  parseQuantityExact,
  compareQuantity,
  milliValue,
  QuantityError,
} from '../src/api/quantity';

// TestQuantityParse: input -> decQuantity(mantissa, exponent, format), compared by value and format
const MAX = 9223372036854775807n;
const parseRows: Array<[string, bigint, number, 'DecimalSI' | 'BinarySI' | 'DecimalExponent']> = [
  ['0', 0n, 0, 'DecimalSI'],
  ['0n', 0n, 0, 'DecimalSI'],
  ['0u', 0n, 0, 'DecimalSI'],
  ['0m', 0n, 0, 'DecimalSI'],
  ['0Ki', 0n, 0, 'BinarySI'],
  ['0k', 0n, 0, 'DecimalSI'],
  ['0Mi', 0n, 0, 'BinarySI'],
  ['0M', 0n, 0, 'DecimalSI'],
  ['0Gi', 0n, 0, 'BinarySI'],
  ['0G', 0n, 0, 'DecimalSI'],
  ['0Ti', 0n, 0, 'BinarySI'],
  ['0T', 0n, 0, 'DecimalSI'],
  ['1', 1n, 0, 'DecimalSI'],
  ['1Ki', 1024n, 0, 'BinarySI'],
  ['8Ki', 8n * 1024n, 0, 'BinarySI'],
  ['7Mi', 7n * 1024n ** 2n, 0, 'BinarySI'],
  ['6Gi', 6n * 1024n ** 3n, 0, 'BinarySI'],
  ['5Ti', 5n * 1024n ** 4n, 0, 'BinarySI'],
  ['4Pi', 4n * 1024n ** 5n, 0, 'BinarySI'],
  ['3Ei', 3n * 1024n ** 6n, 0, 'BinarySI'],
  ['10Ti', 10n * 1024n ** 4n, 0, 'BinarySI'],
  ['100Ti', 100n * 1024n ** 4n, 0, 'BinarySI'],
  ['5n', 5n, -9, 'DecimalSI'],
  ['4u', 4n, -6, 'DecimalSI'],
  ['3m', 3n, -3, 'DecimalSI'],
  ['9', 9n, 0, 'DecimalSI'],
  ['8k', 8n, 3, 'DecimalSI'],
  ['50k', 5n, 4, 'DecimalSI'],
  ['7M', 7n, 6, 'DecimalSI'],
  ['6G', 6n, 9, 'DecimalSI'],
  ['5T', 5n, 12, 'DecimalSI'],
  ['40T', 4n, 13, 'DecimalSI'],
  ['300T', 3n, 14, 'DecimalSI'],
  ['2P', 2n, 15, 'DecimalSI'],
  ['1E', 1n, 18, 'DecimalSI'],
  ['1E-3', 1n, -3, 'DecimalExponent'],
  ['1e3', 1n, 3, 'DecimalExponent'],
  ['1E6', 1n, 6, 'DecimalExponent'],
  ['1e9', 1n, 9, 'DecimalExponent'],
  ['1E12', 1n, 12, 'DecimalExponent'],
  ['1e15', 1n, 15, 'DecimalExponent'],
  ['1E18', 1n, 18, 'DecimalExponent'],
  ['1e14', 1n, 14, 'DecimalExponent'],
  ['1e13', 1n, 13, 'DecimalExponent'],
  ['100.035k', 100035n, 0, 'DecimalSI'],
  ['0.001', 1n, -3, 'DecimalSI'],
  ['0.0005k', 5n, -1, 'DecimalSI'],
  ['0.005', 5n, -3, 'DecimalSI'],
  ['0.05', 5n, -2, 'DecimalSI'],
  ['0.5', 5n, -1, 'DecimalSI'],
  ['0.00050k', 5n, -1, 'DecimalSI'],
  ['0.00500', 5n, -3, 'DecimalSI'],
  ['0.05000', 5n, -2, 'DecimalSI'],
  ['0.50000', 5n, -1, 'DecimalSI'],
  ['0.5e0', 5n, -1, 'DecimalExponent'],
  ['0.5e-1', 5n, -2, 'DecimalExponent'],
  ['0.5e-2', 5n, -3, 'DecimalExponent'],
  ['10.035M', 10035n, 3, 'DecimalSI'],
  ['1.2e3', 12n, 2, 'DecimalExponent'],
  ['1.3E+6', 13n, 5, 'DecimalExponent'],
  ['1.40e9', 14n, 8, 'DecimalExponent'],
  ['1.53E12', 153n, 10, 'DecimalExponent'],
  ['1.6e15', 16n, 14, 'DecimalExponent'],
  ['1.7E18', 17n, 17, 'DecimalExponent'],
  ['9.01', 901n, -2, 'DecimalSI'],
  ['8.1k', 81n, 2, 'DecimalSI'],
  ['7.123456M', 7123456n, 0, 'DecimalSI'],
  ['6.987654321G', 6987654321n, 0, 'DecimalSI'],
  ['5.444T', 5444n, 9, 'DecimalSI'],
  ['40.1T', 401n, 11, 'DecimalSI'],
  ['300.2T', 3002n, 11, 'DecimalSI'],
  ['2.5P', 25n, 14, 'DecimalSI'],
  ['1.01E', 101n, 16, 'DecimalSI'],
  // things that saturate or round
  ['3.001n', 4n, -9, 'DecimalSI'],
  ['1.1E-9', 2n, -9, 'DecimalExponent'],
  ['0.0000000001', 1n, -9, 'DecimalSI'],
  ['0.0000000005', 1n, -9, 'DecimalSI'],
  ['0.00000000050', 1n, -9, 'DecimalSI'],
  ['0.5e-9', 1n, -9, 'DecimalExponent'],
  ['0.9n', 1n, -9, 'DecimalSI'],
  ['0.00000012345', 124n, -9, 'DecimalSI'],
  ['0.00000012354', 124n, -9, 'DecimalSI'],
  ['9Ei', MAX, 0, 'BinarySI'],
  ['9223372036854775807Ki', MAX, 0, 'BinarySI'],
  ['12E', 12n, 18, 'DecimalSI'],
  // fractional binary
  ['100.035Ki', 10243584n, -2, 'BinarySI'],
  ['0.5Mi', 524288n, 0, 'BinarySI'],
  ['0.05Gi', 536870912n, -1, 'BinarySI'],
  ['0.025Ti', 274877906944n, -1, 'BinarySI'],
  // things written by trolls
  ['0.000000000001Ki', 2n, -9, 'DecimalSI'],
  ['.001', 1n, -3, 'DecimalSI'],
  ['.0001k', 100n, -3, 'DecimalSI'],
  ['1.', 1n, 0, 'DecimalSI'],
  ['1.G', 1n, 9, 'DecimalSI'],
];
const exactValue = (m: bigint, e: number) => (e >= 0 ? [m * 10n ** BigInt(e), 0] : [m, -e]) as [bigint, number];
const sameValue = (a: [bigint, number], b: [bigint, number]) => {
  const s = Math.max(a[1], b[1]);
  return a[0] * 10n ** BigInt(s - a[1]) === b[0] * 10n ** BigInt(s - b[1]);
};
for (const [input, m, e, format] of parseRows) {
  for (const sign of ['', '-', '+']) {
    test(`parse ${sign}${input}`, () => {
      const q = parseQuantityExact(sign + input);
      assert.ok(sameValue(exactValue(q.mantissa, q.exp), exactValue(m, e)), `${sign}${input}: ${q.mantissa}e${q.exp}`);
      assert.equal(q.negative, sign === '-' && m !== 0n);
      assert.equal(q.format, format);
    });
  }
}

// TestQuantityString: [expect, alternate]; the canonical string is kept on parse, an alternate canonicalizes to it
const stringRows: Array<[string, string]> = [
  ['1Gi', '1024Mi'],
  ['300Mi', '307200Ki'],
  ['6Ki', ''],
  ['1001Gi', '1025024Mi'],
  ['1Ti', '1024Gi'],
  ['5', '5000m'],
  ['500m', '0.5'],
  ['1G', '1000M'],
  ['1G', '0.001T'],
  ['1m', '1000u'],
  ['80m', ''],
  ['1080m', '1.08'],
  ['1080m', '1080000000n'],
  ['300M', ''],
  ['1T', ''],
  ['1E', ''],
  ['1e21', '1000E'],
  ['5e21', '5000E'],
  ['1e24', '1000000E'],
  ['1234567M', ''],
  ['1234567m', ''],
  ['3k', ''],
  ['1025', ''],
  ['0', ''],
  ['1e9', '.001e12'],
  ['1e-3', '0.001e0'],
  ['1e-9', '1000e-12'],
  ['80e-3', ''],
  ['300e6', ''],
  ['1e12', ''],
  ['1e3', ''],
  ['3e3', ''],
  ['0', '00'],
  ['1n', ''],
  ['80n', ''],
  ['1080n', ''],
  ['1u', ''],
  ['80u', ''],
  ['1080u', ''],
];
for (const [expect, alternate] of stringRows) {
  test(`canonical ${alternate || expect} -> ${expect}`, () => {
    assert.equal(canonicalQuantity(expect), expect);
    if (alternate) assert.equal(canonicalQuantity(alternate), expect);
    if (expect !== '0') assert.equal(canonicalQuantity(`-${alternate || expect}`), `-${expect}`);
  });
}

// TestQuantityParseEmit (and its negative rows)
const emitRows: Array<[string, string]> = [
  ['1Ki', '1Ki'],
  ['1Mi', '1Mi'],
  ['1Gi', '1Gi'],
  ['1024Mi', '1Gi'],
  ['1000M', '1G'],
  ['.001Ki', '1024m'],
  ['.000001Ki', '1024u'],
  ['.000000001Ki', '1024n'],
  ['.000000000001Ki', '2n'],
];
for (const [input, want] of emitRows) {
  test(`emit ${input} -> ${want}`, () => {
    assert.equal(canonicalQuantity(input), want);
    assert.equal(canonicalQuantity(`-${input}`), `-${want}`);
  });
}

// What kspec's manifests most often carry, and the quirks of Go's kept string (the input is reused when the fast
// path finds it canonical, sign and leading zeros included)
const kspecRows: Array<[string | number, string]> = [
  ['1.5Gi', '1536Mi'],
  ['0.5Gi', '512Mi'],
  ['512', '512'],
  ['1000', '1k'],
  ['2048', '2048'],
  ['100Mi', '100Mi'],
  ['0.1', '100m'],
  ['1500Mi', '1500Mi'],
  ['1.5', '1500m'],
  ['1.5Ki', '1536'],
  ['100.035Ki', '102435840m'],
  ['9Ei', '9223372036854775807'],
  [1, '1'],
  [0.5, '500m'],
  [2, '2'],
  [1000, '1k'],
  ['+1', '+1'],
  ['01', '01'],
  ['1.', '1.'],
  ['1.0', '1'],
  [' 100m ', '100m'],
];
for (const [input, want] of kspecRows)
  test(`canonical ${JSON.stringify(input)} -> ${want}`, () => assert.equal(canonicalQuantity(input), want));

// the invalid inputs of TestQuantityParse, with ParseQuantity's error
const invalid: Array<[string, string]> = [
  ['1.1.M', 'quantities must match'],
  ['1+1.0M', 'quantities must match'],
  ['0.1mi', "unable to parse quantity's suffix"],
  ['0.1am', 'quantities must match'],
  ['aoeu', 'quantities must match'],
  ['.5i', "unable to parse quantity's suffix"],
  ['1i', "unable to parse quantity's suffix"],
  ['-3.01i', "unable to parse quantity's suffix"],
  ['-3.01e-', "unable to parse quantity's suffix"],
  ['', 'quantities must match'],
  ['1K', "unable to parse quantity's suffix"],
];
for (const [input, message] of invalid) {
  test(`invalid ${JSON.stringify(input)}`, () =>
    assert.throws(
      () => parseQuantityExact(input),
      (e: Error) => e instanceof QuantityError && e.message.startsWith(message),
    ));
}

// TestQuantityCmp
const cmpRows: Array<[string, string, number]> = [
  ['0', '0', 0],
  ['100m', '50m', 1],
  ['50m', '100m', -1],
  ['10000T', '100Gi', 1],
  ['1Gi', '1024Mi', 0],
  ['200Mi', '1Gi', -1],
  ['-1', '1m', -1],
];
for (const [x, y, want] of cmpRows) test(`cmp ${x} ${y}`, () => assert.equal(compareQuantity(x, y), want));

test('values and milli-values (MilliValue rounds up)', () => {
  assert.equal(parseQuantity('1Gi'), 2 ** 30);
  assert.equal(parseQuantity('1G'), 1e9);
  assert.equal(parseQuantity('500m'), 0.5);
  assert.equal(parseQuantity('1e3'), 1000);
  assert.equal(milliValue('100m'), 100);
  assert.equal(milliValue('2'), 2000);
  assert.equal(milliValue('0.1'), 100);
  assert.equal(milliValue('1u'), 1);
  assert.equal(milliValue('1.5Gi'), 1610612736000);
});
