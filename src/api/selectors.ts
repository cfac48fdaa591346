// Label and field selectors (k8s.io/apimachinery/pkg/labels, pkg/fields): parsing and matching.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { field } from './errors';
import { isQualifiedName, isValidLabelValue } from './validation/meta';

/** `Equals` also stands for `==`; `Gt`/`Lt` compare integers (selection.GreaterThan, LessThan). */
export type Op = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';
export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}
/** A parsed selector: all requirements must hold. An empty list matches everything; `null` matches nothing. */
export type Selector = Requirement[] | null;

export type Labels = Record<string, string> | undefined | null;

export function matches(sel: Selector, labels: Labels): boolean {
  if (sel === null) return false;
  for (const r of sel) if (!matchesRequirement(r, labels)) return false;
  return true;
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = !!labels && Object.hasOwn(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Equals':
    case 'In':
      return has && r.values.includes(v!);
    case 'NotEquals':
    case 'NotIn':
      return !has || !r.values.includes(v!);
    case 'Gt':
    case 'Lt': {
      const a = has ? parseInt64(v!) : undefined,
        b = r.values.length === 1 ? parseInt64(r.values[0]) : undefined;
      return a !== undefined && b !== undefined && (r.op === 'Gt' ? a > b : a < b);
    }
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

// labels.Parse (k8s.io/apimachinery/pkg/labels/selector.go): its lexer, recursive-descent parser and
// NewRequirement's checks, with their messages. Field paths are those of a nil root, as the apiserver parses a
// query's labelSelector (`<nil>` for the key, `values[0]` for a value).

type Token = 'Error' | 'End' | ')' | ',' | '!' | '==' | '=' | '>' | 'Identifier' | 'in' | '<' | '!=' | 'notin' | '(';
const KEYWORDS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};
const isSpecial = (c: string) => '=!(),><'.includes(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(s: string): Array<[Token, string]> {
  const out: Array<[Token, string]> = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos])) pos++;
    if (pos >= s.length) {
      out.push(['End', '']);
      return out;
    }
    if (isSpecial(s[pos])) {
      // the longest run of special symbols that is a token
      let buf = '',
        last: [Token, string] | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        if (KEYWORDS[buf]) last = [KEYWORDS[buf], buf];
        else if (last) break;
        pos++;
      }
      out.push(last ?? ['Error', `error expected: keyword found '${buf}'`]);
    } else {
      let buf = '';
      while (pos < s.length && !isSpecial(s[pos]) && !isSpace(s[pos])) buf += s[pos++];
      out.push([KEYWORDS[buf] ?? 'Identifier', buf]);
    }
  }
}

