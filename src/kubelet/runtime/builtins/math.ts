// Arbitrary precision as the pi examples need it: `bc -l` (numbers with a scale, +-*/%^, variables, and the math
// library's a s c e l sqrt), and perl's `-Mbignum=bpi -wle 'print bpi(N)'`. Numbers are BigInt fixed point; pi
// comes from Machin's formula. bc truncates as bc does (`scale=10; 4*a(1)` is 3.1415926532, four times a(1)
// truncated) and breaks long numbers with a backslash at BC_LINE_LENGTH 70: GNU bc's out_char breaks before the
// 69th character (68 and `\`), busybox's bc after the 69th (69 and `\`); perl's bpi rounds to N significant
// digits.
import { readAll } from '../stream';
import type { Builtin } from './index';
import { Unsupported } from '../process';

/** A decimal n / 10^scale. */
interface Num {
  n: bigint;
  scale: number;
}
const TEN = 10n;
const pow10 = (k: number) => TEN ** BigInt(k);
const rescale = (x: Num, s: number): Num =>
  s >= x.scale ? { n: x.n * pow10(s - x.scale), scale: s } : { n: x.n / pow10(x.scale - s), scale: s };

/** arctan(1/k) · 10^digits, by its series. */
function arctanInv(k: bigint, digits: number): bigint {
  const one = pow10(digits);
  let term = one / k,
    sum = term,
    n = 1n,
    sign = -1n;
  const k2 = k * k;
  while (term !== 0n) {
    term /= k2;
    n += 2n;
    sum += sign * (term / n);
    sign = -sign;
  }
  return sum;
}

/** pi to `digits` decimals plus guard digits, truncated to `digits` (Machin: pi/4 = 4 atan(1/5) - atan(1/239)). */
export function piDigits(digits: number): bigint {
  const guard = 10;
  const p = 4n * (4n * arctanInv(5n, digits + guard) - arctanInv(239n, digits + guard));
  return p / pow10(guard);
}

/** Math::BigFloat's bpi(N): N significant digits, rounded half to even. */
export function bpi(n: number): string {
  const d = n - 1;
  const t = piDigits(d + 5);
  let q = t / pow10(5);
  const rem = t % pow10(5),
    half = 5n * pow10(4);
  if (rem > half || (rem === half && q % 2n === 1n)) q += 1n;
  const s = q.toString();
  return d > 0 ? `${s[0]}.${s.slice(1)}` : s;
}

class BcError extends Error {}

/** The math library's functions at `scale` digits, computed with guard digits and truncated. */
function libFunction(name: string, x: Num, scale: number): Num {
  const g = scale + 10;
  const X = rescale(x, g).n,
    one = pow10(g);
  const mul = (a: bigint, b: bigint) => (a * b) / one;
  const div = (a: bigint, b: bigint) => (a * one) / b;
  let r: bigint;
  switch (name) {
    case 'a': {
      if (X === one) {
        r = 4n * arctanInv(5n, g) - arctanInv(239n, g);
        break;
      }
      // reduce |x| below 0.5 with atan(x) = 2 atan(x / (1 + sqrt(1 + x²)))
      let v = X,
        doublings = 0n;
      const sqrt = (a: bigint) => {
        let y = a > one ? a : one;
        for (let i = 0; i < 200; i++) {
          const nxt = (y + div(a, y)) / 2n;
          if (nxt === y) break;
          y = nxt;
        }
        return y;
      };
      while ((v < 0n ? -v : v) * 2n > one) {
        v = div(v, one + sqrt(one + mul(v, v)));
        doublings++;
      }
      let term = v,
        sum = v,
        n = 1n;
      const v2 = mul(v, v);
      for (let i = 0; term !== 0n && i < 100_000; i++) {
        term = -mul(term, v2);
        n += 2n;
        sum += term / n;
      }
      r = sum * 2n ** doublings;
      break;
    }
    case 's':
    case 'c': {
      let term = name === 's' ? X : one,
        sum = term,
        k = name === 's' ? 1n : 0n;
      const x2 = mul(X, X);
      for (let i = 0; term !== 0n && i < 100_000; i++) {
        term = -mul(term, x2) / ((k + 1n) * (k + 2n));
        k += 2n;
        sum += term;
      }
      r = sum;
      break;
    }
    case 'e': {
      let term = one,
        sum = one;
      for (let k = 1n; term !== 0n && k < 100_000n; k++) {
        term = mul(term, X) / k;
        sum += term;
      }
      r = sum;
      break;
    }
    case 'l': {
      if (X <= 0n) throw new BcError('l: domain');
      // ln x = 2 atanh((x-1)/(x+1))
      const y = div(X - one, X + one),
        y2 = mul(y, y);
      let term = y,
        sum = y,
        n = 1n;
      for (let i = 0; term !== 0n && i < 1_000_000; i++) {
        term = mul(term, y2);
        n += 2n;
        sum += term / n;
      }
      r = 2n * sum;
      break;
    }
    default:
      throw new BcError(`${name}: undefined function`);
  }
  return rescale({ n: r, scale: g }, scale);
}

