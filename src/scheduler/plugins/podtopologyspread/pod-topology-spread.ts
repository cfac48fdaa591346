// PodTopologySpread (framework/plugins/podtopologyspread/{common,filtering,scoring,plugin}.go). The pod's
// topologySpreadConstraints (their selector ANDed with the pod's values of matchLabelKeys; only nodes that pass
// nodeAffinityPolicy and nodeTaintsPolicy count for a constraint), or, when it has none, the system defaults of v1.30 ({maxSkew 3, hostname} and
// {maxSkew 5, zone}, both ScheduleAnyway) over the selector of the Services, ReplicaSet or StatefulSet the pod
// belongs to (helper.DefaultSelector). Filter: for DoNotSchedule constraints, the skew (matching pods in the
// node's domain + the pod itself - the fewest in any eligible domain) may not pass maxSkew. Score: for
// ScheduleAnyway constraints, count x log(domains + 2) + maxSkew - 1 per constraint, fewer being better
// (NormalizeScore: 100 x (max + min - s) / max). Matching pods come from the label index, not a scan of nodes.
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ClusterEvent, FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework';
import { MAX_NODE_SCORE } from '../../framework';
import type { ApiServer } from '../../../apiserver/apiserver';
import type { KObject } from '../../../api/meta';
import { controllerOf } from '../../../api/meta';
import { type Requirement, type Selector, fromLabelSelector, fromMap, matches } from '../../../api/selectors';
import { type NodeInfo, type PodState, unresolvable, unschedulable } from '../../types';
import type { SchedulerCache } from '../../cache';
import { requiredAffinityMatches } from '../../../api/scheduling/nodeaffinity';
import { firstUntolerated } from '../../../api/scheduling/taints';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../../api/well-known';

export const NAME = 'PodTopologySpread';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = [
  'AssignedPodAdd',
  'AssignedPodUpdate',
  'AssignedPodDelete',
  'NodeAdd',
  'NodeLabel',
  'NodeTaint',
];

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

export type NodeInclusionPolicy = 'Honor' | 'Ignore';
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  selector: Selector;
  minDomains: number;
  /** whether the pod's nodeSelector and required node affinity decide which nodes count (default Honor) */
  nodeAffinityPolicy: NodeInclusionPolicy;
  /** whether nodes with NoSchedule/NoExecute taints the pod does not tolerate are left out (default Ignore) */
  nodeTaintsPolicy: NodeInclusionPolicy;
}

interface SpreadState {
  constraints: Constraint[];
  systemDefaulted: boolean;
  /** DoNotSchedule constraints: per constraint, domain -> matching pods, over eligible nodes */
  counts: Map<string, number>[];
  /** per constraint, the fewest matching pods in any eligible domain */
  minMatch: number[];
  /** scoring: per constraint, log(domains among the feasible nodes + 2); nodes left out of scoring */
  weights: number[];
  ignored: Set<string>;
  scoreCounts: Map<string, number>[];
  /**
   * every constraint's key is either on no node (it adds nothing) or the hostname on every node (it adds
   * maxSkew - 1 plus the node's own matching pods): a node without matching pods then scores the same constant,
   * so Score visits only the nodes with matching pods
   */
  sparse: boolean;
}

const stateOf = new WeakMap<PodState, SpreadState>();

/** helper.DefaultSelector: the selectors of the Services selecting the pod and of its ReplicaSet or StatefulSet, ANDed. */
export function defaultSelector(pod: KObject, api: ApiServer): Requirement[] {
  const reqs: Requirement[] = [];
  const ns = pod.metadata.namespace;
  for (const svc of api.select('services', { namespace: ns })) {
    const sel = svc.spec?.selector;
    if (sel && Object.keys(sel).length && matches(fromMap(sel), pod.metadata.labels)) reqs.push(...fromMap(sel)!);
  }
  const ref = controllerOf(pod);
  if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet')) {
    const owner = api.tryGet(ref.kind === 'ReplicaSet' ? 'replicasets' : 'statefulsets', ns, ref.name);
    const sel = owner ? fromLabelSelector(owner.spec?.selector) : null;
    if (sel) reqs.push(...sel);
  }
  return reqs;
}

/** The pod's constraints, or the system defaults (none when the pod belongs to nothing that selects it). */
export function podConstraints(
  pod: KObject,
  api: ApiServer,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): { constraints: Constraint[]; systemDefaulted: boolean } {
  const own: TopologySpreadConstraint[] = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length) {
    return {
      systemDefaulted: false,
      constraints: own
        .filter((c) => c.whenUnsatisfiable === action)
        .map((c) => ({
          maxSkew: c.maxSkew,
          topologyKey: c.topologyKey,
          whenUnsatisfiable: c.whenUnsatisfiable,
          selector: withMatchLabelKeys(fromLabelSelector(c.labelSelector), c.matchLabelKeys, pod.metadata.labels),
          minDomains: c.minDomains ?? 1,
          nodeAffinityPolicy: (c.nodeAffinityPolicy ?? 'Honor') as NodeInclusionPolicy,
          nodeTaintsPolicy: (c.nodeTaintsPolicy ?? 'Ignore') as NodeInclusionPolicy,
        })),
    };
  }
  if (action !== 'ScheduleAnyway') return { constraints: [], systemDefaulted: true };
  const selector = defaultSelector(pod, api);
  if (!selector.length) return { constraints: [], systemDefaulted: true };
  return {
    systemDefaulted: true,
    constraints: [
      {
        maxSkew: 3,
        topologyKey: LABEL_HOSTNAME,
        whenUnsatisfiable: 'ScheduleAnyway',
        selector,
        minDomains: 1,
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
      },
      {
        maxSkew: 5,
        topologyKey: LABEL_TOPOLOGY_ZONE,
        whenUnsatisfiable: 'ScheduleAnyway',
        selector,
        minDomains: 1,
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
      },
    ],
  };
}

