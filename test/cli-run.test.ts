import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { configuration, relativeUri } from '../src/cli/cucumber-run';
import { supportPaths, KSPEC_ROOT, KSPEC_FORMATTER } from '../src/cli/root';

test("configuration: default paths, kspec's formatter, the world parameters", () => {
  const c = configuration({ cwd: KSPEC_ROOT, paths: [], worldParameters: { solution: '/s' } });
  assert.deepEqual(c.paths, ['features/**/*.feature']);
  assert.deepEqual(c.format, [KSPEC_FORMATTER]);
  assert.deepEqual(c.worldParameters, { solution: '/s' });
  assert.equal(c.strict, true);
});

test('configuration: quiet leaves stdout alone; extra formats and options are added', () => {
  const c = configuration({
    cwd: KSPEC_ROOT,
    paths: ['a.feature'],
    quiet: true,
    formats: ['junit:x.xml'],
    formatOptions: { resultsDir: 'r' },
    tags: '@smoke',
    parallel: 2,
  });
  assert.deepEqual(c.format, ['junit:x.xml']);
  assert.equal((c.formatOptions as Record<string, unknown>).resultsDir, 'r');
  assert.equal(c.tags, '@smoke');
  assert.equal(c.parallel, 2);
});

test("supportPaths: kspec's steps, then a suite's own steps/ when it has one", () => {
  const suite = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-suite-'));
  assert.deepEqual(supportPaths(suite), [path.join(KSPEC_ROOT, 'steps', '**', '*.ts')]);
  fs.mkdirSync(path.join(suite, 'steps'));
  assert.deepEqual(supportPaths(suite), [
    path.join(KSPEC_ROOT, 'steps', '**', '*.ts'),
    path.join(suite, 'steps', '**', '*.{ts,js}'),
  ]);
  assert.deepEqual(
    supportPaths(KSPEC_ROOT),
    [path.join(KSPEC_ROOT, 'steps', '**', '*.ts')],
    'kspec itself loads its steps once',
  );
});

test('relativeUri', () => {
  assert.equal(relativeUri('steps/a.ts', '/k'), 'steps/a.ts');
  assert.equal(relativeUri('/k/steps/a.ts', '/k'), 'steps/a.ts');
});

// A suite's own steps import '@cucumber/cucumber', which a suite with kspec linked from a checkout (a `file:`
// dependency) does not install: kspec run resolves it to the copy it runs, so the suite's steps register there.
const ownSteps: Array<[string, string]> = [
  [
    'mine.steps.ts',
    "import { Then } from '@cucumber/cucumber';\nThen('my own step passes', function () { /* nothing to check */ });\n",
  ],
  [
    'mine.steps.js',
    "const { Then } = require('@cucumber/cucumber');\nThen('my own step passes', function () { /* nothing to check */ });\n",
  ],
];
for (const [file, source] of ownSteps) {
  test(`kspec run: a suite's own ${file} imports @cucumber/cucumber without installing it`, () => {
    const suite = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-suite-'));
    fs.mkdirSync(path.join(suite, 'steps'));
    fs.mkdirSync(path.join(suite, 'features'));
    fs.writeFileSync(path.join(suite, 'steps', file), source);
    fs.writeFileSync(
      path.join(suite, 'features', 'mine.feature'),
      'Feature: mine\n  Scenario: own step\n    Given a cluster with 1 node\n    Then my own step passes\n',
    );
    const r = spawnSync(process.execPath, [path.join(KSPEC_ROOT, 'bin', 'kspec.js'), 'run'], {
      cwd: suite,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^1 passed, 0 failed/m);
  });
}

/** Runs `kspec run <args>` in a new suite holding these feature files. */
function runSuite(features: Record<string, string>, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const suite = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-suite-'));
  for (const [file, text] of Object.entries(features)) {
    fs.mkdirSync(path.dirname(path.join(suite, file)), { recursive: true });
    fs.writeFileSync(path.join(suite, file), text);
  }
  const { KSPEC_DEBUG: _debug, ...rest } = process.env;
  return spawnSync(process.execPath, [path.join(KSPEC_ROOT, 'bin', 'kspec.js'), 'run', ...args], {
    cwd: suite,
    encoding: 'utf8',
    env: { ...rest, ...env },
  });
}

const SILENT = `Feature: silent
  Scenario: a typo nobody checks
    Given a cluster with 1 node
    When I run "kubectl scale deployment web --replica=3"
    And I run "kubectl get pods"

  Scenario: an expected failure, checked
    When I run "kubectl get podz"
    Then the command fails with "doesn't have a resource type"

  Scenario: a YAML error
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: x
       spec: {}
      """
`;

test('kspec run: a failed kubectl command no step checks fails its scenario, naming it; YAML errors name the feature line; no stack frames', () => {
  const r = runSuite({ 'features/silent.feature': SILENT });
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /a kubectl command failed and no later step checked it:\n\s+\$ kubectl scale deployment web --replica=3\n\s+exit status 1\n\s+error: unknown flag: --replica/,
  );
  assert.match(r.stdout, /A kubectl command that fails fails the scenario unless a later step looks at it/);
  assert.match(
    r.stdout,
    /error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n\s+\(at features\/silent.feature:18\)/,
  );
  assert.match(r.stdout, /^1 passed, 2 failed/m);
  assert.doesNotMatch(r.stdout, /^\s+at .*\(\/.*:\d+:\d+\)$/m, 'no stack frames without KSPEC_DEBUG');
  assert.match(
    runSuite({ 'features/silent.feature': SILENT }, [], { KSPEC_DEBUG: '1' }).stdout,
    /^\s+at .*\.ts:\d+:\d+\)?$/m,
    'frames with KSPEC_DEBUG',
  );
});

test('kspec run --dry-run fails on an undefined step; --shard runs its part; --name filters', () => {
  const features = {
    'features/a.feature':
      'Feature: a\n  Scenario: one\n    Given a cluster with 1 node\n  Scenario: two\n    Given a cluster with 1 node\n  Scenario: three\n    Given a cluster with 1 node\n',
  };
  assert.equal(runSuite(features, ['--dry-run']).status, 0);
  assert.equal(
    runSuite(
      { ...features, 'features/u.feature': 'Feature: u\n  Scenario: u\n    Then the moon is made of cheese\n' },
      ['--dry-run'],
    ).status,
    1,
  );
  assert.match(runSuite(features, ['--shard', '2/2']).stdout, /^1 passed, 0 failed/m);
  assert.match(runSuite(features, ['--shard', '1/2']).stdout, /^2 passed, 0 failed/m);
  assert.match(runSuite(features, ['--name', '^t']).stdout, /^2 passed, 0 failed/m);
  const retry = runSuite(features, ['--retry', '1', '--name', 'one']);
  assert.match(
    retry.stderr,
    /a scenario runs on a virtual clock with a seed of its own, so it fails the same way every time/,
  );
});