function sqrtNum(x: Num, scale: number): Num {
  const s = Math.max(scale, x.scale);
  const a = rescale(x, 2 * s).n;
  if (a < 0n) throw new BcError('Square root of a negative number');
  if (a === 0n) return { n: 0n, scale: s };
  let y = BigInt('1' + '0'.repeat(Math.ceil(a.toString().length / 2)));
  for (;;) {
    const n = (y + a / y) / 2n;
    if (n >= y) break;
    y = n;
  }
  return { n: y, scale: s };
}

/** bc's output: no leading zero before the point, long lines broken after `width` characters with a backslash. */
export function formatBc(x: Num, width = 68): string {
  const neg = x.n < 0n;
  const digits = (neg ? -x.n : x.n).toString().padStart(x.scale + 1, '0');
  let int = digits.slice(0, digits.length - x.scale).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(digits.length - x.scale);
  if (int === '0' && x.scale) int = '';
  let s = (neg && (int + frac).replace(/[0.]/g, '') ? '-' : '') + int + (x.scale ? '.' + frac : '');
  if (s === '') s = '0';
  const out: string[] = [];
  while (s.length > width) {
    out.push(s.slice(0, width) + '\\');
    s = s.slice(width);
  }
  out.push(s);
  return out.join('\n');
}

