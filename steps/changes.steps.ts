// Changing the cluster: manifests, nodes joining and leaving, kubectl command lines, deleting a pod as the
// ReplicaSet controller would, node failures, and time passing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Given, When } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import type { ObjectRef } from './parameters';
import { describeObject } from '../src/assert/scene';
import { KubectlError, type CommandResult } from '../src/cluster';
import { yamlErrorLine } from '../src/kubectl/manifest';

function commandFailure(r: CommandResult, at?: string): Error {
  return new Error(
    `\`kubectl ${r.command.replace(/^kubectl\s+/, '')}\` failed with exit status ${r.exitCode}:\n${r.stderr.trimEnd()}${at ? `\n(at ${at})` : ''}`,
  );
}

/**
 * Applies a manifest as `kubectl apply -f` would; a rejection fails the step with kubectl's error text. A YAML
 * error also names its line in the feature file (or the manifest file): kubectl counts within each document.
 */
async function apply(world: KspecWorld, yaml: string, cwd = world.featureDir, file?: string): Promise<void> {
  try {
    world.ran(await world.target.apply(yaml, { cwd }));
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    // the step fails with the error: that is the check
    world.ran(e.result, { mustCheck: false });
    const line = /error converting YAML/.test(e.result.stderr) ? yamlErrorLine(yaml) : undefined;
    const at =
      line === undefined
        ? undefined
        : file
          ? `${file}:${line}`
          : world.docString && `${world.docString.uri}:${world.docString.line + line - 1}`;
    throw commandFailure(e.result, at);
  }
}

function applyFile(world: KspecWorld, file: string): Promise<void> {
  const full = path.resolve(world.featureDir, file);
  if (!fs.existsSync(full))
    throw new Error(
      `the manifest "${file}" does not exist (looked for ${path.relative(process.cwd(), full)}, relative to the feature file)`,
    );
  return apply(world, fs.readFileSync(full, 'utf8'), path.dirname(full), path.relative(process.cwd(), full));
}

// Applies the YAML docstring as `kubectl apply -f -`, then converges; e.g. `Given the manifest:` and a Deployment
Given('the manifest:', function (this: KspecWorld, yaml: string) {
  return apply(this, yaml);
});
// Applies the YAML docstring as `kubectl apply -f -`, then converges; e.g. `When I apply the manifest:` and a Service
When('I apply the manifest:', function (this: KspecWorld, yaml: string) {
  return apply(this, yaml);
});
// Applies a YAML file, relative to the feature file; e.g. `Given the manifest "manifests/pv-pool.yaml"`
Given('the manifest {string}', function (this: KspecWorld, file: string) {
  return applyFile(this, file);
});
// Applies a YAML file, relative to the feature file; e.g. `When I apply the manifest "manifests/web.yaml"`
When('I apply the manifest {string}', function (this: KspecWorld, file: string) {
  return applyFile(this, file);
});

// Applies the docstring, keeping a rejection as the command's result (then `the command fails with "is invalid"`); e.g. `When I try to apply the manifest:` and a Pod
When('I try to apply the manifest:', async function (this: KspecWorld, yaml: string) {
  try {
    this.ran(await this.target.apply(yaml, { cwd: this.featureDir }));
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    this.ran(e.result);
  }
});

// Model-only (nodes): a new Ready node with the default capacity registers; e.g. `When node "node-4" joins the cluster`
When('node {string} joins the cluster', function (this: KspecWorld, name: string) {
  this.cluster.addNode({ name });
});
// Model-only (nodes: a real node's kubelet registers it again): deletes the Node object; e.g. `When node "node-2" is removed`
When('node {string} is removed', function (this: KspecWorld, name: string) {
  this.cluster.removeNode(name);
});

// One kubectl command line, with kubectl's output and exit status, then converges; e.g. `When I run "kubectl scale deployment web --replicas=5"`
When('I run {string}', async function (this: KspecWorld, line: string) {
  this.ran(await this.target.kubectl(line, { cwd: this.featureDir }));
});

