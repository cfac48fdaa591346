import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// docs/steps.md is generated (`kspec steps --write`); a step added or changed without regenerating it fails here.
test('docs/steps.md is the catalogue the step definitions generate', () => {
  const root = join(__dirname, '..');
  const r = spawnSync(process.execPath, [join(root, 'bin/kspec.js'), 'steps', '--markdown'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(
    r.stdout === readFileSync(join(root, 'docs/steps.md'), 'utf8'),
    'docs/steps.md is out of date: run `npx kspec steps --write`',
  );
});
