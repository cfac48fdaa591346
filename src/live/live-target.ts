// The live target: a scenario run against a real cluster through its kubeconfig. Objects are read through the
// API (src/live/api.ts, @kubernetes/client-node's authentication), commands run with the real kubectl, and
// waiting is polling on the wall clock. A scenario runs in a namespace of its own that it calls `default`
// (namespace-map.ts), or, when it needs cluster-scoped objects, in a cluster of its own: a served kspec cluster
// gives a fresh one on request (`POST /kspec/v1/cluster`) and is restored to its first shape after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { resolveResource, type ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';
import { KubectlError, type CommandResult, type NodeSpec } from '../cluster';
import { podsToDeleteFirstOf } from '../scenario/owned-pods';
import type { Identity, ObjectKey, Target } from '../target/target';
import type { TimelineEntry } from '../apiserver/timeline';
import { DEFAULT_START } from '../runtime/clock';
import { ApiError, LiveApi, loadKubeconfig, resourcePath } from './api';
import { NamespaceMap } from './namespace-map';
import { scenarioKubeconfig } from './kubeconfig';
import { overlay, relativeTo } from './local-files';
import { commandLine, runKubectl } from './kubectl';
import { Snapshot } from './snapshot';
import type { Isolation } from './classify';
import { wallClock } from '../runtime/wall-clock';

/** What a live run hands each scenario (through Cucumber's world parameters, so plain JSON). */
export interface LiveSettings {
  kubeconfig: string;
  context?: string;
  /** the real kubectl */
  kubectl: string;
  /** labels the run's namespaces (`kspec.io/run`), so an interrupted run's are found and deleted */
  runId: string;
  /** the run's scratch folder: kubeconfigs, kubectl's home, local files */
  home: string;
  /** the cluster is served by kspec and gives fresh clusters (`POST /kspec/v1/cluster`) */
  fresh: boolean;
  /** a served cluster's clock: a manual one moves only while a scenario waits (`until`), so outputs do not age */
  servedClock?: 'manual' | 'real';
  /** its schedulable Ready nodes when the run began: a namespace's `a cluster with N nodes` asks for that many */
  nodes: number;
  /** how long a check made "now" may wait for a live cluster to converge */
  settleMs: number;
  /** how often checks poll */
  pollMs: number;
}

export const RUN_LABEL = 'kspec.io/run';
const NODES = resolveResource('nodes')!;
/** how far a served manual clock moves between two checks of a wait */
const MANUAL_STEP_MS = 1000;

