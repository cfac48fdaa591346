import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

// docs/ci.md's jobs: their YAML parses, the npm scripts they run exist, the features run once, and the reports
// they upload are the files the `ci` profile writes.
const root = join(__dirname, '..');
const doc = readFileSync(join(root, 'docs/ci.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const ciProfile: { format: string[]; formatOptions: { resultsDir: string } } = require(join(root, 'cucumber.js')).ci;

/** What the ci profile writes: each format's output file and Allure's results folder. */
const written = [
  ...ciProfile.format.filter((f) => f.includes(':')).map((f) => f.slice(f.indexOf(':') + 1)),
  ciProfile.formatOptions.resultsDir,
];

function yamlBlock(heading: string): any {
  const section = doc.split(/^## /m).find((s) => s.startsWith(heading));
  const m = section?.match(/```yaml\n([\s\S]*?)```/);
  assert.ok(m, `docs/ci.md has a YAML block under "## ${heading}"`);
  return load(m![1]);
}

interface Job {
  commands: string[];
  uploads: string[];
  junit?: string;
}

const jobs: Array<[string, () => Job]> = [
  [
    'GitHub Actions',
    () => {
      const steps: any[] = yamlBlock('GitHub Actions').jobs.specs.steps;
      return {
        commands: steps.filter((s) => s.run).map((s) => s.run),
        uploads: steps.filter((s) => String(s.uses).startsWith('actions/upload-artifact')).map((s) => s.with.path),
      };
    },
  ],
  [
    'GitLab CI',
    () => {
      const job = yamlBlock('GitLab CI').specs;
      return {
        commands: [...job.script, ...job.after_script],
        uploads: job.artifacts.paths,
        junit: job.artifacts.reports.junit,
      };
    },
  ],
];

/** The npm scripts a command line runs: `npm test` → test, `npm run report` → report. */
function npmScripts(line: string): string[] {
  return [...line.matchAll(/\bnpm (?:run (\S+)|(test)\b)/g)].map((m) => m[1] ?? m[2]);
}

for (const [name, read] of jobs) {
  test(`docs/ci.md ${name}: the YAML parses and every npm script it runs exists`, () => {
    const { commands } = read();
    const used = commands.flatMap(npmScripts);
    assert.ok(used.includes('test'), 'the job runs npm test');
    for (const s of used) assert.ok(scripts[s], `package.json has no script "${s}"`);
  });

  test(`docs/ci.md ${name}: the features run once (npm test runs them)`, () => {
    const used = read().commands.flatMap(npmScripts);
    assert.deepEqual(
      used.filter((s) => s.startsWith('features')),
      [],
    );
  });

  test(`docs/ci.md ${name}: it uploads what the ci profile writes`, () => {
    const { uploads, junit } = read();
    assert.ok(uploads.length > 0, 'the job uploads reports');
    for (const want of ['reports/junit.xml', 'reports/allure-results', 'reports/cucumber.html']) {
      assert.ok(written.includes(want), `the ci profile writes ${want}`);
      assert.ok(
        uploads.some((u) => want.startsWith(u.replace(/\/?$/, '/')) || u === want),
        `the job uploads ${want}`,
      );
    }
    if (junit !== undefined)
      assert.ok(written.includes(junit), `the JUnit report ${junit} is one the ci profile writes`);
  });
}

test('npmScripts', () => {
  assert.deepEqual(npmScripts('npm ci --no-audit'), []);
  assert.deepEqual(npmScripts('npm test'), ['test']);
  assert.deepEqual(npmScripts('apt-get install -y x && npm run report || true'), ['report']);
});
