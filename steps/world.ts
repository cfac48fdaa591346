// The World: one embedded cluster per scenario, created by the first step that needs it (`a cluster with 3
// nodes` when the scenario names none), seeded from the scenario so every run gives the same names, IPs and
// timeline; the feature file's directory for `the manifest "<file>"`; the last command's result.
import * as path from 'node:path';
import { World, IWorldOptions, setWorldConstructor } from '@cucumber/cucumber';
import { createCluster, Cluster, ClusterOptions, NodeSpec, CommandResult } from '../src/cluster';
import type { ImageBehaviour } from '../src/kubelet/images';

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

  constructor(options: IWorldOptions) { super(options); }

  /** The scenario's cluster; `a cluster with 3 nodes` unless a step created another. */
  get cluster(): Cluster { return this.current ?? this.createCluster(3); }

  get hasCluster(): boolean { return this.current !== undefined; }

  createCluster(nodes: number | NodeSpec[], opts: Omit<ClusterOptions, 'nodes' | 'seed'> = {}): Cluster {
    this.current = createCluster({ ...opts, nodes, seed: this.seed });
    for (const [image, b] of this.imageBehaviours) this.current.images.set(image, b);
    return this.current;
  }

  /** Sets the scenario's seed and the feature's directory (from the Before hook). */
  begin(uri: string, name: string): void {
    const rel = path.relative(process.cwd(), path.resolve(uri)).split(path.sep).join('/');
    this.seed = `${rel}: ${name}`;
    this.featureDir = path.dirname(path.resolve(uri));
  }

  setImage(image: string, behaviour: Partial<ImageBehaviour>): void {
    this.imageBehaviours.push([image, behaviour]);
    this.cluster.images.set(image, behaviour);
  }

  /** The last command's result, or an error saying no command ran. */
  lastResult(): CommandResult {
    if (!this.result) throw new Error('no command has run yet in this scenario: use `When I run "kubectl ..."` first');
    return this.result;
  }
}

setWorldConstructor(KspecWorld);
