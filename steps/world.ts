// The World: the scenario's target (src/target), which steps that any cluster can answer ask; by default the
// embedded cluster, created by the first step that needs it (`a cluster with 3 nodes` when the scenario names
// none), seeded from the scenario so every run gives the same names, IPs and timeline; under `kspec run
// --kubeconfig` a live cluster (src/live). Model-only steps use `cluster`, the model itself. Also the feature
// file's directory for `the manifest "<file>"`, and the last command's result.
import * as path from 'node:path';
import { World, IWorldOptions, setWorldConstructor } from '@cucumber/cucumber';
import { createCluster, Cluster, NodeSpec, CommandResult } from '../src/cluster';
import type { ImageBehaviour } from '../src/kubelet/images';
import type { Target } from '../src/target/target';
import type { LiveTarget } from '../src/live/live-target';
import { EmbeddedTarget } from '../src/target/embedded';
import { ModelOnlyError, LIVE_NOTE_MEDIA_TYPE } from '../src/live/model-only';

export class KspecWorld extends World {
  private current?: Cluster;
  /** the scenario's seed: its feature file and name */
  seed = 'kspec';
  /** the directory of the running feature file: manifests are read relative to it */
  featureDir = process.cwd();
  /** the last command's result (`I run`, `I try to apply the manifest:`) */
  result?: CommandResult;
  /** the object of the last failed `matches`, for the report */
  failedObject?: { name: string; yaml: string };
  /** image behaviours declared so far: a cluster created later gets them too */
  private imageBehaviours: [string, Partial<ImageBehaviour>][] = [];
  /** a live target, set by the Before hook of a `kspec run --kubeconfig` run (src/live/hooks.ts) */
  live?: LiveTarget;
  private embedded?: EmbeddedTarget;

  constructor(options: IWorldOptions) { super(options); }

  /** What the steps ask: the live cluster under `--kubeconfig`, else the embedded one. */
  get target(): Target { return this.live ?? (this.embedded ??= new EmbeddedTarget(this)); }

  /** The scenario's model cluster, for model-only steps; `a cluster with 3 nodes` unless a step created another. */
  get cluster(): Cluster {
    if (this.live) throw new ModelOnlyError();
    return this.current ?? this.createCluster(3);
  }

  get hasCluster(): boolean { return this.current !== undefined; }

  createCluster(nodes: number | NodeSpec[]): Cluster {
    const start = (this.parameters as { start?: number }).start;
    this.current = createCluster({ nodes, seed: this.seed, ...(start !== undefined ? { start } : {}) });
    for (const [image, b] of this.imageBehaviours) this.current.images.set(image, b);
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
  }

  /** Skips the rest of the scenario, saying why in the report, when there is a reason (a live cluster of another shape). */
  skipWhen(reason: string | undefined): 'skipped' | undefined {
    if (!reason) return undefined;
    this.attach(`skipped on the live cluster: ${reason}`, LIVE_NOTE_MEDIA_TYPE);
    return 'skipped';
  }

  /** The last command's result, or an error saying no command ran. */
  lastResult(): CommandResult {
    if (!this.result) throw new Error('no command has run yet in this scenario: use `When I run "kubectl ..."` first');
    return this.result;
  }
}

setWorldConstructor(KspecWorld);
