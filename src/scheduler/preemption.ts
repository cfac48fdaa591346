// DefaultPreemption, the PostFilter (framework/preemption/preemption.go Evaluator.Preempt and
// plugins/defaultpreemption/default_preemption.go). A pod may not preempt with preemptionPolicy Never, nor while a
// pod it preempted is still terminating on its nominated node (PodEligibleToPreemptOthers). Nodes that failed
// UnschedulableAndUnresolvable are "not helpful"; on the others SelectVictimsOnNode removes every pod of lower
// priority, filters again, then reprieves the victims from the most important down while the pod still fits:
// first those whose eviction would take a PodDisruptionBudget below zero allowed disruptions, then the others; the
// violating ones that stay victims are counted. pickOneNodeForPreemption: the candidate with the fewest PDB
// violations, then the lowest highest-priority victim, then the smallest sum of priorities, then the fewest
// victims, then the latest start of its highest-priority victims wins. Its victims get the DisruptionTarget
// condition, a Preempted event and a graceful delete; the pod is nominated to the node. With no candidate, the
// pod's nomination is cleared. Simplification: nominated pods do not reserve room on their node for other pods'
// attempts.
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { FilterPlugin } from './framework';
import type { KObject } from '../api/meta';
import { fromLabelSelector, matches } from '../api/selectors';
import { fitErrorMessage } from './fit-error';
import { NodeInfo, type PodState, type PodUsage, type Status, unresolvable } from './types';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Candidate {
  node: string;
  victims: PodUsage[];
  numPDBViolations?: number;
}
/** No candidate: the PostFilter message, and whether the pod's nominatedNodeName is cleared (a result with an
 *  empty nominated node) or left as it is (no result: not eligible to preempt). */
export type PreemptResult = { message: string; clearNomination: boolean } | Candidate;

export const TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** GetPodStartTime: status.startTime, or now for a pod not started yet (later than every start). */
const startOf = (u: PodUsage): string => u.pod?.status?.startTime ?? '\uffff';

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

/**
 * filterPodsWithPDBViolation: each pod spends one of its budgets' allowed disruptions (unless the budget lists it
 * in disruptedPods already); a pod that takes one below zero is violating. A budget with an empty selector
 * matches nothing here.
 */
export function filterPodsWithPDBViolation(
  victims: PodUsage[],
  pdbs: KObject[],
): { violating: PodUsage[]; nonViolating: PodUsage[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((pdb) => fromLabelSelector(pdb.spec?.selector));
  const violating: PodUsage[] = [],
    nonViolating: PodUsage[] = [];
  for (const u of victims) {
    const meta = u.pod?.metadata;
    let violated = false;
    if (meta && Object.keys(meta.labels ?? {}).length) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i];
        if (pdb.metadata.namespace !== meta.namespace || !sel?.length || !matches(sel, meta.labels)) return;
        if (pdb.status?.disruptedPods?.[meta.name!] !== undefined) return;
        if (--allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(u);
  }
  return { violating, nonViolating };
}

/** SelectVictimsOnNode: the fewest lower-priority pods whose removal lets the pod fit and how many of them violate a budget, or the failure. */
export function selectVictimsOnNode(
  state: PodState,
  info: NodeInfo,
  filters: FilterPlugin[],
  api: ApiServer,
  pdbs: KObject[] = [],
): { victims: PodUsage[]; numPDBViolations: number } | Status {
  const priority = state.pod.spec?.priority ?? 0;
  const lower = [...info.pods.values()].filter((u) => u.priority < priority);
  if (!lower.length) return unresolvable(NO_VICTIMS);
  const trial = new NodeInfo(info.name);
  trial.node = info.node;
  trial.allocatable = info.allocatable;
  for (const u of info.pods.values()) if (u.priority >= priority) trial.add(u);
  const failed = fits(state, trial, filters, api);
  if (failed) return failed;
  const victims: PodUsage[] = [];
  const reprieve = (u: PodUsage) => {
    trial.add(u);
    if (fits(state, trial, filters, api)) {
      trial.remove(u.key);
      victims.push(u);
      return false;
    }
    return true;
  };
  const { violating, nonViolating } = filterPodsWithPDBViolation(lower.sort(moreImportant), pdbs);
  let numPDBViolations = 0;
  for (const u of violating) if (!reprieve(u)) numPDBViolations++;
  for (const u of nonViolating) reprieve(u);
  return { victims, numPDBViolations };
}

/** GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
export function earliestStartOfHighest(victims: PodUsage[]): string {
  const highest = Math.max(...victims.map((v) => v.priority));
  let earliest = '\uffff';
  for (const v of victims) if (v.priority === highest && startOf(v) < earliest) earliest = startOf(v);
  return earliest;
}

/** pickOneNodeForPreemption: each criterion keeps the best candidates; the first candidate wins a tie on every one. */
export function pickOneNode(candidates: Candidate[]): Candidate {
  const highest = (c: Candidate) => Math.max(...c.victims.map((v) => v.priority));
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0);
  const start = (c: Candidate) => earliestStartOfHighest(c.victims);
  const later = (x: string, y: string) => (x > y ? -1 : x < y ? 1 : 0);
  return [...candidates].sort(
    (a, b) =>
      (a.numPDBViolations ?? 0) - (b.numPDBViolations ?? 0) ||
      highest(a) - highest(b) ||
      sum(a) - sum(b) ||
      a.victims.length - b.victims.length ||
      later(start(a), start(b)),
  )[0];
}

/** podTerminatingByPreemption: being deleted, with the DisruptionTarget condition the preemption gave it. */
function terminatingByPreemption(pod: KObject | undefined): boolean {
  return (
    !!pod?.metadata.deletionTimestamp &&
    (pod.status?.conditions ?? []).some(
      (c: PodCondition) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler',
    )
  );
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, if any. */
export function notEligible(
  state: PodState,
  nodeToStatus: Map<string, Status>,
  infos: (name: string) => NodeInfo | undefined,
): string | undefined {
  const pod = state.pod;
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated: string | undefined = pod.status?.nominatedNodeName;
  if (!nominated || nodeToStatus.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
  const priority = pod.spec?.priority ?? 0;
  for (const u of infos(nominated)?.pods.values() ?? [])
    if (u.priority < priority && terminatingByPreemption(u.pod)) return TERMINATING_ON_NOMINATED;
  return undefined;
}

/** Preempt: a candidate node with its victims, or the PostFilter message saying why there is none. */
export function preempt(
  state: PodState,
  nodeToStatus: Map<string, Status>,
  infos: (name: string) => NodeInfo | undefined,
  filters: FilterPlugin[],
  api: ApiServer,
): PreemptResult {
  const ineligible = notEligible(state, nodeToStatus, infos);
  if (ineligible) return { message: `preemption: ${ineligible}`, clearNomination: false };
  const statuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  const pdbs = api.list('poddisruptionbudgets');
  for (const [name, s] of nodeToStatus) {
    const info = infos(name);
    if (s.code === 'UnschedulableAndUnresolvable' || !info) {
      statuses.set(name, unresolvable(NOT_HELPFUL));
      continue;
    }
    const r = selectVictimsOnNode(state, info, filters, api, pdbs);
    if ('victims' in r) candidates.push({ node: name, ...r });
    else statuses.set(name, r);
  }
  if (candidates.length) return pickOneNode(candidates);
  return {
    message: `preemption: ${fitErrorMessage(statuses.size, { nodeToStatus: statuses })}`,
    clearNomination: true,
  };
}
