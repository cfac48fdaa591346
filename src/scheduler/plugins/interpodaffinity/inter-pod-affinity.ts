// InterPodAffinity (framework/plugins/interpodaffinity/{filtering,scoring}.go). PreFilter counts, per topology
// pair (key=value of the node a pod runs on), the assigned pods matching each of the incoming pod's required
// affinity and anti-affinity terms, and the pairs where an existing pod's required anti-affinity matches the
// incoming pod. Filter then checks, in filtering.go's order: the pod's affinity (a pod matching its own terms
// may start a group no pod matches yet), the pod's anti-affinity, existing pods' anti-affinity.
// Score: the incoming pod's preferred terms, weight x matching pods in the node's domain (anti-affinity
// negative), and the existing pods' terms that the incoming pod matches (symmetry: required affinity with
// HardPodAffinityWeight, preferred with their weights), normalised between the lowest and highest. Pods are found through the label index, not by
// scanning nodes; existing pods with anti-affinity through the cache's set of them.
import type { ClusterEvent, FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework';
import { MAX_NODE_SCORE } from '../../framework';
import type { ApiServer } from '../../../apiserver/apiserver';
import type { KObject } from '../../../api/meta';
import { fromLabelSelector, matches } from '../../../api/selectors';
import { type NodeInfo, type PodState, unresolvable, unschedulable } from '../../types';
import type { SchedulerCache } from '../../cache';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

import { type AffinityTerm, requiredAffinity, requiredAntiAffinity, weighted } from '../../affinity-terms';
export type { AffinityTerm } from '../../affinity-terms';

export const NAME = 'InterPodAffinity';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = [
  'AssignedPodAdd',
  'AssignedPodUpdate',
  'AssignedPodDelete',
  'NodeAdd',
  'NodeLabel',
];

interface AffinityState {
  /** per required affinity term: topology value -> matching pods */
  affinity: Map<string, number>[];
  antiAffinity: Map<string, number>[];
  /** `key=value` pairs where an existing pod's anti-affinity forbids the incoming pod */
  existingAnti: Set<string>;
  /** per preferred term (affinity first, then anti-affinity with negative weights): topology value -> pods */
  preferred: { term: AffinityTerm; weight: number; counts: Map<string, number> }[];
  /** PreScore's topologyScore: topology key -> value -> score */
  topologyScore?: Map<string, Map<string, number>>;
}

/**
 * PreScore (scoring.go): per topology key and value, the incoming pod's preferred terms times the existing pods
 * they match, plus what existing pods with affinity say of the incoming pod: each required affinity term it
 * matches adds HardPodAffinityWeight, each preferred affinity term its weight, each preferred anti-affinity term
 * minus its weight, in the domain of the existing pod's node.
 */
export function topologyScore(
  pod: KObject,
  preferred: AffinityState['preferred'],
  cache: SchedulerCache,
  api: ApiServer,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const add = (key: string, value: string, n: number) => {
    let m = out.get(key);
    if (!m) out.set(key, (m = new Map()));
    m.set(value, (m.get(value) ?? 0) + n);
  };
  for (const p of preferred) for (const [value, count] of p.counts) add(p.term.topologyKey, value, p.weight * count);
  // the existing pods' terms, one group per distinct term (the incoming pod is unassigned, so never among them)
  for (const g of cache.scoreTerms.groups.values()) {
    if (!g.counts.size || !termMatchesPod(g.term, g.owner, pod, api)) continue;
    for (const [value, count] of g.counts) add(g.term.topologyKey, value, g.weight * count);
  }
  return out;
}

const stateOf = new WeakMap<PodState, AffinityState>();

/** The namespaces a term looks in: its list and selector, or the pod's own namespace when it names none. */
function termNamespaces(term: AffinityTerm, pod: KObject, api: ApiServer): Set<string> | 'all' {
  const out = new Set<string>(term.namespaces ?? []);
  if (term.namespaceSelector) {
    const sel = fromLabelSelector(term.namespaceSelector);
    if (sel && sel.length === 0) return 'all';
    for (const ns of api.select('namespaces')) if (matches(sel, ns.metadata.labels)) out.add(ns.metadata.name!);
  } else if (!out.size) out.add(pod.metadata.namespace!);
  return out;
}

/** Whether `target` is a pod the term (of `owner`) selects. */
export function termMatchesPod(term: AffinityTerm, owner: KObject, target: KObject, api: ApiServer): boolean {
  const ns = termNamespaces(term, owner, api);
  if (ns !== 'all' && !ns.has(target.metadata.namespace!)) return false;
  return matches(fromLabelSelector(term.labelSelector), target.metadata.labels);
}

/** Assigned, running pods the term selects, counted by the value of its topology key on their nodes. */
function countByTopology(term: AffinityTerm, pod: KObject, api: ApiServer, cache: SchedulerCache): Map<string, number> {
  const counts = new Map<string, number>();
  const sel = fromLabelSelector(term.labelSelector);
  if (sel === null) return counts;
  const ns = termNamespaces(term, pod, api);
  const candidates =
    ns === 'all'
      ? api.select('pods', { labelSelector: sel })
      : [...ns].flatMap((n) => api.select('pods', { namespace: n, labelSelector: sel }));
  for (const p of candidates) {
    const node = p.spec?.nodeName;
    if (!node || p.metadata.uid === pod.metadata.uid || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')
      continue;
    const value = cache.info(node)?.node?.metadata.labels?.[term.topologyKey];
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export function interPodAffinityPlugins(
  cache: SchedulerCache,
  api: ApiServer,
): { preFilter: PreFilterPlugin; filter: FilterPlugin; score: ScorePlugin } {
  const preFilter: PreFilterPlugin = {
    name: NAME,
    preFilter(state, api) {
      const pod = state.pod;
      const existingAnti = new Set<string>();
      // existing pods' required anti-affinity, one group per distinct term
      for (const g of cache.antiTerms.groups.values()) {
        if (!g.counts.size || !termMatchesPod(g.term, g.owner, pod, api)) continue;
        for (const value of g.counts.keys()) existingAnti.add(`${g.term.topologyKey}=${value}`);
      }
      const pa = pod.spec?.affinity?.podAffinity,
        paa = pod.spec?.affinity?.podAntiAffinity;
      const preferred = [
        ...weighted(pa?.preferredDuringSchedulingIgnoredDuringExecution, 1),
        ...weighted(paa?.preferredDuringSchedulingIgnoredDuringExecution, -1),
      ].map(([term, weight]) => ({ term, weight, counts: countByTopology(term, pod, api, cache) }));
      stateOf.set(state, {
        affinity: requiredAffinity(pod).map((t) => countByTopology(t, pod, api, cache)),
        antiAffinity: requiredAntiAffinity(pod).map((t) => countByTopology(t, pod, api, cache)),
        existingAnti,
        preferred,
      });
      return undefined;
    },
  };

  const filter: FilterPlugin = {
    name: NAME,
    skip(state) {
      const s = stateOf.get(state);
      return !s || (!s.affinity.length && !s.antiAffinity.length && !s.existingAnti.size);
    },
    filter(state, node, api) {
      const s = stateOf.get(state);
      if (!s) return undefined;
      const labels = node.node?.metadata.labels ?? {};
      const terms = requiredAffinity(state.pod);
      if (terms.length) {
        const ok = terms.every(
          (t, i) => labels[t.topologyKey] !== undefined && (s.affinity[i].get(labels[t.topologyKey]) ?? 0) > 0,
        );
        if (!ok) {
          // the first pod of a group: nothing matches anywhere, and the pod matches its own terms
          const none = s.affinity.every((m) => m.size === 0);
          const self = terms.every(
            (t) => labels[t.topologyKey] !== undefined && termMatchesPod(t, state.pod, state.pod, api),
          );
          if (!(none && self)) return unresolvable(ERR_REASON_AFFINITY);
        }
      }
      const anti = requiredAntiAffinity(state.pod);
      for (let i = 0; i < anti.length; i++) {
        const v = labels[anti[i].topologyKey];
        if (v !== undefined && (s.antiAffinity[i].get(v) ?? 0) > 0) return unschedulable(ERR_REASON_ANTI_AFFINITY);
      }
      for (const pair of s.existingAnti) {
        const i = pair.indexOf('=');
        if (labels[pair.slice(0, i)] === pair.slice(i + 1)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
      }
      return undefined;
    },
  };

  const score: ScorePlugin = {
    name: NAME,
    weight: 2,
    skip: (state) => !stateOf.get(state)?.preferred.length && !cache.affinityPods.size,
    preScore(state, _nodes) {
      const s = stateOf.get(state);
      if (s) s.topologyScore = topologyScore(state.pod, s.preferred, cache, api);
    },
    score(state: PodState, node: NodeInfo) {
      let total = 0;
      const labels = node.node?.metadata.labels ?? {};
      for (const [key, values] of stateOf.get(state)?.topologyScore ?? [])
        if (labels[key] !== undefined) total += values.get(labels[key]) ?? 0;
      return total;
    },
    normalize: normalizeBetweenMinMax,
  };
  return { preFilter, filter, score };
}

/** NormalizeScore of scoring.go: (score - min) x 100 / (max - min), all 0 when they are equal. */
export function normalizeBetweenMinMax(scores: number[]): void {
  let min = Infinity,
    max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < scores.length; i++)
    scores[i] = max - min > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / (max - min)) : 0;
}
