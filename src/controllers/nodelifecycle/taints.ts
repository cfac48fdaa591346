// The taints the node lifecycle controller keeps in step with a node's conditions
// (pkg/controller/nodelifecycle/node_lifecycle_controller.go: doNoScheduleTaintingPass with
// nodeConditionToTaintKeyStatusMap, processTaintBaseEviction with the NotReady/Unreachable templates) and the
// swap it writes (pkg/controller/util/node SwapNodeControllerTaint: added taints get timeAdded).

import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from '../../api/well-known';

import type { Node } from '../../api/types';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
/** taintKeyToNodeConditionMap's keys plus the unschedulable taint: the NoSchedule taints this controller owns */
const NO_SCHEDULE_KEYS = new Set([
  ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)),
  TAINT_UNSCHEDULABLE,
]);

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** The NoSchedule taints the node's conditions and spec.unschedulable call for. */
export function desiredNoScheduleTaints(node: Pick<Node, 'spec' | 'status'>): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The NoExecute taint for the Ready condition's status: not-ready for False, unreachable for Unknown. */
export function desiredNoExecuteTaints(readyStatus: string | undefined): Taint[] {
  if (readyStatus === 'False') return [{ key: TAINT_NOT_READY, effect: 'NoExecute' }];
  if (readyStatus === 'Unknown' || readyStatus === undefined) return [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }];
  return [];
}

const ownedNoExecute = (t: Taint) =>
  t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE);
const ownedNoSchedule = (t: Taint) => t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key);

/**
 * The node's taints after both passes: the controller's own taints that are no longer called for go, missing ones
 * are appended with timeAdded; other taints stay as they are. Undefined when nothing changes.
 */
export function reconcileTaints(
  current: Taint[] | undefined,
  node: Pick<Node, 'spec' | 'status'>,
  readyStatus: string | undefined,
  nowIso: string,
): Taint[] | undefined {
  const have = current ?? [];
  const want = [...desiredNoScheduleTaints(node), ...desiredNoExecuteTaints(readyStatus)];
  const kept = have.filter((t) => !(ownedNoExecute(t) || ownedNoSchedule(t)) || want.some((w) => sameTaint(w, t)));
  const added = want.filter((w) => !have.some((t) => sameTaint(w, t))).map((t) => ({ ...t, timeAdded: nowIso }));
  if (kept.length === have.length && !added.length) return undefined;
  return [...kept, ...added];
}
