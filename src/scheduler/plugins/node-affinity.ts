// NodeAffinity (framework/plugins/nodeaffinity/node_affinity.go): spec.nodeSelector and the required node
// affinity filter; preferred terms score by the sum of matching weights, normalised.
import { FilterPlugin, ScorePlugin, defaultNormalizeScore } from '../framework';
import { unresolvable } from '../types';
import type { KObject } from '../../api/meta';
import { Op, Requirement, SelectorError, matches, newRequirement } from '../../api/selectors';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

/**
 * A NodeSelectorTerm as component-helpers/scheduling/corev1/nodeaffinity parses it (newNodeSelectorTerm): the
 * expressions become label requirements (labels.NewRequirement, so a value that is no label value, or a Gt/Lt
 * value that is no integer, is a parse error), the fields become field terms on metadata.name (In/NotIn with
 * exactly one value). A term with a parse error matches no node; undefined for an empty term.
 */
type ParsedTerm = { labels?: Requirement[]; fields?: Array<{ key: string; equal: boolean; value: string }>; error?: true };
const parsed = new WeakMap<object, ParsedTerm>();

function parseTerm(term: any): ParsedTerm | undefined {
  const exprs: any[] = term?.matchExpressions ?? [], fields: any[] = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return undefined;
  let p = parsed.get(term);
  if (p) return p;
  p = {};
  try {
    if (exprs.length) p.labels = exprs.map((e) => newRequirement(e.key, OPS[e.operator] ?? fail(), e.values ?? []));
    if (fields.length) {
      p.fields = fields.map((e) => {
        if ((e.operator !== 'In' && e.operator !== 'NotIn') || (e.values ?? []).length !== 1) fail();
        return { key: e.key, equal: e.operator === 'In', value: e.values[0] };
      });
    }
  } catch (err) {
    if (!(err instanceof SelectorError)) throw err;
    p = { error: true };
  }
  if (Object.isFrozen(term)) parsed.set(term, p);
  return p;
}

const OPS: Record<string, Op> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist', Gt: 'Gt', Lt: 'Lt' };
const fail = (): never => { throw new SelectorError('invalid node selector requirement'); };

/** One NodeSelectorTerm: all expressions and fields match; an empty term, or one that does not parse, matches nothing. */
export function termMatches(term: any, node: KObject): boolean {
  const t = parseTerm(term);
  if (!t || t.error) return false;
  if (t.labels && !matches(t.labels, node.metadata.labels)) return false;
  // extractNodeFields: a node's only field is metadata.name
  if (t.fields) for (const f of t.fields) if (((f.key === 'metadata.name' ? node.metadata.name : '') === f.value) !== f.equal) return false;
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
