// Changing the cluster: manifests, nodes joining and leaving, kubectl command lines, deleting a pod as the
// ReplicaSet controller would, node failures, and time passing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Given, When } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import { KubectlError, CommandResult } from '../src/cluster';

function commandFailure(r: CommandResult): Error {
  return new Error(`\`kubectl ${r.command.replace(/^kubectl\s+/, '')}\` failed with exit status ${r.exitCode}:\n${r.stderr.trimEnd()}`);
}

/** Applies a manifest as `kubectl apply -f` would; a rejection fails the step with kubectl's error text. */
async function apply(world: KspecWorld, yaml: string, cwd = world.featureDir): Promise<void> {
  try {
    world.result = await world.target.apply(yaml, { cwd });
  } catch (e) {
    if (e instanceof KubectlError) { world.result = e.result; throw commandFailure(e.result); }
    throw e;
  }
}

function applyFile(world: KspecWorld, file: string): Promise<void> {
  const full = path.resolve(world.featureDir, file);
  if (!fs.existsSync(full)) throw new Error(`the manifest "${file}" does not exist (looked for ${full}, relative to the feature file)`);
  return apply(world, fs.readFileSync(full, 'utf8'), path.dirname(full));
}

// Applies the YAML docstring as `kubectl apply -f -`, then converges; e.g. `Given the manifest:` and a Deployment
Given('the manifest:', function (this: KspecWorld, yaml: string) { return apply(this, yaml); });
// Applies the YAML docstring as `kubectl apply -f -`, then converges; e.g. `When I apply the manifest:` and a Service
When('I apply the manifest:', function (this: KspecWorld, yaml: string) { return apply(this, yaml); });
// Applies a YAML file, relative to the feature file; e.g. `Given the manifest "manifests/pv-pool.yaml"`
Given('the manifest {string}', function (this: KspecWorld, file: string) { return applyFile(this, file); });
// Applies a YAML file, relative to the feature file; e.g. `When I apply the manifest "manifests/web.yaml"`
When('I apply the manifest {string}', function (this: KspecWorld, file: string) { return applyFile(this, file); });

// Applies the docstring, keeping a rejection as the command's result (then `the command fails with "is invalid"`); e.g. `When I try to apply the manifest:` and a Pod
When('I try to apply the manifest:', async function (this: KspecWorld, yaml: string) {
  try {
    this.result = await this.target.apply(yaml, { cwd: this.featureDir });
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    this.result = e.result;
  }
});

// Model-only (nodes): a new Ready node with the default capacity registers; e.g. `When node "node-4" joins the cluster`
When('node {string} joins the cluster', function (this: KspecWorld, name: string) { this.cluster.addNode({ name }); });
// Model-only (nodes: a real node's kubelet registers it again): deletes the Node object; e.g. `When node "node-2" is removed`
When('node {string} is removed', function (this: KspecWorld, name: string) { this.cluster.removeNode(name); });

// One kubectl command line, with kubectl's output and exit status, then converges; e.g. `When I run "kubectl scale deployment web --replicas=5"`
When('I run {string}', async function (this: KspecWorld, line: string) {
  this.result = await this.target.kubectl(line, { cwd: this.featureDir });
});

// Command lines from a docstring, in order, stopping at the first that fails; e.g. `When I run:` and two kubectl lines
When('I run:', async function (this: KspecWorld, script: string) {
  const lines = script.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new Error('`I run:` needs at least one command line');
  for (const line of lines) {
    this.result = await this.target.kubectl(line, { cwd: this.featureDir });
    if (this.result.exitCode !== 0) break;
  }
});

// Deletes the pod the ReplicaSet controller would delete first; e.g. `When I delete one pod of deployment "web"`
When('I delete one pod of {object}', async function (this: KspecWorld, ref: ObjectRef) {
  // the pod its controller would delete first (src/controllers/util/owned-pods.ts); NotFound names a missing object
  const [pod] = await this.target.podsToDeleteFirst(ref, 1);
  if (!pod) throw new Error(`${describeRef(ref)} has no pod to delete`);
  // as `kubectl delete pod <name>` does: a graceful delete, which the kubelet then completes
  await this.target.deletePod(pod.metadata.name!, ref.namespace!);
});

// Model-only (node failure): the node's kubelet stops (no heartbeats, no pod changes) until it recovers; e.g. `When node "node-2" fails`
When('node {string} fails', function (this: KspecWorld, name: string) { this.cluster.failNode(name); });
// Model-only (node failure): its kubelet starts again: the node reports Ready and its pods resync; e.g. `When node "node-2" recovers`
When('node {string} recovers', function (this: KspecWorld, name: string) { this.cluster.recoverNode(name); });

// Model-only (virtual time): advances virtual time, firing what falls due in order; e.g. `When 5 minutes pass`
When('{duration} pass(es)', function (this: KspecWorld, ms: number) { this.cluster.advance(ms); });
