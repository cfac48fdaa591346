// NodeResourcesFit filter (framework/plugins/noderesources/fit.go, fitsRequest): the pod count, then cpu,
// memory, ephemeral-storage and extended resources against allocatable minus what assigned pods request.
import type { FilterPlugin } from '../framework';
import { CPU, EPHEMERAL, MEMORY, NodeInfo, PODS, PodState, unschedulable } from '../types';

/** A resource the node lacks (InsufficientResource): what the pod asks, what assigned pods use, allocatable. */
export interface InsufficientResource { resourceName: string; reason: string; requested: number; used: number; capacity: number }

/** What the node lacks for the pod, in fitsRequest's order (extended resources by name); empty when it fits. */
export function fits(state: PodState, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const allowedPods = node.allocatable[PODS] ?? 0;
  if (node.pods.size + 1 > allowedPods) out.push({ resourceName: PODS, reason: 'Too many pods', requested: 1, used: node.pods.size, capacity: allowedPods });
  if (state.requestsNothing) return out;
  const r = state.requests;
  const check = (k: string) => {
    const used = node.requested[k] ?? 0, capacity = node.allocatable[k] ?? 0;
    if ((r[k] ?? 0) > 0 && r[k] > capacity - used) out.push({ resourceName: k, reason: `Insufficient ${k}`, requested: r[k], used, capacity });
  };
  check(CPU); check(MEMORY); check(EPHEMERAL);
  for (const k of Object.keys(r).sort()) if (k !== CPU && k !== MEMORY && k !== EPHEMERAL && k !== PODS) check(k);
  return out;
}

/** The reasons a node cannot take the pod, in fitsRequest's order; empty when it fits. */
export function fitsRequest(state: PodState, node: NodeInfo): string[] { return fits(state, node).map((i) => i.reason); }

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(state, node) {
    const reasons = fitsRequest(state, node);
    return reasons.length ? unschedulable(...reasons) : undefined;
  },
};
