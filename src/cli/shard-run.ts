// The scenarios of one shard of a run: those the run would execute (its paths, tags and names, as Cucumber
// plans them), split round-robin (shard.ts) or, with a previous run's timings, balanced (shard-timings.ts).
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { configuration, type RunOptions } from './cucumber-run';
import { shardOf, type Shard } from './shard';
import { balancedShardOf, type Timings } from './shard-timings';

/** The scenarios a run would execute, as `uri` and line (an outline's example row has its own). */
export async function plannedScenarios(run: RunOptions): Promise<{ uri: string; line: number }[]> {
  const environment = { cwd: run.cwd, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const { runConfiguration } = await loadConfiguration({ file: false, provided: configuration(run) }, environment);
  const { plan } = await loadSources(runConfiguration.sources, environment);
  return plan.map((p) => ({ uri: p.uri, line: p.location.line }));
}

/** The `uri:line` paths of the shard's scenarios. */
export async function shardPaths(run: RunOptions, shard: Shard, timings?: Timings): Promise<string[]> {
  const scenarios = await plannedScenarios(run);
  return timings ? balancedShardOf(scenarios, shard, timings) : shardOf(scenarios, shard);
}
