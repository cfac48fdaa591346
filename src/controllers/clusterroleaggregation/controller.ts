// pkg/controller/clusterroleaggregation: a ClusterRole with an aggregationRule has as rules the rules of every
// ClusterRole its selectors match (admin, edit and view gather the `aggregate-to-*` roles this way), in name
// order, each rule once. The aggregating roles are few and kept in a set from the watch.

import { Controller, ControllerContext } from '../controller';
import { KObject, deepEqual } from '../../api/meta';
import { fromLabelSelector, matches } from '../../api/selectors';

export class ClusterRoleAggregationController extends Controller {
  readonly name = 'clusterrole-aggregation-controller';
  private aggregating = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('clusterroles', (ev) => {
      const name = ev.object.metadata.name!;
      if (ev.type !== 'DELETED' && ev.object.aggregationRule) this.aggregating.add(name); else this.aggregating.delete(name);
      // a role's labels or rules may change what any aggregated role holds
      if (ev.type === 'MODIFIED' && ev.old && deepEqual(ev.old.rules, ev.object.rules) && deepEqual(ev.old.metadata.labels, ev.object.metadata.labels)
        && deepEqual(ev.old.aggregationRule, ev.object.aggregationRule)) return;
      for (const a of this.aggregating) this.enqueue(a);
    });
  }

  sync(name: string): void {
    const role = this.api.tryGet('clusterroles', undefined, name);
    const selectors = role?.aggregationRule?.clusterRoleSelectors;
    if (!role || !selectors) return;
    const rules = aggregatedRules(name, selectors, this.api.select('clusterroles'));
    if (deepEqual(rules, role.rules ?? [])) return;
    this.api.update({ ...role, rules });
  }
}

/** The rules of the roles the selectors match, in name order, each rule once. */
export function aggregatedRules(name: string, selectors: any[], roles: KObject[]): any[] {
  const sources = roles
    .filter((r) => r.metadata.name !== name && selectors.some((s: any) => matches(fromLabelSelector(s), r.metadata.labels)))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const rules: any[] = [], seen = new Set<string>();
  for (const r of sources) for (const rule of r.rules ?? []) {
    const key = JSON.stringify(rule);
    if (!seen.has(key)) { seen.add(key); rules.push(rule); }
  }
  return rules;
}
