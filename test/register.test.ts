// src/register.js: TypeScript compiled once and read back from the cache, keyed by the source, so an edit is
// never served stale; step files keep their TypeScript line numbers (Cucumber reads step locations from them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const REGISTER = path.resolve(__dirname, '..', 'src', 'register.js');

function run(cache: string, file: string, env: NodeJS.ProcessEnv = {}) {
  const { KSPEC_DEBUG: _d, ...rest } = process.env;
  const r = spawnSync(process.execPath, ['--require', REGISTER, file], {
    encoding: 'utf8',
    env: { ...rest, KSPEC_CACHE: cache, ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const cached = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.js')).length;

test('register: compiled once, read back, compiled again after an edit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-register-'));
  const cache = path.join(dir, 'cache');
  const file = path.join(dir, 'a.ts');
  fs.writeFileSync(
    file,
    "import type { Server } from 'node:http';\nconst n: number = 1;\nexport const s: Server | undefined = undefined;\nconsole.log(n + 1);\n",
  );
  assert.equal(run(cache, file), '2');
  assert.equal(cached(cache), 1);
  assert.equal(run(cache, file), '2');
  assert.equal(cached(cache), 1, 'the second process read the cache');
  fs.writeFileSync(file, 'const n: number = 41;\nconsole.log(n + 1);\n');
  assert.equal(run(cache, file), '42', 'an edited source is compiled again, never served stale');
  assert.equal(cached(cache), 2);
});

test('register: a step file keeps its TypeScript lines in stack frames; other files only with KSPEC_DEBUG', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-register-'));
  const cache = path.join(dir, 'cache');
  const source =
    "import type { Server } from 'node:http';\ntype A = { x: number };\n\ninterface B { y: string }\nconst at = new Error().stack!.split('\\n')[1];\nconsole.log(at.match(/:(\\d+):\\d+\\)?$/)![1]);\n";
  fs.mkdirSync(path.join(dir, 'steps'));
  fs.writeFileSync(path.join(dir, 'steps', 'x.steps.ts'), source);
  fs.writeFileSync(path.join(dir, 'plain.ts'), source);
  assert.equal(run(cache, path.join(dir, 'steps', 'x.steps.ts')), '5');
  assert.equal(run(cache, path.join(dir, 'plain.ts'), { KSPEC_DEBUG: '1' }), '5');
});

test('start-up: the cluster, kubectl and the command line load without the TypeScript compiler (~0.2 s)', () => {
  const root = path.resolve(__dirname, '..');
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      REGISTER,
      '-e',
      "require('./src/cluster'); require('./src/kubectl/kubectl'); require('./src/cli/main'); require('./src/cli/cucumber-run');" +
        'console.log(Object.keys(require.cache).filter((k) => /node_modules[\\\\/]typescript[\\\\/]/.test(k)).length)',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '0');
});
