// DefaultPreemption's PostFilter message (framework/preemption/preemption.go, Evaluator.Preempt): nodes that
// failed with UnschedulableAndUnresolvable are "not helpful"; on the others the dry run removes every pod of
// lower priority and filters again. Simplification: when a dry run would succeed, the model does not evict
// (no victims are deleted, no nominatedNodeName) and reports no PostFilter message.
import type { ApiServer } from '../apiserver/apiserver';
import type { FilterPlugin } from './framework';
import { fitErrorMessage } from './fit-error';
import { NodeInfo, PodState, Status, unresolvable } from './types';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export function preemptionMessage(state: PodState, nodeToStatus: Map<string, Status>, infos: (name: string) => NodeInfo | undefined,
  filters: FilterPlugin[], api: ApiServer): string | undefined {
  if (state.pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const priority = state.pod.spec?.priority ?? 0;
  const statuses = new Map<string, Status>();
  let candidates = 0;
  for (const [name, s] of nodeToStatus) {
    const info = infos(name);
    if (s.code === 'UnschedulableAndUnresolvable' || !info) { statuses.set(name, unresolvable(NOT_HELPFUL)); continue; }
    const victims = [...info.pods.values()].filter((u) => u.priority < priority);
    if (!victims.length) { statuses.set(name, unresolvable(NO_VICTIMS)); continue; }
    const trial = new NodeInfo(name);
    trial.node = info.node; trial.allocatable = info.allocatable;
    for (const u of info.pods.values()) if (u.priority >= priority) trial.add(u);
    let failed: Status | undefined;
    for (const f of filters) if ((failed = f.filter(state, trial, api))) break;
    if (failed) statuses.set(name, failed);
    else candidates++;
  }
  if (candidates) return undefined;
  return `preemption: ${fitErrorMessage(statuses.size, { nodeToStatus: statuses })}`;
}
