import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
