import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelSelector, matches, fromLabelSelector, selectorToString } from '../src/api/selectors';

// Each row: selector text, labels, whether they match.
const rows: Array<[string, Record<string, string>, boolean]> = [
  ['app=web', { app: 'web' }, true],
  ['app=web', { app: 'db' }, false],
  ['app==web', { app: 'web' }, true],
  ['app = web', { app: 'web' }, true],
  ['app!=web', {}, true],
  ['app!=web', { app: 'web' }, false],
  ['app=web,tier!=db', { app: 'web', tier: 'fe' }, true],
  ['env in (prod, staging)', { env: 'staging' }, true],
  ['env in (prod,staging)', { env: 'dev' }, false],
  ['env notin (prod)', {}, true],
  ['env notin (prod)', { env: 'prod' }, false],
  ['!legacy', { app: 'x' }, true],
  ['!legacy', { legacy: 'true' }, false],
  ['legacy', { legacy: '' }, true],
  ['', { any: 'thing' }, true],
  ['app=', { app: '' }, true],
];
for (const [text, labels, want] of rows) {
  test(`"${text}" on ${JSON.stringify(labels)} -> ${want}`, () => assert.equal(matches(parseLabelSelector(text), labels), want));
}

test('LabelSelector: nil selects nothing, empty selects everything', () => {
  assert.equal(matches(fromLabelSelector(undefined), { a: 'b' }), false);
  assert.equal(matches(fromLabelSelector({}), { a: 'b' }), true);
  assert.equal(matches(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['b', 'c'] }] }), { a: 'c' }), true);
});

test('printing', () => {
  assert.equal(selectorToString(parseLabelSelector('env in (b,a),!x,y')), 'env in (a,b),!x,y');
});

test('malformed selectors are rejected', () => {
  for (const bad of ['app=web,', '(a)', 'a in b']) assert.throws(() => parseLabelSelector(bad), Error, bad);
});
