// `kspec run --parallel N`: N child processes, each `kspec run --shard i/N` (balanced by reports/timings.json or
// --timings when there is one, else round-robin by scenario count), instead of Cucumber's coordinator, which
// loads the step library and matches every step of every scenario before any worker starts, then sends every
// message over IPC (on 2 cores that made --parallel 2 slower than a serial run). Each shard's output is printed
// whole when it ends, then one closing line for the run; --ci reports are merged as `kspec merge-reports` does.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeReports } from './merge-reports';
import { KSPEC_ROOT } from './root';
import { summaryLine } from '../report/tally';
import { wallClock } from '../runtime/wall-clock';
import type { RunCommandOptions } from './run-command';

/** What a shard child writes to the file named by KSPEC_SHARD_RESULT when it ends. */
export interface ShardResult {
  passed: number;
  failed: number;
  skipped: number;
  virtualMs: number;
  /** `uri:line name` of each failed scenario */
  failures: string[];
}

/** How one shard ended: its exit code (null when it was stopped) and its result file, if it wrote one. */
export interface ShardOutcome {
  shard: string;
  code: number | null;
  result?: ShardResult;
}

/** `1/3`, `2/3`, `3/3`. */
export function shardPlan(workers: number): string[] {
  return Array.from({ length: workers }, (_, i) => `${i + 1}/${workers}`);
}

/** `junit:out/j.xml` -> `junit:out/j.shard-2.xml`: a formatter's file per shard (a bare name prints to stdout). */
export function shardFormat(format: string, index: number): string {
  const m = /^((?:[A-Za-z]:)?[^:]+):(.+)$/.exec(format);
  if (!m) return format;
  const ext = path.extname(m[2]);
  return `${m[1]}:${m[2].slice(0, m[2].length - ext.length)}.shard-${index}${ext}`;
}

/** The child's arguments: the run's own options with `--shard i/N` (never --parallel: a shard runs serially). */
export function childArgs(paths: string[], opts: RunCommandOptions, shard: string, timings?: string): string[] {
  const index = Number(shard.split('/')[0]);
  const args = ['run', ...paths, '--shard', shard];
  const value = (flag: string, v: string | undefined) => (v === undefined ? [] : [flag, v]);
  args.push(...value('--tags', opts.tags), ...value('--retry', opts.retry), ...value('--kubectl', opts.kubectl));
  args.push(...value('--timings', timings));
  for (const n of opts.name ?? []) args.push('--name', n);
  for (const p of opts.profile ?? []) args.push('--profile', p);
  for (const f of opts.format ?? []) args.push('--format', shardFormat(f, index));
  if (opts.ci) args.push('--ci');
  if (opts.dryRun) args.push('--dry-run');
  if (opts.failFast) args.push('--fail-fast');
  return args;
}

/** The run's tally and exit code from its shards': any shard that failed, crashed or was stopped fails the run. */
export function combine(outcomes: ShardOutcome[]): ShardResult & { code: number } {
  const total: ShardResult = { passed: 0, failed: 0, skipped: 0, virtualMs: 0, failures: [] };
  let code = 0;
  for (const o of outcomes) {
    if (o.code !== 0 || !o.result) code = 1;
    if (!o.result) continue;
    total.passed += o.result.passed;
    total.failed += o.result.failed;
    total.skipped += o.result.skipped;
    total.virtualMs += o.result.virtualMs;
    total.failures.push(...o.result.failures);
  }
  return { ...total, code };
}

/** --fail-fast: the shards still running are stopped once one has failed. */
export function shouldStopOthers(failFast: boolean | undefined, code: number | null): boolean {
  return !!failFast && code !== 0;
}

export async function runParallel(
  cwd: string,
  paths: string[],
  opts: RunCommandOptions,
  workers: number,
): Promise<number> {
  const started = wallClock.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-parallel-'));
  const reports = path.join(cwd, 'reports');
  const shardReports = (i: number) => path.join(reports, `shard-${i + 1}`);
  // a previous run's timings: kspec's (a --ci run), else Cucumber's messages (npm test's ci profile)
  const found = ['timings.json', 'messages.ndjson'].map((f) => path.join(reports, f)).find((f) => fs.existsSync(f));
  const timings = opts.timings ?? (found ? path.relative(cwd, found) : undefined);
  const running = new Set<ChildProcess>();
  const outcomes = await Promise.all(
    shardPlan(workers).map(
      (shard, i) =>
        new Promise<ShardOutcome>((resolve) => {
          const resultFile = path.join(tmp, `shard-${i + 1}.json`);
          const env: NodeJS.ProcessEnv = { ...process.env, KSPEC_SHARD_RESULT: resultFile };
          if (opts.ci) env.KSPEC_REPORTS_DIR = shardReports(i);
          const child = spawn(
            process.execPath,
            [path.join(KSPEC_ROOT, 'bin', 'kspec.js'), ...childArgs(paths, opts, shard, timings)],
            {
              cwd,
              env,
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          running.add(child);
          const out: Buffer[] = [];
          child.stdout?.on('data', (b: Buffer) => out.push(b));
          child.stderr?.on('data', (b: Buffer) => out.push(b));
          child.on('close', (code) => {
            running.delete(child);
            // one shard's output whole, so shards never interleave
            process.stdout.write(`\n── shard ${shard}${code === null ? ' (stopped)' : ''} ──\n${Buffer.concat(out)}`);
            const result = fs.existsSync(resultFile)
              ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ShardResult)
              : undefined;
            if (shouldStopOthers(opts.failFast, code)) for (const c of running) c.kill('SIGTERM');
            resolve({ shard, code, result });
          });
        }),
    ),
  );
  const run = combine(outcomes);
  if (opts.ci) {
    const dirs = outcomes.map((_, i) => shardReports(i)).filter((d) => fs.existsSync(d));
    const m = mergeReports(dirs, reports);
    process.stdout.write(
      `\nmerged ${dirs.length} shards' reports into reports/: ${m.allure} Allure results, junit.xml, timings.json` +
        ' (Cucumber HTML and messages stay in reports/shard-*/)\n',
    );
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (run.failures.length)
    process.stdout.write(`\nFailed scenarios:\n${run.failures.map((f) => `  ${f}`).join('\n')}\n`);
  const stopped = outcomes.filter((o) => o.code === null).length;
  process.stdout.write(
    `\n${summaryLine({ ...run, wallMs: wallClock.now() - started }, wallClock.elapsed())}; ${workers} shards` +
      `${timings ? ` balanced by ${timings}` : ''}${stopped ? `, ${stopped} stopped by --fail-fast` : ''}\n`,
  );
  return run.code;
}
