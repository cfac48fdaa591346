// NodeResourcesFit filter (framework/plugins/noderesources/fit.go, fitsRequest): the pod count, then cpu,
// memory, ephemeral-storage and extended resources against allocatable minus what assigned pods request.
import type { FilterPlugin } from '../framework';
import { CPU, EPHEMERAL, MEMORY, NodeInfo, PODS, PodState, unschedulable } from '../types';

/** The reasons a node cannot take the pod, in fitsRequest's order; empty when it fits. */
export function fitsRequest(state: PodState, node: NodeInfo): string[] {
  const reasons: string[] = [];
  const allowedPods = node.allocatable[PODS] ?? 0;
  if (node.pods.size + 1 > allowedPods) reasons.push('Too many pods');
  if (state.requestsNothing) return reasons;
  const r = state.requests;
  const free = (k: string) => (node.allocatable[k] ?? 0) - (node.requested[k] ?? 0);
  if ((r[CPU] ?? 0) > 0 && r[CPU] > free(CPU)) reasons.push('Insufficient cpu');
  if ((r[MEMORY] ?? 0) > 0 && r[MEMORY] > free(MEMORY)) reasons.push('Insufficient memory');
  if ((r[EPHEMERAL] ?? 0) > 0 && r[EPHEMERAL] > free(EPHEMERAL)) reasons.push('Insufficient ephemeral-storage');
  for (const k of Object.keys(r).sort()) {
    if (k === CPU || k === MEMORY || k === EPHEMERAL || k === PODS || r[k] === 0) continue;
    if (r[k] > free(k)) reasons.push(`Insufficient ${k}`);
  }
  return reasons;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(state, node) {
    const reasons = fitsRequest(state, node);
    return reasons.length ? unschedulable(...reasons) : undefined;
  },
};
