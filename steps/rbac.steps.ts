// Requests made as someone other than the cluster admin: a kubectl line run with --as (and --as-group for
// each group given), or every request from a step on (`Given I am "jane"`), which the API server authorizes.
import { Given, When } from '@cucumber/cucumber';
import type { KspecWorld } from './world';

async function runAs(world: KspecWorld, line: string, user: string, groups: string[]): Promise<void> {
  const quoted = [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`)].map((w) => `'${w.replace(/'/g, `'\\''`)}'`);
  // the flags go before the command's words: after a `--` they would be the exec'd command's arguments
  const words = line.replace(/^\s*kubectl\s+/, '');
  world.ran(await world.target.kubectl(`kubectl ${quoted.join(' ')} ${words}`, { cwd: world.featureDir }));
}

// The kubectl line run with --as=<user>; e.g. `When I run "kubectl get pods -n mynamespace" as "example-user"`
When('I run {string} as {string}', function (this: KspecWorld, line: string, user: string) {
  return runAs(this, line, user, []);
});
// …and --as-group=<group>; e.g. `When I run "kubectl get nodes" as "jane" in group "ops"`
When(
  'I run {string} as {string} in group {string}',
  function (this: KspecWorld, line: string, user: string, group: string) {
    return runAs(this, line, user, [group]);
  },
);

/** From here on, kubectl and manifests run as this user (as a kubeconfig's user would); `the cluster admin` again; e.g. `Given I am "jane"` */
Given('I am {string}', function (this: KspecWorld, user: string) {
  this.target.user = { name: user };
});
// The same, the user in a group; e.g. `Given I am "jane" in group "ops"`
Given('I am {string} in group {string}', function (this: KspecWorld, user: string, group: string) {
  this.target.user = { name: user, groups: [group] };
});
// Requests run as the cluster admin again; e.g. `Given I am the cluster admin`
Given('I am the cluster admin', function (this: KspecWorld) {
  this.target.user = undefined;
});
