// The cluster a scenario runs against, as the steps see it. Steps that any cluster can answer (apply a
// manifest, run kubectl, read an object, count, wait for a state) ask this interface; two targets implement it:
// the embedded model (src/target/embedded.ts, the default) and a live cluster reached through a kubeconfig
// (src/live/live-target.ts). Assertions read objects through it the same way on both; only how time passes
// differs: the model advances its virtual clock, a live cluster is polled on the wall clock. Steps that only the
// model can answer (virtual time, node failures, image behaviours, traffic through kube-proxy's rules) use the
// World's `cluster` instead and are marked model-only in their comments (docs/steps.md, src/live/classify.ts).

import type { ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';
import type { CommandResult, NodeSpec } from '../cluster';
import type { TimelineEntry } from '../apiserver/timeline';

/** An object named by a step: its resource, name and namespace (undefined for cluster-scoped kinds). */
export interface ObjectKey {
  info: ResourceInfo;
  name: string;
  namespace: string | undefined;
}

/** Who kubectl and manifests act as (`Given I am "jane"`); undefined is the cluster admin. */
export interface Identity {
  name: string;
  groups?: string[];
}

export interface Target {
  readonly kind: 'embedded' | 'live';
  /** what `within`/`eventually` limits are measured in, for messages: `virtual time`, `wall-clock time` */
  readonly clockName: string;
  /** who kubectl and manifests act as from now on */
  user: Identity | undefined;

  /**
   * A cluster of these nodes (`a cluster with 3 nodes`): a new model, or a fresh (or checked) live cluster.
   * Resolves to why the scenario cannot run on this cluster (a shared one of another size), else undefined.
   */
  createCluster(nodes: number | NodeSpec[]): Promise<string | undefined>;
  /** One kubectl command line (with or without the leading `kubectl`), run from `cwd`, as the current user. */
  kubectl(line: string, opts: { cwd: string; stdin?: string }): Promise<CommandResult>;
  /** `kubectl apply -f -` of the YAML; rejects with KubectlError when kubectl fails. */
  apply(yaml: string, opts: { cwd: string }): Promise<CommandResult>;
  /** A file kubectl reads (`--from-file`, `-f`), at this absolute path as the feature names it. */
  writeLocalFile(file: string, content: string): void;

  /** The object, or undefined when it does not exist. */
  get(key: ObjectKey): Promise<KObject | undefined>;
  /** Objects of a kind; `namespace` undefined lists every namespace. */
  list(info: ResourceInfo, opts?: { namespace?: string; labelSelector?: string }): Promise<KObject[]>;
  /** The `n` pods the owner's controller would delete first (the ReplicaSet controller's order, ...). */
  podsToDeleteFirst(owner: ObjectKey, n: number): Promise<KObject[]>;
  /** Deletes a pod gracefully, as `kubectl delete pod` does. */
  deletePod(name: string, namespace: string): Promise<void>;
  /** A custom resource's kind by any of its names, once its CustomResourceDefinition is served. */
  resolveKind(word: string): Promise<ResourceInfo | undefined>;

  /**
   * A check made now, once what is under way has finished: the model converges, then checks once; a live
   * cluster, which converges on its own time, is checked until it holds for up to its settle time.
   */
  settled(done: () => Promise<boolean>): Promise<boolean>;
  /** Checks until `done` holds or `limitMs` passes (virtual time on the model, the wall clock live). */
  until(done: () => Promise<boolean>, limitMs: number): Promise<boolean>;

  /** The object's recent writes and Events, for failure messages (the model keeps a timeline; live: none). */
  history(key: ObjectKey, limit: number): readonly TimelineEntry[];
  /** When the cluster started, for the `+12s` times of a history. */
  start(): number;
}
