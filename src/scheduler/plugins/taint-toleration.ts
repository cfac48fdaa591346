// TaintToleration (framework/plugins/tainttoleration/taint_toleration.go): NoSchedule and NoExecute taints
// filter, PreferNoSchedule ones score (fewer intolerable taints is better, normalised reversed).
import { FilterPlugin, ScorePlugin, defaultNormalizeScore } from '../framework';
import { unresolvable } from '../types';

export interface Taint { key: string; value?: string; effect: string }

/** Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(t: any, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '': case 'Equal': return (t.value ?? '') === (taint.value ?? '');
    case 'Exists': return true;
    default: return false;
  }
}

/** FindMatchingUntoleratedTaint over the taints whose effect passes the filter. */
export function firstUntolerated(taints: readonly Taint[], tolerations: any[], effects: (e: string) => boolean): Taint | undefined {
  return taints.find((taint) => effects(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)));
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(state, node) {
    const taints = node.taints;
    if (!taints.length) return undefined;
    const taint = firstUntolerated(taints, state.pod.spec?.tolerations ?? [],
      (e) => e === 'NoSchedule' || e === 'NoExecute');
    return taint ? unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`) : undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(state, node) {
    // only tolerations with an empty or PreferNoSchedule effect count (getAllTolerationPreferNoSchedule)
    const tolerations = (state.pod.spec?.tolerations ?? []).filter((t: any) => !t.effect || t.effect === 'PreferNoSchedule');
    let n = 0;
    for (const taint of node.node?.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t: any) => toleratesTaint(t, taint))) n++;
    }
    return n;
  },
  normalize: (scores) => defaultNormalizeScore(scores, true),
};
