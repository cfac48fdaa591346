// -o yaml and -o json: kubectl prints what the server returned as unstructured JSON, so keys come out sorted
// (encoding/json sorts map keys; sigs.k8s.io/yaml goes through JSON). JSON is indented by 4 spaces.

import { dump } from 'js-yaml';

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as any)[k] !== undefined) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v;
}

export function toYaml(v: unknown): string {
  return dump(sortKeys(v), { seqNoIndent: true, lineWidth: -1, noRefs: true, quoteStyle: 'double' });
}

export function toJson(v: unknown): string { return JSON.stringify(sortKeys(v), null, 4) + '\n'; }

/** The List kubectl prints for several objects. */
export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
