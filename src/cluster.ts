// The facade that steps and library users call: one embedded cluster, a value with no global state.
//   const c = createCluster({ nodes: 3, seed: 'my scenario' });
//   c.apply(yaml); c.kubectl('scale deployment web --replicas=5'); c.advance('30s'); c.get('pods', 'web-0')

import { VirtualClock, DEFAULT_START } from './runtime/clock';
import { Rng } from './runtime/random';
import { Timeline, type TimelineEntry } from './apiserver/timeline';
import { Runtime, type InternalError } from './runtime/runtime';
import { parseDuration } from './runtime/duration';
import { Store } from './store/store';
import { type ClusterNetworking, DEFAULT_NETWORKING, validateNetworking } from './api/networking';
import { ApiServer, type ListOptions } from './apiserver/apiserver';
import { EventRecorder } from './client/recorder';
import { isConflict } from './api/errors';
import type { ControllerContext } from './client/controller';
import type { KObject } from './api/meta';
import { registerDefaults } from './apiserver/register-defaults';
import { registerValidation } from './apiserver/register-validation';
import { registerAdmission } from './apiserver/admission';
import { registerApiExtensions } from './apiserver/apiextensions/serve';
import { startControllers } from './controllers';
import { Scheduler } from './scheduler/scheduler';
import type { Kubelets } from './kubelet/kubelets';
import { Kubelet } from './kubelet/kubelet';
import type { NodeStatusReporter } from './kubelet/node-status';
import { Disks } from './world/disks';
import type { VolumeManager } from './kubelet/volumes/manager';
import { httpRequest } from './network/traffic/http';
import { connect } from './network/traffic/connect';
import { resolve } from './network/dns/resolve';
import { ExternalProvisioners } from './controllers/volume/provisioners/controller';
import { CSIAttacher } from './controllers/volume/attachdetach/csi-attacher';
import { RECYCLER_IMAGE } from './controllers/volume/persistentvolume/recycler';
import { ImageBehaviours } from './world/images';
import { type NodeSpec, nodeObject } from './kubelet/node';
import { bootstrap } from './bootstrap';
import { runKubectl } from './kubectl/kubectl';
import type { CommandResult } from './util/command';
import type { KubectlEnv } from './kubectl/env';
import { removedApiHints } from './kubectl/removed-apis';
import { createHandler, ADMIN } from './server/handler';
import { withDefaultGroups } from './apiserver/authorization/rbac';
import { isInternalError } from './runtime/runtime';
import { Network } from './network/network';
import { CloudProvider } from './world/cloud';
import type { ProxyMode } from './network/proxy/kube-proxy';
import { IngressNginx } from './network/ingress/nginx';
import { IngressStatusSync } from './network/ingress/status';

export type { NodeSpec } from './kubelet/node';
export type { CommandResult } from './util/command';

export interface ClusterOptions {
  /** a node count (node-1 … node-N, default 3) or the nodes themselves */
  nodes?: number | NodeSpec[];
  /** seeds names, IPs and tie-breaks; the same seed gives the same run */
  seed?: string | number;
  /** virtual start time, ms since the epoch */
  start?: number;
  /** keep the timeline of writes and events (default true; benchmarks turn it off) */
  timeline?: boolean;
  /** kubeadm's `networking.podSubnet` (default 10.244.0.0/16): node IPAM gives each node a CIDR of it */
  podSubnet?: string;
  /** kubeadm's `networking.serviceSubnet` (default 10.96.0.0/12): cluster IPs, `kubernetes` at its first address, kube-dns at its tenth */
  serviceSubnet?: string;
  /** node IPAM's `--node-cidr-mask-size` (default 24): a /16 pod subnet holds 256 node CIDRs, the control plane's included */
  nodeCIDRMaskSize?: number;
  /** timeline entries kept before the oldest half is summarised (default TIMELINE_LIMIT, 100,000) */
  timelineLimit?: number;
  /** kube-proxy's mode on every node (default iptables) */
  proxyMode?: ProxyMode;
  /** kube-apiserver's `--event-ttl`: how long an Event stays after its last write (default 1h; `'2h'` or milliseconds) */
  eventTTL?: number | string;
  /** how many pods (and claims) the cluster holds before creates are refused (default 10,000; src/apiserver/capacity.ts) */
  maxObjects?: number;
}

/** A kubectl command that failed, with kubectl's error output (and kspec's hints for removed API versions). */
export class KubectlError extends Error {
  constructor(readonly result: CommandResult) {
    super([result.stderr.trim() || `exit status ${result.exitCode}`, ...removedApiHints(result.stderr)].join('\n'));
    this.name = 'KubectlError';
  }
}

