// NodeResourcesFit filter (framework/plugins/noderesources/fit.go, fitsRequest): the pod count, then cpu,
// memory, ephemeral-storage and extended resources against allocatable minus what assigned pods request.
// The pod's extended resources are listed and sorted once per attempt (PodState.extended), so a node costs a
// few comparisons and no allocation unless it fails.
import type { ClusterEvent, FilterPlugin } from '../../framework';
import { CPU, EPHEMERAL, MEMORY, type NodeInfo, PODS, type PodState, unschedulable } from '../../types';

export const NAME = 'NodeResourcesFit';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['AssignedPodDelete', 'NodeAdd', 'NodeAllocatable'];

/** A resource the node lacks (InsufficientResource): what the pod asks, what assigned pods use, allocatable. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

const FITS: readonly string[] = Object.freeze([]);

type Short = (resourceName: string, requested: number, used: number, capacity: number) => void;
const reasonOf = (name: string) => (name === PODS ? 'Too many pods' : `Insufficient ${name}`);

/** fitsRequest's walk: calls `short` for each resource the node lacks, in its order (extended ones by name). */
function eachShort(state: PodState, node: NodeInfo, short: Short): void {
  if (node.podCount + 1 > node.allowedPods) short(PODS, 1, node.podCount, node.allowedPods);
  if (state.requestsNothing) return;
  const { cpu, memory, ephemeral } = state;
  if (cpu > 0 && cpu > node.allocCPU - node.reqCPU) short(CPU, cpu, node.reqCPU, node.allocCPU);
  if (memory > 0 && memory > node.allocMemory - node.reqMemory) short(MEMORY, memory, node.reqMemory, node.allocMemory);
  if (ephemeral > 0 && ephemeral > node.allocEphemeral - node.reqEphemeral)
    short(EPHEMERAL, ephemeral, node.reqEphemeral, node.allocEphemeral);
  for (const k of state.extended) {
    const used = node.requested[k] ?? 0,
      capacity = node.allocatable[k] ?? 0;
    if (state.requests[k] > capacity - used) short(k, state.requests[k], used, capacity);
  }
}

// fitsRequest's collector is one function for every call, so a node that fits allocates nothing
let collected: string[] | undefined;
const collectReason: Short = (k) => {
  (collected ??= []).push(reasonOf(k));
};

/** The reasons a node cannot take the pod, in fitsRequest's order; empty when it fits. */
export function fitsRequest(state: PodState, node: NodeInfo): readonly string[] {
  collected = undefined;
  eachShort(state, node, collectReason);
  const reasons = collected;
  collected = undefined;
  return reasons ?? FITS;
}

/** What the node lacks for the pod, with the amounts (the kubelet's admission message); empty when it fits. */
export function fits(state: PodState, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  eachShort(state, node, (resourceName, requested, used, capacity) =>
    out.push({ resourceName, reason: reasonOf(resourceName), requested, used, capacity }),
  );
  return out;
}

/** The pod's requested extended resources (not cpu, memory, ephemeral-storage or pods; non-zero), sorted. */
export function extendedResources(requests: Record<string, number>): string[] {
  return Object.keys(requests)
    .filter((k) => k !== CPU && k !== MEMORY && k !== EPHEMERAL && k !== PODS && requests[k] !== 0)
    .sort();
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: NAME,
  filter(state, node) {
    const reasons = fitsRequest(state, node);
    return reasons.length ? unschedulable(...reasons) : undefined;
  },
};
