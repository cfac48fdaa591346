// kubectl's JSONPath (k8s.io/client-go/util/jsonpath) with missing keys allowed, as `-o jsonpath=` uses it:
// `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`, `[?(@.type=="Ready")]`,
// `[0]`, `[-1:]`, `..name`, `['key.with.dots']`, `.key\.with\.dots`. Several results of one expression print space-separated;
// maps and lists print as JSON.

import { sortKeys } from './json';

type Node = { t: 'text'; v: string } | { t: 'path'; segs: Seg[] } | { t: 'range'; segs: Seg[]; body: Node[] };
type Seg =
  | { t: 'field'; name: string; recursive?: boolean }
  | { t: 'all' }
  | { t: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { t: 'filter'; left: Seg[]; op?: string; right?: unknown; rightPath?: Seg[] };

export class JsonPathError extends Error {}

/** kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `a.b`, `.a.b`, `{a.b}` become `{.a.b}`. */
export function relaxed(expr: string): string {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] ?? m[2]}}`;
}

export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ t: 'text', v: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ t: 'text', v: tpl.slice(i, open) });
    const close = findClose(tpl, open);
    const body = tpl.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1];
    if (body === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (body.startsWith('range ')) {
      const n: Node = { t: 'range', segs: parsePath(body.slice(6).trim()), body: [] };
      cur.push(n);
      stack.push(n.body);
    } else if (body.startsWith('"')) {
      cur.push({ t: 'text', v: JSON.parse(body) });
    } else cur.push({ t: 'path', segs: parsePath(body) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function findClose(s: string, open: number): number {
  let q = false;
  for (let j = open + 1; j < s.length; j++) {
    if (s[j] === '"' && s[j - 1] !== '\\') q = !q;
    else if (!q && s[j] === '}') return j;
  }
  throw new JsonPathError(`unclosed action`);
}

function parsePath(p: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  if (p[0] === '$' || p[0] === '@') i = 1;
  while (i < p.length) {
    if (p.startsWith('..', i)) {
      i += 2;
      const m = /^[\w-]+/.exec(p.slice(i));
      if (m) {
        segs.push({ t: 'field', name: m[0], recursive: true });
        i += m[0].length;
      } else if (p[i] === '*') {
        segs.push({ t: 'field', name: '*', recursive: true });
        i++;
      }
    } else if (p[i] === '.') {
      i++;
      if (p[i] === '*') {
        segs.push({ t: 'all' });
        i++;
        continue;
      }
      // parseField: a backslash escapes the next character (`kubectl\.kubernetes\.io`), and is dropped
      const m = /^(?:\\.|[^.[\s\\])*/.exec(p.slice(i))!;
      if (m[0]) segs.push({ t: 'field', name: m[0].replace(/\\/g, '') });
      i += m[0].length;
    } else if (p[i] === '[') {
      const close = matchBracket(p, i);
      segs.push(parseBracket(p.slice(i + 1, close).trim()));
      i = close + 1;
    } else {
      const m = /^[^.[\s]+/.exec(p.slice(i));
      if (!m) throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(p[i])}`);
      segs.push({ t: 'field', name: m[0] });
      i += m[0].length;
    }
  }
  return segs;
}

