// `kspec run [paths] [--tags] [--parallel N]`: features with kspec's step library, from any folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { runFeatures } from './cucumber-run';
import { UsageError } from './errors';
import { liveKubeconfig, liveRun } from './live-run';
import { parseShard } from './shard';
import { readTimings, TimingsRecorder } from './shard-timings';
import { shardPaths } from './shard-run';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allureOptions } = require('../report/allure-options.js') as { allureOptions: (dir: string) => Record<string, unknown> };

export interface RunCommandOptions { tags?: string; parallel?: string; ci?: boolean; kubeconfig?: string; context?: string; shard?: string; timings?: string }

/** `--ci`: the reports of the `ci` profile, written under the suite's reports/. */
export function ciFormats(cwd: string): string[] {
  const r = (f: string) => path.join(cwd, 'reports', f);
  return [`allure-cucumberjs/reporter:${r('allure-formatter.log')}`, `junit:${r('junit.xml')}`, `html:${r('cucumber.html')}`, `message:${r('messages.ndjson')}`];
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
  const run = {
    cwd, paths, tags: opts.tags, parallel: parseParallel(opts.parallel), formats: opts.ci ? ciFormats(cwd) : [],
    formatOptions: opts.ci ? allureOptions(path.join(cwd, 'reports', 'allure-results')) : {},
  };
  if (opts.timings && !opts.shard) throw new UsageError('--timings balances shards: give --shard i/n too');
  if (opts.shard) {
    // one machine's share of the scenarios (docs/sharding.md)
    run.paths = await shardPaths(run, parseShard(opts.shard), opts.timings ? readTimings(path.resolve(cwd, opts.timings)) : undefined);
    if (!run.paths.length) { process.stdout.write(`shard ${opts.shard}: no scenarios\n0 passed, 0 failed\n`); return 0; }
  }
  // each scenario's time, for the next run's balanced shards
  const timings = opts.ci ? new TimingsRecorder() : undefined;
  const onMessage = timings && ((e: Envelope) => timings.add(e));
  // a live cluster (docs/targets.md), or the embedded model
  const kubeconfig = liveKubeconfig(cwd, opts);
  const { success } = kubeconfig ? await liveRun(run, kubeconfig, opts.context, undefined, onMessage) : await runFeatures(run, onMessage);
  if (timings) {
    fs.mkdirSync(path.join(cwd, 'reports'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'reports', 'timings.json'), JSON.stringify(timings.timings, null, 1) + '\n');
  }
  return success ? 0 : 1;
}