// The same with the docstring as kubectl's standard input (`kubectl run -i`, `kubectl attach -i`, `apply -f -`); e.g. `When I run "kubectl run -i --rm --restart=Never t --image=busybox -- sh" with stdin:` and the lines
When('I run {string} with stdin:', function (this: KspecWorld, line: string, stdin: string) {
  this.ran(this.cluster.kubectl(line, { cwd: this.featureDir, stdin: stdin.endsWith('\n') ? stdin : stdin + '\n' }));
});

// The same, and the step fails at once with kubectl's error if the command fails; e.g. `Given I run "kubectl create namespace prod" successfully`
When('I run {string} successfully', async function (this: KspecWorld, line: string) {
  const r = this.ran(await this.target.kubectl(line, { cwd: this.featureDir }), { mustCheck: false });
  if (r.exitCode !== 0) throw commandFailure(r);
});

/** `kubectl wait` for one object, up to 5 minutes (of virtual time on the model); the step fails with kubectl's error. */
async function waitFor(world: KspecWorld, ref: ObjectRef, condition: string): Promise<void> {
  const ns = ref.namespace ? ` -n ${ref.namespace}` : '';
  const r = world.ran(
    await world.target.kubectl(`kubectl wait --for=${condition} ${ref.info.resource}/${ref.name}${ns} --timeout=5m`, {
      cwd: world.featureDir,
    }),
    { mustCheck: false },
  );
  if (r.exitCode !== 0) throw commandFailure(r);
}

// As `kubectl wait --for=condition=<type> --timeout=5m`; e.g. `When I wait for the deployment "web" to have condition "Available"`
When('I wait for the {object} to have condition {string}', function (this: KspecWorld, ref: ObjectRef, type: string) {
  return waitFor(this, ref, `condition=${type}`);
});
// As `kubectl wait --for=delete --timeout=5m`; e.g. `When I wait for the pod "web" to be deleted`
When('I wait for the {object} to be deleted', function (this: KspecWorld, ref: ObjectRef) {
  return waitFor(this, ref, 'delete');
});

// Command lines from a docstring, in order, stopping at the first that fails; e.g. `When I run:` and two kubectl lines
When('I run:', async function (this: KspecWorld, script: string) {
  const lines = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new Error('`I run:` needs at least one command line');
  for (const line of lines) {
    if (this.ran(await this.target.kubectl(line, { cwd: this.featureDir })).exitCode !== 0) break;
  }
});

// Deletes the pod the ReplicaSet controller would delete first; e.g. `When I delete one pod of deployment "web"`
When('I delete one pod of {object}', async function (this: KspecWorld, ref: ObjectRef) {
  // the pod its controller would delete first (src/scenario/owned-pods.ts); NotFound names a missing object
  const [pod] = await this.target.podsToDeleteFirst(ref, 1);
  if (!pod) throw new Error(`${describeObject(ref)} has no pod to delete`);
  // as `kubectl delete pod <name>` does: a graceful delete, which the kubelet then completes
  await this.target.deletePod(pod.metadata.name!, ref.namespace!);
});

// Model-only (node failure): the node's kubelet stops (no heartbeats, no pod changes) until it recovers; e.g. `When node "node-2" fails`
When('node {string} fails', function (this: KspecWorld, name: string) {
  this.cluster.failNode(name);
});
// Model-only (node failure): its kubelet starts again: the node reports Ready and its pods resync; e.g. `When node "node-2" recovers`
When('node {string} recovers', function (this: KspecWorld, name: string) {
  this.cluster.recoverNode(name);
});

// Model-only (virtual time): advances virtual time, firing what falls due in order; e.g. `When 5 minutes pass`
When('{duration} pass(es)', function (this: KspecWorld, ms: number) {
  this.cluster.advance(ms);
});
