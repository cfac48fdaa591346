// Decoding a body into a kind's Go type parses every resource.Quantity field, and encoding it for storage writes
// Quantity.String(): what is stored and served is canonical (`1024Mi` -> `1Gi`, `0.5` -> `500m`, a YAML number
// `1` -> the string "1"), and a malformed quantity fails the decode. The Quantity fields of each kind come from the
// decoder's Go types (Kubernetes 1.30's), reduced once per struct to the paths that can hold one.

import { canonicalQuantity } from '../../api/quantity';
import { type GoType, kindType } from './types';

/** Where quantities can sit under a type: nowhere (null), here, in list items or map values, or in some fields. */
type Q = null | { t: 'q' } | { t: 'array'; of: Q } | { t: 'map'; of: Q } | { t: 'struct'; fields: Array<[string, Q]> };

const reduced = new Map<string, Q>();

/** The decoder's Go type of a kind (src/apiserver/decode/types.ts), reduced to the paths that can hold a quantity. */
function reduce(t: GoType): Q {
  switch (t.k) {
    case 'quantity':
      return { t: 'q' };
    case 'ptr':
      return reduce(t.of);
    case 'slice':
    case 'map': {
      const of = reduce(t.of);
      return of && { t: t.k === 'slice' ? 'array' : 'map', of };
    }
    case 'struct': {
      if (reduced.has(t.key)) return reduced.get(t.key)!;
      reduced.set(t.key, null); // a recursive type (JSONSchemaProps) holds no quantity through itself
      const kept = [...t.fields()].map(([k, f]) => [k, reduce(f)] as [string, Q]).filter(([, f]) => f);
      const q: Q = kept.length ? { t: 'struct', fields: kept } : null;
      reduced.set(t.key, q);
      return q;
    }
    default:
      return null;
  }
}

/**
 * Rewrites the object's quantities in their canonical form, in place; throws a QuantityError (ParseQuantity's
 * message) on a malformed one. Frozen subtrees are stored values, canonical already, and are not walked.
 */
export function canonicalizeQuantities(obj: { apiVersion?: string; kind?: string }): void {
  const q = quantitiesOf(obj.apiVersion ?? '', obj.kind ?? '');
  if (q) walk(obj, q);
}

/** Where a kind's quantities sit, worked out once per apiVersion and kind (every write asks). */
const byKind = new Map<string, Map<string, Q>>();
function quantitiesOf(apiVersion: string, kind: string): Q {
  let kinds = byKind.get(apiVersion);
  if (!kinds) byKind.set(apiVersion, (kinds = new Map()));
  let q = kinds.get(kind);
  if (q === undefined) {
    const t = kindType(apiVersion, kind);
    kinds.set(kind, (q = t ? reduce(t) : null));
  }
  return q;
}

function walk(v: any, q: Q): void {
  if (!q || v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  if (q.t === 'array') {
    if (Array.isArray(v)) for (const x of v) walk(x, q.of);
    return;
  }
  if (q.t === 'struct') {
    for (const [k, f] of q.fields) if (v[k] !== undefined) visit(v, k, f!);
    return;
  }
  if (q.t === 'map' && !Array.isArray(v)) for (const k of Object.keys(v)) visit(v, k, q.of);
}

function visit(parent: any, k: string, q: Q): void {
  if (q?.t === 'q') {
    const x = parent[k];
    if (typeof x === 'string' || typeof x === 'number') parent[k] = canonicalQuantity(x);
  } else walk(parent[k], q);
}
