// Word expansion (POSIX 2.6): parameters, command substitution, arithmetic, then field splitting of what came
// from unquoted expansions, then pathname expansion against the container's files, then quote removal.
// Expansion can run commands (`$(cat f)`), so it is a generator that the shell drives like any step.
import type { Word, WordPart } from './ast';
import type { Shell } from './interpreter';
import type { Step, Wait, Resume } from './process';
import { Exit } from './process';
import { evalArith, ArithError } from './arith';
import { absPath } from './fs';

type Gen<T> = Generator<Wait, T, Resume>;
/** A piece of a word: from an unquoted expansion (split on IFS), and whether glob characters in it are live. */
interface Seg {
  text: string;
  split: boolean;
  glob: boolean;
}

/** A word as one string: no field splitting or globbing (assignments, redirection targets, case words). */
export function* expandString(sh: Shell, w: Word): Gen<string> {
  const segs = yield* segments(sh, w.parts, false);
  return segs.map((s) => s.text).join('');
}

/** A word as the fields it becomes (command arguments, for-lists). */
export function* expandFields(sh: Shell, w: Word): Gen<string[]> {
  const at = atFields(sh, w);
  if (at) return at;
  const segs = yield* segments(sh, w.parts, false);
  const fields = split(segs, sh.get('IFS') ?? ' \t\n');
  const out: string[] = [];
  for (const f of fields) {
    const matches = globbing(f) ? glob(sh, f) : [];
    out.push(...(matches.length ? matches : [f.map((s) => s.text).join('')]));
  }
  return out;
}

/** `"$@"` alone: one field per positional parameter. */
function atFields(sh: Shell, w: Word): string[] | undefined {
  const p = w.parts;
  if (p.length === 1 && p[0].type === 'DoubleQuoted' && p[0].parts.length === 1) {
    const q = p[0].parts[0];
    if (q.type === 'ParameterExpansion' && q.parameter === '@' && !q.operation) return [...sh.positional];
  }
  return undefined;
}

function* segments(sh: Shell, parts: WordPart[], quoted: boolean): Gen<Seg[]> {
  const out: Seg[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'Literal':
        out.push({ text: p.value, split: false, glob: !quoted });
        break;
      case 'SingleQuoted':
      case 'Escaped':
        out.push({ text: p.value, split: false, glob: false });
        break;
      case 'DoubleQuoted': {
        const inner = yield* segments(sh, p.parts, true);
        out.push(...(inner.length ? inner : [{ text: '', split: false, glob: false }]));
        break;
      }
      case 'ParameterExpansion':
        out.push({ text: yield* parameter(sh, p), split: !quoted, glob: !quoted });
        break;
      case 'CommandSubstitution':
        out.push({ text: yield* substitute(sh, p.body), split: !quoted, glob: !quoted });
        break;
      case 'ArithmeticExpansion':
        out.push({ text: String(arith(sh, p.expression.expression)), split: !quoted, glob: false });
        break;
      case 'TildeExpansion':
        out.push({ text: p.user ? `/home/${p.user}` : (sh.get('HOME') ?? '/root'), split: false, glob: false });
        break;
      case 'Glob':
        out.push({ text: p.pattern, split: false, glob: !quoted });
        break;
      case 'BraceExpansion':
        out.push({ text: braceText(p), split: false, glob: !quoted });
        break;
      default:
        sh.unsupported(`a ${p.type} in a word`);
    }
  }
  return out;
}

/** ash and dash have no brace expansion: `{a,b}` stays as written. */
function braceText(p: Extract<WordPart, { type: 'BraceExpansion' }>): string {
  const items = p.items.map((i) =>
    i.type === 'Range' ? `${i.start}..${i.end}` : i.word.parts.map((x: any) => x.value ?? '').join(''),
  );
  return `{${items.join(',')}}`;
}

export function arith(sh: Shell, e: any): number {
  try {
    return evalArith(e, { get: (n) => sh.get(n), set: (n, v) => sh.set(n, v) });
  } catch (err) {
    if (err instanceof ArithError) {
      sh.error(`arithmetic syntax error`);
      throw new Exit(2);
    }
    throw err;
  }
}

