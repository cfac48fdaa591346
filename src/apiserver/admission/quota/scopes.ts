// Quota scopes (pkg/quota/v1/evaluator/core/pods.go podMatchesScopeFunc, GetScopeSelectorsFromQuota): a quota
// with spec.scopes or spec.scopeSelector counts only the pods that match every scope; it never counts other
// objects (their evaluators match no scope). Terminating means an activeDeadlineSeconds >= 0, BestEffort the
// BestEffort QoS class (no container, init containers included, states a cpu or memory request or limit),
// PriorityClass a selector over the pod's priorityClassName, CrossNamespacePodAffinity an affinity term that
// names namespaces or has a namespaceSelector.

import type { KObject } from '../../../api/meta';
import { matches, type Op } from '../../../api/selectors';

export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** spec.scopes (each as an Exists requirement) and then spec.scopeSelector's matchExpressions. */
export function scopeSelectors(q: KObject): ScopeRequirement[] {
  return [
    ...(q.spec?.scopes ?? []).map((s: string) => ({ scopeName: s, operator: 'Exists' })),
    ...(q.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

const isTerminating = (pod: KObject): boolean =>
  typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

export function isBestEffort(pod: KObject): boolean {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].every((c: any) =>
    ['requests', 'limits'].every((k) => c.resources?.[k]?.cpu === undefined && c.resources?.[k]?.memory === undefined),
  );
}

function crossNamespaceAffinity(pod: KObject): boolean {
  const a = pod.spec?.affinity ?? {};
  return [a.podAffinity, a.podAntiAffinity].some((pa: any) =>
    [
      ...(pa?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(pa?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: any) => w.podAffinityTerm),
    ].some((t: any) => t && ((t.namespaces ?? []).length > 0 || t.namespaceSelector != null)),
  );
}

export function podMatchesScope(sel: ScopeRequirement, pod: KObject): boolean {
  switch (sel.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const cls = pod.spec?.priorityClassName;
      if (sel.operator === 'Exists') return !!cls;
      return matches(
        [{ key: 'PriorityClass', op: sel.operator as Op, values: sel.values ?? [] }],
        cls ? { PriorityClass: cls } : {},
      );
    }
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(pod);
  }
  return false;
}

/** Whether a quota counts this object at all (before looking at which resources it tracks). */
export function quotaScopeMatches(q: KObject, obj: KObject, resource: string): boolean {
  const sels = scopeSelectors(q);
  if (!sels.length) return true;
  return resource === 'pods' && sels.every((s) => podMatchesScope(s, obj));
}
