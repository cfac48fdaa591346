// ClusterRole aggregation's rule (pkg/controller/clusterroleaggregation): the rules of the roles an aggregated
// role's selectors match. The aggregation controller keeps roles up to date with it, and the bootstrap policy
// starts them aggregated, as kube-apiserver's post-start hook and the controller leave them.

import type { KObject } from './meta';
import { fromLabelSelector, matches } from './selectors';

/** The rules of the roles the selectors match, in name order, each rule once. */
export function aggregatedRules(name: string, selectors: any[], roles: KObject[]): any[] {
  const parsed = selectors.map((s: any) => fromLabelSelector(s));
  const sources = roles
    .filter((r) => r.metadata.name !== name && parsed.some((s) => matches(s, r.metadata.labels)))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const rules: any[] = [],
    seen = new Set<string>();
  for (const r of sources)
    for (const rule of r.rules ?? []) {
      const key = JSON.stringify(rule);
      if (!seen.has(key)) {
        seen.add(key);
        rules.push(rule);
      }
    }
  return rules;
}