/** matchLabelKeys (filterTopologySpreadConstraints): the pod's own values of those keys are ANDed to the selector. */
export function withMatchLabelKeys(
  selector: Selector,
  keys: string[] | undefined,
  labels: Record<string, string> | undefined,
): Selector {
  if (selector === null || !keys?.length) return selector;
  const extra: Requirement[] = keys
    .filter((k) => labels?.[k] !== undefined)
    .map((k) => ({ key: k, op: 'Equals', values: [labels![k]] }));
  return extra.length ? [...selector, ...extra] : selector;
}

/** matchNodeInclusionPolicies: whether the node's pods and domain count for the constraint. */
export function nodeIncluded(pod: KObject, node: KObject, c: Constraint): boolean {
  if (c.nodeAffinityPolicy !== 'Ignore' && !requiredAffinityMatches(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === 'Honor' &&
    firstUntolerated(
      node.spec?.taints ?? [],
      pod.spec?.tolerations ?? [],
      (e) => e === 'NoSchedule' || e === 'NoExecute',
    )
  )
    return false;
  return true;
}

const hasAllKeys = (node: KObject | undefined, cs: Constraint[]) =>
  !!node && cs.every((c) => node.metadata.labels?.[c.topologyKey] !== undefined);

/** Matching, assigned, not terminating pods of the pod's namespace, counted by the domain of their node. */
function countByDomain(
  pod: KObject,
  c: Constraint,
  all: Constraint[],
  api: ApiServer,
  cache: SchedulerCache,
  requireAll: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  if (c.selector === null) return counts;
  for (const p of api.select('pods', { namespace: pod.metadata.namespace, labelSelector: c.selector })) {
    const name = p.spec?.nodeName;
    if (!name || p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')
      continue;
    const node = cache.info(name)?.node;
    if (!node || !nodeIncluded(pod, node, c) || (requireAll && !hasAllKeys(node, all))) continue;
    const v = node.metadata.labels?.[c.topologyKey];
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

export function podTopologySpreadPlugins(
  cache: SchedulerCache,
  api: ApiServer,
): { preFilter: PreFilterPlugin; filter: FilterPlugin; score: ScorePlugin } {
  const preFilter: PreFilterPlugin = {
    name: NAME,
    preFilter(state) {
      const { constraints } = podConstraints(state.pod, api, 'DoNotSchedule');
      const s: SpreadState = {
        constraints,
        systemDefaulted: false,
        counts: [],
        minMatch: [],
        weights: [],
        ignored: new Set(),
        scoreCounts: [],
        sparse: false,
      };
      stateOf.set(state, s);
      if (!constraints.length) return undefined;
      s.counts = constraints.map((c) => countByDomain(state.pod, c, constraints, api, cache, true));
      // every eligible domain counts, also those with no matching pod (calPreFilterState)
      s.minMatch = constraints.map((c, i) => {
        const domains = new Set<string>();
        for (const info of cache.nodeList) {
          if (info.node && hasAllKeys(info.node, constraints) && nodeIncluded(state.pod, info.node, c))
            domains.add(info.node.metadata.labels![c.topologyKey]);
        }
        if (domains.size < c.minDomains) return 0;
        let min = Infinity;
        for (const d of domains) min = Math.min(min, s.counts[i].get(d) ?? 0);
        return min === Infinity ? 0 : min;
      });
      return undefined;
    },
  };

  const filter: FilterPlugin = {
    name: NAME,
    skip: (state) => !stateOf.get(state)?.constraints.length,
    filter(state, node) {
      const s = stateOf.get(state);
      if (!s?.constraints.length) return undefined;
      if (!hasAllKeys(node.node, s.constraints)) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i];
        const self = matches(c.selector, state.pod.metadata.labels) ? 1 : 0;
        const skew = (s.counts[i].get(node.node!.metadata.labels![c.topologyKey]) ?? 0) + self - s.minMatch[i];
        if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
      return undefined;
    },
  };

  const score: ScorePlugin = {
    name: NAME,
    weight: 2,
    skip(state) {
      const s = stateOf.get(state);
      if (!s) return true;
      const { constraints, systemDefaulted } = podConstraints(state.pod, api, 'ScheduleAnyway');
      s.systemDefaulted = systemDefaulted;
      s.constraints = constraints;
      return !constraints.length;
    },
    preScore(state, nodes) {
      const s = stateOf.get(state);
      if (!s) return;
      const { constraints, systemDefaulted } = s;
      s.ignored = new Set();
      const requireAll = !systemDefaulted;
      // the domains among the scored nodes, per constraint: counted from the cache's label statistics where they
      // settle it (a key no node has: none; a key every node has with distinct values: one per node), else by a
      // pass over the nodes collecting values
      const stats = constraints.map((c) => cache.labelStats(c.topologyKey));
      const total = cache.nodeList.length;
      const settled = stats.map((st) => st.nodes === 0 || (st.nodes === total && st.values === st.nodes));
      const sizes = stats.map(() => 0);
      const domains = constraints.map((_, i) => (settled[i] ? undefined : new Set<string>()));
      let scored = 0;
      // with every domain count settled and no node left out (system defaults), there is nothing to visit
      if (!requireAll && settled.every(Boolean)) scored = nodes.length;
      else
        for (const n of nodes) {
          if (requireAll && !hasAllKeys(n.node, constraints)) {
            s.ignored.add(n.name);
            continue;
          }
          scored++;
          for (let i = 0; i < constraints.length; i++) {
            if (settled[i]) continue;
            const v = n.node?.metadata.labels?.[constraints[i].topologyKey];
            if (v !== undefined) domains[i]!.add(v);
          }
        }
      for (let i = 0; i < constraints.length; i++) sizes[i] = domains[i]?.size ?? (stats[i].nodes === 0 ? 0 : scored);
      s.weights = sizes.map((n) => Math.log(n + 2));
      // hostname counts come from each node's own pods; a key no feasible node has needs no counting at all
      s.scoreCounts = constraints.map((c, i) => {
        if (!sizes[i] || c.selector === null) return new Map<string, number>();
        // hostname: countPodsMatchSelector on each node, from the cache's per-node counts
        if (c.topologyKey === LABEL_HOSTNAME)
          return cache.matchingPodsPerNode(state.pod.metadata.namespace!, c.selector);
        return countByDomain(state.pod, c, constraints, api, cache, requireAll);
      });
      s.sparse =
        !s.ignored.size &&
        constraints.every(
          (c, i) => stats[i].nodes === 0 || (c.topologyKey === LABEL_HOSTNAME && stats[i].nodes === total),
        );
    },
    score(state, node) {
      const s = stateOf.get(state);
      return s ? scoreNode(s, node) : 0;
    },
    scoreNodes(state, nodes, scores) {
      const s = stateOf.get(state);
      if (s?.sparse && scoreSparse(s, nodes, scores, cache)) return;
      for (let i = 0; i < nodes.length; i++) scores[i] = s ? scoreNode(s, nodes[i]) : 0;
    },
    normalize(scores, state, nodes) {
      const s = stateOf.get(state);
      if (!s?.constraints.length) {
        scores.fill(0);
        return;
      }
      normalizeSpreadScores(scores, s.ignored.size ? nodes.map((n) => s.ignored.has(n.name)) : undefined);
    },
  };
  return { preFilter, filter, score };
}

/** Score (scoring.go): per constraint, the matching pods in the node's domain x the weight + maxSkew - 1. */
function scoreNode(s: SpreadState, node: NodeInfo): number {
  if (!s.constraints.length || (s.ignored.size && s.ignored.has(node.name))) return 0;
  let total = 0;
  const labels = node.labels;
  if (!labels) return 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i],
      v = labels[c.topologyKey];
    if (v === undefined) continue;
    const cnt = s.scoreCounts[i].get(c.topologyKey === LABEL_HOSTNAME ? node.name : v) ?? 0;
    total += cnt * s.weights[i] + (c.maxSkew - 1);
  }
  return Math.round(total);
}

/**
 * Score for a sparse state (SpreadState.sparse): every node gets the constant of a node without matching pods,
 * then the nodes with matching pods (found through their slot among the scored nodes) their own score. Returns
 * false, scoring nothing, when more nodes have matching pods than are scored (visiting them all is then cheaper).
 */
function scoreSparse(s: SpreadState, nodes: NodeInfo[], scores: number[], cache: SchedulerCache): boolean {
  let base = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    if (s.constraints[i].topologyKey !== LABEL_HOSTNAME) continue;
    if (s.scoreCounts[i].size > nodes.length) return false;
    base += s.constraints[i].maxSkew - 1;
  }
  scores.fill(Math.round(base), 0, nodes.length);
  for (let i = 0; i < s.constraints.length; i++) {
    if (s.constraints[i].topologyKey !== LABEL_HOSTNAME) continue;
    for (const name of s.scoreCounts[i].keys()) {
      const info = cache.info(name);
      if (info && nodes[info.slot] === info) scores[info.slot] = scoreNode(s, info);
    }
  }
  return true;
}

/** NormalizeScore (scoring.go): ignored nodes 0; all 100 when the highest is 0; else 100 x (max + min - s) / max. */
export function normalizeSpreadScores(scores: number[], ignored?: boolean[]): void {
  let min = Infinity,
    max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (ignored?.[i]) continue;
    const s = scores[i];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < scores.length; i++) {
    if (ignored?.[i]) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