/** A bc program: statements separated by `;` or new lines; each expression statement prints its value. */
export function runBc(program: string, mathlib: boolean, flavour: 'busybox' | 'gnu' = 'gnu'): string {
  const width = flavour === 'busybox' ? 69 : 68;
  const vars = new Map<string, Num>();
  let scale = mathlib ? 20 : 0;
  let out = '';
  const toks =
    program.replace(/\/\*[\s\S]*?\*\//g, '').match(/\d*\.\d+|\d+\.?|[a-z_][a-z0-9_]*|\*\*|[-+*/%^()=;\n,]|\S/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const eat = (t?: string) => {
    const x = toks[i++];
    if (t && x !== t) throw new BcError(`syntax error`);
    return x;
  };
  const num = (t: string): Num => {
    const [a, b = ''] = t.split('.');
    return { n: BigInt((a || '0') + b), scale: b.length };
  };
  const primary = (): Num => {
    const t = eat();
    if (t === undefined) throw new BcError('syntax error');
    if (t === '(') {
      const v = expr();
      eat(')');
      return v;
    }
    if (t === '-') {
      const v = power();
      return { n: -v.n, scale: v.scale };
    }
    if (/^[\d.]/.test(t)) return num(t);
    if (t === 'scale' && peek() !== '(') return { n: BigInt(scale), scale: 0 };
    if (/^[a-z_]/.test(t)) {
      if (peek() === '(') {
        eat('(');
        const arg = expr();
        eat(')');
        if (t === 'sqrt') return sqrtNum(arg, scale);
        if (t === 'scale') return { n: BigInt(arg.scale), scale: 0 };
        if (t === 'length') return { n: BigInt(arg.n.toString().replace('-', '').length), scale: 0 };
        if (!mathlib) throw new BcError(`Function ${t} not defined.`);
        return libFunction(t, arg, scale);
      }
      return vars.get(t) ?? { n: 0n, scale: 0 };
    }
    throw new BcError(`syntax error`);
  };
  const power = (): Num => {
    const b = primary();
    if (peek() !== '^') return b;
    eat();
    const e = power();
    const k = Number(rescale(e, 0).n);
    let r: Num = { n: 1n, scale: 0 };
    for (let j = 0; j < Math.abs(k); j++) r = mulNum(r, b, Math.max(scale, b.scale * Math.abs(k)));
    return k < 0 ? divNum({ n: 1n, scale: 0 }, r, scale) : rescale(r, Math.min(b.scale * k, Math.max(scale, b.scale)));
  };
  const mulNum = (a: Num, b: Num, s: number): Num =>
    rescale({ n: a.n * b.n, scale: a.scale + b.scale }, Math.min(a.scale + b.scale, Math.max(s, a.scale, b.scale)));
  const divNum = (a: Num, b: Num, s: number): Num => {
    if (b.n === 0n) throw new BcError('Divide by zero');
    return { n: (a.n * pow10(s + b.scale)) / (b.n * pow10(a.scale)), scale: s };
  };
  const term = (): Num => {
    let v = power();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = eat(),
        r = power();
      if (op === '*') v = mulNum(v, r, scale);
      else if (op === '/') v = divNum(v, r, scale);
      else {
        const q = divNum(v, r, scale);
        v = subNum(v, mulNum(q, r, scale + r.scale));
      }
    }
    return v;
  };
  const addNum = (a: Num, b: Num): Num => {
    const s = Math.max(a.scale, b.scale);
    return { n: rescale(a, s).n + rescale(b, s).n, scale: s };
  };
  const subNum = (a: Num, b: Num): Num => addNum(a, { n: -b.n, scale: b.scale });
  const expr = (): Num => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = eat(),
        r = term();
      v = op === '+' ? addNum(v, r) : subNum(v, r);
    }
    return v;
  };
  while (i < toks.length) {
    if (peek() === ';' || peek() === '\n') {
      eat();
      continue;
    }
    if (peek() === 'quit') break;
    if (/^[a-z_]/.test(peek()) && toks[i + 1] === '=') {
      const name = eat();
      eat('=');
      const v = expr();
      if (name === 'scale') scale = Number(rescale(v, 0).n);
      else vars.set(name, v);
      continue;
    }
    out += formatBc(expr(), width) + '\n';
  }
  return out;
}

const bc: Builtin = function* (c) {
  const args = c.argv.slice(1);
  const mathlib = args.some((a) => /^-[a-z]*l/.test(a) || a === '--mathlib');
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length) throw new Unsupported('bc', `kspec runs bc on its standard input only`);
  const text = yield* readAll(c.io.stdin);
  let out: string;
  try {
    out = runBc(text, mathlib, c.sh.host.flavour);
  } catch (e) {
    if (!(e instanceof BcError)) throw e;
    c.io.err(`(standard_in) 1: ${e.message}\n`);
    return 1;
  }
  c.io.out(out);
  return 0;
};

/** perl, for the Job example of the Kubernetes documentation only: `perl -Mbignum=bpi -wle 'print bpi(N)'`. */
const perl: Builtin = (c) => {
  const args = c.argv.slice(1);
  const eAt = args.findIndex((a) => /^-[a-zA-Z]*e$/.test(a));
  const script = eAt >= 0 ? (args[eAt + 1] ?? '') : '';
  const m = /^\s*print\s+bpi\(\s*(\d+)\s*\)\s*;?\s*$/.exec(script);
  if (!m || !args.includes('-Mbignum=bpi')) throw new Unsupported('perl', `kspec cannot run perl ${args.join(' ')}`);
  c.io.out(bpi(Number(m[1])) + (/^-[a-zA-Z]*l/.test(args[eAt]) ? '\n' : ''));
  return 0;
};

export const MATH_COMMANDS: Record<string, Builtin> = { bc, perl };
