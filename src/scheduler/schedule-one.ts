// One scheduling attempt (pkg/scheduler/schedule_one.go): PreFilter, Filter from the rotating start index until
// enough feasible nodes are found, Score with plugin weights, and a host chosen among the top scores by
// reservoir sampling with the cluster's seeded rng.
import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';
import type { FilterPlugin, PreBindPlugin, PreFilterPlugin, ReservePlugin, ScorePlugin } from './framework';
import type { Diagnosis } from './fit-error';
import { CPU, EPHEMERAL, MEMORY, NodeInfo, type PodState, type PodUsage, type Status } from './types';
import { podRequests } from './plugins/noderesources/resource-allocation';
import { extendedResources } from './plugins/noderesources/fit';

const NONE: PodUsage[] = [];

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
export const BASE_PERCENTAGE_OF_NODES_TO_SCORE = 50;

/** numFeasibleNodesToFind with the default (adaptive) percentageOfNodesToScore. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = BASE_PERCENTAGE_OF_NODES_TO_SCORE - Math.trunc(numAllNodes / 125);
  if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export function podState(pod: KObject): PodState {
  const requests = podRequests(pod.spec);
  const requestsNothing = Object.entries(requests).every(([k, v]) => k === 'pods' || v === 0);
  const nonZero = podRequests(pod.spec, true);
  return {
    pod,
    requests,
    nonZero,
    requestsNothing,
    extended: extendedResources(requests),
    cpu: requests[CPU] ?? 0,
    memory: requests[MEMORY] ?? 0,
    ephemeral: requests[EPHEMERAL] ?? 0,
    nonZeroCPU: nonZero[CPU] ?? 0,
    nonZeroMemory: nonZero[MEMORY] ?? 0,
  };
}

export interface Profile {
  preFilters: PreFilterPlugin[];
  filters: FilterPlugin[];
  scores: ScorePlugin[];
  reserves?: ReservePlugin[];
  preBinds?: PreBindPlugin[];
}

export type ScheduleResult = { node: string } | { diagnosis: Diagnosis; numAllNodes: number };

export class Algorithm {
  nextStartNodeIndex = 0;

  /**
   * @param nominatedOn the pods nominated to a node (by preemption) that the pod must leave room for: those of
   *   at least its priority (addNominatedPods in runtime/framework.go)
   */
  constructor(
    private profile: Profile,
    private api: ApiServer,
    private nominatedOn: (node: string, pod: PodState) => PodUsage[] = () => [],
    private anyNominated: () => boolean = () => true,
  ) {}

  schedule(state: PodState, nodes: NodeInfo[]): ScheduleResult {
    const nodeToStatus = new Map<string, Status>();
    for (const p of this.profile.preFilters) {
      const s = p.preFilter(state, this.api);
      if (s) {
        s.plugin = p.name;
        // the PreFilter status applies to every node (schedule_one.go findNodesThatFitPod)
        for (const n of nodes) nodeToStatus.set(n.name, s);
        return { diagnosis: { nodeToStatus, preFilterMsg: s.reasons.join(', ') }, numAllNodes: nodes.length };
      }
    }
    const filters = this.profile.filters.filter((f) => !f.skip?.(state));
    const feasible = this.findFeasible(state, nodes, nodeToStatus, filters);
    if (!feasible.length) return { diagnosis: { nodeToStatus }, numAllNodes: nodes.length };
    if (feasible.length === 1) return { node: feasible[0].name };
    return { node: this.selectHost(feasible, this.prioritize(state, feasible)) };
  }

  private findFeasible(
    state: PodState,
    nodes: NodeInfo[],
    nodeToStatus: Map<string, Status>,
    filters: FilterPlugin[],
  ): NodeInfo[] {
    const want = numFeasibleNodesToFind(nodes.length);
    const feasible: NodeInfo[] = [];
    const n = nodes.length;
    const nominations = this.anyNominated();
    let processed = 0;
    for (; processed < n && feasible.length < want; processed++) {
      const info = nodes[(this.nextStartNodeIndex + processed) % n];
      const nominated = nominations ? this.nominatedOn(info.name, state) : NONE;
      const target = nominated.length ? withPods(info, nominated) : info;
      let failed: Status | undefined;
      for (const f of filters)
        if ((failed = f.filter(state, target, this.api))) {
          failed.plugin = f.name;
          break;
        }
      if (failed) nodeToStatus.set(info.name, failed);
      else feasible.push(info);
    }
    this.nextStartNodeIndex = n ? (this.nextStartNodeIndex + processed) % n : 0;
    return feasible;
  }

  /** Each feasible node's weighted total, in the nodes' order. */
  private prioritize(state: PodState, feasible: NodeInfo[]): number[] {
    const totals = new Array<number>(feasible.length).fill(0);
    const scores = new Array<number>(feasible.length);
    // a plugin scoring all nodes at once finds a node's place among them by its slot (see NodeInfo.slot)
    for (let i = 0; i < feasible.length; i++) feasible[i].slot = i;
    for (const p of this.profile.scores) {
      if (p.skip?.(state)) continue;
      p.preScore?.(state, feasible);
      if (p.scoreNodes) p.scoreNodes(state, feasible, scores);
      else for (let i = 0; i < feasible.length; i++) scores[i] = p.score(state, feasible[i]);
      p.normalize?.(scores, state, feasible);
      for (let i = 0; i < feasible.length; i++) totals[i] += scores[i] * p.weight;
    }
    return totals;
  }

  /** selectHost: the highest total; ties broken uniformly at random (reservoir sampling). */
  private selectHost(nodes: NodeInfo[], totals: number[]): string {
    let best = 0,
      count = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        count = 1;
      } else if (totals[i] === totals[best]) {
        count++;
        if (this.api.rng.int(count) === 0) best = i;
      }
    }
    return nodes[best].name;
  }
}

/** A copy of the node's info with more pods on it. */
function withPods(info: NodeInfo, extra: PodUsage[]): NodeInfo {
  const copy = new NodeInfo(info.name);
  copy.node = info.node;
  copy.allocatable = info.allocatable;
  for (const u of info.pods.values()) copy.add(u);
  for (const u of extra) copy.add(u);
  return copy;
}
