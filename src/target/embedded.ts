// The embedded target: the scenario's model cluster, created on first use. Every read converges first, and
// `until` advances virtual time timer by timer until the check holds, as Runtime.advanceUntil does. kubectl is
// kspec's emulation, or with KSPEC_KUBECTL set the real kubectl against the model served on a loopback port
// (src/live/served-kubectl.ts).

import { KubectlError, type Cluster, type NodeSpec, type CommandResult } from '../cluster';
import type { ServedKubectl } from '../live/served-kubectl';
import type { ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';
import type { TimelineEntry } from '../apiserver/timeline';
import { podsToDeleteFirstOf } from '../scenario/owned-pods';
import type { Identity, ObjectKey, Target } from './target';

/** The real kubectl KSPEC_KUBECTL asks for, or undefined for kspec's (the served model is loaded only then). */
export function realKubectl(): ServedKubectl | undefined {
  if (!process.env.KSPEC_KUBECTL) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../live/served-kubectl') as typeof import('../live/served-kubectl')).realKubectlFromEnv();
}

/** Where the model cluster lives: the World creates it (seeded, with the scenario's image behaviours). */
export interface ClusterHost {
  readonly cluster: Cluster;
  createCluster(nodes: number | NodeSpec[]): Cluster;
}

export class EmbeddedTarget implements Target {
  readonly kind = 'embedded';
  readonly clockName = 'virtual time';

  /** @param real the real kubectl to run kubectl lines with, instead of kspec's */
  constructor(
    private readonly host: ClusterHost,
    private readonly real?: ServedKubectl,
  ) {}

  private get c(): Cluster {
    return this.host.cluster;
  }

  get user(): Identity | undefined {
    return this.c.user;
  }
  set user(u: Identity | undefined) {
    this.c.user = u;
  }

  async createCluster(nodes: number | NodeSpec[]): Promise<undefined> {
    this.host.createCluster(nodes);
    return undefined;
  }

  async kubectl(line: string, opts: { cwd: string; stdin?: string }): Promise<CommandResult> {
    return this.real ? this.real.run(this.c, line, opts) : this.c.kubectl(line, opts);
  }

  async apply(yaml: string, opts: { cwd: string }): Promise<CommandResult> {
    if (!this.real) return this.c.apply(yaml, opts);
    const r = await this.real.run(this.c, 'kubectl apply -f -', { ...opts, stdin: yaml });
    if (r.exitCode !== 0) throw new KubectlError(r);
    return r;
  }

  /** Ends what the target started (the served cluster of a real kubectl). */
  async close(): Promise<void> {
    await this.real?.close();
  }

  writeLocalFile(file: string, content: string): void {
    this.c.localFiles.set(file, content);
  }

  async get(key: ObjectKey): Promise<KObject | undefined> {
    return this.c.tryGet(key.info.resource, key.name, key.namespace);
  }

  async list(info: ResourceInfo, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KObject[]> {
    return this.c.list(info.resource, opts);
  }

  async podsToDeleteFirst(owner: ObjectKey, n: number): Promise<KObject[]> {
    return podsToDeleteFirstOf(this.c.api, owner.info.resource, owner.name, owner.namespace!, n);
  }

  async deletePod(name: string, namespace: string): Promise<void> {
    this.c.api.delete('pods', namespace, name);
    this.c.converge();
  }

  async resolveKind(word: string): Promise<ResourceInfo | undefined> {
    return this.c.api.resources.resolve(word);
  }

  async settled(done: () => Promise<boolean>): Promise<boolean> {
    this.c.converge();
    return done();
  }

  async until(done: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    const { runtime, clock } = this.c;
    runtime.converge();
    if (await done()) return true;
    const target = clock.now() + limitMs;
    while (runtime.fireNext(target)) if (await done()) return true;
    clock.setTo(target);
    return done();
  }

  history(key: ObjectKey, limit: number): readonly TimelineEntry[] {
    return this.c.timelineOf(key.info.resource, key.name, key.namespace, limit);
  }

  start(): number {
    return this.c.timelineStart();
  }
}
