// kubectl's Go templates (-o go-template=, --template; k8s.io/cli-runtime/pkg/printers/template.go): Go's
// text/template, parsed as template "output" with kubectl's two extra functions, exists and base64decode, run on
// the object decoded by apimachinery's json.Unmarshal (whole numbers are int64, others float64). No npm package
// implements Go's text/template with custom functions: this is the subset manifests and the kubectl reference
// use (actions, pipelines, variables, if/else if/range/with/break/continue, comments and trim markers, the builtin
// functions with Go's fmt formatting), with text/template's error texts.

// ---- values -------------------------------------------------------------------------------------------------

/** A number written in the template: Go types an integer literal `int`, one with a dot or exponent `float64`. */
class Literal {
  constructor(
    readonly kind: 'int' | 'float64',
    readonly v: number,
  ) {}
}
/** A missing map entry (an invalid reflect.Value): prints `<no value>`. */
const NO_VALUE = Symbol('no value');
type Value = typeof NO_VALUE | null | string | boolean | number | Literal | Value[] | { [k: string]: Value };

type Kind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map';
function kindOf(v: Value): Kind {
  if (v === NO_VALUE) return 'invalid';
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof Literal) return v.kind === 'int' ? 'int' : 'float';
  return Array.isArray(v) ? 'slice' : 'map';
}
const num = (v: Value) => (v instanceof Literal ? v.v : (v as number));
/** The Go type of a value, as fmt's bad-verb notes and the errors name it (data numbers are int64). */
function goType(v: Value): string {
  if (v instanceof Literal) return v.kind;
  switch (kindOf(v)) {
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return '<nil>';
  }
}

/** template.IsTrue */
function truth(v: Value): boolean {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return v as boolean;
    case 'string':
      return (v as string).length > 0;
    case 'int':
    case 'float':
      return num(v) !== 0;
    case 'slice':
      return (v as Value[]).length > 0;
    default:
      return Object.keys(v as object).length > 0;
  }
}

// ---- fmt ----------------------------------------------------------------------------------------------------

/** strconv.FormatFloat(f, 'g', -1, 64), what %v prints: the shortest digits, %e below 1e-4 and from 1e6 on. */
export function goFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, e] = f.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/** fmt's %v */
function formatV(v: Value, top = true): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<no value>';
    case 'nil':
      return '<nil>';
    case 'float':
      return goFloat(num(v));
    case 'int':
      return String(num(v));
    case 'slice':
      return `[${(v as Value[]).map((x) => formatV(x, false)).join(' ')}]`;
    case 'map': {
      const m = v as Record<string, Value>;
      return `map[${Object.keys(m)
        .sort()
        .map((k) => `${k}:${formatV(m[k], false)}`)
        .join(' ')}]`;
    }
    default:
      void top;
      return String(v);
  }
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
function sprint(args: Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && kindOf(a) !== 'string' && kindOf(args[i - 1]) !== 'string') out += ' ';
    out += formatV(a);
  });
  return out;
}

/** fmt.Sprintf with the verbs templates use: v s d q x X o b c t e E f F g G and %%; flags - + # 0 space, width, precision. */
export function sprintf(format: string, args: Value[]): string {
  let out = '',
    argi = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?(.)?/y;
  for (let i = 0; i < format.length; ) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(format)!;
    i = re.lastIndex;
    const flags = m[1];
    let width = m[2] === '*' ? Number(num(args[argi++])) : m[2] !== undefined ? Number(m[2]) : undefined;
    const prec =
      m[3] === '*' ? Number(num(args[argi++])) : m[3] !== undefined ? Number(m[3]) : m[0].includes('.') ? 0 : undefined;
    const verb = m[4];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argi++];
    let s = formatOne(verb, arg, flags, prec);
    const minus = flags.includes('-');
    if (width !== undefined && width < 0) {
      width = -width;
    }
    if (width !== undefined && s.length < width) {
      const numeric = /[dfFeEgGxXob]/.test(verb) && (kindOf(arg) === 'int' || kindOf(arg) === 'float');
      if (minus) s = s.padEnd(width);
      else if (flags.includes('0') && numeric)
        s = /^[+-]/.test(s) ? s[0] + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
      else s = s.padStart(width);
    }
    out += s;
  }
  if (argi < args.length)
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${goType(a)}=${formatV(a)}`)
      .join(', ')})`;
  return out;
}