function* substitute(sh: Shell, body: any): Gen<string> {
  let out = '';
  const sub = sh.subshell();
  yield* sub.body(body.statements, {
    ...sh.io,
    out: (s) => {
      out += s;
    },
    sink: undefined,
  });
  sh.substStatus = sub.status;
  return out.replace(/\n+$/, '');
}

function* parameter(sh: Shell, p: Extract<WordPart, { type: 'ParameterExpansion' }>): Gen<string> {
  const v = sh.get(p.parameter);
  const op: any = p.operation;
  if (!op) {
    if (v === undefined && sh.options.nounset && !/^[@*#?$!0-9-]$/.test(p.parameter)) {
      sh.error(`${p.parameter}: parameter not set`);
      throw new Exit(2);
    }
    return v ?? '';
  }
  const unset = v === undefined || (op.checkEmpty && v === '');
  switch (op.type) {
    case 'DefaultValue':
      return unset ? yield* expandString(sh, op.word) : v!;
    case 'AssignDefault': {
      if (!unset) return v!;
      const d = yield* expandString(sh, op.word);
      sh.set(p.parameter, d);
      return d;
    }
    case 'UseAlternative':
      return unset ? '' : yield* expandString(sh, op.word);
    case 'ErrorIfUnset': {
      if (!unset) return v!;
      const m = op.word ? yield* expandString(sh, op.word) : 'parameter not set';
      sh.error(`${p.parameter}: ${m}`);
      throw new Exit(2);
    }
    case 'Length':
      return String((v ?? '').length);
    case 'PatternRemoval': {
      const s = v ?? '',
        re = patternRegex(yield* expandString(sh, op.pattern));
      const cuts = [...Array(s.length + 1).keys()];
      if (op.side === 'prefix') {
        for (const i of op.greedy ? cuts.reverse() : cuts) if (re.test(s.slice(0, i))) return s.slice(i);
      } else {
        for (const i of op.greedy ? cuts : cuts.reverse()) if (re.test(s.slice(i))) return s.slice(0, i);
      }
      return s;
    }
  }
  return sh.unsupported(`the parameter expansion \${${p.parameter}...} (${op.type})`);
}

/** A shell pattern (`*.txt`, `[ab]?`) as an anchored regular expression. */
export function patternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let set = pattern.slice(i + 1, end);
      if (set[0] === '!') set = '^' + set.slice(1);
      re += `[${set.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

function split(segs: Seg[], ifs: string): Seg[][] {
  const fields: Seg[][] = [];
  let cur: Seg[] = [];
  let has = false;
  const push = () => {
    if (has) fields.push(cur);
    cur = [];
    has = false;
  };
  for (const s of segs) {
    if (!s.split || !ifs) {
      cur.push(s);
      has = true;
      continue;
    }
    let piece = '';
    for (const ch of s.text) {
      if (ifs.includes(ch)) {
        if (piece) {
          cur.push({ ...s, text: piece });
          has = true;
          piece = '';
        }
        push();
      } else piece += ch;
    }
    if (piece) {
      cur.push({ ...s, text: piece });
      has = true;
    }
  }
  push();
  return fields;
}

const globbing = (f: Seg[]) => f.some((s) => s.glob && /[*?[]/.test(s.text));

/** Pathname expansion: each segment of the path matched against the directory's entries, sorted. */
function glob(sh: Shell, field: Seg[]): string[] {
  let pattern = '';
  for (const s of field) pattern += s.glob ? s.text : s.text.replace(/[*?[\]\\]/g, '\\$&');
  const abs = pattern.startsWith('/');
  let paths = [abs ? '/' : ''];
  for (const part of pattern.split('/').filter(Boolean)) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[]/.test(part.replace(/\\./g, ''))) {
        next.push(join(base, part.replace(/\\(.)/g, '$1')));
        continue;
      }
      const l = sh.host.fs.list(absPath(base || '.', sh.cwd));
      if (!l.ok) continue;
      const re = patternRegex(part);
      for (const e of l.entries)
        if (re.test(e) && (!e.startsWith('.') || part.startsWith('.'))) next.push(join(base, e));
    }
    paths = next;
  }
  return paths.filter((p) => sh.host.fs.kind(absPath(p, sh.cwd))).sort();
}

const join = (base: string, name: string) =>
  base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;

export type { Step };
