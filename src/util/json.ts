// encoding/json's map encoding: keys sorted, what Go prints for unstructured objects (kubectl's -o json and
// -o yaml, JSONPath's printing of maps, the last-applied annotation).

import { setKey } from './object';

/** The value with every object's keys sorted and undefined members left out, as json.Marshal of a map writes it. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as any)[k] !== undefined) setKey(out, k, sortKeys((v as any)[k]));
    return out;
  }
  return v;
}

/**
 * JSON with object keys sorted and undefined members dropped: a stable rendering of a template. `dropNull` drops
 * null members too, as decoding into Go structs makes a null field and a missing one the same value (a template's
 * `creationTimestamp: null`, which kubectl's generators write, hashes as if absent).
 */
export function canonicalJSON(v: unknown, dropNull = false): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJSON(x, dropNull)).join(',')}]`;
  const keys = Object.keys(v as object)
    .filter((k) => (v as any)[k] !== undefined && !(dropNull && (v as any)[k] === null))
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as any)[k], dropNull)}`).join(',')}}`;
}
