// test, [ and bash's [[ ]]: file tests on the container's files, string and integer comparisons.
import type { Builtin, Ctx } from './index';
import type { Shell } from '../interpreter';
import type { Cond } from '../ast';
import type { Wait, Resume } from '../process';
import { absPath } from '../fs';
import { expandString, patternRegex } from '../words';

class TestError extends Error {}

function unary(sh: Shell, op: string, a: string): boolean | undefined {
  const kind = () => sh.host.fs.kind(absPath(a, sh.cwd));
  switch (op) {
    case '-e':
    case '-a':
      return !!kind();
    case '-f':
      return kind() === 'file';
    case '-d':
      return kind() === 'dir';
    case '-s': {
      const r = sh.host.fs.read(absPath(a, sh.cwd));
      return r.ok ? r.content.length > 0 : r.error === 'EISDIR';
    }
    case '-r':
    case '-w':
    case '-x':
      return !!kind();
    case '-L':
    case '-h':
    case '-p':
    case '-S':
    case '-b':
    case '-c':
      return false;
    case '-n':
      return a !== '';
    case '-z':
      return a === '';
  }
  return undefined;
}

function integer(sh: Shell, s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s))
    throw new TestError(`${s}: ${sh.dialect === 'bash' ? 'integer expression expected' : 'bad number'}`);
  return Number(s);
}

function binary(sh: Shell, op: string, a: string, b: string): boolean | undefined {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return integer(sh, a) === integer(sh, b);
    case '-ne':
      return integer(sh, a) !== integer(sh, b);
    case '-lt':
      return integer(sh, a) < integer(sh, b);
    case '-le':
      return integer(sh, a) <= integer(sh, b);
    case '-gt':
      return integer(sh, a) > integer(sh, b);
    case '-ge':
      return integer(sh, a) >= integer(sh, b);
  }
  return undefined;
}

/** POSIX test's grammar: `!`, `( )`, -a binds tighter than -o. */
function evaluate(sh: Shell, args: string[]): boolean {
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (args[i] === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (args[i] === '-a') {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (args[i] === '!' && i + 1 < args.length) {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    if (args[i] === '(' && args.length - i >= 3) {
      i++;
      const v = or();
      if (args[i++] !== ')') throw new TestError(`')' expected`);
      return v;
    }
    if (args.length - i >= 3) {
      const r = binary(sh, args[i + 1], args[i], args[i + 2]);
      if (r !== undefined) {
        i += 3;
        return r;
      }
    }
    if (/^-[a-zA-Z]$/.test(args[i]) && i + 1 < args.length) {
      const r = unary(sh, args[i], args[i + 1]);
      if (r === undefined) throw new TestError(`${args[i]}: unary operator expected`);
      i += 2;
      return r;
    }
    return (args[i++] ?? '') !== '';
  };
  if (!args.length) return false;
  const v = or();
  if (i < args.length) throw new TestError(`${args[i]}: unexpected operator`);
  return v;
}

function test(c: Ctx, args: string[]): number {
  try {
    return evaluate(c.sh, args) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    c.sh.error(`${c.argv[0]}: ${e.message}`, c.io);
    return 2;
  }
}

const bracket: Builtin = (c) => {
  if (c.argv[c.argv.length - 1] !== ']') {
    c.sh.error(`[: missing ]`, c.io);
    return 2;
  }
  return test(c, c.argv.slice(1, -1));
};

/** bash's [[ ]]: no field splitting, `==` matches a pattern. */
export function* evalCond(sh: Shell, e: Cond): Generator<Wait, boolean, Resume> {
  switch (e.type) {
    case 'CondNot':
      return !(yield* evalCond(sh, e.operand));
    case 'CondAnd':
      return (yield* evalCond(sh, e.left)) && (yield* evalCond(sh, e.right));
    case 'CondOr':
      return (yield* evalCond(sh, e.left)) || (yield* evalCond(sh, e.right));
    case 'CondGroup':
      return yield* evalCond(sh, e.expression);
    case 'CondWord':
      return (yield* expandString(sh, e.word)) !== '';
    case 'CondUnary':
      return !!unary(sh, e.operator, yield* expandString(sh, e.operand));
    case 'CondBinary': {
      const a = yield* expandString(sh, e.left),
        b = yield* expandString(sh, e.right);
      if (e.operator === '==' || e.operator === '=') return patternRegex(b).test(a);
      if (e.operator === '!=') return !patternRegex(b).test(a);
      if (e.operator === '=~') return new RegExp(b).test(a);
      return !!binary(sh, e.operator, a, b);
    }
  }
  return false;
}

export const TEST_COMMANDS: Record<string, Builtin> = { test: (c) => test(c, c.argv.slice(1)), '[': bracket };
