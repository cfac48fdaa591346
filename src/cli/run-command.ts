// `kspec run [paths] [--tags] [--parallel N]`: features with kspec's step library, from any folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { runFeatures, plannedScenarios, profileSettings, type RunOptions } from './cucumber-run';
import { parseShard, shardOf } from './shard';
import { balancedShardOf, readTimings, TimingsRecorder } from './shard-timings';
import { UsageError } from './errors';
import { liveKubeconfig, liveRun } from './live-run';
import { KSPEC_ROOT } from './root';
import { runParallel, type ShardResult } from './parallel-run';
import { RunTally } from '../report/tally';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allureOptions } = require('../report/allure-options.js') as {
  allureOptions: (dir: string) => Record<string, unknown>;
};

export interface RunCommandOptions {
  tags?: string;
  parallel?: string;
  ci?: boolean;
  dryRun?: boolean;
  name?: string[];
  format?: string[];
  failFast?: boolean;
  retry?: string;
  profile?: string[];
  shard?: string;
  /** a live cluster (docs/targets.md) */
  kubeconfig?: string;
  context?: string;
  /** the real kubectl for every `When I run "kubectl ..."`, against the scenario's cluster served on a loopback port */
  kubectl?: string;
  /** a previous run's timings, to balance --shard (docs/sharding.md) */
  timings?: string;
}

/** Why --retry rarely helps here, said when it is used. */
export const RETRY_NOTE =
  'kspec: --retry reruns a failed scenario, but a scenario runs on a virtual clock with a seed of its own, so it ' +
  'fails the same way every time: a retry can only help steps of your own that reach outside kspec.\n';

/** Where `--ci` writes: the suite's reports/, or a shard's folder under it in a `--parallel` run (parallel-run.ts). */
export function reportsDir(cwd: string): string {
  return process.env.KSPEC_REPORTS_DIR ?? path.join(cwd, 'reports');
}

/** `--ci`: the reports of the `ci` profile, written under the suite's reports/. */
export function ciFormats(cwd: string): string[] {
  const r = (f: string) => path.join(reportsDir(cwd), f);
  return [
    `${path.join(KSPEC_ROOT, 'src', 'report', 'allure-reporter.js')}:${r('allure-formatter.log')}`,
    `junit:${r('junit.xml')}`,
    `html:${r('cucumber.html')}`,
    `message:${r('messages.ndjson')}`,
  ];
}

export function parseParallel(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text)) throw new UsageError(`--parallel takes a number of workers, not "${text}"`);
  return Number(text);
}

export async function runCommand(cwd: string, paths: string[], opts: RunCommandOptions): Promise<number> {
  for (const p of paths) {
    const file = p.replace(/(:\d+)+$/, '');
    if (!fs.existsSync(path.resolve(cwd, file))) throw new UsageError(`no such feature file or folder: ${p}`);
  }
  const fromProfiles = opts.profile?.length ? await profileSettings(cwd, opts.profile) : {};
  // --parallel N (or a profile's parallel): N shards in child processes; a shard itself runs serially
  const workers = opts.shard
    ? 0
    : opts.parallel === undefined
      ? (fromProfiles.parallel ?? 0)
      : parseParallel(opts.parallel);
  if (workers > 1) {
    if (opts.kubeconfig)
      throw new UsageError(
        '--parallel runs the embedded model in shards: on a live cluster run serially, or shard across served clusters (docs/sharding.md)',
      );
    if (opts.timings && !fs.existsSync(path.resolve(cwd, opts.timings)))
      throw new UsageError(`--timings: no file ${opts.timings}`);
    return runParallel(cwd, paths, opts, workers);
  }
  const retry = opts.retry === undefined ? fromProfiles.retry : parseCount('--retry', opts.retry);
  if (retry) process.stderr.write(RETRY_NOTE);
  const run: RunOptions = {
    ...fromProfiles,
    cwd,
    paths: paths.length ? paths : (fromProfiles.paths ?? []),
    tags: opts.tags ?? fromProfiles.tags,
    parallel: 0,
    formats: [...(fromProfiles.formats ?? []), ...(opts.format ?? []), ...(opts.ci ? ciFormats(cwd) : [])],
    formatOptions: {
      ...(fromProfiles.formatOptions ?? {}),
      ...(opts.ci ? allureOptions(path.join(reportsDir(cwd), 'allure-results')) : {}),
    },
    dryRun: opts.dryRun || fromProfiles.dryRun,
    name: [...(fromProfiles.name ?? []), ...(opts.name ?? [])],
    failFast: opts.failFast || fromProfiles.failFast,
    retry,
  };
  if (opts.timings && !opts.shard) throw new UsageError('--timings balances shards: give --shard i/n too');
  if (opts.shard) {
    const shard = parseShard(opts.shard);
    const timings = opts.timings ? readTimings(path.resolve(cwd, opts.timings)) : undefined;
    const mine = timings
      ? balancedShardOf(await plannedScenarios(run), shard, timings)
      : shardOf(await plannedScenarios(run), shard);
    if (!mine.length) {
      process.stdout.write(`shard ${opts.shard}: no scenarios\n0 passed, 0 failed\n`);
      writeShardResult(new RunTally());
      return 0;
    }
    run.paths = mine;
  }
  // a dry run passes in Cucumber even with undefined steps (toolchain P6): kspec fails it on them
  let undefinedSteps = 0;
  // each scenario's time, for the next run's balanced shards
  const timings = opts.ci ? new TimingsRecorder() : undefined;
  const tally = new RunTally();
  const onMessage = (e: Envelope) => {
    if (e.testStepFinished?.testStepResult.status === 'UNDEFINED') undefinedSteps++;
    timings?.add(e);
    tally.add(e);
  };
  // the real kubectl on the embedded model (src/live/served-kubectl.ts reads KSPEC_KUBECTL, as do Cucumber's workers)
  if (opts.kubectl) {
    const bin = opts.kubectl === 'real' ? 'real' : path.resolve(cwd, opts.kubectl);
    if (bin !== 'real' && !fs.existsSync(bin)) throw new UsageError(`--kubectl: no such file: ${opts.kubectl}`);
    process.env.KSPEC_KUBECTL = bin;
  }
  // a live cluster (docs/targets.md), or the embedded model
  const kubeconfig = liveKubeconfig(cwd, opts);
  const { success } = kubeconfig
    ? await liveRun(run, kubeconfig, opts.context, undefined, onMessage)
    : await runFeatures(run, onMessage);
  if (timings) {
    fs.mkdirSync(reportsDir(cwd), { recursive: true });
    fs.writeFileSync(path.join(reportsDir(cwd), 'timings.json'), JSON.stringify(timings.timings, null, 1) + '\n');
  }
  writeShardResult(tally);
  return success && !(run.dryRun && undefinedSteps) ? 0 : 1;
}

/** A shard of a `--parallel` run tells its parent how it went (parallel-run.ts). */
function writeShardResult(t: RunTally): void {
  const file = process.env.KSPEC_SHARD_RESULT;
  if (!file) return;
  const result: ShardResult = {
    passed: t.passed,
    failed: t.failed,
    skipped: t.skipped,
    virtualMs: t.virtualMs,
    failures: t.failures,
  };
  fs.writeFileSync(file, JSON.stringify(result));
}

function parseCount(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} takes a number, not "${text}"`);
  return Number(text);
}
