// encoding/json's map encoding: keys sorted, what Go prints for unstructured objects (kubectl's -o json and
// -o yaml, JSONPath's printing of maps, the last-applied annotation).

import { setKey } from '../api/meta';

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
