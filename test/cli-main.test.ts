import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseParallel, ciFormats } from '../src/cli/run-command';
import { KSPEC_ROOT } from '../src/cli/root';

const KSPEC = path.resolve(__dirname, '..', 'bin', 'kspec.js');
const kspec = (args: string[], cwd = path.resolve(__dirname, '..')) =>
  spawnSync(process.execPath, [KSPEC, ...args], { cwd, encoding: 'utf8' });

const bad: Array<[string[], number, RegExp]> = [
  [['bogus'], 1, /unknown command 'bogus'/],
  [['run', 'no/such.feature'], 2, /^kspec: no such feature file or folder: no\/such.feature\n$/],
  [['run', '--parallel', 'two'], 2, /^kspec: --parallel takes a number of workers, not "two"\n$/],
  [['check', '01-namespaces-pods'], 1, /required option '-s, --solution <dir>' not specified/],
  [['check', 'no-such-lab', '--solution', '.'], 2, /^kspec: no lab "no-such-lab"/],
  [
    ['check', '01-namespaces-pods', '--solution', 'no/such/dir'],
    2,
    /^kspec: the solution ".*no\/such\/dir" does not exist\n$/,
  ],
];
for (const [args, code, message] of bad) {
  test(`kspec ${args.join(' ')}: a message, no stack trace`, () => {
    const r = kspec(args);
    assert.equal(r.status, code, r.stderr);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
}

test('kspec --version', () => assert.match(kspec(['--version']).stdout, /^\d+\.\d+\.\d+\n$/));

test('kspec --help lists the commands', () => {
  const r = kspec(['--help']);
  for (const c of ['run', 'steps', 'check', 'curriculum', 'init', 'lint'])
    assert.match(r.stdout, new RegExp(`\\n  ${c}\\b`), c);
});

test('kspec run: an undefined step fails with "did you mean"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-run-'));
  fs.writeFileSync(
    path.join(dir, 'typo.feature'),
    'Feature: t\n  Scenario: s\n    Then there are 3 pod with label "app=web"\n',
  );
  const r = kspec(['run', 'typo.feature'], dir);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /Undefined step "there are 3 pod with label "app=web"" \(typo.feature, scenario "s"\)\.\n {2}Did you mean:\n {4}there are \{int\} \{kind\} with labels \{string\}/,
  );
  assert.match(r.stdout, /^0 passed, 1 failed; virtual time 0ms/m);
});

test('kspec steps: one phrase a line, by file', () => {
  const r = kspec(['steps']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cluster\n {2}Given a cluster with \{int\} node\(s\)$/m);
  assert.match(r.stdout, /\n {2}Given the learner's solution is applied\n/);
});

test('parseParallel and the ci formats', () => {
  assert.equal(parseParallel(undefined), 0);
  assert.equal(parseParallel('4'), 4);
  assert.throws(() => parseParallel('-1'), /--parallel takes a number of workers/);
  assert.deepEqual(
    ciFormats('/s').map((f) => f.split(':')[0]),
    [path.join(KSPEC_ROOT, 'src', 'report', 'allure-reporter.js'), 'junit', 'html', 'message'],
  );
});
