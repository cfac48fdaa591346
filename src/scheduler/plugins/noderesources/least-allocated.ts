// NodeResourcesFit's default scoring strategy, LeastAllocated (noderesources/least_allocated.go), over cpu and
// memory with weight 1 each, counting missing requests as 100m / 200Mi (resource_allocation.go useRequested=false).
import type { ScorePlugin } from '../../framework';
import type { NodeInfo, PodState } from '../../types';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * 100) / capacity);
}

/** Weighted average over resources whose allocatable is non-zero (integer division, as Go). */
export function leastAllocatedScore(
  requested: number[],
  allocatable: number[],
  weights: number[] = requested.map(() => 1),
): number {
  let score = 0,
    weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    score += leastRequestedScore(requested[i], allocatable[i]) * weights[i];
    weightSum += weights[i];
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

export const leastAllocatedPlugin: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(state: PodState, node: NodeInfo) {
    // leastAllocatedScore over cpu and memory, weight 1 each, without building its arrays for every node
    const cpu = node.allocCPU,
      memory = node.allocMemory;
    let score = 0,
      weights = 0;
    if (cpu !== 0) {
      score += leastRequestedScore(node.nonZeroCPU + state.nonZeroCPU, cpu);
      weights++;
    }
    if (memory !== 0) {
      score += leastRequestedScore(node.nonZeroMemory + state.nonZeroMemory, memory);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(score / weights);
  },
};
