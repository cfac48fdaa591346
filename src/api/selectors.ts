// Label and field selectors (k8s.io/apimachinery/pkg/labels, pkg/fields): parsing and matching.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { badRequest } from './errors';

export type Op = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals';
export interface Requirement { key: string; op: Op; values: string[] }
/** A parsed selector: all requirements must hold. An empty list matches everything; `null` matches nothing. */
export type Selector = Requirement[] | null;

export type Labels = Record<string, string> | undefined | null;

export function matches(sel: Selector, labels: Labels): boolean {
  if (sel === null) return false;
  for (const r of sel) if (!matchesRequirement(r, labels)) return false;
  return true;
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = !!labels && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Equals': case 'In': return has && r.values.includes(v!);
    case 'NotEquals': case 'NotIn': return !has || !r.values.includes(v!);
  }
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, an empty selector selects everything. */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key, op: 'Equals', values: [value] });
  for (const e of ls.matchExpressions ?? []) reqs.push({ key: e.key, op: e.operator as Op, values: e.values ?? [] });
  return reqs;
}

/** A Service's or ReplicationController's map selector; an empty map selects everything. */
export function fromMap(m: Record<string, string> | undefined): Selector {
  return Object.entries(m ?? {}).map(([key, value]) => ({ key, op: 'Equals' as Op, values: [value] }));
}

/** Parses `app=web,tier!=db,env in (a,b),!legacy`. */
export function parseLabelSelector(text: string): Requirement[] {
  const reqs: Requirement[] = [];
  let s = text.trim();
  while (s.length) {
    let m: RegExpMatchArray | null;
    if ((m = s.match(/^!\s*([^\s,=!()]+)\s*/))) reqs.push({ key: m[1], op: 'DoesNotExist', values: [] });
    else if ((m = s.match(/^([^\s,=!()]+)\s+(in|notin)\s*\(([^)]*)\)\s*/)))
      reqs.push({ key: m[1], op: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((x) => x.trim()).filter((x) => x) });
    else if ((m = s.match(/^([^\s,=!()]+)\s*(==|=|!=)\s*([^\s,=!()]*)\s*/)))
      reqs.push({ key: m[1], op: m[2] === '!=' ? 'NotEquals' : 'Equals', values: [m[3]] });
    else if ((m = s.match(/^([^\s,=!()]+)\s*/))) reqs.push({ key: m[1], op: 'Exists', values: [] });
    else throw badRequest(`unable to parse requirement: found '${s[0]}', expected: identifier`);
    s = s.slice(m[0].length);
    if (s.startsWith(',')) {
      s = s.slice(1).trimStart();
      // a trailing comma leaves a requirement missing (labels.Parse: "found '', expected: identifier")
      if (!s.length) throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    }
    else if (s.length) throw badRequest(`unable to parse requirement: found '${s[0]}', expected: ',' or end of string`);
  }
  return reqs;
}

export function selectorToString(sel: Selector): string {
  if (sel === null) return '<none>';
  return sel.map((r) => {
    switch (r.op) {
      case 'Equals': return `${r.key}=${r.values[0]}`;
      case 'NotEquals': return `${r.key}!=${r.values[0]}`;
      case 'Exists': return r.key;
      case 'DoesNotExist': return `!${r.key}`;
      case 'In': return `${r.key} in (${[...r.values].sort().join(',')})`;
      case 'NotIn': return `${r.key} notin (${[...r.values].sort().join(',')})`;
    }
  }).join(',');
}

export interface FieldRequirement { field: string; op: 'Equals' | 'NotEquals'; value: string }

/** Parses `status.phase=Running,spec.nodeName!=node-1`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t).map((t) => {
    const m = t.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${t}'`);
    return { field: m[1], op: m[2] === '!=' ? 'NotEquals' : 'Equals', value: m[3] };
  });
}

export function fieldValue(obj: any, path: string): string {
  let cur = obj;
  for (const p of path.split('.')) cur = cur?.[p];
  return cur === undefined || cur === null ? '' : String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: unknown): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if ((v === r.value) !== (r.op === 'Equals')) return false;
  }
  return true;
}
