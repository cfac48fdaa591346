import { test } from 'node:test';
import assert from 'node:assert/strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Reporter = require('../src/report/allure-reporter.js');

const suites: Array<[string, string, string[]]> = [
  ['features/workloads/rollout.feature', 'rollouts', ['workloads', 'rollouts']],
  ['features/networking/dns/headless.feature', 'DNS', ['networking/dns', 'DNS']],
  ['/abs/suite/features/first.feature', 'first', ['suite', 'first']],
  ['specs/x.feature', '', ['specs', 'x.feature']],
];
for (const [uri, name, want] of suites) {
  test(`allure suites of ${uri}`, () =>
    assert.deepEqual(
      Reporter.suiteLabels(uri, name).map((l: { value: string }) => l.value),
      want,
    ));
}

const statuses: Array<[string, string | undefined, string | undefined]> = [
  ['FAILED', 'Error', 'failed'],
  ['FAILED', 'AssertionError', 'failed'],
  ['FAILED', 'TypeError', 'broken'],
  ['FAILED', 'ReferenceError', 'broken'],
  ['PASSED', undefined, 'passed'],
  ['SKIPPED', undefined, 'skipped'],
  ['UNDEFINED', undefined, undefined],
];
for (const [status, type, want] of statuses) {
  test(`allure status of a ${status} step${type ? ` (${type})` : ''}`, () => {
    const step = { status, ...(type ? { message: 'm', exception: { type, message: 'm', stackTrace: '' } } : {}) };
    assert.equal(Reporter.prototype.parseStatus.call(Object.create(Reporter.prototype), step), want);
  });
}