/** A selector that does not parse: the parser's message (the apiserver answers it as a BadRequest). */
export class SelectorError extends Error {}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Parses `app=web,tier!=db,env in (a,b),!legacy,replicas>1`, sorted by key as labels.Parse sorts them. */
export function parseLabelSelector(text: string): Requirement[] {
  const items = lex(text);
  let at = 0;
  // in a list of values, `in` and `notin` are identifiers
  const look = (values = true): [Token, string] => {
    const [t, l] = items[at];
    return [values && (t === 'in' || t === 'notin') ? 'Identifier' : t, l];
  };
  const take = (values = true): [Token, string] => {
    const r = look(values);
    at++;
    return r;
  };
  const fail = (m: string): never => {
    throw new SelectorError(m);
  };

  const requirement = (): Requirement => {
    let [t, key] = take();
    let op: Op | undefined;
    if (t === '!') {
      op = 'DoesNotExist';
      [t, key] = take();
    }
    if (t !== 'Identifier') fail(`found '${key}', expected: identifier`);
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) fail(field.invalid('<nil>', key, keyErrs.join('; ')).text);
    // `!key` ends the requirement whatever follows (the loop then reports what it finds)
    if (op === 'DoesNotExist' || look()[0] === 'End' || look()[0] === ',')
      return newRequirement(key, op ?? 'Exists', []);
    const [ot, ol] = take(false);
    const ops: Partial<Record<Token, Op>> = {
      in: 'In',
      '=': 'Equals',
      '==': 'Equals',
      '>': 'Gt',
      '<': 'Lt',
      notin: 'NotIn',
      '!=': 'NotEquals',
    };
    op = ops[ot] ?? fail(`found '${ol}', expected: ${BINARY_OPERATORS}`);
    return newRequirement(key, op, op === 'In' || op === 'NotIn' ? valueSet() : exactValue());
  };
  const valueSet = (): string[] => {
    const [t, l] = take();
    if (t !== '(') fail(`found '${l}' expected: '('`);
    const [t2, l2] = look();
    if (t2 === ')') {
      take();
      return [''];
    }
    if (t2 !== 'Identifier' && t2 !== ',') fail(`found '${l2}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const [t3, l3] = take();
      if (t3 === 'Identifier') {
        set.add(l3);
        const [t4, l4] = look();
        if (t4 === ',') continue;
        if (t4 === ')') break;
        fail(`found '${l4}', expected: ',' or ')'`);
      } else if (t3 === ',') {
        if (!set.size) set.add(''); // "(,"
        const t4 = look()[0];
        if (t4 === ')') {
          set.add('');
          break;
        } // ",)"
        if (t4 === ',') {
          take();
          set.add('');
        } // ",,"
      } else fail(`found '${l3}', expected: ',', or identifier`);
    }
    if (take()[0] !== ')') fail(`found '${l2}', expected: ')'`);
    return [...set].sort();
  };
  const exactValue = (): string[] => {
    const [t] = look();
    if (t === 'End' || t === ',') return [''];
    const [t2, l2] = take();
    return t2 === 'Identifier' ? [l2] : fail(`found '${l2}', expected: identifier`);
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const [t, l] = look();
    if (t === 'End') break;
    if (t !== 'Identifier' && t !== '!')
      throw new SelectorError(`found '${l}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(requirement());
    } catch (e) {
      throw e instanceof SelectorError ? new SelectorError(`unable to parse requirement: ${e.message}`) : e;
    }
    const [t2, l2] = take();
    if (t2 === 'End') break;
    if (t2 !== ',') throw new SelectorError(`found '${l2}', expected: ',' or 'end of string'`);
    const [t3, l3] = look();
    if (t3 !== 'Identifier' && t3 !== '!') throw new SelectorError(`found '${l3}', expected: identifier after ','`);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** NewRequirement's checks of the operator's values and of each value (an aggregate: one error, or `[e1, e2]`). */
export function newRequirement(key: string, op: Op, values: string[]): Requirement {
  const errs: string[] = [];
  if ((op === 'In' || op === 'NotIn') && !values.length)
    errs.push(field.invalid('values', values, "for 'in', 'notin' operators, values set can't be empty").text);
  if ((op === 'Equals' || op === 'NotEquals') && values.length !== 1)
    errs.push(field.invalid('values', values, 'exact-match compatibility requires one single value').text);
  if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1)
      errs.push(field.invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required").text);
    values.forEach((v, i) => {
      if (parseInt64(v) === undefined)
        errs.push(field.invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer").text);
    });
  }
  values.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length) errs.push(field.invalid(`values[${i}][${key}]`, v, e.join('; ')).text);
  });
  const unique = [...new Set(errs)];
  if (unique.length) throw new SelectorError(unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`);
  return { key, op, values };
}

/** strconv.ParseInt(s, 10, 64) */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

export function selectorToString(sel: Selector): string {
  if (sel === null) return '<none>';
  return sel
    .map((r) => {
      switch (r.op) {
        case 'Equals':
          return `${r.key}=${r.values[0]}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0]}`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
        case 'In':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: 'Equals' | 'NotEquals';
  value: string;
}

/**
 * fields.ParseSelector: `status.phase=Running,spec.nodeName!=node-1`; `\\,`, `\\=` and `\\\\` escape a value's commas,
 * equals signs and backslashes. Terms come sorted, as the parser sorts them.
 */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const part of splitTerms(text).sort()) {
    if (!part) continue;
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    reqs.push({ field: m[1], op: m[2] === '!=' ? 'NotEquals' : 'Equals', value: unescapeFieldValue(m[3]) });
  }
  return reqs;
}

/** splitTerms: commas not escaped by a backslash separate terms. */
function splitTerms(s: string): string[] {
  if (!s) return [];
  const terms: string[] = [];
  let start = 0,
    slash = false;
  for (let i = 0; i < s.length; i++) {
    if (slash) slash = false;
    else if (s[i] === '\\') slash = true;
    else if (s[i] === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** UnescapeValue, with its errors (an unescaped rune prints as its number, Go's %v of a rune). */
function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '',
    slash = false;
  for (const c of s) {
    if (slash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      slash = false;
    } else if (c === '\\') slash = true;
    else if (c === ',' || c === '=')
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (slash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.Selector.Matches on a set of field values (a missing field is the empty string). */
export function matchesFieldSet(reqs: FieldRequirement[], fields: (name: string) => string): boolean {
  for (const r of reqs) if ((fields(r.field) === r.value) !== (r.op === 'Equals')) return false;
  return true;
}

/** fields.Selector.String(): the terms in order, values escaped (EscapeValue). */
export function fieldSelectorToString(reqs: FieldRequirement[]): string {
  return reqs
    .map((r) => `${r.field}${r.op === 'Equals' ? '=' : '!='}${r.value.replace(/[\\,=]/g, (c) => `\\${c}`)}`)
    .join(',');
}
