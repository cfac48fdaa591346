// pkg/controller/clusterroleaggregation: a ClusterRole with an aggregationRule has as rules the rules of every
// ClusterRole its selectors match (admin, edit and view gather the `aggregate-to-*` roles this way), in name
// order, each rule once. The aggregating roles are few and kept in a set from the watch.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, deepEqual } from '../../api/meta';
import { fromLabelSelector, matches } from '../../api/selectors';
import { aggregatedRules } from '../../api/rbac';

export class ClusterRoleAggregationController extends Controller {
  readonly name = 'clusterrole-aggregation-controller';
  /** the aggregating roles' selectors, by role name */
  private aggregating = new Map<string, LabelSelector[]>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('clusterroles', (ev) => {
      const name = ev.object.metadata.name!;
      const selectors = ev.type !== 'DELETED' ? ev.object.aggregationRule?.clusterRoleSelectors : undefined;
      if (selectors) {
        this.aggregating.set(name, selectors);
        this.enqueue(name);
      } else this.aggregating.delete(name);
      // a role's labels or rules may change what the aggregated roles whose selectors match it hold
      if (
        ev.type === 'MODIFIED' &&
        ev.old &&
        deepEqual(ev.old.rules, ev.object.rules) &&
        deepEqual(ev.old.metadata.labels, ev.object.metadata.labels)
      )
        return;
      for (const [a, sel] of this.aggregating) {
        if (a !== name && (this.selects(sel, ev.object) || (ev.old && this.selects(sel, ev.old)))) this.enqueue(a);
      }
    });
  }

  private selects(selectors: LabelSelector[], role: KObject): boolean {
    return selectors.some((s) => matches(fromLabelSelector(s), role.metadata.labels));
  }

  sync(name: string): void {
    const role = this.api.tryGet('clusterroles', undefined, name);
    const selectors = role?.aggregationRule?.clusterRoleSelectors;
    if (!role || !selectors) return;
    // the store's label index finds the roles each selector matches, without a pass over every ClusterRole
    const candidates = new Map<string, KObject>();
    for (const sel of selectors)
      for (const r of this.api.select('clusterroles', { labelSelector: fromLabelSelector(sel) }))
        candidates.set(r.metadata.name!, r);
    const rules = aggregatedRules(name, selectors, [...candidates.values()]);
    if (deepEqual(rules, role.rules ?? [])) return;
    this.api.update({ ...role, rules });
  }
}
