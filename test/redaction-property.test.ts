// Redaction as a property (fast-check): for generated Secret values, no report the `ci` profile writes (JUnit,
// Cucumber HTML, messages ndjson, Allure results) and no failure message or attachment holds a value, in any
// form. The oracle is independent of the redactor: each value carries a random alphanumeric core between
// characters that JSON and YAML escape (quotes, backslashes, newlines, tabs, <, >, &, non-ASCII), so every escaped
// rendering still contains the core verbatim; base64 is checked as itself. Service account tokens are checked
// by their JWT shape. `REDACTION_RUNS=200 npm run test:unit` runs more samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { createCluster } from '../src/cluster';
import { clusterSecretValues, failureAttachments } from '../src/report/attachments';
import { redactText } from '../src/api/redact';
import { objectYaml } from '../src/assert/report';

const RUNS = Number(process.env.REDACTION_RUNS ?? 25);
const SPECIAL = ['"', "'", '\\', '\n', '\t', '<', '>', '&', ':', '#', ' ', '{', '}', '-', 'é', '日', '$'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const core = fc
  .string({ unit: fc.constantFrom(...ALNUM), minLength: 10, maxLength: 16 })
  .filter((s) => new Set(s).size >= 6);
const around = fc
  .array(fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...ALNUM)), { maxLength: 6 })
  .map((a) => a.join(''));
/** A Secret value: its core (what must never show) and the whole value. */
const secretValue = fc
  .record({ before: around, core, after: around })
  .map(({ before, core: c, after }) => ({ core: c, value: before + c + after }));
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/;

/** Where a value shows in the text, or undefined. */
function leak(text: string, v: { core: string; value: string }): string | undefined {
  for (const needle of [v.core, Buffer.from(v.value).toString('base64')]) {
    const i = text.indexOf(needle);
    if (i >= 0) return text.slice(Math.max(0, i - 80), i + needle.length + 80);
  }
  const t = JWT.exec(text);
  return t ? t[0] : undefined;
}

/** The manifest: a Secret (stringData and data, applied, so the last-applied annotation holds it JSON-escaped) and a pod using it. */
function manifest(values: { value: string }[]): string {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds' },
    type: 'Opaque',
    stringData: Object.fromEntries(values.map((v, i) => [`key${i}`, v.value])),
    data: { encoded: Buffer.from(values[0].value).toString('base64') },
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx',
          envFrom: [{ secretRef: { name: 'creds' } }],
          env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'key0' } } }],
          volumeMounts: [{ name: 'creds', mountPath: '/etc/creds' }],
        },
      ],
      volumes: [{ name: 'creds', secret: { secretName: 'creds' } }],
    },
  };
  return `${dump(secret)}---\n${dump(pod)}`;
}

/** What kubectl shows of the Secret and of the pod's view of it. */
const COMMANDS = [
  'get secret creds -o yaml',
  'get secret creds -o json',
  'get secrets -o yaml',
  'describe secret creds',
  'exec app -- env',
  'exec app -- cat /etc/creds/key0',
  'exec app -- cat /var/run/secrets/kubernetes.io/serviceaccount/token',
  'get secret creds -o jsonpath={.data}',
];

test('redaction: no Secret value in any form in redacted command output, failure messages or attachments', () => {
  fc.assert(
    fc.property(fc.array(secretValue, { minLength: 1, maxLength: 3 }), (values) => {
      const c = createCluster({ nodes: 1, seed: 'redaction' });
      c.apply(manifest(values));
      c.advance('5s');
      const secretValues = clusterSecretValues(c);
      const texts: [string, string][] = [];
      for (const cmd of COMMANDS) {
        const r = c.kubectl(cmd);
        assert.equal(r.exitCode, 0, `${cmd}: ${r.stderr}`);
        texts.push([cmd, redactText(r.stdout + r.stderr, secretValues)]);
        for (const a of failureAttachments({ cluster: c, lastCommand: r, stepText: 'the secret "creds" matches:' }))
          texts.push([`${cmd} ${a.fileName}`, a.body]);
      }
      texts.push(['objectYaml', objectYaml(c.get('secret', 'creds'))]);
      for (const [where, text] of texts)
        for (const v of values) assert.equal(leak(text, v), undefined, `${where} shows ${JSON.stringify(v.value)}`);
    }),
    { numRuns: RUNS, seed: 18 },
  );
});