function formatOne(verb: string, arg: Value, flags: string, prec: number | undefined): string {
  const k = kindOf(arg);
  const bad = () => (k === 'nil' || k === 'invalid' ? `%!${verb}(<nil>)` : `%!${verb}(${goType(arg)}=${formatV(arg)})`);
  const sign = (n: number, s: string) =>
    n >= 0 && flags.includes('+') ? `+${s}` : n >= 0 && flags.includes(' ') ? ` ${s}` : s;
  switch (verb) {
    case 'v':
      return k === 'string' && flags.includes('#') ? JSON.stringify(arg) : formatV(arg);
    case 's':
      if (k === 'string') return prec !== undefined ? (arg as string).slice(0, prec) : (arg as string);
      if (k === 'slice') return `[${(arg as Value[]).map((x) => formatOne(verb, x, flags, prec)).join(' ')}]`;
      if (k === 'map') {
        const m = arg as Record<string, Value>;
        return `map[${Object.keys(m)
          .sort()
          .map((x) => `${x}:${formatOne(verb, m[x], flags, prec)}`)
          .join(' ')}]`;
      }
      return bad();
    case 'q':
      if (k === 'string') return goQuote(arg as string);
      if (k === 'int') return `'${String.fromCodePoint(num(arg))}'`;
      return bad();
    case 'd':
      return k === 'int' ? sign(num(arg), String(num(arg))) : bad();
    case 'c':
      return k === 'int' ? String.fromCodePoint(num(arg)) : bad();
    case 'b':
      return k === 'int' ? num(arg).toString(2) : bad();
    case 'o':
      return k === 'int' ? num(arg).toString(8) : bad();
    case 'x':
    case 'X': {
      let s: string;
      if (k === 'int') s = (num(arg) < 0 ? '-' : '') + Math.abs(num(arg)).toString(16);
      else if (k === 'string')
        s = [...Buffer.from(arg as string, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join('');
      else return bad();
      if (flags.includes('#')) s = `0x${s}`;
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 't':
      return k === 'bool' ? String(arg) : bad();
    case 'f':
    case 'F':
      return k === 'float' ? sign(num(arg), goFixed(num(arg), prec ?? 6)) : bad();
    case 'e':
    case 'E': {
      if (k !== 'float') return bad();
      const [mant, e] = num(arg)
        .toExponential(prec ?? 6)
        .split('e');
      const s = `${mant}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
      return sign(num(arg), verb === 'E' ? s.toUpperCase() : s);
    }
    case 'g':
    case 'G': {
      if (k !== 'float') return bad();
      const s = prec === undefined ? goFloat(num(arg)) : goFloat(Number(num(arg).toPrecision(prec || 1)));
      return sign(num(arg), verb === 'G' ? s.toUpperCase() : s);
    }
    default:
      return bad();
  }
}

/** strconv.FormatFloat(f, 'f', prec, 64): toFixed, but an exact tie rounds to even as Go does (0.25 -> 0.2). */
function goFixed(f: number, prec: number): string {
  if (prec > 80) return f.toFixed(prec);
  const exact = f.toFixed(Math.min(100, prec + 20));
  const cut = exact.indexOf('.') + (prec ? prec + 1 : 0);
  const rest = exact.slice(cut + (prec ? 0 : 1));
  if (!/^50*$/.test(rest)) return f.toFixed(prec);
  const kept = exact.slice(0, prec ? cut : cut);
  const last = Number(kept.replace(/\D/g, '').slice(-1));
  if (last % 2 === 0) return kept.replace(/\.$/, '');
  return f.toFixed(prec);
}

/** strconv.Quote */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

// ---- lexer --------------------------------------------------------------------------------------------------

export class TemplateParseError extends Error {}

type Tok = {
  t:
    | 'text'
    | 'field'
    | 'var'
    | 'dot'
    | 'ident'
    | 'string'
    | 'number'
    | 'bool'
    | 'nil'
    | 'pipe'
    | 'lparen'
    | 'rparen'
    | 'declare'
    | 'assign'
    | 'comma'
    | 'open'
    | 'close'
    | 'eof';
  v: string;
  pos: number;
  trim?: boolean;
};

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

function lex(src: string, name: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const line = (pos: number) => src.slice(0, pos).split('\n').length;
  const err = (pos: number, msg: string): never => {
    throw new TemplateParseError(`template: ${name}:${line(pos)}: ${msg}`);
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      toks.push({ t: 'text', v: src.slice(i), pos: i });
      break;
    }
    let text = src.slice(i, open);
    let j = open + 2;
    const trimLeft = src[j] === '-' && /[ \t\r\n]/.test(src[j + 1] ?? '');
    if (trimLeft) {
      text = text.replace(/[ \t\r\n]+$/, '');
      j += 2;
    }
    if (text) toks.push({ t: 'text', v: text, pos: i });
    // a comment: {{/* ... */}}
    const rest = src.slice(j).replace(/^[ \t\r\n]*/, '');
    if (src.startsWith('/*', j) || (trimLeft && rest.startsWith('/*'))) {
      const start = src.indexOf('/*', j);
      const end = src.indexOf('*/', start + 2);
      if (end < 0) err(start, 'unclosed comment');
      let k = end + 2;
      const trimRight = src.startsWith(' -}}', k);
      if (trimRight) k += 1;
      else if (src.startsWith('-}}', k)) k += 0;
      if (!src.startsWith(trimRight ? '-}}' : '}}', k)) err(k, 'comment ends before closing delimiter');
      i = k + (trimRight ? 3 : 2);
      if (trimRight) while (i < src.length && /[ \t\r\n]/.test(src[i])) i++;
      continue;
    }
    toks.push({ t: 'open', v: '{{', pos: open });
    // the action's tokens up to `}}` (or ` -}}`)
    for (;;) {
      while (j < src.length && /[ \t\r\n]/.test(src[j])) {
        if (src.startsWith('-}}', j + 1) && /[ \t\r\n]/.test(src[j])) break;
        j++;
      }
      if (j >= src.length) err(open, 'unclosed action');
      if (/[ \t\r\n]/.test(src[j]) && src.startsWith('-}}', j + 1)) {
        toks.push({ t: 'close', v: '}}', pos: j, trim: true });
        j += 4;
        while (j < src.length && /[ \t\r\n]/.test(src[j])) j++;
        break;
      }
      if (src.startsWith('}}', j)) {
        toks.push({ t: 'close', v: '}}', pos: j });
        j += 2;
        break;
      }
      const c = src[j],
        start = j;
      if (c === '|') {
        toks.push({ t: 'pipe', v: c, pos: j });
        j++;
      } else if (c === '(') {
        toks.push({ t: 'lparen', v: c, pos: j });
        j++;
      } else if (c === ')') {
        toks.push({ t: 'rparen', v: c, pos: j });
        j++;
      } else if (c === ',') {
        toks.push({ t: 'comma', v: c, pos: j });
        j++;
      } else if (src.startsWith(':=', j)) {
        toks.push({ t: 'declare', v: ':=', pos: j });
        j += 2;
      } else if (c === '=') {
        toks.push({ t: 'assign', v: '=', pos: j });
        j++;
      } else if (c === '"') {
        j++;
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\') j++;
          if (src[j] === '\n') err(start, 'unterminated quoted string');
          j++;
        }
        if (j >= src.length) err(start, 'unterminated quoted string');
        j++;
        toks.push({ t: 'string', v: unquote(src.slice(start, j), () => err(start, `invalid syntax`)), pos: start });
      } else if (c === '`') {
        const end = src.indexOf('`', j + 1);
        if (end < 0) err(start, 'unterminated raw quoted string');
        toks.push({ t: 'string', v: src.slice(j + 1, end), pos: start });
        j = end + 1;
      } else if (c === '$') {
        j++;
        while (j < src.length && /[\w]/.test(src[j])) j++;
        toks.push({ t: 'var', v: src.slice(start, j), pos: start });
      } else if (c === '.' && !/[0-9]/.test(src[j + 1] ?? '')) {
        j++;
        if (!/[A-Za-z_]/.test(src[j] ?? '')) {
          toks.push({ t: 'dot', v: '.', pos: start });
          continue;
        }
        while (j < src.length && /\w/.test(src[j])) j++;
        toks.push({ t: 'field', v: src.slice(start, j), pos: start });
      } else if (/[-+0-9.]/.test(c)) {
        const m = /^[-+]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?)/.exec(
          src.slice(j),
        )!;
        if (!m[0] || m[0] === '-' || m[0] === '+') err(start, `bad number syntax: "${src.slice(j, j + 1)}"`);
        j += m[0].length;
        if (/\w/.test(src[j] ?? '')) err(start, `bad number syntax: "${src.slice(start, j + 1)}"`);
        toks.push({ t: 'number', v: m[0], pos: start });
      } else if (c === "'") {
        const end = src.indexOf("'", j + 1);
        if (end < 0) err(start, 'unterminated character constant');
        toks.push({
          t: 'number',
          v: String(unquote(`"${src.slice(j + 1, end)}"`, () => err(start, 'invalid syntax')).codePointAt(0)),
          pos: start,
        });
        j = end + 1;
      } else if (/[A-Za-z_]/.test(c)) {
        while (j < src.length && /\w/.test(src[j])) j++;
        const w = src.slice(start, j);
        toks.push({ t: w === 'true' || w === 'false' ? 'bool' : w === 'nil' ? 'nil' : 'ident', v: w, pos: start });
      } else err(start, `unexpected "${c}" in command`);
    }
    i = j;
  }
  toks.push({ t: 'eof', v: '', pos: src.length });
  return toks;
}