function matchBracket(p: string, open: number): number {
  let depth = 0,
    q: string | undefined;
  for (let j = open; j < p.length; j++) {
    const c = p[j];
    if (q) {
      if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new JsonPathError('unterminated array');
}

function parseBracket(b: string): Seg {
  if (b === '*') return { t: 'all' };
  if (/^['"]/.test(b)) return { t: 'field', name: b.slice(1, -1) };
  if (b.startsWith('?(') && b.endsWith(')')) {
    const e = b.slice(2, -1).trim();
    const m = /^(@[^<>=!\s]*)\s*(==|!=|<=|>=|<|>|=~)\s*(.+)$/.exec(e);
    if (!m) return { t: 'filter', left: parsePath(e) };
    const r = m[3].trim();
    if (/^['"]/.test(r)) return { t: 'filter', left: parsePath(m[1]), op: m[2], right: r.slice(1, -1) };
    if (r.startsWith('@') || r.startsWith('$'))
      return { t: 'filter', left: parsePath(m[1]), op: m[2], rightPath: parsePath(r) };
    return {
      t: 'filter',
      left: parsePath(m[1]),
      op: m[2],
      right: r === 'true' ? true : r === 'false' ? false : Number(r),
    };
  }
  const parts = b.split(':');
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
  if (parts.length === 1) return { t: 'index', start: Number(b), single: true };
  return { t: 'index', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]), single: false };
}

function walk(values: unknown[], segs: Seg[]): unknown[] {
  let cur = values;
  for (const s of segs) {
    const next: unknown[] = [];
    for (const v of cur) step(v, s, next);
    cur = next;
  }
  return cur;
}

function step(v: any, s: Seg, out: unknown[]): void {
  switch (s.t) {
    case 'field':
      if (s.recursive) {
        recurse(v, s.name, out);
        return;
      }
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        if (s.name === '*')
          out.push(
            ...Object.keys(v)
              .sort()
              .map((k) => v[k]),
          );
        else if (v[s.name] !== undefined) out.push(v[s.name]);
      }
      return;
    case 'all':
      if (Array.isArray(v)) out.push(...v);
      else if (v && typeof v === 'object')
        out.push(
          ...Object.keys(v)
            .sort()
            .map((k) => v[k]),
        );
      return;
    case 'index': {
      if (!Array.isArray(v)) return;
      const n = v.length;
      if (s.single) {
        const i = s.start! < 0 ? n + s.start! : s.start!;
        if (i >= 0 && i < n) out.push(v[i]);
        else throw new JsonPathError(`array index out of bounds: index ${s.start}, length ${n}`);
        return;
      }
      let a = s.start ?? 0,
        b = s.end ?? n;
      if (a < 0) a = Math.max(0, n + a);
      if (b < 0) b = n + b;
      b = Math.min(b, n);
      for (let i = a; i < b; i += s.step ?? 1) out.push(v[i]);
      return;
    }
    case 'filter': {
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        const left = walk([item], s.left);
        if (!s.op) {
          if (left.length) out.push(item);
          continue;
        }
        const right = s.rightPath ? walk([item], s.rightPath)[0] : s.right;
        if (left.length && compare(left[0], s.op, right)) out.push(item);
      }
    }
  }
}

function recurse(v: any, name: string, out: unknown[]): void {
  if (!v || typeof v !== 'object') return;
  if (!Array.isArray(v)) {
    if (name === '*') out.push(...Object.values(v));
    else if (v[name] !== undefined) out.push(v[name]);
  }
  for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) recurse((v as any)[k], name, out);
}

function compare(a: any, op: string, b: any): boolean {
  if (typeof b === 'number' && typeof a === 'string' && a !== '' && !isNaN(Number(a))) a = Number(a);
  switch (op) {
    case '==':
      return a === b || String(a) === String(b);
    case '!=':
      return !(a === b || String(a) === String(b));
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '=~':
      return new RegExp(String(b)).test(String(a));
  }
  return false;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  // kubectl prints maps as Go's json.Marshal does: keys sorted
  if (typeof v === 'object') return JSON.stringify(sortKeys(v));
  return String(v);
}

function run(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += walk([data], n.segs).map(text).join(' ');
    else {
      let items = walk([data], n.segs);
      if (items.length === 1 && Array.isArray(items[0])) items = items[0] as unknown[];
      for (const item of items) out += run(n.body, item);
    }
  }
  return out;
}

/** Executes a kubectl JSONPath template against data. */
export function jsonpath(template: string, data: unknown): string {
  return run(parseTemplate(template), data);
}

/** Evaluates one path (custom-columns) to its values. */
export function evalPath(path: string, data: unknown): unknown[] {
  return walk([data], parsePath(relaxed(path).slice(1, -1)));
}
