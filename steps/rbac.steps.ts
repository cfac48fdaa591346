// Requests made as someone other than the cluster admin: a kubectl line run with --as (and --as-group for
// each group given), or every request from a step on (`Given I am "jane"`), which the API server authorizes.
import { Given, When } from '@cucumber/cucumber';
import { KspecWorld } from './world';

function runAs(world: KspecWorld, line: string, user: string, groups: string[]): void {
  const quoted = [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`)].map((w) => `'${w.replace(/'/g, `'\\''`)}'`);
  world.result = world.cluster.kubectl(`${line} ${quoted.join(' ')}`, { cwd: world.featureDir });
}

When('I run {string} as {string}', function (this: KspecWorld, line: string, user: string) { runAs(this, line, user, []); });
When('I run {string} as {string} in group {string}', function (this: KspecWorld, line: string, user: string, group: string) { runAs(this, line, user, [group]); });

/** From here on, kubectl and manifests run as this user (as a kubeconfig's user would); `the cluster admin` again. */
Given('I am {string}', function (this: KspecWorld, user: string) { this.cluster.user = { name: user }; });
Given('I am {string} in group {string}', function (this: KspecWorld, user: string, group: string) { this.cluster.user = { name: user, groups: [group] }; });
Given('I am the cluster admin', function (this: KspecWorld) { this.cluster.user = undefined; });