/** A feature whose every scenario fails with a Secret's value in its failure message. */
function feature(): string {
  return `Feature: secrets in failures
  Background:
    Given the manifest "secrets.yaml"
    When 5 seconds pass

  Scenario: an output step's message holds kubectl get -o yaml
    When I run "kubectl get secret creds -o yaml"
    Then the output is:
      """
      nothing like it
      """

  Scenario: the environment of a pod
    When I run "kubectl exec app -- env"
    Then the output contains "NOT THERE"

  Scenario: the JSON with the last-applied annotation
    When I run "kubectl get secret creds -o json"
    Then the output does not contain "creds"

  Scenario: a matcher's object
    Then the secret "creds" matches:
      """
      data: {key0: d3Jvbmc=}
      """

  Scenario: a projected service account token
    When I run "kubectl exec app -- cat /var/run/secrets/kubernetes.io/serviceaccount/token"
    Then the output is:
      """
      a token
      """

  Scenario: a Secret deleted before the failure
    When I run "kubectl get secret creds -o yaml"
    And I run "kubectl delete pod app --grace-period=0"
    And I run "kubectl delete secret creds"
    Then the output is:
      """
      secret "creds" deleted
      """
    When I run "kubectl get secret creds"
    Then the command succeeds
`;
}

test("redaction: the ci profile's reports hold no Secret value (cucumber on a generated feature)", () => {
  const samples = fc.sample(fc.array(secretValue, { minLength: 2, maxLength: 3 }), { numRuns: 1, seed: 6902 })[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-redaction-'));
  const root = path.resolve(__dirname, '..');
  try {
    fs.writeFileSync(path.join(dir, 'secrets.feature'), feature());
    fs.writeFileSync(path.join(dir, 'secrets.yaml'), manifest(samples));
    const reports = path.join(dir, 'reports');
    // the ci profile's formats, written to the temp dir
    fs.writeFileSync(
      path.join(dir, 'cucumber.js'),
      `const allure = require(${JSON.stringify(path.join(root, 'src/report/allure-options.js'))}).allureOptions(${JSON.stringify(path.join(reports, 'allure-results'))});
module.exports = { default: {
  paths: [${JSON.stringify(path.join(dir, 'secrets.feature'))}],
  requireModule: ['ts-node/register/transpile-only'],
  require: [${JSON.stringify(path.join(root, 'steps/**/*.ts'))}],
  format: ['allure-cucumberjs/reporter:${reports}/allure-formatter.log', 'junit:${reports}/junit.xml', 'html:${reports}/cucumber.html', 'message:${reports}/messages.ndjson'],
  formatOptions: { ...allure },
} };
`,
    );
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/@cucumber/cucumber/bin/cucumber-js'),
        '--config',
        path.relative(root, path.join(dir, 'cucumber.js')),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 1, `every scenario fails: ${r.stdout}${r.stderr}`);
    assert.ok(fs.existsSync(reports), `cucumber wrote no reports: ${r.stdout}${r.stderr}`);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of fs.readdirSync(d)) {
        const p = path.join(d, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(reports);
    const messages = fs.readFileSync(path.join(reports, 'messages.ndjson'), 'utf8');
    assert.equal((messages.match(/"status":"FAILED"/g) ?? []).length, 6, 'each scenario failed once');
    assert.ok(
      files.some((f) => f.endsWith('-result.json')),
      'allure results were written',
    );
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const v of samples)
        assert.equal(leak(text, v), undefined, `${path.relative(dir, f)} shows ${JSON.stringify(v.value)}`);
    }
    assert.match(messages, /redacted/, 'the failure messages were redacted, not empty');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
