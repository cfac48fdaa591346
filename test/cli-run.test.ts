import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { configuration, relativeUri } from '../src/cli/cucumber-run';
import { supportPaths, KSPEC_ROOT, KSPEC_FORMATTER } from '../src/cli/root';

test('configuration: default paths, kspec\'s formatter, the world parameters', () => {
  const c = configuration({ cwd: KSPEC_ROOT, paths: [], worldParameters: { solution: '/s' } });
  assert.deepEqual(c.paths, ['features/**/*.feature']);
  assert.deepEqual(c.format, [KSPEC_FORMATTER]);
  assert.deepEqual(c.worldParameters, { solution: '/s' });
  assert.equal(c.strict, true);
});

test('configuration: quiet leaves stdout alone; extra formats and options are added', () => {
  const c = configuration({ cwd: KSPEC_ROOT, paths: ['a.feature'], quiet: true, formats: ['junit:x.xml'], formatOptions: { resultsDir: 'r' }, tags: '@smoke', parallel: 2 });
  assert.deepEqual(c.format, ['junit:x.xml']);
  assert.equal((c.formatOptions as Record<string, unknown>).resultsDir, 'r');
  assert.equal(c.tags, '@smoke');
  assert.equal(c.parallel, 2);
});

test('supportPaths: kspec\'s steps, then a suite\'s own steps/ when it has one', () => {
  const suite = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-suite-'));
  assert.deepEqual(supportPaths(suite), [path.join(KSPEC_ROOT, 'steps', '**', '*.ts')]);
  fs.mkdirSync(path.join(suite, 'steps'));
  assert.deepEqual(supportPaths(suite), [path.join(KSPEC_ROOT, 'steps', '**', '*.ts'), path.join(suite, 'steps', '**', '*.{ts,js}')]);
  assert.deepEqual(supportPaths(KSPEC_ROOT), [path.join(KSPEC_ROOT, 'steps', '**', '*.ts')], 'kspec itself loads its steps once');
});

test('relativeUri', () => {
  assert.equal(relativeUri('steps/a.ts', '/k'), 'steps/a.ts');
  assert.equal(relativeUri('/k/steps/a.ts', '/k'), 'steps/a.ts');
});

// A suite's own steps import '@cucumber/cucumber', which a suite with kspec linked from a checkout (a `file:`
// dependency) does not install: kspec run resolves it to the copy it runs, so the suite's steps register there.
const ownSteps: Array<[string, string]> = [
  ['mine.steps.ts', "import { Then } from '@cucumber/cucumber';\nThen('my own step passes', function () { /* nothing to check */ });\n"],
  ['mine.steps.js', "const { Then } = require('@cucumber/cucumber');\nThen('my own step passes', function () { /* nothing to check */ });\n"],
];
for (const [file, source] of ownSteps) {
  test(`kspec run: a suite's own ${file} imports @cucumber/cucumber without installing it`, () => {
    const suite = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-suite-'));
    fs.mkdirSync(path.join(suite, 'steps'));
    fs.mkdirSync(path.join(suite, 'features'));
    fs.writeFileSync(path.join(suite, 'steps', file), source);
    fs.writeFileSync(path.join(suite, 'features', 'mine.feature'), 'Feature: mine\n  Scenario: own step\n    Given a cluster with 1 node\n    Then my own step passes\n');
    const r = spawnSync(process.execPath, [path.join(KSPEC_ROOT, 'bin', 'kspec.js'), 'run'], { cwd: suite, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^1 passed, 0 failed/m);
  });
}
