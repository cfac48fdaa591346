// `kspec run --parallel N` as N `--shard i/N` children (src/cli/parallel-run.ts): the plan, each child's arguments,
// the merged tally and exit code, --fail-fast; end to end, a parallel run's merged reports equal a serial run's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  childArgs,
  combine,
  type ShardOutcome,
  shardFormat,
  shardPlan,
  shouldStopOthers,
} from '../src/cli/parallel-run';

test('shardPlan: one --shard i/N per worker', () => {
  for (const [workers, plan] of [
    [2, ['1/2', '2/2']],
    [3, ['1/3', '2/3', '3/3']],
    [1, ['1/1']],
  ] as const)
    assert.deepEqual(shardPlan(workers), plan);
});

test("shardFormat: a formatter's file gets the shard's number; stdout formatters are left alone", () => {
  for (const [format, index, want] of [
    ['junit:reports/junit.xml', 2, 'junit:reports/junit.shard-2.xml'],
    ['message:out/m.ndjson', 1, 'message:out/m.shard-1.ndjson'],
    ['rerun:@rerun.txt', 1, 'rerun:@rerun.shard-1.txt'],
    ['progress', 1, 'progress'],
    ['./my-formatter.js:out.log', 3, './my-formatter.js:out.shard-3.log'],
  ] as const)
    assert.equal(shardFormat(format, index), want, format);
});

test("childArgs: the run's options with --shard, never --parallel", () => {
  for (const [opts, shard, timings, want] of [
    [{ parallel: '2' }, '1/2', undefined, ['run', 'features', '--shard', '1/2']],
    [
      { parallel: '2', tags: '@smoke', name: ['a', 'b'], failFast: true, dryRun: true },
      '2/2',
      'reports/timings.json',
      [
        'run',
        'features',
        '--shard',
        '2/2',
        '--tags',
        '@smoke',
        '--timings',
        'reports/timings.json',
        '--name',
        'a',
        '--name',
        'b',
        '--dry-run',
        '--fail-fast',
      ],
    ],
    [
      { ci: true, format: ['junit:j.xml'], profile: ['ci'], retry: '1' },
      '2/3',
      undefined,
      [
        'run',
        'features',
        '--shard',
        '2/3',
        '--retry',
        '1',
        '--profile',
        'ci',
        '--format',
        'junit:j.shard-2.xml',
        '--ci',
      ],
    ],
  ] as const)
    assert.deepEqual(childArgs(['features'], opts as never, shard, timings), want);
});

const result = (passed: number, failed: number, failures: string[] = []) => ({
  passed,
  failed,
  skipped: 0,
  virtualMs: 1000,
  failures,
});

test('combine: tallies summed; the run fails when a shard failed, crashed or was stopped', () => {
  const cases: [string, ShardOutcome[], { passed: number; failed: number; code: number; failures: string[] }][] = [
    [
      'all passed',
      [
        { shard: '1/2', code: 0, result: result(3, 0) },
        { shard: '2/2', code: 0, result: result(2, 0) },
      ],
      { passed: 5, failed: 0, code: 0, failures: [] },
    ],
    [
      'one shard failed',
      [
        { shard: '1/2', code: 1, result: result(2, 1, ['a.feature:3 x']) },
        { shard: '2/2', code: 0, result: result(2, 0) },
      ],
      { passed: 4, failed: 1, code: 1, failures: ['a.feature:3 x'] },
    ],
    [
      'a shard crashed before writing its result',
      [
        { shard: '1/2', code: 0, result: result(3, 0) },
        { shard: '2/2', code: 2 },
      ],
      { passed: 3, failed: 0, code: 1, failures: [] },
    ],
    [
      'stopped by --fail-fast',
      [
        { shard: '1/2', code: 1, result: result(0, 1, ['b.feature:9 y']) },
        { shard: '2/2', code: null },
      ],
      { passed: 0, failed: 1, code: 1, failures: ['b.feature:9 y'] },
    ],
    [
      'a dry run with a failing (undefined) step exits 1',
      [{ shard: '1/1', code: 1, result: result(0, 0) }],
      { passed: 0, failed: 0, code: 1, failures: [] },
    ],
  ];
  for (const [label, outcomes, want] of cases) {
    const got = combine(outcomes);
    assert.deepEqual({ passed: got.passed, failed: got.failed, code: got.code, failures: got.failures }, want, label);
  }
});

test('shouldStopOthers: only with --fail-fast, once a shard did not pass', () => {
  for (const [failFast, code, want] of [
    [true, 1, true],
    [true, 0, false],
    [false, 1, false],
    [undefined, 1, false],
  ] as const)
    assert.equal(shouldStopOthers(failFast, code), want, `${failFast} ${code}`);
});

const root = path.join(__dirname, '..');
// features whose expectations do not depend on the folder kspec runs from (a scenario's seed is its path from there)
const FEATURES = ['configmaps', 'secrets'].map((f) => path.join(root, 'features', 'config', `${f}.feature`));

function kspec(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'kspec.js'), ...args], { cwd });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The testcases of a JUnit file, `class / name: status`, sorted. */
function junitCases(file: string): string[] {
  const xml = fs.readFileSync(file, 'utf8');
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)]
    .map((m) => `${m[1]} / ${m[2]}: ${/<failure/.test(m[4] ?? '') ? 'failed' : 'passed'}`)
    .sort();
}

test('--parallel 2 --ci: the merged reports hold the scenarios and statuses of a serial run; a failure fails the run', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-parallel-'));
  const serial = path.join(work, 'serial'),
    parallel = path.join(work, 'parallel');
  fs.mkdirSync(serial);
  fs.mkdirSync(parallel);
  const broken = path.join(work, 'broken.feature');
  fs.writeFileSync(
    broken,
    'Feature: broken\n\n  Scenario: a step nothing matches\n    Given a phrase no step definition has\n',
  );
  const files = [...FEATURES, broken];
  const s = await kspec(serial, ['run', '--ci', ...files]);
  const p = await kspec(parallel, ['run', '--ci', '--parallel', '2', ...files]);
  assert.equal(s.code, 1, s.out);
  assert.equal(p.code, 1, p.out);
  const cases = junitCases(path.join(serial, 'reports', 'junit.xml'));
  assert.ok(cases.some((c) => c.endsWith('failed')) && cases.some((c) => c.endsWith('passed')), cases.join('\n'));
  assert.deepEqual(junitCases(path.join(parallel, 'reports', 'junit.xml')), cases);
  const closing = (out: string) => /(\d+) passed, (\d+) failed/.exec(out.trim().split('\n').at(-1) ?? '')?.slice(1);
  assert.deepEqual(closing(p.out), closing(s.out), p.out);
  assert.match(p.out, /Failed scenarios:\n {2}.*broken\.feature:3 a step nothing matches/);
  assert.match(p.out, /── shard 1\/2 ──[\s\S]*── shard 2\/2 ──|── shard 2\/2 ──[\s\S]*── shard 1\/2 ──/);
  fs.rmSync(work, { recursive: true, force: true });
});
