// NodeAffinity (framework/plugins/nodeaffinity/node_affinity.go): spec.nodeSelector and the required node
// affinity filter; preferred terms score by the sum of matching weights, normalised.
import { type ClusterEvent, type FilterPlugin, type ScorePlugin, defaultNormalizeScore } from '../../framework';
import { unresolvable } from '../../types';
import { requiredAffinityMatches, termMatches } from '../../../api/scheduling/nodeaffinity';

export const NAME = 'NodeAffinity';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['NodeAdd', 'NodeLabel'];

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinityFilter: FilterPlugin = {
  name: NAME,
  skip: (state) =>
    !Object.keys(state.pod.spec?.nodeSelector ?? {}).length &&
    !state.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  filter(state, node) {
    return node.node && requiredAffinityMatches(state.pod, node.node) ? undefined : unresolvable(ERR_REASON_POD);
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: NAME,
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
