// The generic describer (describe.go genericDescriber), used for custom resources and CRDs: Name, Namespace,
// labels and annotations, then every other field of the object, sorted, with smartLabelFor's titles
// (`cronSpec` -> `Cron Spec`, `apiVersion` -> `API Version`), two spaces deeper per level.

import type { KObject } from '../../api/meta';
import { labels, annotations } from './format';

const SKIP = new Set(['.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

export function describeUnstructured(o: KObject, w: string[]): void {
  w.push(`Name:\t${o.metadata.name}\n`);
  w.push(`Namespace:\t${o.metadata.namespace ?? ''}\n`);
  labels(w, 'Labels', o.metadata.labels);
  annotations(w, 'Annotations', o.metadata.annotations);
  printUnstructuredContent(w, 0, o as Record<string, unknown>, '');
}

function printUnstructuredContent(w: string[], level: number, content: Record<string, unknown>, prefix: string): void {
  const indent = '  '.repeat(level);
  for (const f of Object.keys(content).sort()) {
    const v = content[f],
      path = `${prefix}.${f}`;
    if (SKIP.has(path) || v === undefined) continue;
    if (Array.isArray(v)) {
      w.push(`${indent}${smartLabelFor(f)}:\n`);
      for (const child of v) {
        if (child && typeof child === 'object' && !Array.isArray(child))
          printUnstructuredContent(w, level + 1, child as Record<string, unknown>, path);
        else w.push(`${'  '.repeat(level + 1)}${goValue(child)}\n`);
      }
    } else if (v && typeof v === 'object') {
      w.push(`${indent}${smartLabelFor(f)}:\n`);
      printUnstructuredContent(w, level + 1, v as Record<string, unknown>, path);
    } else w.push(`${indent}${smartLabelFor(f)}:\t${goValue(v)}\n`);
  }
}

/** fmt's %v of a decoded JSON value. */
function goValue(v: unknown): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object')
    return `map[${Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${goValue((v as any)[k])}`)
      .join(' ')}]`;
  if (typeof v === 'number' && (Math.abs(v) >= 1e21 || (v !== 0 && Math.abs(v) < 1e-4)))
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** smartLabelFor: camelcase.Split into words, each titled (acronyms upper-cased); other characters left as is. */
export function smartLabelFor(f: string): string {
  if ([...f].some((c) => !/\p{L}/u.test(c) && c !== '-')) return f;
  return camelcaseSplit(f)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

/** fatih/camelcase Split: runs of one character class; an upper-case run followed by lower case gives its last letter away. */
export function camelcaseSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{N}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}
