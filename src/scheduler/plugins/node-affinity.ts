// NodeAffinity (framework/plugins/nodeaffinity/node_affinity.go): spec.nodeSelector and the required node
// affinity filter; preferred terms score by the sum of matching weights, normalised.
import { FilterPlugin, ScorePlugin, defaultNormalizeScore } from '../framework';
import { unresolvable } from '../types';
import type { KObject } from '../../api/meta';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

/** NodeSelectorRequirement matching (component-helpers/scheduling/corev1/nodeaffinity). */
function requirementMatches(r: any, value: string | undefined): boolean {
  const values: string[] = r.values ?? [];
  switch (r.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const a = Number.parseInt(value, 10), b = Number.parseInt(values[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default: return false;
  }
}

/** One NodeSelectorTerm: all expressions and fields match; an empty term matches nothing. */
export function termMatches(term: any, node: KObject): boolean {
  const exprs: any[] = term?.matchExpressions ?? [], fields: any[] = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of fields) if (!requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined)) return false;
  return true;
}

/** RequiredNodeAffinity.Match: the nodeSelector map and any one of the required terms. */
export function requiredAffinityMatches(pod: KObject, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t: any) => termMatches(t, node));
}

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  skip: (state) => !Object.keys(state.pod.spec?.nodeSelector ?? {}).length && !state.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  filter(state, node) {
    return node.node && requiredAffinityMatches(state.pod, node.node) ? undefined : unresolvable(ERR_REASON_POD);
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  skip: (state) => !state.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length,
  score(state, node) {
    let sum = 0;
    for (const p of state.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (p.weight && node.node && termMatches(p.preference, node.node)) sum += p.weight;
    }
    return sum;
  },
  normalize: (scores) => defaultNormalizeScore(scores, false),
};
