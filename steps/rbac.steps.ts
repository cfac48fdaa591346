// Requests made as someone other than the cluster admin: a kubectl line run with --as (and --as-group for
// each group given), which the API server authorizes with RBAC.
import { When } from '@cucumber/cucumber';
import { KspecWorld } from './world';

function runAs(world: KspecWorld, line: string, user: string, groups: string[]): void {
  const quoted = [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`)].map((w) => `'${w.replace(/'/g, `'\\''`)}'`);
  world.result = world.cluster.kubectl(`${line} ${quoted.join(' ')}`, { cwd: world.featureDir });
}

When('I run {string} as {string}', function (this: KspecWorld, line: string, user: string) { runAs(this, line, user, []); });
When('I run {string} as {string} in group {string}', function (this: KspecWorld, line: string, user: string, group: string) { runAs(this, line, user, [group]); });
