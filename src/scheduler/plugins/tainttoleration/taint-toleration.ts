// TaintToleration (framework/plugins/tainttoleration/taint_toleration.go): NoSchedule and NoExecute taints
// filter, PreferNoSchedule ones score (fewer intolerable taints is better, normalised reversed).
import type { Toleration } from 'kubernetes-types/core/v1';
import { type ClusterEvent, type FilterPlugin, type ScorePlugin, defaultNormalizeScore } from '../../framework';
import { unresolvable } from '../../types';
import { toleratesTaint, firstUntolerated } from '../../../api/scheduling/taints';

export const NAME = 'TaintToleration';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['NodeAdd', 'NodeTaint'];

export const taintTolerationFilter: FilterPlugin = {
  name: NAME,
  filter(state, node) {
    const taints = node.taints;
    if (!taints.length) return undefined;
    const taint = firstUntolerated(
      taints,
      state.pod.spec?.tolerations ?? [],
      (e) => e === 'NoSchedule' || e === 'NoExecute',
    );
    return taint ? unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`) : undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: NAME,
  weight: 3,
  score(state, node) {
    // only tolerations with an empty or PreferNoSchedule effect count (getAllTolerationPreferNoSchedule)
    const tolerations = (state.pod.spec?.tolerations ?? []).filter(
      (t: Toleration) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    let n = 0;
    for (const taint of node.node?.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t: Toleration) => toleratesTaint(t, taint))) n++;
    }
    return n;
  },
  normalize: (scores) => defaultNormalizeScore(scores, true),
};
