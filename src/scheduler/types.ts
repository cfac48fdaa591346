// The scheduler's view of nodes and pods (pkg/scheduler/framework/types.go): NodeInfo keeps what assigned pods
// request, so a scheduling attempt never sums pods; Status codes as framework/interface.go defines them.
import type { KObject } from '../api/meta';

/** Resource amounts: cpu in milli-cores, memory and storage in bytes, pods and extended resources as counts. */
export type Resources = Record<string, number>;

export const CPU = 'cpu',
  MEMORY = 'memory',
  EPHEMERAL = 'ephemeral-storage',
  PODS = 'pods';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A plugin's verdict; `plugin` names the plugin that rejected, for the queue's event matching. */
export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

/** A host port a container claims (NodePorts): protocol, host IP (0.0.0.0 for all), port. */
export interface HostPort {
  protocol: string;
  hostIP: string;
  port: number;
}

/** What one assigned pod contributes to its node; `pod` is the pod as last seen (labels, affinity). */
export interface PodUsage {
  uid: string;
  node: string;
  requested: Resources;
  nonZero: Resources;
  priority: number;
  key: string;
  pod?: KObject;
  ports?: HostPort[];
}

const NO_TAINTS: readonly any[] = Object.freeze([]);

/**
 * As framework.NodeInfo, whose Resource struct has fields for cpu, memory, ephemeral storage and the pod count:
 * those are kept as numbers beside the maps, so the filters and scores that run for hundreds of nodes per pod
 * read plain fields; the node's unschedulable flag and taints likewise.
 */
export class NodeInfo {
  private _node?: KObject;
  private _allocatable: Resources = {};
  /** Σ actual requests of the assigned pods */
  requested: Resources = {};
  /** Σ requests with 100m/200Mi for missing cpu/memory (scoring) */
  nonZeroRequested: Resources = {};
  pods = new Map<string, PodUsage>();
  allocCPU = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allowedPods = 0;
  /** pods.size */
  podCount = 0;
  reqCPU = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  unschedulable = false;
  taints: readonly any[] = NO_TAINTS;
  /** the node's labels (topology domains) */
  labels?: Record<string, string>;
  /** the node's index among the nodes being scored, set by each attempt's Score (valid while nodes[slot] is this node) */
  slot = -1;

  constructor(readonly name: string) {}

  get node(): KObject | undefined {
    return this._node;
  }
  set node(n: KObject | undefined) {
    this._node = n;
    this.unschedulable = !!n?.spec?.unschedulable;
    this.taints = n?.spec?.taints ?? NO_TAINTS;
    this.labels = n?.metadata.labels;
  }

  get allocatable(): Resources {
    return this._allocatable;
  }
  set allocatable(r: Resources) {
    this._allocatable = r;
    this.allocCPU = r[CPU] ?? 0;
    this.allocMemory = r[MEMORY] ?? 0;
    this.allocEphemeral = r[EPHEMERAL] ?? 0;
    this.allowedPods = r[PODS] ?? 0;
  }

  add(u: PodUsage): void {
    this.pods.set(u.key, u);
    this.podCount = this.pods.size;
    this.account(u, 1);
  }
  remove(key: string): void {
    const u = this.pods.get(key);
    if (!u) return;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    this.account(u, -1);
  }

  private account(u: PodUsage, sign: number): void {
    addTo(this.requested, u.requested, sign);
    addTo(this.nonZeroRequested, u.nonZero, sign);
    this.reqCPU += sign * (u.requested[CPU] ?? 0);
    this.reqMemory += sign * (u.requested[MEMORY] ?? 0);
    this.reqEphemeral += sign * (u.requested[EPHEMERAL] ?? 0);
    this.nonZeroCPU += sign * (u.nonZero[CPU] ?? 0);
    this.nonZeroMemory += sign * (u.nonZero[MEMORY] ?? 0);
  }
}

function addTo(into: Resources, r: Resources, sign: number): void {
  for (const k in r) into[k] = (into[k] ?? 0) + sign * r[k];
}

/** What PreFilter computes once per attempt (CycleState). */
export interface PodState {
  pod: KObject;
  requests: Resources;
  nonZero: Resources;
  /** requests other than the pod count are all zero */
  requestsNothing: boolean;
  /** the requested extended resources, sorted (NodeResourcesFit checks them in this order) */
  extended: string[];
  /** requests of cpu (milli-cores), memory, ephemeral-storage; cpu and memory with the scoring defaults */
  cpu: number;
  memory: number;
  ephemeral: number;
  nonZeroCPU: number;
  nonZeroMemory: number;
}
