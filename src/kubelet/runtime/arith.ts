// Arithmetic expansion `$(( ))` and `(( ))` over the parser's expression tree: integers as the shell has them
// (64-bit in dash and bash; here JavaScript integers, truncated on division), variables read as numbers.
import type { Arith } from './ast';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

export function evalArith(e: Arith, vars: ArithVars, depth = 0): number {
  const n = e as any;
  switch (e.type) {
    case 'ArithNumber':
      return Math.trunc(n.value);
    case 'ArithVariable':
      return varValue(vars, n.name, depth);
    case 'ArithSpecialVar':
      return varValue(vars, n.name, depth);
    case 'ArithGroup':
    case 'ArithNested':
      return evalArith(n.expression, vars, depth);
    case 'ArithTernary':
      return evalArith(n.condition, vars, depth)
        ? evalArith(n.consequent, vars, depth)
        : evalArith(n.alternate, vars, depth);
    case 'ArithUnary':
      return unary(n, vars, depth);
    case 'ArithAssignment': {
      const old = varValue(vars, n.variable, depth);
      const v = evalArith(n.value, vars, depth);
      const r = n.operator === '=' ? v : binary(n.operator.slice(0, -1), old, v);
      vars.set(n.variable, String(r));
      return r;
    }
    case 'ArithBinary': {
      if (n.operator === '&&') return evalArith(n.left, vars, depth) && evalArith(n.right, vars, depth) ? 1 : 0;
      if (n.operator === '||') return evalArith(n.left, vars, depth) || evalArith(n.right, vars, depth) ? 1 : 0;
      return binary(n.operator, evalArith(n.left, vars, depth), evalArith(n.right, vars, depth));
    }
    case 'ArithSyntaxError':
      throw new ArithError(n.message);
  }
  throw new ArithError(`arithmetic syntax error`);
}

function varValue(vars: ArithVars, name: string, depth: number): number {
  const v = (vars.get(name) ?? '').trim();
  if (v === '') return 0;
  if (/^-?\d+$/.test(v)) return Number(v);
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v, 16);
  if (depth < 10 && /^[A-Za-z_]\w*$/.test(v)) return varValue(vars, v, depth + 1);
  throw new ArithError(`arithmetic syntax error`);
}

function unary(n: any, vars: ArithVars, depth: number): number {
  if (n.operator === '++' || n.operator === '--') {
    const name = n.operand?.name;
    const old = varValue(vars, name, depth);
    const v = n.operator === '++' ? old + 1 : old - 1;
    vars.set(name, String(v));
    return n.prefix ? v : old;
  }
  const v = evalArith(n.operand, vars, depth);
  switch (n.operator) {
    case '-':
      return -v;
    case '+':
      return v;
    case '!':
      return v ? 0 : 1;
    case '~':
      return ~v;
  }
  throw new ArithError('arithmetic syntax error');
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ArithError('divide by zero');
      return Math.trunc(a / b);
    case '%':
      if (b === 0) throw new ArithError('divide by zero');
      return a % b;
    case '**':
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '<':
      return +(a < b);
    case '<=':
      return +(a <= b);
    case '>':
      return +(a > b);
    case '>=':
      return +(a >= b);
    case '==':
      return +(a === b);
    case '!=':
      return +(a !== b);
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case ',':
      return b;
  }
  throw new ArithError('arithmetic syntax error');
}
