import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactObject, redactText, secretValues, REDACTED } from '../src/api/redact';
import { objectYaml } from '../src/assert/report';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMnNlY3JldA=="}}' },
  },
  data: { password: 'aHVudGVyMnNlY3JldA==', pin: 'MTI=' },
  stringData: { token: 'abcd-efgh' },
};

const objects: Array<[string, unknown, (out: any) => void]> = [
  [
    'a Secret keeps its keys with sizes',
    secret,
    (o) => assert.deepEqual(o.data, { password: '<redacted: 13 bytes>', pin: '<redacted: 2 bytes>' }),
  ],
  ['stringData too', secret, (o) => assert.equal(o.stringData.token, '<redacted: 9 bytes>')],
  [
    'and the last-applied annotation',
    secret,
    (o) => assert.equal(o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], REDACTED),
  ],
  ['a ConfigMap is left alone', { kind: 'ConfigMap', data: { a: 'b' } }, (o) => assert.deepEqual(o.data, { a: 'b' })],
  [
    'Secrets inside a List',
    { kind: 'List', items: [secret] },
    (o) => assert.equal(o.items[0].data.pin, '<redacted: 2 bytes>'),
  ],
  ['non-objects pass through', 'text', (o) => assert.equal(o, 'text')],
];
for (const [name, input, check] of objects) test(`redactObject: ${name}`, () => check(redactObject(input)));

test('redactObject does not change its input', () => {
  redactObject(secret);
  assert.equal(secret.data.password, 'aHVudGVyMnNlY3JldA==');
});

test('secretValues: stored and decoded, longest first, short values left', () => {
  const values = secretValues([secret]);
  assert.ok(values.includes('aHVudGVyMnNlY3JldA=='));
  assert.ok(values.includes('hunter2secret'));
  assert.ok(values.includes('abcd-efgh'));
  assert.ok(!values.includes('12'), 'a 2-character value would garble the text');
  assert.deepEqual(
    values,
    [...values].sort((a, b) => b.length - a.length || a.localeCompare(b)),
  );
});

const texts: Array<[string, string]> = [
  ['password: aHVudGVyMnNlY3JldA==', `password: ${REDACTED}`],
  ['echo hunter2secret', `echo ${REDACTED}`],
  ['nothing secret here', 'nothing secret here'],
];
for (const [input, want] of texts)
  test(`redactText: ${input}`, () => assert.equal(redactText(input, secretValues([secret])), want));

test('failure messages show a Secret redacted', () => {
  const yaml = objectYaml(secret);
  assert.ok(!yaml.includes('aHVudGVy'), yaml);
  assert.match(yaml, /password: '<redacted: 13 bytes>'/);
});