/** A cluster's schedulable Ready nodes, as the scheduler counts them (no NoSchedule taint, not cordoned). */
export function schedulableNodes(nodes: readonly KObject[]): KObject[] {
  return nodes.filter(
    (n) =>
      !n.spec?.unschedulable &&
      (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') &&
      !(n.spec?.taints ?? []).some((t: any) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
  );
}

export class LiveTarget implements Target {
  readonly kind = 'live';
  get clockName(): string {
    return this.settings.servedClock === 'manual' ? "the served cluster's time" : 'wall-clock time';
  }
  user: Identity | undefined;
  private readonly files = new Map<string, string>();
  private overlays = 0;
  private readonly started = wallClock.now();
  private readonly discovered = new Map<string, ResourceInfo | undefined>();
  private closed = false;

  private constructor(
    readonly settings: LiveSettings,
    readonly api: LiveApi,
    readonly isolation: Isolation,
    readonly map: NamespaceMap,
    private readonly kubeconfig: string,
    private readonly id: string,
    private readonly seed: string,
  ) {}

  /** The scenario's cluster: a fresh namespace (created and labelled), or a fresh served cluster. */
  static async open(settings: LiveSettings, isolation: Isolation, seed: string): Promise<LiveTarget> {
    const api = new LiveApi(loadKubeconfig(settings.kubeconfig, settings.context));
    const id = randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6);
    let map = new NamespaceMap();
    if (isolation === 'namespace') {
      const ns = `kspec-${id}`;
      await api.ok('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { [RUN_LABEL]: settings.runId } },
      });
      map = new NamespaceMap(ns);
    }
    const kubeconfig = path.join(settings.home, `${id}.kubeconfig`);
    fs.writeFileSync(
      kubeconfig,
      scenarioKubeconfig(
        fs.readFileSync(settings.kubeconfig, 'utf8'),
        settings.kubeconfig,
        settings.context,
        map.actual ?? 'default',
      ),
      { mode: 0o600 },
    );
    const target = new LiveTarget(settings, api, isolation, map, kubeconfig, id, seed);
    if (isolation === 'cluster') await target.fresh(3);
    else await target.serviceAccountReady();
    return target;
  }

  /** Pods need their namespace's `default` ServiceAccount, which its controller adds soon after the namespace. */
  private async serviceAccountReady(): Promise<void> {
    const sa = resolveResource('serviceaccounts')!;
    await this.poll(
      async () => (await this.api.get(sa, 'default', this.map.actual)) !== undefined,
      this.settings.settleMs,
    );
  }

  private async fresh(nodes: number | NodeSpec[]): Promise<void> {
    if (!this.settings.fresh)
      throw new Error('this cluster cannot give a scenario a cluster of its own (only a served kspec cluster can)');
    // as the model's: the scenario's seed, and (a manual clock) its start, so names and times read as they do there
    await this.api.ok('POST', '/kspec/v1/cluster', {
      nodes,
      seed: this.seed,
      start: new Date(DEFAULT_START).toISOString(),
    });
  }

  async createCluster(nodes: number | NodeSpec[]): Promise<string | undefined> {
    if (this.isolation === 'cluster') {
      await this.fresh(nodes);
      return undefined;
    }
    if (typeof nodes !== 'number') throw new Error('a scenario that names its nodes needs a cluster of its own');
    const have = schedulableNodes(await this.api.list(NODES)).length;
    const plural = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
    return have === nodes
      ? undefined
      : `it asks for a cluster with ${plural(nodes)}; this one has ${plural(have)} that pods can run on`;
  }

  async kubectl(line: string, opts: { cwd: string; stdin?: string }): Promise<CommandResult> {
    const command = line;
    const parsed = commandLine(line);
    if ('error' in parsed) return { command, stdout: '', stderr: parsed.error, exitCode: 1 };
    const { env, args: words } = parsed;
    const as = this.user ? [`--as=${this.user.name}`, ...(this.user.groups ?? []).map((g) => `--as-group=${g}`)] : [];
    // a discovery cache of its own each time: kubectl learns the cluster's kinds afresh, as the model's kubectl
    // does (a cached kind whose CustomResourceDefinition was deleted would read "Unable to list" instead)
    const home = fs.mkdtempSync(path.join(this.settings.home, `kubectl-${this.id}-`));
    const r = await runKubectl(this.settings.kubectl, [...this.map.args(words), ...as], {
      kubeconfig: this.kubeconfig,
      home,
      cwd: this.cwd(opts.cwd),
      env,
      stdin: opts.stdin === undefined ? undefined : this.map.manifest(opts.stdin),
    }).finally(() => fs.rmSync(home, { recursive: true, force: true }));
    return { command, stdout: this.map.text(r.stdout), stderr: this.map.text(r.stderr), exitCode: r.exitCode };
  }

  async apply(yaml: string, opts: { cwd: string }): Promise<CommandResult> {
    const r = await this.kubectl('kubectl apply -f -', { cwd: opts.cwd, stdin: yaml });
    if (r.exitCode !== 0) throw new KubectlError(r);
    return r;
  }

  writeLocalFile(file: string, content: string): void {
    this.files.set(file, content);
  }

  /** Where kubectl runs: the feature's folder, or a mirror of it holding the scenario's files. */
  private cwd(dir: string): string {
    const files = relativeTo(dir, this.files);
    if (!files.size) return dir;
    const into = path.join(this.settings.home, 'files', `${this.id}-${++this.overlays}`);
    overlay(into, dir, files);
    return into;
  }

  async get(key: ObjectKey): Promise<KObject | undefined> {
    return this.map.object(await this.api.get(key.info, key.name, this.map.out(key.namespace)));
  }

  async list(info: ResourceInfo, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KObject[]> {
    // a namespace of its own: the scenario sees only its namespace's objects
    const namespace = info.namespaced
      ? this.map.out(opts.namespace ?? (this.map.actual ? 'default' : undefined))
      : undefined;
    return this.map.object(await this.api.list(info, { namespace, labelSelector: opts.labelSelector }));
  }

  async podsToDeleteFirst(owner: ObjectKey, n: number): Promise<KObject[]> {
    const namespace = this.map.out(owner.namespace)!;
    const objects = new Map<string, KObject[]>();
    for (const r of new Set(['pods', 'replicasets', 'jobs', owner.info.resource])) {
      objects.set(r, await this.api.list(resolveResource(r)!, { namespace }));
    }
    const pods = podsToDeleteFirstOf(new Snapshot(objects, Date), owner.info.resource, owner.name, namespace, n);
    return this.map.object(pods);
  }

  async deletePod(name: string, namespace: string): Promise<void> {
    await this.api.ok('DELETE', resourcePath(resolveResource('pods')!, this.map.out(namespace), name));
  }

  /** A custom resource by `<plural>.<group>` or `<singular>.<group>`, from the group's discovery document. */
  async resolveKind(word: string): Promise<ResourceInfo | undefined> {
    if (this.discovered.has(word)) return this.discovered.get(word);
    const dot = word.indexOf('.');
    let found: ResourceInfo | undefined;
    if (dot > 0) {
      const name = word.slice(0, dot),
        group = word.slice(dot + 1);
      const doc = await this.api.request('GET', `/apis/${group}`);
      const version = doc.status === 200 ? doc.body?.preferredVersion?.version : undefined;
      const list = version ? await this.api.request('GET', `/apis/${group}/${version}`) : undefined;
      const r = (list?.body?.resources ?? []).find(
        (x: any) =>
          !x.name.includes('/') && (x.name === name || x.singularName === name || (x.shortNames ?? []).includes(name)),
      );
      if (r)
        found = {
          kind: r.kind,
          resource: r.name,
          singular: r.singularName || r.kind.toLowerCase(),
          short: r.shortNames ?? [],
          group,
          version,
          namespaced: r.namespaced,
        };
    }
    // only a kind that is served is remembered: its CustomResourceDefinition may be established later in the scenario
    if (found) this.discovered.set(word, found);
    return found;
  }

  settled(done: () => Promise<boolean>): Promise<boolean> {
    return this.poll(done, this.settings.settleMs);
  }

  until(done: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    return this.settings.servedClock === 'manual' ? this.advanceUntil(done, limitMs) : this.poll(done, limitMs);
  }

  /**
   * A served cluster's manual clock is the cluster's time: waiting moves it, a second at a time, checking after
   * each, up to the limit exactly (as the model's advanceUntil, at a coarser grain); outside waits it stands still.
   */
  private async advanceUntil(done: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    for (let waited = 0; ; ) {
      if (await done()) return true;
      if (waited >= limitMs) return false;
      const by = Math.min(MANUAL_STEP_MS, limitMs - waited);
      await this.api.ok('POST', '/kspec/v1/time/advance', undefined, { by: `${by}ms` });
      waited += by;
    }
  }

  private async poll(done: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    const end = wallClock.now() + limitMs;
    for (;;) {
      if (await done()) return true;
      if (wallClock.now() >= end) return false;
      await wallClock.sleep(Math.min(this.settings.pollMs, Math.max(0, end - wallClock.now())));
    }
  }

  history(_key: ObjectKey, _limit: number): readonly TimelineEntry[] {
    return [];
  }

  start(): number {
    return this.started;
  }

  /** Deletes the scenario's namespace, or gives a served cluster back its first shape. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    fs.rmSync(this.kubeconfig, { force: true });
    if (this.map.actual) {
      const r = await this.api.request('DELETE', `/api/v1/namespaces/${this.map.actual}`);
      if (r.status >= 300 && r.status !== 404)
        throw new ApiError(r.status, r.body, `deleting namespace ${this.map.actual}`);
    } else {
      await this.api.ok('POST', '/kspec/v1/cluster', { nodes: this.settings.nodes });
    }
  }
}