/** strconv.Unquote of a Go interpreted string literal. */
function unquote(lit: string, bad: () => never): string {
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const c = body[++i];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      '"': '"',
      "'": "'",
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
    };
    if (c in simple) out += simple[c];
    else if (c === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (c === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (/[0-7]/.test(c)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bad();
  }
  return out;
}

// ---- parser -------------------------------------------------------------------------------------------------

type Arg =
  | { t: 'field'; names: string[]; pos: number; src: string }
  | { t: 'var'; name: string; names: string[]; pos: number; src: string }
  | { t: 'dot'; pos: number; src: string }
  | { t: 'ident'; name: string; pos: number; src: string }
  | { t: 'const'; v: Value; pos: number; src: string }
  | { t: 'pipe'; pipe: Pipe; names: string[]; pos: number; src: string };
interface Command {
  args: Arg[];
  pos: number;
  src: string;
}
interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
  src: string;
}
type Node =
  | { t: 'text'; v: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with'; branches: Array<{ pipe: Pipe; body: Node[] }>; else?: Node[] }
  | { t: 'range'; pipe: Pipe; body: Node[]; else?: Node[] }
  | { t: 'break' | 'continue' };

/** The parameter types of the builtins: reflect.Value (`value`), interface{} (`any`), string, or printf's (string, ...any). */
const PARAMS: Record<string, 'value' | 'any' | 'string' | 'printf'> = {
  print: 'any',
  println: 'any',
  printf: 'printf',
  html: 'any',
  js: 'any',
  urlquery: 'any',
  exists: 'any',
  base64decode: 'string',
};

const FUNCS = new Set([
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'html',
  'js',
  'urlquery',
  'call',
  'exists',
  'base64decode',
]);

export interface Template {
  name: string;
  src: string;
  nodes: Node[];
}

export function parseGoTemplate(src: string, name = 'output'): Template {
  const toks = lex(src, name);
  let p = 0;
  const line = (pos: number) => src.slice(0, pos).split('\n').length;
  const err = (tok: Tok, msg: string): never => {
    throw new TemplateParseError(`template: ${name}:${line(tok.pos)}: ${msg}`);
  };
  const peek = () => toks[p];
  const next = () => toks[p++];
  const desc = (t: Tok) =>
    t.t === 'close' ? '"}}"' : t.t === 'eof' ? 'EOF' : t.t === 'string' ? 'quoted string' : `"${t.v}"`;
  const vars: string[][] = [['$']];
  const known = (v: string) => vars.some((s) => s.includes(v));

  function pipeline(ctx: string, allowDecl: boolean): Pipe {
    const start = peek();
    const pipe: Pipe = { decl: [], assign: false, cmds: [], pos: start.pos, src: '' };
    // `$x :=`, `$x =`, `$i, $e :=`
    if (allowDecl && peek().t === 'var') {
      const save = p;
      const names = [next().v];
      if (peek().t === 'comma' && ctx === 'range') {
        next();
        if (peek().t === 'var') names.push(next().v);
      }
      if (peek().t === 'declare' || peek().t === 'assign') {
        const tok = next();
        pipe.assign = tok.t === 'assign';
        if (pipe.assign) for (const n of names) if (!known(n)) err(tok, `undefined variable "${n}"`);
        pipe.decl = names;
      } else p = save;
    }
    for (;;) {
      const t = peek();
      if (t.t === 'close' || t.t === 'rparen') break;
      if (t.t === 'eof') err(t, 'unclosed action');
      pipe.cmds.push(command());
      if (peek().t === 'pipe') {
        next();
        if (peek().t === 'close' || peek().t === 'rparen') err(peek(), `missing command`);
      }
    }
    if (!pipe.cmds.length) err(peek(), `missing value for ${ctx}`);
    for (const n of pipe.decl) if (!pipe.assign) vars[vars.length - 1].push(n);
    pipe.src = src.slice(start.pos, peek().pos).trim();
    return pipe;
  }

  function command(): Command {
    const cmd: Command = { args: [], pos: peek().pos, src: '' };
    for (;;) {
      const t = peek();
      if (t.t === 'close' || t.t === 'rparen' || t.t === 'pipe') break;
      if (t.t === 'eof') err(t, 'unclosed action');
      cmd.args.push(operand());
    }
    if (!cmd.args.length) err(peek(), 'empty command');
    cmd.src = src.slice(cmd.pos, peek().pos).trim();
    return cmd;
  }

  function operand(): Arg {
    const t = next();
    let a: Arg;
    switch (t.t) {
      case 'field':
        a = { t: 'field', names: [t.v.slice(1)], pos: t.pos, src: t.v };
        break;
      case 'var':
        if (!known(t.v)) err(t, `undefined variable "${t.v}"`);
        a = { t: 'var', name: t.v, names: [], pos: t.pos, src: t.v };
        break;
      case 'dot':
        a = { t: 'dot', pos: t.pos, src: '.' };
        break;
      case 'ident':
        if (KEYWORDS.has(t.v)) err(t, `unexpected <${t.v}> in command`);
        if (!FUNCS.has(t.v)) err(t, `function "${t.v}" not defined`);
        a = { t: 'ident', name: t.v, pos: t.pos, src: t.v };
        break;
      case 'string':
        a = { t: 'const', v: t.v, pos: t.pos, src: src.slice(t.pos, toks[p].pos).trim() };
        break;
      case 'bool':
        a = { t: 'const', v: t.v === 'true', pos: t.pos, src: t.v };
        break;
      case 'nil':
        a = { t: 'const', v: null, pos: t.pos, src: 'nil' };
        break;
      case 'number': {
        const v = t.v.replace(/_/g, '');
        const isFloat = /[.eE]/.test(v) && !/^[-+]?0[xX]/.test(v);
        const n = isFloat
          ? Number(v)
          : Number(BigInt.asIntN(64, BigInt(v.replace(/^\+/, '').replace(/^(-?)0[oO]/, '$10o'))));
        a = { t: 'const', v: new Literal(isFloat ? 'float64' : 'int', n), pos: t.pos, src: t.v };
        break;
      }
      case 'lparen': {
        const inner = pipeline('parenthesized pipeline', true);
        if (next().t !== 'rparen') err(t, 'unclosed left paren');
        a = { t: 'pipe', pipe: inner, names: [], pos: t.pos, src: `(${inner.src})` };
        break;
      }
      default:
        return err(t, `unexpected ${desc(t)} in operand`);
    }
    // a chain of fields: `.a.b`, `$x.a`, `(pipeline).a`
    while (
      (peek().t === 'field' && peek().pos === toks[p - 1].pos + toks[p - 1].v.length) ||
      (peek().t === 'field' && toks[p - 1].t === 'rparen')
    ) {
      const f = next();
      if (a.t === 'const' || a.t === 'ident' || a.t === 'dot') err(f, `unexpected . after term "${a.src}"`);
      if (a.t === 'field' && a.names.length === 1) a.pos = f.pos; // the node's position is the chain's
      (a as { names: string[] }).names.push(f.v.slice(1));
      a.src += f.v;
    }
    return a;
  }

  function list(stop: string[]): { nodes: Node[]; end: string } {
    const nodes: Node[] = [];
    for (;;) {
      const t = next();
      if (t.t === 'eof') {
        if (stop.length) err(t, 'unexpected EOF');
        return { nodes, end: 'eof' };
      }
      if (t.t === 'text') {
        nodes.push({ t: 'text', v: t.v });
        continue;
      }
      // an action
      const k = peek();
      if (k.t === 'ident' && KEYWORDS.has(k.v)) {
        next();
        switch (k.v) {
          case 'end':
          case 'else':
            if (!stop.includes(k.v)) err(k, `unexpected {{${k.v}}}`);
            return { nodes, end: k.v };
          case 'if':
          case 'with':
            nodes.push(control(k.v));
            break;
          case 'range':
            nodes.push(rangeNode());
            break;
          case 'break':
          case 'continue':
            if (!loops) err(k, `{{${k.v}}} outside {{range}}`);
            expectClose();
            nodes.push({ t: k.v });
            break;
          default:
            err(k, `{{${k.v}}} is not supported by kubectl's printer here`);
        }
        continue;
      }
      const pipe = pipeline('command', true);
      expectClose();
      nodes.push({ t: 'action', pipe });
    }
  }
  function expectClose(): void {
    const t = next();
    if (t.t !== 'close') err(t, `unexpected ${desc(t)} in command`);
  }
  let loops = 0;

  function control(kind: 'if' | 'with'): Node {
    vars.push([]);
    const branches: Array<{ pipe: Pipe; body: Node[] }> = [];
    let pipe = pipeline(kind, true);
    expectClose();
    for (;;) {
      const r = list(['end', 'else']);
      branches.push({ pipe, body: r.nodes });
      if (r.end === 'end') {
        expectClose();
        vars.pop();
        return { t: kind, branches };
      }
      // `else if` / `else with` chains; a plain else ends the branches
      if (peek().t === 'ident' && peek().v === kind) {
        next();
        pipe = pipeline(kind, true);
        expectClose();
        continue;
      }
      expectClose();
      const e = list(['end']);
      expectClose();
      vars.pop();
      return { t: kind, branches, else: e.nodes };
    }
  }

  function rangeNode(): Node {
    vars.push([]);
    const pipe = pipeline('range', true);
    expectClose();
    loops++;
    const r = list(['end', 'else']);
    loops--;
    let elseNodes: Node[] | undefined;
    expectClose();
    if (r.end === 'else') {
      elseNodes = list(['end']).nodes;
      expectClose();
    }
    vars.pop();
    return { t: 'range', pipe, body: r.nodes, else: elseNodes };
  }

  return { name, src, nodes: list([]).nodes };
}

// ---- execution ----------------------------------------------------------------------------------------------

export class TemplateExecError extends Error {}
class Break {
  constructor(readonly cont: boolean) {}
}

/** template.Execute on a JSON object, with missingkey=default (`<no value>`) or, without --allow-missing-template-keys, error. */
export function executeGoTemplate(tpl: Template, data: unknown, opts: { missingKeyError?: boolean } = {}): string {
  // the object as json.Marshal and json.Unmarshal leave it (no undefined fields)
  const root = toValue(JSON.parse(JSON.stringify(data ?? null)));
  let out = '';
  const scopes: Array<Map<string, Value>> = [new Map([['$', root]])];
  const lineCol = (pos: number) => {
    const before = tpl.src.slice(0, pos);
    const line = before.split('\n').length;
    return `${line}:${pos - (before.lastIndexOf('\n') + 1)}`;
  };
  const fail = (at: { pos: number; src: string }, msg: string): never => {
    throw new TemplateExecError(
      `template: ${tpl.name}:${lineCol(at.pos)}: executing "${tpl.name}" at <${at.src}>: ${msg}`,
    );
  };
  const lookup = (name: string): Value => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(name)) return scopes[i].get(name)!;
    return NO_VALUE;
  };
  const setVar = (name: string, v: Value, assign: boolean) => {
    if (assign) {
      for (let i = scopes.length - 1; i >= 0; i--)
        if (scopes[i].has(name)) {
          scopes[i].set(name, v);
          return;
        }
    }
    scopes[scopes.length - 1].set(name, v);
  };

  function field(receiver: Value, name: string, at: { pos: number; src: string }, typeName: string): Value {
    switch (kindOf(receiver)) {
      case 'invalid':
        if (opts.missingKeyError) fail(at, `nil data; no entry for key "${name}"`);
        return NO_VALUE;
      case 'nil':
        return fail(at, `nil pointer evaluating ${typeName}.${name}`);
      case 'map': {
        const m = receiver as Record<string, Value>;
        if (Object.hasOwn(m, name)) return toValue(m[name]);
        if (opts.missingKeyError) fail(at, `map has no entry for key "${name}"`);
        return NO_VALUE;
      }
      default:
        return fail(at, `can't evaluate field ${name} in type ${typeName}`);
    }
  }
  function chain(v: Value, names: string[], at: { pos: number; src: string }, rootType: string): Value {
    let type = rootType;
    for (const n of names) {
      v = field(v, n, at, type);
      type = 'interface {}';
    }
    return v;
  }

  function evalArg(a: Arg, dot: Value): Value {
    switch (a.t) {
      case 'dot':
        return dot;
      case 'field':
        return chain(dot, a.names, a, goTypeOfDot(dot));
      case 'var':
        return chain(lookup(a.name), a.names, a, 'interface {}');
      case 'const':
        return a.v;
      case 'pipe':
        return chain(evalPipe(a.pipe, dot), a.names, a, 'interface {}');
      case 'ident':
        return call(a.name, [], dot, a, undefined);
    }
  }
  const goTypeOfDot = (dot: Value) => (dot === root ? 'map[string]interface {}' : 'interface {}');

  function evalCommand(cmd: Command, dot: Value, final: Value | undefined): Value {
    const [first, ...rest] = cmd.args;
    if (first.t === 'ident') return call(first.name, rest, dot, cmd, final);
    if (rest.length || final !== undefined) {
      if (first.t === 'field') fail(first, `${first.names[first.names.length - 1]} is not a method but has arguments`);
      fail(first, `can't give argument to non-function ${first.src}`);
    }
    return evalArg(first, dot);
  }

  function evalPipe(pipe: Pipe, dot: Value): Value {
    let v: Value | undefined;
    // an interface{} holding nil digs down to no value (evalPipeline)
    for (const c of pipe.cmds) {
      v = evalCommand(c, dot, v);
      if (v === null) v = NO_VALUE;
    }
    for (const n of pipe.decl) setVar(n, v!, pipe.assign);
    return v!;
  }

  function call(
    name: string,
    argNodes: Arg[],
    dot: Value,
    at: { pos: number; src: string },
    final: Value | undefined,
  ): Value {
    // and/or evaluate their arguments lazily
    if (name === 'and' || name === 'or') {
      const all = [...argNodes.map((a) => () => evalArg(a, dot)), ...(final !== undefined ? [() => final] : [])];
      if (!all.length) fail(at, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: Value = NO_VALUE;
      for (const f of all) {
        v = f();
        if (truth(v) !== (name === 'and')) return v;
      }
      return v;
    }
    // evalArg's validateType: a missing value becomes nil for an interface{} parameter, stays invalid for a
    // reflect.Value one (the comparison and collection builtins), and is an error for a string one
    const params = PARAMS[name] ?? 'value';
    const args = argNodes.map((a, i) => {
      const v = evalArg(a, dot);
      const type = params === 'value' ? 'value' : params === 'printf' ? (i === 0 ? 'string' : 'any') : params;
      if (v === NO_VALUE && type === 'any') return null;
      if (type === 'string' && kindOf(v) !== 'string') {
        if (v === NO_VALUE) fail(a, 'invalid value; expected string');
        fail(a, `wrong type for value; expected string; got ${goType(v)}`);
      }
      return v;
    });
    if (final !== undefined) args.push(final === NO_VALUE && (params === 'any' || params === 'printf') ? null : final);
    const calling = (msg: string): never => fail(at, `error calling ${name}: ${msg}`);
    const want = (n: number) => {
      if (args.length !== n) fail(at, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case 'not':
        want(1);
        return !truth(args[0]);
      case 'len': {
        want(1);
        const k = kindOf(args[0]);
        if (k === 'string') return new Literal('int', Buffer.byteLength(args[0] as string));
        if (k === 'slice') return new Literal('int', (args[0] as Value[]).length);
        if (k === 'map') return new Literal('int', Object.keys(args[0] as object).length);
        if (k === 'nil') return calling('len of nil pointer');
        if (k === 'invalid') return calling('reflect: call of reflect.Value.Type on zero Value');
        return calling(`len of type ${goType(args[0])}`);
      }
      case 'index': {
        if (!args.length) fail(at, `wrong number of args for index: want at least 1 got 0`);
        let v = args[0];
        for (const ix of args.slice(1)) {
          const k = kindOf(v);
          if (k === 'invalid' || k === 'nil') calling('index of untyped nil');
          if (k === 'map') {
            if (kindOf(ix) !== 'string') calling(`value has type ${goType(ix)}; should be string`);
            const m = v as Record<string, Value>;
            v = Object.hasOwn(m, ix as string) ? toValue(m[ix as string]) : null;
          } else if (k === 'slice' || k === 'string') {
            if (kindOf(ix) !== 'int') calling(`cannot index slice/array with type ${goType(ix)}`);
            const i = num(ix),
              len = k === 'slice' ? (v as Value[]).length : Buffer.byteLength(v as string);
            if (i < 0 || i >= len) calling(`index out of range: ${i}`);
            v = k === 'slice' ? toValue((v as Value[])[i]) : new Literal('int', Buffer.from(v as string)[i]);
          } else calling(`can't index item of type ${goType(v)}`);
        }
        return v;
      }
      case 'slice': {
        const v = args[0],
          k = kindOf(v);
        if (k !== 'slice' && k !== 'string') calling(`can't slice item of type ${goType(v)}`);
        const len = k === 'slice' ? (v as Value[]).length : (v as string).length;
        const [i = 0, j = len] = args.slice(1).map(num);
        if (i < 0 || j < i || j > len) calling(`index out of range: ${j > len ? j : i}`);
        return k === 'slice' ? (v as Value[]).slice(i, j) : (v as string).slice(i, j);
      }
      case 'print':
        return sprint(args);
      case 'println':
        return args.map((a) => formatV(a)).join(' ') + '\n';
      case 'printf': {
        if (!args.length) fail(at, 'wrong number of args for printf: want at least 1 got 0');
        return sprintf(args[0] as string, args.slice(1));
      }
      case 'eq':
      case 'ne': {
        if (args.length < 2) calling('missing argument for comparison');
        if (name === 'ne') want(2);
        const r = args.slice(1).some((b) => compare(args[0], b, 'eq', calling) === 0);
        return name === 'eq' ? r : !r;
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        want(2);
        const c = compare(args[0], args[1], 'lt', calling);
        return name === 'lt' ? c < 0 : name === 'le' ? c <= 0 : name === 'gt' ? c > 0 : c >= 0;
      }
      case 'html':
        return sprint(args).replace(
          /[&'<>"\0]/g,
          (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!,
        );
      case 'urlquery':
        return encodeURIComponent(sprint(args))
          .replace(/%20/g, '+')
          .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      case 'js':
        return sprint(args).replace(
          /[\\'"<>&=\n\r\t]/g,
          (c) =>
            ({
              '\\': '\\\\',
              "'": "\\'",
              '"': '\\"',
              '<': '\\u003C',
              '>': '\\u003E',
              '&': '\\u0026',
              '=': '\\u003D',
              '\n': '\\n',
              '\r': '\\r',
              '\t': '\\t',
            })[c]!,
        );
      case 'exists':
        return exists(args[0], args.slice(1));
      case 'base64decode': {
        want(1);
        const s = args[0] as string;
        const bad = /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 ? -1 : firstBadBase64(s);
        if (bad >= 0) calling(`base64 decode failed: illegal base64 data at input byte ${bad}`);
        return Buffer.from(s, 'base64').toString('utf8');
      }
      default:
        return fail(at, `can't call ${name}`);
    }
  }

  function run(nodes: Node[], dot: Value): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          out += n.v;
          break;
        case 'action': {
          const v = evalPipe(n.pipe, dot);
          if (!n.pipe.decl.length) out += formatV(v);
          break;
        }
        case 'if':
        case 'with': {
          scopes.push(new Map());
          try {
            let done = false;
            for (const b of n.branches) {
              const v = evalPipe(b.pipe, dot);
              if (truth(v)) {
                run(b.body, n.t === 'with' ? v : dot);
                done = true;
                break;
              }
            }
            if (!done && n.else) run(n.else, dot);
          } finally {
            scopes.pop();
          }
          break;
        }
        case 'range': {
          scopes.push(new Map());
          try {
            const v = evalPipe({ ...n.pipe, decl: [] }, dot);
            const items = rangeItems(v, n.pipe);
            if (!items.length) {
              if (n.else) run(n.else, dot);
              break;
            }
            for (const [k, e] of items) {
              const [a, b] = n.pipe.decl;
              if (b !== undefined) {
                setVar(a, k, false);
                setVar(b, e, false);
              } else if (a !== undefined) setVar(a, e, false);
              try {
                run(n.body, e);
              } catch (x) {
                if (x instanceof Break) {
                  if (x.cont) continue;
                  break;
                }
                throw x;
              }
            }
          } finally {
            scopes.pop();
          }
          break;
        }
        case 'break':
        case 'continue':
          throw new Break(n.t === 'continue');
      }
    }
  }

  function rangeItems(v: Value, pipe: Pipe): Array<[Value, Value]> {
    switch (kindOf(v)) {
      case 'invalid':
      case 'nil':
        return [];
      case 'slice':
        return (v as Value[]).map((e, i) => [new Literal('int', i), toValue(e)]);
      case 'map': {
        const m = v as Record<string, Value>;
        return Object.keys(m)
          .sort()
          .map((k) => [k, toValue(m[k])]);
      }
      case 'int':
        return Array.from({ length: Math.max(0, num(v)) }, (_, i) => [new Literal('int', i), new Literal('int', i)]);
      default:
        return fail(pipe, `range can't iterate over ${formatV(v)}`);
    }
  }

  run(tpl.nodes, root);
  return out;
}

/** The JSON a template runs on, numbers as apimachinery's json.Unmarshal leaves them. */
function toValue(v: unknown): Value {
  if (v === undefined) return NO_VALUE;
  return v as Value;
}

type Order = -1 | 0 | 1;
/** eq/lt: basic kinds only; int and float never compare with each other (text/template errBadComparison). */
function compare(a: Value, b: Value, op: 'eq' | 'lt', calling: (m: string) => never): Order {
  const ka = kindOf(a),
    kb = kindOf(b);
  const basic = (k: Kind) => k === 'bool' || k === 'int' || k === 'float' || k === 'string';
  if (op === 'lt' && (!basic(ka) || !basic(kb) || ka === 'bool')) calling('invalid type for comparison');
  if (ka !== kb) {
    if (op === 'eq' && (ka === 'invalid' || kb === 'invalid' || ka === 'nil' || kb === 'nil')) return ka === kb ? 0 : 1;
    return calling('incompatible types for comparison');
  }
  if (!basic(ka)) {
    if (ka === 'nil' || ka === 'invalid') return 0;
    return calling(`non-comparable type ${formatV(a)}: ${goType(a)}`);
  }
  const x = ka === 'int' || ka === 'float' ? num(a) : a,
    y = kb === 'int' || kb === 'float' ? num(b) : b;
  return x === y ? 0 : (x as number | string) < (y as number | string) ? -1 : 1;
}

/** kubectl's exists: whether index would find a non-nil value. */
function exists(item: Value, indices: Value[]): boolean {
  let v: Value = item;
  for (const ix of indices) {
    const k = kindOf(v);
    if (k === 'nil' || k === 'invalid') return false;
    if (k === 'slice' || k === 'string') {
      if (kindOf(ix) !== 'int') return false;
      const i = num(ix),
        len = k === 'slice' ? (v as Value[]).length : (v as string).length;
      if (i < 0 || i >= len) return false;
      v = k === 'slice' ? toValue((v as Value[])[i]) : (v as string)[i];
    } else if (k === 'map') {
      if (kindOf(ix) !== 'string') return false;
      const m = v as Record<string, Value>;
      v = Object.hasOwn(m, ix as string) ? toValue(m[ix as string]) : null;
    } else return false;
  }
  return kindOf(v) !== 'nil' && kindOf(v) !== 'invalid';
}

/** base64.StdEncoding's CorruptInputError offset for input the regular expression refuses. */
function firstBadBase64(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '=') {
      const pad = s.slice(i);
      if ((i % 4 === 2 && pad === '==') || (i % 4 === 3 && pad === '=')) return -1;
      return i;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) return i;
  }
  return s.length % 4 ? s.length - (s.length % 4) : -1;
}

/** fmt's %+v of the decoded object, as kubectl prints it after a failed template. */
export function formatGoValue(v: unknown): string {
  return formatV(toValue(JSON.parse(JSON.stringify(v ?? null))));
}
