// The scheduler's view of nodes and pods (pkg/scheduler/framework/types.go): NodeInfo keeps what assigned pods
// request, so a scheduling attempt never sums pods; Status codes as framework/interface.go defines them.
import type { KObject } from '../api/meta';

/** Resource amounts: cpu in milli-cores, memory and storage in bytes, pods and extended resources as counts. */
export type Resources = Record<string, number>;

export const CPU = 'cpu', MEMORY = 'memory', EPHEMERAL = 'ephemeral-storage', PODS = 'pods';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A plugin's verdict; `plugin` names the plugin that rejected, for the queue's event matching. */
export interface Status { code: Code; reasons: string[]; plugin?: string }

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

/** A host port a container claims (NodePorts): protocol, host IP (0.0.0.0 for all), port. */
export interface HostPort { protocol: string; hostIP: string; port: number }

/** What one assigned pod contributes to its node; `pod` is the pod as last seen (labels, affinity). */
export interface PodUsage {
  uid: string; node: string; requested: Resources; nonZero: Resources; priority: number; key: string;
  pod?: KObject; ports?: HostPort[];
}

export class NodeInfo {
  node?: KObject;
  allocatable: Resources = {};
  /** Σ actual requests of the assigned pods */
  requested: Resources = {};
  /** Σ requests with 100m/200Mi for missing cpu/memory (scoring) */
  nonZeroRequested: Resources = {};
  pods = new Map<string, PodUsage>();

  constructor(readonly name: string) {}

  add(u: PodUsage): void { this.pods.set(u.key, u); addTo(this.requested, u.requested, 1); addTo(this.nonZeroRequested, u.nonZero, 1); }
  remove(key: string): void {
    const u = this.pods.get(key);
    if (!u) return;
    this.pods.delete(key);
    addTo(this.requested, u.requested, -1); addTo(this.nonZeroRequested, u.nonZero, -1);
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
}
