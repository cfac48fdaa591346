import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goDuration, goDurationSeconds, parseGoDuration } from '../src/util/go/duration';
import { goFloat, goList, goQuotedList, goSprint, goStringMap } from '../src/util/go/fmt';

// src/util/go: Go's texts that Kubernetes' messages carry, checked against the Go standard library's own tables.
const NS = 1e-6,
  US = 1e-3,
  MS = 1,
  S = 1000,
  M = 60_000,
  H = 3_600_000;

// time_test.go durationTests (the two int64 extremes left out: a duration here is a float64 of milliseconds)
const durationTests: { str: string; ms: number }[] = [
  { str: '0s', ms: 0 },
  { str: '1ns', ms: 1 * NS },
  { str: '1.1µs', ms: 1100 * NS },
  { str: '2.2ms', ms: 2200 * US },
  { str: '3.3s', ms: 3300 * MS },
  { str: '4m5s', ms: 4 * M + 5 * S },
  { str: '4m5.001s', ms: 4 * M + 5001 * MS },
  { str: '5h6m7.001s', ms: 5 * H + 6 * M + 7001 * MS },
  { str: '8m0.000000001s', ms: 8 * M + 1 * NS },
];
for (const row of durationTests) {
  test(`Duration.String: ${row.str} (TestDurationString)`, () => assert.equal(goDuration(row.ms), row.str));
  if (row.ms)
    test(`Duration.String: -${row.str} (TestDurationString, negated)`, () =>
      assert.equal(goDuration(-row.ms), `-${row.str}`));
}

test('Truncate(time.Second).String(): whole seconds, as ages and limits print', () => {
  assert.deepEqual([0, 999, 5000, 90_500, 3_661_000].map(goDurationSeconds), ['0s', '0s', '5s', '1m30s', '1h1m1s']);
});

// format_test.go parseDurationTests
const parseDurationTests: { in: string; ms: number }[] = [
  // simple
  { in: '0', ms: 0 },
  { in: '5s', ms: 5 * S },
  { in: '30s', ms: 30 * S },
  { in: '1478s', ms: 1478 * S },
  // sign
  { in: '-5s', ms: -5 * S },
  { in: '+5s', ms: 5 * S },
  { in: '-0', ms: 0 },
  { in: '+0', ms: 0 },
  // decimal
  { in: '5.0s', ms: 5 * S },
  { in: '5.6s', ms: 5 * S + 600 * MS },
  { in: '5.s', ms: 5 * S },
  { in: '.5s', ms: 500 * MS },
  { in: '1.0s', ms: 1 * S },
  { in: '1.00s', ms: 1 * S },
  { in: '1.004s', ms: 1 * S + 4 * MS },
  { in: '1.0040s', ms: 1 * S + 4 * MS },
  { in: '100.00100s', ms: 100 * S + 1 * MS },
  // different units
  { in: '10ns', ms: 10 * NS },
  { in: '11us', ms: 11 * US },
  { in: '12µs', ms: 12 * US },
  { in: '12μs', ms: 12 * US },
  { in: '13ms', ms: 13 * MS },
  { in: '14s', ms: 14 * S },
  { in: '15m', ms: 15 * M },
  { in: '16h', ms: 16 * H },
  // composite durations
  { in: '3h30m', ms: 3 * H + 30 * M },
  { in: '10.5s4m', ms: 4 * M + 10 * S + 500 * MS },
  { in: '-2m3.4s', ms: -(2 * M + 3 * S + 400 * MS) },
  { in: '1h2m3s4ms5us6ns', ms: 1 * H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS },
  { in: '39h9m14.425s', ms: 39 * H + 9 * M + 14 * S + 425 * MS },
  // large value
  { in: '52763797000ns', ms: 52763797000 * NS },
  // more than 9 digits after decimal point, see https://golang.org/issue/6617
  { in: '0.3333333333333333333h', ms: 20 * M },
];
const ns = (ms: number) => Math.round(ms * 1e6);
for (const row of parseDurationTests) {
  test(`ParseDuration(${JSON.stringify(row.in)}) (TestParseDuration)`, () => {
    const d = parseGoDuration(row.in);
    assert.ok('ms' in d, JSON.stringify(d));
    assert.equal(ns(d.ms), ns(row.ms));
  });
}

// format_test.go parseDurationErrorTests, with the message each failure gives
const parseDurationErrorTests: { in: string; error: string }[] = [
  { in: '', error: 'time: invalid duration ""' },
  { in: '3', error: 'time: missing unit in duration "3"' },
  { in: '-', error: 'time: invalid duration "-"' },
  { in: 's', error: 'time: invalid duration "s"' },
  { in: '.', error: 'time: invalid duration "."' },
  { in: '-.', error: 'time: invalid duration "-."' },
  { in: '.s', error: 'time: invalid duration ".s"' },
  { in: '+.s', error: 'time: invalid duration "+.s"' },
  { in: '1d', error: 'time: unknown unit "d" in duration "1d"' },
  { in: '9223372036854775810ns', error: 'time: invalid duration "9223372036854775810ns"' },
];
for (const row of parseDurationErrorTests) {
  test(`ParseDuration(${JSON.stringify(row.in)}) fails (TestParseDurationErrors)`, () =>
    assert.deepEqual(parseGoDuration(row.in), { error: row.error }));
}

test('fmt: %v and %q of a []string, %#v of a map[string]string', () => {
  assert.equal(goList(['a', 'b']), '[a b]');
  assert.equal(goList(undefined), '[]');
  assert.equal(goQuotedList(['get', 'list']), '["get" "list"]');
  assert.equal(goStringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}');
  assert.equal(goStringMap(undefined), 'map[string]string(nil)');
});

// strconv's ftoa tests for the 'g' format with the shortest precision (-1), as %v prints a float64
const ftoaTests: { f: number; s: string }[] = [
  { f: 1, s: '1' },
  { f: 0, s: '0' },
  { f: 20, s: '20' },
  { f: 1e23, s: '1e+23' },
  { f: 100000, s: '100000' },
  { f: 1e6, s: '1e+06' },
  { f: 0.0001, s: '0.0001' },
  { f: 0.00001, s: '1e-05' },
  { f: 123456789, s: '1.23456789e+08' },
  { f: -1, s: '-1' },
  { f: Infinity, s: '+Inf' },
  { f: -Infinity, s: '-Inf' },
  { f: NaN, s: 'NaN' },
];
for (const row of ftoaTests)
  test(`%v of float64 ${row.s} (TestFtoa, 'g' -1)`, () => assert.equal(goFloat(row.f), row.s));

test('fmt: %+v of an interface{} decoded from JSON', () => {
  assert.equal(
    goSprint({ spec: { replicas: 'abc', x: [1, 2.5, null], y: 3e6 } }),
    'map[spec:map[replicas:abc x:[1 2.5 <nil>] y:3000000]]',
  );
});
