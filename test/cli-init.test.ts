import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { packageJson, kspecDependency, initCommand, SCRIPTS } from '../src/cli/init-command';

const KSPEC = path.resolve(__dirname, '..', 'bin', 'kspec.js');

const packages: Array<[string, string | undefined, (pkg: any) => void]> = [
  [
    'a new package.json',
    undefined,
    (p) => {
      assert.equal(p.name, 'suite');
      assert.deepEqual(p.scripts, SCRIPTS);
      assert.equal(p.devDependencies.kspec, 'file:/k');
      assert.equal(p.devDependencies['allure-commandline'], '2.46.1');
    },
  ],
  [
    'existing scripts win',
    '{"name":"x","scripts":{"test":"jest"}}',
    (p) => {
      assert.equal(p.name, 'x');
      assert.equal(p.scripts.test, 'jest');
      assert.equal(p.scripts.lint, 'kspec lint');
    },
  ],
  [
    'an existing kspec version is kept',
    '{"devDependencies":{"kspec":"^0.0.9"}}',
    (p) => assert.equal(p.devDependencies.kspec, '^0.0.9'),
  ],
  [
    'kspec as a dependency is not added twice',
    '{"dependencies":{"kspec":"1.0.0"}}',
    (p) => assert.equal(p.devDependencies.kspec, undefined),
  ],
];
for (const [name, existing, check] of packages)
  test(`packageJson: ${name}`, () => check(JSON.parse(packageJson(existing, 'suite', 'file:/k'))));

test('packageJson: invalid JSON says so', () =>
  assert.throws(() => packageJson('{', 's', 'x'), /package.json is not valid JSON/));

test('kspecDependency: a checkout by path, an installed kspec by version', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-dep-'));
  const installed = path.join(dir, 'node_modules', 'kspec');
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(path.join(installed, 'package.json'), '{"version":"1.2.3"}');
  assert.equal(kspecDependency('/anywhere', installed), '^1.2.3');
  const root = path.resolve(__dirname, '..');
  assert.equal(kspecDependency(path.join(path.dirname(root), 'my-specs'), root), `file:../${path.basename(root)}`);
  assert.equal(kspecDependency(path.join(root, 'examples', 'suite'), root), 'file:../..');
});

test('kspec init: a suite that runs green at once, and a second init leaves it alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-init-'));
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => {
    out.push(s);
    return true;
  }) as typeof process.stdout.write;
  try {
    initCommand(dir, 'suite');
    fs.writeFileSync(path.join(dir, 'suite', 'README.md'), 'mine');
    initCommand(dir, 'suite');
  } finally {
    process.stdout.write = write;
  }
  const suite = path.join(dir, 'suite');
  for (const f of [
    'package.json',
    'cucumber.js',
    'features/first.feature',
    'README.md',
    '.gitignore',
    '.github/workflows/specs.yml',
    'ci.sh',
  ])
    assert.ok(fs.existsSync(path.join(suite, f)), f);
  assert.match(
    JSON.parse(fs.readFileSync(path.join(suite, 'package.json'), 'utf8')).devDependencies.kspec,
    /^file:\.\.?\//,
    'a path relative to the suite',
  );
  assert.equal(fs.readFileSync(path.join(suite, 'README.md'), 'utf8'), 'mine');
  assert.match(out.join(''), /left README.md alone \(it exists\)/);
  const run = spawnSync(process.execPath, [KSPEC, 'run'], { cwd: suite, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^1 passed, 0 failed; virtual time/m);
});

test('kspec init on a file says so', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-init-')), 'f');
  fs.writeFileSync(file, '');
  assert.throws(() => initCommand(path.dirname(file), 'f'), /f is a file, not a folder/);
});

test('kspec init --dependency: the spec given (a tarball, a git URL) is written as is', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-init-'));
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    initCommand(dir, 's', { dependency: 'file:vendor/kspec-0.1.0.tgz' });
  } finally {
    process.stdout.write = write;
  }
  assert.equal(
    JSON.parse(fs.readFileSync(path.join(dir, 's', 'package.json'), 'utf8')).devDependencies.kspec,
    'file:vendor/kspec-0.1.0.tgz',
  );
});