export class Cluster {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly store = new Store();
  readonly api: ApiServer;
  readonly runtime: Runtime;
  readonly recorder: EventRecorder;
  readonly images = new ImageBehaviours();
  readonly scheduler: Scheduler;
  /** the node agent: pod workers, node status, volume manager (src/kubelet/kubelet.ts) */
  readonly kubelet: Kubelet;
  readonly kubelets: Kubelets;
  /** kube-proxy on each node, traffic routing and the Ingress hook (built on first use) */
  readonly network: Network;
  /** the ingress-nginx controller: it routes HTTP requests that reach it; its status sync runs as a controller */
  readonly ingress: IngressNginx;
  /** the simulated cloud (its load balancers), or none: the service controller and the network ask it */
  readonly cloudProvider = new CloudProvider();
  /** the kubelets' node status and Lease heartbeats */
  readonly nodeStatus: NodeStatusReporter;
  /** nodes' disks and NFS exports: what volumes hold */
  readonly disks = new Disks();
  /** the kubelets' volume managers: the files each container sees (src/kubelet/volumes/files.ts) */
  readonly volumes: VolumeManager;
  /** files on the machine kubectl runs on, given by steps (`a file "redis.conf" with:`); read before the disk */
  readonly localFiles = new Map<string, string>();
  /** the user kubectl and apply run as (a kubeconfig's user, `Given I am "jane"`); unset: the cluster admin */
  user?: { name: string; groups?: string[] };
  /** kubectl's world: the API server's request handler, as the user, with local files and time passing while it waits */
  readonly kubectlEnv: KubectlEnv;
  private readonly history: Timeline;
  private nodeCount = 0;

