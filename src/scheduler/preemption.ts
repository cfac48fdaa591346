// DefaultPreemption, the PostFilter (framework/preemption/preemption.go Evaluator.Preempt and
// plugins/defaultpreemption/default_preemption.go). Nodes that failed UnschedulableAndUnresolvable are "not
// helpful"; on the others SelectVictimsOnNode removes every pod of lower priority, filters again, then reprieves
// the victims from the most important down while the pod still fits. The candidate with the lowest
// highest-priority victim, then the smallest sum of priorities, then the fewest victims wins. Its victims get
// the DisruptionTarget condition, a Preempted event and a graceful delete; the pod is nominated to the node.
// Simplification: PodDisruptionBudgets are not consulted, and nominated pods do not reserve room on their node
// for other pods' attempts.
import type { ApiServer } from '../apiserver/apiserver';
import type { FilterPlugin } from './framework';
import { fitErrorMessage } from './fit-error';
import { NodeInfo, PodState, PodUsage, Status, unresolvable } from './types';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Candidate { node: string; victims: PodUsage[] }
export type PreemptResult = { message: string } | Candidate;

const startOf = (u: PodUsage) => u.pod?.status?.startTime ?? u.pod?.metadata.creationTimestamp ?? '';

/** MoreImportantPod: higher priority first, then the earlier started. */
function moreImportant(a: PodUsage, b: PodUsage): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0;
}

function fits(state: PodState, info: NodeInfo, filters: FilterPlugin[], api: ApiServer): Status | undefined {
  let failed: Status | undefined;
  for (const f of filters) if ((failed = f.filter(state, info, api))) return failed;
  return undefined;
}

/** SelectVictimsOnNode: the fewest lower-priority pods whose removal lets the pod fit, or the failure. */
export function selectVictimsOnNode(state: PodState, info: NodeInfo, filters: FilterPlugin[], api: ApiServer): PodUsage[] | Status {
  const priority = state.pod.spec?.priority ?? 0;
  const lower = [...info.pods.values()].filter((u) => u.priority < priority);
  if (!lower.length) return unresolvable(NO_VICTIMS);
  const trial = new NodeInfo(info.name);
  trial.node = info.node; trial.allocatable = info.allocatable;
  for (const u of info.pods.values()) if (u.priority >= priority) trial.add(u);
  const failed = fits(state, trial, filters, api);
  if (failed) return failed;
  const victims: PodUsage[] = [];
  for (const u of lower.sort(moreImportant)) {
    trial.add(u);
    if (fits(state, trial, filters, api)) { trial.remove(u.key); victims.push(u); }
  }
  return victims;
}

/** pickOneNodeForPreemption, without the PDB criterion and the start-time tie-break. */
export function pickOneNode(candidates: Candidate[]): Candidate {
  const highest = (c: Candidate) => Math.max(...c.victims.map((v) => v.priority));
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0);
  return [...candidates].sort((a, b) => highest(a) - highest(b) || sum(a) - sum(b) || a.victims.length - b.victims.length)[0];
}

/** Preempt: a candidate node with its victims, or the PostFilter message saying why there is none. */
export function preempt(state: PodState, nodeToStatus: Map<string, Status>, infos: (name: string) => NodeInfo | undefined,
  filters: FilterPlugin[], api: ApiServer): PreemptResult {
  if (state.pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const statuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  for (const [name, s] of nodeToStatus) {
    const info = infos(name);
    if (s.code === 'UnschedulableAndUnresolvable' || !info) { statuses.set(name, unresolvable(NOT_HELPFUL)); continue; }
    const r = selectVictimsOnNode(state, info, filters, api);
    if (Array.isArray(r)) candidates.push({ node: name, victims: r });
    else statuses.set(name, r);
  }
  if (candidates.length) return pickOneNode(candidates);
  return { message: `preemption: ${fitErrorMessage(statuses.size, { nodeToStatus: statuses })}` };
}
