// Node affinity as component-helpers/scheduling/corev1/nodeaffinity matches it: a node selector term against a
// node, and a pod's required node affinity with its nodeSelector (RequiredNodeAffinity.Match). The scheduler's
// NodeAffinity plugin, the DaemonSet controller, the volume binder and the kubelet's admission all ask it.

import type { KObject } from '../meta';
import { type Op, type Requirement, SelectorError, matches, newRequirement } from '../selectors';

/**
 * A NodeSelectorTerm as component-helpers/scheduling/corev1/nodeaffinity parses it (newNodeSelectorTerm): the
 * expressions become label requirements (labels.NewRequirement, so a value that is no label value, or a Gt/Lt
 * value that is no integer, is a parse error), the fields become field terms on metadata.name (In/NotIn with
 * exactly one value). A term with a parse error matches no node; undefined for an empty term.
 */
type ParsedTerm = {
  labels?: Requirement[];
  fields?: Array<{ key: string; equal: boolean; value: string }>;
  error?: true;
};
const parsed = new WeakMap<object, ParsedTerm>();

function parseTerm(term: any): ParsedTerm | undefined {
  const exprs: any[] = term?.matchExpressions ?? [],
    fields: any[] = term?.matchFields ?? [];
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

const OPS: Record<string, Op> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
  Gt: 'Gt',
  Lt: 'Lt',
};
const fail = (): never => {
  throw new SelectorError('invalid node selector requirement');
};

/** One NodeSelectorTerm: all expressions and fields match; an empty term, or one that does not parse, matches nothing. */
export function termMatches(term: any, node: KObject): boolean {
  const t = parseTerm(term);
  if (!t || t.error) return false;
  if (t.labels && !matches(t.labels, node.metadata.labels)) return false;
  // extractNodeFields: a node's only field is metadata.name
  if (t.fields)
    for (const f of t.fields)
      if (((f.key === 'metadata.name' ? node.metadata.name : '') === f.value) !== f.equal) return false;
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
