// The nodes of just-bash's AST (its dist/ast/types.d.ts) that the interpreter walks. just-bash exports only a
// few of its node types, so the ones interpreted here are restated; a node of another type is unsupported.
export interface Script {
  type: 'Script';
  statements: Statement[];
}
export interface Statement {
  type: 'Statement';
  pipelines: Pipeline[];
  operators: ('&&' | '||' | ';')[];
  background: boolean;
  sourceText?: string;
}
export interface Pipeline {
  type: 'Pipeline';
  commands: Command[];
  negated: boolean;
}
export type Command = SimpleCommand | Compound | FunctionDef;
export interface SimpleCommand {
  type: 'SimpleCommand';
  assignments: Assignment[];
  name: Word | null;
  args: Word[];
  redirections: Redirection[];
}
export interface Assignment {
  type: 'Assignment';
  name: string;
  value: Word | null;
  append: boolean;
  array: Word[] | null;
}
export interface Redirection {
  type: 'Redirection';
  fd: number | null;
  operator: string;
  target: Word | HereDoc;
}
export interface HereDoc {
  type: 'HereDoc';
  delimiter: string;
  content: Word;
  stripTabs: boolean;
  quoted: boolean;
}
export interface FunctionDef {
  type: 'FunctionDef';
  name: string;
  body: Compound;
  redirections: Redirection[];
}
export type Compound =
  | {
      type: 'If';
      clauses: { condition: Statement[]; body: Statement[] }[];
      elseBody: Statement[] | null;
      redirections: Redirection[];
    }
  | { type: 'For'; variable: string; words: Word[] | null; body: Statement[]; redirections: Redirection[] }
  | { type: 'While' | 'Until'; condition: Statement[]; body: Statement[]; redirections: Redirection[] }
  | {
      type: 'Case';
      word: Word;
      items: { patterns: Word[]; body: Statement[]; terminator: string }[];
      redirections: Redirection[];
    }
  | { type: 'Subshell' | 'Group'; body: Statement[]; redirections: Redirection[] }
  | { type: 'ArithmeticCommand'; expression: ArithExpression; redirections: Redirection[] }
  | { type: 'ConditionalCommand'; expression: Cond; redirections: Redirection[] }
  | { type: 'CStyleFor'; redirections: Redirection[] };
export interface Word {
  type: 'Word';
  parts: WordPart[];
}
export type WordPart =
  | { type: 'Literal' | 'SingleQuoted' | 'Escaped'; value: string }
  | { type: 'DoubleQuoted'; parts: WordPart[] }
  | { type: 'ParameterExpansion'; parameter: string; operation: ParamOp | null }
  | { type: 'CommandSubstitution'; body: Script }
  | { type: 'ArithmeticExpansion'; expression: ArithExpression }
  | { type: 'TildeExpansion'; user: string | null }
  | { type: 'Glob'; pattern: string }
  | {
      type: 'BraceExpansion';
      items: (
        | { type: 'Word'; word: Word }
        | { type: 'Range'; start: string | number; end: string | number; step?: number }
      )[];
    }
  | { type: 'ProcessSubstitution' };
export type ParamOp =
  | { type: 'DefaultValue' | 'AssignDefault' | 'UseAlternative'; word: Word; checkEmpty: boolean }
  | { type: 'ErrorIfUnset'; word: Word | null; checkEmpty: boolean }
  | { type: 'Length' }
  | { type: 'PatternRemoval'; pattern: Word; side: 'prefix' | 'suffix'; greedy: boolean }
  | {
      type: 'PatternReplacement';
      pattern: Word;
      replacement: Word | null;
      all: boolean;
      anchor: 'start' | 'end' | null;
    }
  | { type: 'Substring'; offset: ArithExpression; length: ArithExpression | null }
  | { type: string };
export interface ArithExpression {
  type: 'ArithmeticExpression';
  expression: Arith;
  originalText?: string;
}
export type Arith =
  | { type: 'ArithNumber'; value: number }
  | { type: 'ArithVariable'; name: string }
  | { type: 'ArithSpecialVar'; name: string }
  | { type: 'ArithBinary'; operator: string; left: Arith; right: Arith }
  | { type: 'ArithUnary'; operator: string; operand: Arith; prefix: boolean }
  | { type: 'ArithTernary'; condition: Arith; consequent: Arith; alternate: Arith }
  | { type: 'ArithAssignment'; operator: string; variable: string; value: Arith }
  | { type: 'ArithGroup' | 'ArithNested'; expression: Arith }
  | { type: 'ArithSyntaxError'; message: string }
  | { type: string };
export type Cond =
  | { type: 'CondBinary'; operator: string; left: Word; right: Word }
  | { type: 'CondUnary'; operator: string; operand: Word }
  | { type: 'CondNot'; operand: Cond }
  | { type: 'CondAnd' | 'CondOr'; left: Cond; right: Cond }
  | { type: 'CondGroup'; expression: Cond }
  | { type: 'CondWord'; word: Word };
