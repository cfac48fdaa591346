// Start-up figures (never asserted in tests): what a person waits for before kspec does anything, measured
// as whole processes, as a terminal runs them. CPU time (user + sys) is read with /usr/bin/time where it is
// installed; wall time always. The best of several runs, since other work on the machine only adds to them.
//   npm run bench:startup            everything but npm test
//   npm run bench:startup -- full    also the whole `npm test` (about a minute and a half)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const kspec = path.join(root, 'bin', 'kspec.js');
const TIME = '/usr/bin/time';
const hasTime = fs.existsSync(TIME);

interface Sample {
  wall: number;
  cpu?: number;
  out: string;
}

function measure(cmd: string, args: string[]): Sample {
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync(TIME, ['-f', '@@%U %S', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = (r.stderr ?? '').match(/@@([\d.]+) ([\d.]+)\s*$/);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, out: r.stdout ?? '' };
}

function best(n: number, cmd: string, args: string[]): Sample {
  const runs = Array.from({ length: n }, () => measure(cmd, args));
  return runs.reduce((a, b) => (b.wall < a.wall ? b : a));
}

const fmt = (s: Sample) => `${s.wall.toFixed(2)} s wall${s.cpu === undefined ? '' : `, ${s.cpu.toFixed(2)} s CPU`}`;
function report(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}

// warm the compile cache first: every figure below is of a warm start (the first run after an edit compiles
// the changed files once)
measure(process.execPath, [kspec, 'run', 'features/cluster/cluster.feature:6']);

report('kspec --version (best of 5)', fmt(best(5, process.execPath, [kspec, '--version'])));
const one = best(5, process.execPath, [kspec, 'run', 'features/cluster/cluster.feature:6']);
report('one-scenario feature, process start to exit (best of 5)', fmt(one));
const processLine = one.out.match(/\(process ([^)]+)\)/);
if (processLine)
  report(
    '  its closing line: scenarios, and the process until then',
    one.out
      .trim()
      .split('\n')
      .pop()!
      .replace(/^.*wall time /, ''),
  );
const serial = best(1, process.execPath, [kspec, 'run', 'features']);
report(`features/ serial (${serial.out.match(/^(\d+) passed/m)?.[1] ?? '?'} scenarios)`, fmt(serial));
report('features/ --parallel 2', fmt(best(1, process.execPath, [kspec, 'run', 'features', '--parallel', '2'])));
const unitFiles = fs
  .readdirSync(path.join(root, 'test'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f}`);
report(
  'unit tests in one process (scripts/unit-tests.js, npm test)',
  fmt(best(1, process.execPath, ['--test-reporter=dot', 'scripts/unit-tests.js'])),
);
report(
  '  the same, a process per file (node --test)',
  fmt(best(1, process.execPath, ['--require', './src/register.js', '--test', '--test-reporter=dot', ...unitFiles])),
);
if (process.argv.includes('full'))
  report('npm test (typecheck, unit, lint, features, curriculum)', fmt(best(1, 'npm', ['test', '--silent'])));
