// NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go): (1 - std of the requested/allocatable
// fractions) x 100, over actual requests (useRequested=true); with two resources std = |f1 - f2| / 2.
import type { ScorePlugin } from '../../framework';
import type { NodeInfo, PodState } from '../../types';

export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * 100);
}

export const balancedAllocationPlugin: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(state: PodState, node: NodeInfo) {
    // balancedResourceScore over cpu and memory without building its arrays for every node
    const cpu = node.allocCPU,
      memory = node.allocMemory;
    if (cpu === 0 || memory === 0) {
      // one fraction (or none): the deviation is 0
      return 100;
    }
    const f1 = Math.min((node.reqCPU + state.cpu) / cpu, 1),
      f2 = Math.min((node.reqMemory + state.memory) / memory, 1);
    return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * 100);
  },
};
