// Differences written for people, one line per field path:
//   status.availableReplicas: expected 3, found 2
//   metadata.labels.app: expected "web", found nothing

import type { Difference } from './match';

/** A value as it reads in a message: strings quoted, objects as compact JSON. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null) {
    const s = JSON.stringify(v);
    return s.length > 200 ? `${s.slice(0, 197)}...` : s;
  }
  return String(v);
}

const items = (n: unknown) => `${n} item${n === 1 ? '' : 's'}`;

export function describeDifference(d: Difference): string {
  if (d.length) return `${d.path || '(the list)'}: expected ${items(d.expected)}, found ${items(d.actual)}`;
  return `${d.path || '(the object)'}: expected ${show(d.expected)}, found ${d.missing ? 'nothing' : show(d.actual)}`;
}

export function describeDifferences(ds: Difference[]): string[] {
  return ds.map(describeDifference);
}