  constructor(opts: ClusterOptions = {}) {
    this.clock = new VirtualClock(opts.start ?? DEFAULT_START);
    this.rng = new Rng(opts.seed ?? 'kspec');
    this.history = new Timeline(opts.timelineLimit);
    this.history.enabled = opts.timeline ?? true;
    this.api = new ApiServer(this.store, this.clock, this.rng, this.history);
    if (opts.maxObjects !== undefined) this.api.maxObjects = opts.maxObjects;
    this.runtime = new Runtime(this.clock, { running: (w) => this.api.running(w), isConflict });
    this.api.networking = clusterNetworking(opts);
    if (opts.eventTTL !== undefined)
      this.api.eventExpiry.ttlMs = typeof opts.eventTTL === 'number' ? opts.eventTTL : parseDuration(opts.eventTTL);
    this.recorder = new EventRecorder(this.api);
    registerDefaults(this.api);
    registerValidation(this.api);
    registerAdmission(this.api);
    registerApiExtensions(this.api);
    const ctx: ControllerContext = { api: this.api, runtime: this.runtime, recorder: this.recorder };
    startControllers(ctx, this.cloudProvider);
    this.scheduler = new Scheduler(ctx);
    this.kubelet = new Kubelet(ctx, this.images, this.disks, {
      route: (from, url) =>
        httpRequest(this.network, { kind: 'pod', namespace: from.metadata.namespace!, pod: from }, url),
      resolveIP: (from, host) => {
        const r = resolve(this.api, { pod: from }, host);
        return r.kind === 'A' ? r.ips[0] : undefined;
      },
      connect: (from, target) =>
        connect(this.network, { kind: 'pod', namespace: from.metadata.namespace!, pod: from }, target),
    });
    this.kubelets = this.kubelet.pods;
    this.nodeStatus = this.kubelet.status;
    this.volumes = this.kubelet.volumes;
    this.network = new Network(this.api, opts.seed ?? 'kspec');
    if (opts.proxyMode) this.network.setMode(opts.proxyMode);
    this.ingress = new IngressNginx(this.api);
    new IngressStatusSync(ctx);
    this.network.ingressRouter = (_api, req) => this.ingress.decide(req);
    // a connection the network delivers to a pod reaches a program only if one listens on the port
    this.network.listens = (pod, port) => this.kubelets.listens(pod, port);
    // the recycler pod's image empties its /scrub mount and exits
    this.images.set(RECYCLER_IMAGE, { exitCode: 0, exitAfterMs: 0, empties: ['/scrub'] });
    // the simulated external provisioners write to the same disks
    this.network.loadBalancerHosts = (ip) => this.cloudProvider.cloud?.hostsForIP(ip);
    new ExternalProvisioners(ctx, this.disks);
    new CSIAttacher(ctx);
    this.kubectlEnv = this.kubectlEnvironment();
    bootstrap(this.api);
    const nodes = opts.nodes ?? 3;
    const specs =
      typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` })) : nodes;
    for (const n of specs) this.addNode(n, false);
    this.converge();
    this.bootstrapEntries = this.history.entries.length;
  }

  /** how many timeline entries the cluster's creation wrote (namespaces, system objects, nodes): reports skip them */
  bootstrapEntries = 0;

  /** Registers a Ready node, as its kubelet would on joining. */
  addNode(spec: NodeSpec, converge = true): KObject {
    const node = this.api.create(nodeObject(spec, ++this.nodeCount, this.clock));
    if (converge) this.converge();
    return node;
  }

  /** The node's kubelet stops: no heartbeats, no pod changes; the node lifecycle controller notices after its grace period. */
  failNode(name: string): void {
    this.api.get('nodes', undefined, name);
    this.kubelet.stop(name);
    this.converge();
  }

  /** The node's kubelet starts again: it reports Ready and resyncs its pods. */
  recoverNode(name: string): void {
    this.api.get('nodes', undefined, name);
    this.kubelet.start(name);
    this.converge();
  }

  /** No cloud provider, as on kubeadm: LoadBalancer Services stay `<pending>` (call before creating any). */
  withoutCloudProvider(): void {
    this.cloudProvider.remove();
  }

  /** Deletes the Node object. */
  removeNode(name: string): void {
    this.api.delete('nodes', undefined, name);
    this.converge();
  }

  /** `kubectl apply -f -` of one or more YAML documents, then converge. Throws KubectlError on rejection. */
  apply(yaml: string, opts: { cwd?: string } = {}): CommandResult {
    const r = this.kubectl('apply -f -', { stdin: yaml, cwd: opts.cwd });
    if (r.exitCode !== 0) throw new KubectlError(r);
    return r;
  }

  /** One kubectl command line (with or without the leading `kubectl`), then converge. */
  kubectl(line: string, opts: { stdin?: string; cwd?: string } = {}): CommandResult {
    const result = runKubectl(this.kubectlEnv, line, opts);
    this.converge();
    return result;
  }

  get<T extends KObject = KObject>(kind: string, name: string, namespace?: string): T {
    return this.api.get<T>(this.resource(kind), namespace, name);
  }
  tryGet<T extends KObject = KObject>(kind: string, name: string, namespace?: string): T | undefined {
    return this.api.tryGet<T>(this.resource(kind), namespace, name);
  }
  list<T extends KObject = KObject>(kind: string, opts: ListOptions = {}): T[] {
    return this.api.list<T>(this.resource(kind), opts);
  }

  converge(): void {
    this.runtime.converge();
  }

  /** Bugs met so far (JavaScript errors in reconciles, timers or kubectl), each with where it happened. */
  get internalErrors(): readonly InternalError[] {
    return this.runtime.internalErrors;
  }

  /** Advances virtual time (`'30s'`, `'5 minutes'` or milliseconds), firing what falls due in order. */
  advance(d: number | string): void {
    this.runtime.advance(typeof d === 'number' ? d : parseDuration(d));
  }

  /** Advances until the condition holds or the limit passes; returns whether it held. */
  advanceUntil(done: () => boolean, limit: number | string = '5m'): boolean {
    return this.runtime.advanceUntil(done, typeof limit === 'number' ? limit : parseDuration(limit));
  }

  /** Every write and Event so far, in virtual-time order. */
  timeline(): readonly TimelineEntry[] {
    return this.history.entries;
  }
  /** When the timeline began and how many entries it has had (its oldest are summarised past TIMELINE_LIMIT). */
  timelineStart(): number {
    return this.history.start ?? this.clock.now();
  }
  timelineTotal(): number {
    return this.history.total;
  }
  /** Each object's state when the kept entries begin (the first `snapshot` entries, one instant), then the entries: what a replay (a rollout's) reads. */
  timelineHistory(): { entries: readonly TimelineEntry[]; snapshot: number } {
    return this.history.history();
  }
  timelineOf(kind: string, name: string, namespace?: string, limit?: number): TimelineEntry[] {
    const r = this.api.resources.resolve(kind)!;
    return this.history.about(r.resource, r.namespaced ? (namespace ?? 'default') : undefined, name, limit);
  }

  /** kubectl's environment: the served API's handler in process (watches start the cache on demand), as the current user. */
  private kubectlEnvironment(): KubectlEnv {
    const report = (where: string, e: unknown) => {
      if (isInternalError(e)) this.runtime.reportInternal(where, e);
    };
    const handler = createHandler(this, { watchCacheOnDemand: true, onInternalError: report });
    const cluster = this;
    return {
      server: (req) => handler.handle(req),
      get user() {
        return cluster.user ? withDefaultGroups(cluster.user.name, cluster.user.groups ?? []) : ADMIN;
      },
      files: this.localFiles,
      random: this.rng,
      now: () => this.clock.now(),
      wait: (done, limitMs) => this.advanceUntil(done, limitMs),
      reportInternal: report,
    };
  }

  private resource(kind: string): string {
    const r = this.api.resources.resolve(kind);
    if (!r) throw new Error(`the server doesn't have a resource type "${kind}"`);
    return r.resource;
  }
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}

/** The networking options with kubeadm's defaults; invalid ones fail as `kubeadm init` does, before anything starts. */
function clusterNetworking(opts: ClusterOptions): ClusterNetworking {
  const n: ClusterNetworking = {
    podSubnet: opts.podSubnet ?? DEFAULT_NETWORKING.podSubnet,
    serviceSubnet: opts.serviceSubnet ?? DEFAULT_NETWORKING.serviceSubnet,
    nodeCIDRMaskSize: opts.nodeCIDRMaskSize ?? DEFAULT_NETWORKING.nodeCIDRMaskSize,
  };
  const errs = validateNetworking(n);
  if (errs.length) throw new Error(errs.join('\n'));
  return n;
}
