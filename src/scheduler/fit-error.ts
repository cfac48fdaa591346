// FitError.Error (pkg/scheduler/framework/types.go): "0/N nodes are available:", then the PreFilter message or
// the histogram of filter reasons sorted as strings, then the PostFilter (preemption) message.
// v1.28 appended the PostFilter message with " %v." (a double dot); v1.30 prints it as given.
import type { Status } from './types';

export const NO_NODE_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  nodeToStatus: Map<string, Status>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export function histogram(nodeToStatus: Map<string, Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // sort.Strings: byte order, so "10 ..." sorts before "2 ..."
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const h = histogram(d.nodeToStatus);
    if (h.length) msg += ` ${h.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
