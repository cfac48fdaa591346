// NodeResourcesFit filter (framework/plugins/noderesources/fit.go, fitsRequest): the pod count, then cpu,
// memory, ephemeral-storage and extended resources against allocatable minus what assigned pods request.
// The pod's extended resources are listed and sorted once per attempt (PodState.extended), so a node costs a
// few comparisons and no allocation unless it fails.
import type { FilterPlugin } from '../framework';
import { CPU, EPHEMERAL, MEMORY, NodeInfo, PODS, PodState, unschedulable } from '../types';

const FITS: readonly string[] = Object.freeze([]);

const free = (node: NodeInfo, k: string): number => (node.allocatable[k] ?? 0) - (node.requested[k] ?? 0);

/** The reasons a node cannot take the pod, in fitsRequest's order; empty when it fits. */
export function fitsRequest(state: PodState, node: NodeInfo): readonly string[] {
  let reasons: string[] | undefined;
  if (node.podCount + 1 > node.allowedPods) reasons = ['Too many pods'];
  if (state.requestsNothing) return reasons ?? FITS;
  const { cpu, memory, ephemeral } = state;
  if (cpu > 0 && cpu > node.allocCPU - node.reqCPU) (reasons ??= []).push('Insufficient cpu');
  if (memory > 0 && memory > node.allocMemory - node.reqMemory) (reasons ??= []).push('Insufficient memory');
  if (ephemeral > 0 && ephemeral > node.allocEphemeral - node.reqEphemeral) (reasons ??= []).push('Insufficient ephemeral-storage');
  if (state.extended.length) for (const k of state.extended) if (state.requests[k] > free(node, k)) (reasons ??= []).push(`Insufficient ${k}`);
  return reasons ?? FITS;
}

/** The pod's requested extended resources (not cpu, memory, ephemeral-storage or pods; non-zero), sorted. */
export function extendedResources(requests: Record<string, number>): string[] {
  return Object.keys(requests).filter((k) => k !== CPU && k !== MEMORY && k !== EPHEMERAL && k !== PODS && requests[k] !== 0).sort();
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(state, node) {
    const reasons = fitsRequest(state, node);
    return reasons.length ? unschedulable(...reasons) : undefined;
  },
};
