// The World: the scenario's target (src/target), which steps that any cluster can answer ask; by default the
// embedded cluster, created by the first step that needs it (`a cluster with 3 nodes` when the scenario names
// none), seeded from the scenario so every run gives the same names, IPs and timeline; under `kspec run
// --kubeconfig` a live cluster (src/live). Model-only steps use `cluster`, the model itself. Also the feature
// file's directory for `the manifest "<file>"`, and the last command's result.
import * as path from 'node:path';
import { World, type IWorldOptions, setWorldConstructor } from '@cucumber/cucumber';
import { createCluster, type Cluster, type ClusterOptions, type NodeSpec, type CommandResult } from '../src/cluster';
import type { ImageBehaviour } from '../src/world/images';
import type { Target } from '../src/target/target';
import type { Scene } from '../src/assert/scene';
import type { Spread } from '../src/assert/traffic';
import type { LiveTarget } from '../src/live/live-target';
import { EmbeddedTarget, realKubectl } from '../src/target/embedded';
import { ModelOnlyError, LIVE_NOTE_MEDIA_TYPE } from '../src/live/model-only';

export class KspecWorld extends World implements Scene {
  private current?: Cluster;
  /** the scenario's seed: its feature file and name */
  seed = 'kspec';
  /** the directory of the running feature file: manifests are read relative to it */
  featureDir = process.cwd();
  /** the last command's result (`I run`, `I try to apply the manifest:`): see `ran` */
  result?: CommandResult;
  /** whether a step has looked at `result` (lastResult) */
  private inspected = true;
  /** failed kubectl commands no step looked at before the next command replaced them */
  private unchecked: CommandResult[] = [];
  /** where the running step's docstring starts (its first content line), to point errors at the feature file */
  docString?: { uri: string; line: number };
  /** the last `I connect N times` connections: which pods took them */
  spread?: Spread;
  /** the object of the last failed `matches`, for the report */
  failedObject?: { name: string; yaml: string };
  /** image behaviours declared so far: a cluster created later gets them too */
  private imageBehaviours: [string, Partial<ImageBehaviour>][] = [];
  /** a live target, set by the Before hook of a `kspec run --kubeconfig` run (src/live/hooks.ts) */
  live?: LiveTarget;
  private embedded?: EmbeddedTarget;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** What the steps ask: the live cluster under `--kubeconfig`, else the embedded one (with KSPEC_KUBECTL, the real kubectl). */
  get target(): Target {
    return this.live ?? (this.embedded ??= new EmbeddedTarget(this, realKubectl()));
  }

  /** Ends the scenario's targets: a live namespace or cluster, a served model. */
  async close(): Promise<void> {
    await this.live?.close();
    await this.embedded?.close();
  }

  /** The scenario's model cluster, for model-only steps; `a cluster with 3 nodes` unless a step created another. */
  get cluster(): Cluster {
    if (this.live) throw new ModelOnlyError();
    return this.current ?? this.createCluster(3);
  }

  get hasCluster(): boolean {
    return this.current !== undefined;
  }

  /** The model, when the scenario runs on it and has created it (src/assert/scene.ts). */
  get model(): Cluster | undefined {
    return this.live ? undefined : this.current;
  }

  createCluster(nodes: number | NodeSpec[], opts: Omit<ClusterOptions, 'nodes' | 'seed'> = {}): Cluster {
    // a lab session's clusters start when the session did (src/cli/lab-session.ts)
    const start = (this.parameters as { start?: number }).start;
    this.current = createCluster({ ...(start !== undefined ? { start } : {}), ...opts, nodes, seed: this.seed });
    for (const [image, b] of this.imageBehaviours) this.current.images.set(image, b);
    this.current.kubelets.imagesDeclared();
    return this.current;
  }

  /** Sets the scenario's seed and the feature's directory (from the Before hook). */
  begin(uri: string, name: string): void {
    const rel = path.relative(process.cwd(), path.resolve(uri)).split(path.sep).join('/');
    // a lab session's clusters share the session's seed and start, so a replay gives the learner's cluster (src/cli/lab-session.ts)
    this.seed = (this.parameters as { seed?: string }).seed ?? `${rel}: ${name}`;
    this.featureDir = path.dirname(path.resolve(uri));
  }

  setImage(image: string, behaviour: Partial<ImageBehaviour>): void {
    this.imageBehaviours.push([image, behaviour]);
    this.cluster.images.set(image, behaviour);
    this.cluster.kubelets.imagesDeclared();
  }

  /** Skips the rest of the scenario, saying why in the report, when there is a reason (a live cluster of another shape). */
  skipWhen(reason: string | undefined): 'skipped' | undefined {
    if (!reason) return undefined;
    this.attach(`skipped on the live cluster: ${reason}`, LIVE_NOTE_MEDIA_TYPE);
    return 'skipped';
  }

  /**
   * Keeps a kubectl command's result for the steps after it. A command that failed must be looked at by a
   * later step (`Then the command fails`, `... fails with`, an output step); one that is not fails the
   * scenario at its end (`uncheckedFailures`), so a mistyped command never leaves a scenario green.
   */
  ran(r: CommandResult, { mustCheck = true } = {}): CommandResult {
    if (this.result && this.result.exitCode !== 0 && !this.inspected) this.unchecked.push(this.result);
    this.result = r;
    this.inspected = !mustCheck;
    return r;
  }

  /** The last command's result, or an error saying no command ran; the result counts as checked. */
  lastResult(): CommandResult {
    if (!this.result) throw new Error('no command has run yet in this scenario: use `When I run "kubectl ..."` first');
    this.inspected = true;
    return this.result;
  }

  /** The failed kubectl commands no step looked at (see `ran`). */
  uncheckedFailures(): CommandResult[] {
    return [...this.unchecked, ...(this.result && this.result.exitCode !== 0 && !this.inspected ? [this.result] : [])];
  }
}

setWorldConstructor(KspecWorld);
