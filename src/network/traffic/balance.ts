// Many connections to one target, counted by the pod that took each: how the rules spread the load (the
// statistic match's probabilities in iptables mode, the scheduler in IPVS mode), printed as a table.

import type { Network } from '../network';
import { type Client, connect } from './connect';

export interface Spread {
  total: number;
  failed: number;
  byPod: Map<string, { node: string; count: number }>;
}

export function spread(net: Network, from: Client, target: string, n: number): Spread {
  const byPod = new Map<string, { node: string; count: number }>();
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const o = connect(net, from, target);
    if (!o.ok) {
      failed++;
      continue;
    }
    const key = o.pod!.metadata.name!;
    const e = byPod.get(key) ?? { node: o.pod!.spec?.nodeName ?? '', count: 0 };
    e.count++;
    byPod.set(key, e);
  }
  return { total: n, failed, byPod };
}

/** `POD  NODE  CONNECTIONS` rows, by pod name, and a FAILED row when some failed. */
export function spreadTable(s: Spread): string {
  const rows = [...s.byPod.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([pod, e]) => [pod, e.node, String(e.count)]);
  if (s.failed) rows.push(['(failed)', '', String(s.failed)]);
  const all = [['POD', 'NODE', 'CONNECTIONS'], ...rows];
  const w = [0, 1].map((i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => `${r[0].padEnd(w[0])}   ${r[1].padEnd(w[1])}   ${r[2]}`.trimEnd()).join('\n') + '\n';
}
