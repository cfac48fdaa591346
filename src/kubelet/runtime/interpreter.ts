// kspec's shell: walks just-bash's AST (parse.ts) one step at a time on the virtual clock. POSIX sh as busybox
// ash, dash and bash run it for a container's `sh -c`: lists (`;`, `&&`, `||`, `&`), pipelines, redirections,
// if/while/until/for/case, functions, variables and `$?`, command substitution, `trap` and `wait`. A builtin that
// waits (`sleep`) yields a wake-up time to the process (process.ts); a pipeline's commands run at the same time,
// each in a thread of its own, joined by pipes (stream.ts): `yes | head -n 3` ends when head has its lines and
// yes dies of SIGPIPE. Traps run between commands, as a shell runs them: a TERM that arrives during a foreground
// `sleep` is handled when the sleep ends, one that arrives during `wait` at once.
import type { Command, Compound, Redirection, Script, SimpleCommand, Statement } from './ast';
import { Exit, type Process, type Step, Unsupported, type Wait, type Resume } from './process';
import { expandFields, expandString, arith, patternRegex } from './words';
import { parseScript, ShellSyntaxError } from './parse';
import { absPath } from './fs';
import type { Host } from './host';
import { lookupCommand, type Io } from './builtins';
import { evalCond } from './builtins/test';
import { BrokenPipe, drain, readLine, Stream } from './stream';

type Gen<T> = Generator<Wait, T, Resume>;
export type { Io };

/** Which shell's wording errors take: busybox ash, Debian's dash (`sh` in glibc images) or bash. */
export type Dialect = 'ash' | 'dash' | 'bash';

class Break {
  constructor(public n: number) {}
}
class Continue {
  constructor(public n: number) {}
}
class Return {
  constructor(readonly code: number) {}
}

export interface ShellOptions {
  name: string;
  dialect: Dialect;
  env: Map<string, string>;
  args?: string[];
  pid1?: boolean;
}

export class Shell {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  readonly funcs = new Map<string, Command>();
  readonly traps = new Map<string, string>();
  positional: string[];
  status = 0;
  cwd = '/';
  line = 1;
  io: Io;
  options = { errexit: false, nounset: false, xtrace: false };
  private lastBg = 0;
  /** PID 1 is replacing itself with a program (`exec`, or the container's command when it is no shell) */
  execing = false;
  /** the status of the last command substitution of the command being expanded (`x=$(false)` has it) */
  substStatus = 0;

  constructor(
    readonly proc: Process,
    readonly host: Host,
    readonly opts: ShellOptions,
  ) {
    this.vars = new Map(opts.env);
    this.exported = new Set(opts.env.keys());
    if (!this.vars.has('IFS')) this.vars.set('IFS', ' \t\n');
    this.positional = opts.args ?? [];
    this.cwd = host.workingDir ?? '/';
    this.io = { stdin: Stream.of(''), out: (s) => proc.write('stdout', s), err: (s) => proc.write('stderr', s) };
    if (opts.pid1) proc.handles = (sig) => !!this.traps.get(sig);
  }

  get dialect(): Dialect {
    return this.opts.dialect;
  }

  /** A copy that runs apart: a subshell `( )`, a command substitution, a pipeline's command, a background job. */
  subshell(): Shell {
    const s = new Shell(this.proc, this.host, {
      ...this.opts,
      env: new Map(),
      args: [...this.positional],
      pid1: false,
    });
    for (const [k, v] of this.vars) s.vars.set(k, v);
    for (const k of this.exported) s.exported.add(k);
    for (const [k, f] of this.funcs) s.funcs.set(k, f);
    s.cwd = this.cwd;
    s.io = this.io;
    s.status = this.status;
    s.options = { ...this.options };
    s.line = this.line;
    return s;
  }

  get(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '!':
        return this.lastBg ? String(this.lastBg) : undefined;
      case '#':
        return String(this.positional.length);
      case '@':
      case '*':
        return this.positional.join(name === '*' ? ((this.vars.get('IFS') ?? ' ')[0] ?? '') : ' ');
      case '0':
        return this.opts.name;
      case '-':
        return '';
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  set(name: string, value: string): void {
    this.vars.set(name, value);
  }

  /** The exported variables: what a command started from here gets as its environment. */
  environ(extra: [string, string][] = []): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env.set(k, v);
    }
    for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  /** An error in the shell's own wording: `sh: 1: x` (dash), `bash: line 1: x`, `sh: x` (ash). */
  error(text: string, io: Io = this.io): void {
    const n = this.opts.name;
    io.err(
      this.dialect === 'dash'
        ? `${n}: ${this.line}: ${text}\n`
        : this.dialect === 'bash'
          ? `${n}: line ${this.line}: ${text}\n`
          : `${n}: ${text}\n`,
    );
  }

  unsupported(what: string): never {
    throw new Unsupported(what);
  }

  /** Runs a script's text in this shell. */
  *source(text: string, io: Io = this.io): Gen<number> {
    let script: Script;
    try {
      script = parseScript(text);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      const token = /unexpected token `([^']*)'/.exec(e.message)?.[1];
      const saved = this.line;
      this.line = 1;
      if (token === undefined) this.error(`syntax error: ${e.message.replace(/^syntax error:? ?/, '')}`, io);
      else
        this.error(
          this.dialect === 'ash'
            ? `syntax error: unexpected "${token}"`
            : this.dialect === 'dash'
              ? `Syntax error: "${token}" unexpected`
              : `syntax error near unexpected token \`${token}'`,
          io,
        );
      this.line = saved;
      return (this.status = 2);
    }
    return yield* this.body(script.statements, io);
  }

  /** The script of PID 1 (`sh -c`), with its EXIT trap. */
  *main(text: string): Gen<number> {
    let code: number;
    try {
      code = yield* this.source(text);
    } catch (e) {
      if (e instanceof Exit) code = e.code;
      else if (e instanceof Return) code = e.code;
      else throw e;
    }
    return yield* this.exitTrap(code);
  }

  /**
   * A script read from a stream (`sh` with no -c reading its stdin: `echo 'echo hi' | sh`, `kubectl run -i ... --
   * sh`): each complete command runs as soon as its lines have come; the end of input ends the shell.
   */
  *mainFrom(input: Stream): Gen<number> {
    let code = this.status,
      text = '';
    try {
      for (;;) {
        const line = yield* readLine(input);
        if (line !== undefined) text += line;
        if (line !== undefined && !input.eof && incomplete(text)) continue;
        if (text.trim()) code = yield* this.source(text);
        text = '';
        if (line === undefined || input.eof) break;
      }
    } catch (e) {
      if (e instanceof Exit) code = e.code;
      else if (e instanceof Return) code = e.code;
      else throw e;
    }
    return yield* this.exitTrap(code);
  }

  *exitTrap(code: number): Gen<number> {
    const t = this.traps.get('EXIT');
    if (!t) return code;
    this.traps.delete('EXIT');
    this.status = code;
    try {
      yield* this.source(t);
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    }
    return code;
  }

  *body(statements: Statement[], io: Io): Gen<number> {
    for (const st of statements) {
      this.status = yield* this.statement(st, io);
      yield* this.handleSignals(io);
    }
    return this.status;
  }

  /** Runs the traps of the signals that arrived (PID 1 only: a subshell's signals are not modelled). */
  *handleSignals(io: Io): Gen<void> {
    if (!this.opts.pid1) return;
    while (this.proc.pending.length) {
      const sig = this.proc.pending.shift()!;
      const action = this.traps.get(sig);
      if (action) {
        const saved = this.status;
        yield* this.source(action, io);
        this.status = saved;
      }
    }
  }

  *statement(st: Statement, io: Io): Gen<number> {
    if (st.background) {
      const job = this.subshell();
      const pid = (this.lastBg = this.lastBg ? this.lastBg + 1 : 7);
      this.proc.spawn(
        (function* () {
          try {
            return yield* job.pipelines(st, io);
          } catch (e) {
            if (e instanceof Exit) return e.code;
            throw e;
          }
        })(),
      );
      void pid;
      return 0;
    }
    return yield* this.pipelines(st, io);
  }

  private *pipelines(st: Statement, io: Io): Gen<number> {
    let status = yield* this.pipeline(st.pipelines[0], io);
    for (let i = 1; i < st.pipelines.length; i++) {
      const op = st.operators[i - 1];
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      this.status = status;
      status = yield* this.pipeline(st.pipelines[i], io);
    }
    if (this.options.errexit && status !== 0 && st.pipelines.length === 1 && !st.pipelines[0].negated)
      throw new Exit(status);
    return status;
  }

  private *pipeline(p: Statement['pipelines'][number], io: Io): Gen<number> {
    if (this.proc.tick()) yield { when: () => true };
    const status =
      p.commands.length === 1 ? yield* this.command(p.commands[0], io) : yield* this.concurrently(p.commands, io);
    return p.negated ? +(status === 0) : status;
  }

  /**
   * A pipeline: each command in a subshell of its own thread, the stdout of one the stdin of the next through a
   * pipe; its status is the last command's, once all have ended. A command's end closes its ends of the pipes, so
   * its reader sees the end of input and its writer gets EPIPE.
   */
  private *concurrently(commands: Command[], io: Io): Gen<number> {
    const n = commands.length;
    const pipes = commands.slice(1).map(() => new Stream());
    const stages = commands.map(() => ({ done: false, status: 0 }));
    commands.forEach((cmd, i) => {
      const sub = this.subshell();
      const pipe = pipes[i];
      const sio: Io = {
        ...io,
        stdin: i ? pipes[i - 1] : io.stdin,
        out: pipe ? (s) => pipe.write(s) : io.out,
        sink: pipe ?? io.sink,
      };
      const stage = stages[i];
      this.proc.spawn(
        (function* () {
          try {
            stage.status = yield* sub.command(cmd, sio);
          } catch (e) {
            if (e instanceof Exit || e instanceof BrokenPipe) stage.status = e.code;
            else throw e;
          } finally {
            pipe?.close();
            if (i > 0) pipes[i - 1].closeRead();
            stage.done = true;
          }
          return stage.status;
        })(),
      );
    });
    yield { when: () => stages.every((s) => s.done) };
    return stages[n - 1].status;
  }

  *command(cmd: Command, io: Io): Gen<number> {
    if (cmd.type === 'SimpleCommand') return yield* this.simple(cmd, io);
    if (cmd.type === 'FunctionDef') {
      this.funcs.set(cmd.name, cmd.body as Command);
      return 0;
    }
    const rio = yield* this.redirect(cmd.redirections, io);
    if (!rio) return 1;
    try {
      return yield* this.compound(cmd, rio);
    } finally {
      rio.close?.();
    }
  }

  private *compound(c: Compound, io: Io): Gen<number> {
    switch (c.type) {
      case 'Group':
        return yield* this.body(c.body, io);
      case 'Subshell': {
        const sub = this.subshell();
        try {
          return yield* sub.body(c.body, io);
        } catch (e) {
          if (e instanceof Exit) return e.code;
          throw e;
        }
      }
      case 'If': {
        for (const clause of c.clauses) {
          if ((yield* this.condition(clause.condition, io)) === 0) return yield* this.body(clause.body, io);
        }
        return c.elseBody ? yield* this.body(c.elseBody, io) : 0;
      }
      case 'While':
      case 'Until': {
        let status = 0;
        for (;;) {
          if (this.proc.tick()) yield { when: () => true };
          const cond = yield* this.condition(c.condition, io);
          if ((cond === 0) !== (c.type === 'While')) break;
          const r = yield* this.loopBody(c.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'For': {
        const words: string[] = [];
        if (c.words) for (const w of c.words) words.push(...(yield* expandFields(this, w)));
        else words.push(...this.positional);
        let status = 0;
        for (const w of words) {
          this.set(c.variable, w);
          const r = yield* this.loopBody(c.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'Case': {
        const word = yield* expandString(this, c.word);
        for (const item of c.items) {
          for (const pw of item.patterns) {
            if (patternRegex(yield* expandString(this, pw)).test(word)) return yield* this.body(item.body, io);
          }
        }
        return 0;
      }
      case 'ArithmeticCommand':
        return arith(this, c.expression.expression) ? 0 : 1;
      case 'ConditionalCommand': {
        if (this.dialect !== 'bash') {
          this.error('[[: not found', io);
          return 127;
        }
        return (yield* evalCond(this, c.expression)) ? 0 : 1;
      }
    }
    return this.unsupported(`the ${c.type} command`);
  }

  /** A condition list does not trip `set -e`. */
  private *condition(statements: Statement[], io: Io): Gen<number> {
    const e = this.options.errexit;
    this.options.errexit = false;
    try {
      return yield* this.body(statements, io);
    } finally {
      this.options.errexit = e;
    }
  }

  private *loopBody(body: Statement[], io: Io): Gen<{ status: number; stop: boolean }> {
    try {
      return { status: yield* this.body(body, io), stop: false };
    } catch (e) {
      if (e instanceof Break) {
        if (--e.n > 0) throw e;
        return { status: 0, stop: true };
      }
      if (e instanceof Continue) {
        if (--e.n > 0) throw e;
        return { status: 0, stop: false };
      }
      throw e;
    }
  }

  private *simple(cmd: SimpleCommand, io: Io): Gen<number> {
    if ((cmd as any).line) this.line = (cmd as any).line;
    this.substStatus = 0;
    const assigns: [string, string][] = [];
    for (const a of cmd.assignments) {
      if (a.array) this.unsupported('array assignments');
      const v = a.value ? yield* expandString(this, a.value) : '';
      assigns.push([a.name, a.append ? (this.get(a.name) ?? '') + v : v]);
    }
    const argv: string[] = [];
    if (cmd.name) argv.push(...(yield* expandFields(this, cmd.name)));
    for (const w of cmd.args) argv.push(...(yield* expandFields(this, w)));
    if (!argv.length) {
      for (const [k, v] of assigns) this.set(k, v);
      if (!cmd.redirections.length) return this.substStatus;
    }
    if (argv[0] === 'exec' && argv.length === 1) {
      // `exec >>/log 2>&1`: the redirections apply to the shell from now on
      const rio = yield* this.redirect(cmd.redirections, this.io);
      if (!rio) return 1;
      this.io = { ...rio, close: undefined };
      return 0;
    }
    const rio = yield* this.redirect(cmd.redirections, io);
    if (!rio) return 1;
    if (!argv.length) {
      rio.close?.();
      return 0;
    }
    try {
      return yield* this.run(argv, rio, assigns);
    } finally {
      rio.close?.();
    }
  }

  /** Runs a command by name: a function, a shell builtin, or a program of the image. */
  *run(argv: string[], io: Io, assigns: [string, string][] = []): Gen<number> {
    const name = argv[0];
    const fn = this.funcs.get(name);
    if (fn) {
      const saved = this.positional;
      this.positional = argv.slice(1);
      for (const [k, v] of assigns) this.set(k, v);
      try {
        return yield* this.command(fn, io);
      } catch (e) {
        if (e instanceof Return) return e.code;
        throw e;
      } finally {
        this.positional = saved;
      }
    }
    const special = SPECIAL[name];
    if (special) {
      for (const [k, v] of assigns) this.set(k, v);
      return yield* special(this, argv, io);
    }
    const builtin = lookupCommand(this.host, name);
    if (!builtin) {
      if (builtin === null) {
        this.error(this.dialect === 'bash' ? `${name}: command not found` : `${name}: not found`, io);
        return 127;
      }
      return this.unsupported(name);
    }
    const env = this.environ(assigns);
    const r = builtin({ sh: this, argv, io, env });
    const status = typeof r === 'number' ? r : yield* r;
    yield* drain(io.sink);
    return status;
  }

  /** Applies redirections to a copy of the streams; undefined (after the shell's message) when one fails. */
  *redirect(redirs: Redirection[], io: Io): Gen<(Io & { close?: () => void }) | undefined> {
    if (!redirs.length) return io;
    const r: Io & { close?: () => void } = { ...io };
    const fds: Record<number, (s: string) => void> = { 1: io.out, 2: io.err };
    for (const rd of redirs) {
      const fd = rd.fd ?? (rd.operator.startsWith('<') ? 0 : 1);
      if (rd.target.type === 'HereDoc') {
        const h = rd.target;
        let text = h.quoted
          ? h.content.parts.map((p: any) => p.value ?? '').join('')
          : yield* expandString(this, h.content);
        if (h.stripTabs) text = text.replace(/^\t+/gm, '');
        r.stdin = Stream.of(text);
        continue;
      }
      const target = yield* expandString(this, rd.target);
      switch (rd.operator) {
        case '<<<':
          r.stdin = Stream.of(target + '\n');
          break;
        case '<': {
          const f = this.host.fs.read(absPath(target, this.cwd));
          if (!f.ok) {
            this.error(this.cannotOpen(target, f.error), io);
            return undefined;
          }
          r.stdin = Stream.of(f.content);
          break;
        }
        case '>&':
        case '<&': {
          if (target === '-') {
            fds[fd] = () => {};
            break;
          }
          const from = fds[Number(target)];
          if (!from) {
            this.error(`${target}: bad file descriptor`, io);
            return undefined;
          }
          fds[fd] = from;
          break;
        }
        case '>':
        case '>|':
        case '>>':
        case '&>':
        case '&>>': {
          const sink = this.openFile(target, rd.operator.endsWith('>>'), io);
          if (!sink) return undefined;
          if (rd.operator.startsWith('&')) {
            fds[1] = sink;
            fds[2] = sink;
          } else fds[fd] = sink;
          break;
        }
        default:
          this.unsupported(`the redirection ${rd.operator}`);
      }
    }
    if (fds[1] !== io.out) r.sink = undefined;
    r.out = fds[1];
    r.err = fds[2];
    return r;
  }

  /** Opens a file for writing (truncating unless appending); writes reach it as they are made. */
  private openFile(target: string, append: boolean, io: Io): ((s: string) => void) | undefined {
    if (target === '/dev/null') return () => {};
    if (target === '/dev/stdout') return io.out;
    if (target === '/dev/stderr') return io.err;
    const path = absPath(target, this.cwd);
    const fs = this.host.fs;
    const r = append && fs.kind(path) === 'file' ? { ok: true as const } : fs.write(path, '');
    if (!r.ok) {
      this.error(this.cannotCreate(target, r.error), io);
      return undefined;
    }
    return (s) => {
      fs.append(path, s);
    };
  }

  private cannotCreate(target: string, error: string): string {
    const why =
      error === 'ENOENT' ? (this.dialect === 'ash' ? 'nonexistent directory' : 'Directory nonexistent') : errno(error);
    if (this.dialect === 'bash') return `${target}: ${errno(error)}`;
    return this.dialect === 'ash' ? `can't create ${target}: ${why}` : `cannot create ${target}: ${why}`;
  }

  private cannotOpen(target: string, error: string): string {
    if (this.dialect === 'bash') return `${target}: ${errno(error)}`;
    return this.dialect === 'ash'
      ? `can't open '${target}': ${errno(error)}`
      : `cannot open ${target}: ${errno(error).replace('No such file or directory', 'No such file')}`;
  }
}

/** Whether the text stops before its command does (the rest of an `if`, a loop, a quote is still to come). */
function incomplete(text: string): boolean {
  try {
    parseScript(text);
    return false;
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.incomplete;
    throw e;
  }
}

/** strerror(3) of the errors the model's file system gives. */
export function errno(code: string): string {
  return (
    (
      {
        ENOENT: 'No such file or directory',
        EISDIR: 'Is a directory',
        ENOTDIR: 'Not a directory',
        EROFS: 'Read-only file system',
        EEXIST: 'File exists',
        ENOTEMPTY: 'Directory not empty',
        EBUSY: 'Resource busy',
        ENOCONTAINER: 'No such file or directory',
        ENOTRUNNING: 'No such file or directory',
      } as Record<string, string>
    )[code] ?? code
  );
}

type Special = (sh: Shell, argv: string[], io: Io) => Gen<number>;

/** The shell's own commands: they change the shell itself, so they cannot run as programs. */
const SPECIAL: Record<string, Special> = {
  *':'() {
    return 0;
  },
  *exit(sh, argv) {
    throw new Exit(argv[1] !== undefined ? Number(argv[1]) & 255 : sh.status);
  },
  *return(sh, argv) {
    throw new Return(argv[1] !== undefined ? Number(argv[1]) & 255 : sh.status);
  },
  *break(_sh, argv) {
    throw new Break(Number(argv[1] ?? 1));
  },
  *continue(_sh, argv) {
    throw new Continue(Number(argv[1] ?? 1));
  },
  *export(sh, argv) {
    for (const a of argv.slice(1).filter((x) => x !== '-p')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.set(name, a.slice(eq + 1));
      sh.exported.add(name);
    }
    return 0;
  },
  *readonly(sh, argv) {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq >= 0) sh.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  *local(sh, argv) {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      sh.set(eq < 0 ? a : a.slice(0, eq), eq < 0 ? '' : a.slice(eq + 1));
    }
    return 0;
  },
  *unset(sh, argv) {
    for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
      sh.vars.delete(a);
      sh.exported.delete(a);
      sh.funcs.delete(a);
    }
    return 0;
  },
  *shift(sh, argv) {
    const n = Number(argv[1] ?? 1);
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  *set(sh, argv) {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') {
        sh.positional = argv.slice(i + 1);
        break;
      }
      if (/^[-+][euxo]+$/.test(a) || a === '-o' || a === '+o') {
        const on = a[0] === '-';
        if (a.slice(1) === 'o') {
          const o = argv[++i];
          if (o === 'errexit') sh.options.errexit = on;
          if (o === 'nounset') sh.options.nounset = on;
          continue;
        }
        for (const f of a.slice(1)) {
          if (f === 'e') sh.options.errexit = on;
          if (f === 'u') sh.options.nounset = on;
          if (f === 'x') sh.options.xtrace = on;
        }
        continue;
      }
      if (a === 'pipefail' || a.startsWith('-')) continue;
      sh.positional = argv.slice(i);
      break;
    }
    return 0;
  },
  *cd(sh, argv, io) {
    const dir = absPath(argv[1] ?? sh.get('HOME') ?? '/', sh.cwd);
    if (sh.host.fs.kind(dir) !== 'dir') {
      sh.error(`cd: can't cd to ${argv[1]}`, io);
      return sh.dialect === 'ash' ? 1 : 2;
    }
    sh.cwd = dir;
    sh.set('PWD', dir);
    return 0;
  },
  *pwd(sh, _argv, io) {
    io.out(sh.cwd + '\n');
    return 0;
  },
  *eval(sh, argv, io) {
    return yield* sh.source(argv.slice(1).join(' '), io);
  },
  *'.'(sh, argv, io) {
    const f = sh.host.fs.read(absPath(argv[1] ?? '', sh.cwd));
    if (!f.ok) {
      sh.error(`${argv[1]}: not found`, io);
      return 2;
    }
    return yield* sh.source(f.content, io);
  },
  *source(sh, argv, io) {
    return yield* SPECIAL['.'](sh, argv, io);
  },
  *trap(sh, argv, io) {
    const args = argv.slice(1);
    if (!args.length || args[0] === '-p') {
      for (const [s, a] of sh.traps) io.out(`trap -- '${a}' ${s}\n`);
      return 0;
    }
    const reset = args[0] === '-' || (/^\d+$/.test(args[0]) && args.length === 1);
    const action = reset ? undefined : args[0];
    for (const s of args.slice(reset && args[0] !== '-' ? 0 : 1)) {
      const name = signalName(s);
      if (!name) {
        sh.error(`trap: ${s}: bad trap`, io);
        return 1;
      }
      if (action === undefined) sh.traps.delete(name);
      else sh.traps.set(name, action);
    }
    return 0;
  },
  *wait(sh) {
    const why = yield { children: true };
    return why === 'signal' ? 128 + 15 : 0;
  },
  *exec(sh, argv, io) {
    // the shell is replaced: its traps go, and the command's status ends the process
    sh.traps.clear();
    sh.execing = true;
    throw new Exit(yield* sh.run(argv.slice(1), io));
  },
  *read(sh, argv, io) {
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    const got = yield* readLine(io.stdin);
    if (got === undefined) {
      names.forEach((n) => sh.set(n, ''));
      return 1;
    }
    const line = got.replace(/\n$/, '');
    const words = line.trim().split(/\s+/);
    names.forEach((n, i) => sh.set(n, i === names.length - 1 ? words.slice(i).join(' ') : (words[i] ?? '')));
    return got.endsWith('\n') ? 0 : 1;
  },
};

/** `TERM`, `SIGTERM`, `15` -> TERM; EXIT and 0 -> EXIT. */
function signalName(s: string): string | undefined {
  const numbers: Record<string, string> = {
    0: 'EXIT',
    1: 'HUP',
    2: 'INT',
    3: 'QUIT',
    9: 'KILL',
    15: 'TERM',
    10: 'USR1',
    12: 'USR2',
  };
  if (/^\d+$/.test(s)) return numbers[s];
  const n = s.toUpperCase().replace(/^SIG/, '');
  return ['EXIT', 'HUP', 'INT', 'QUIT', 'KILL', 'TERM', 'USR1', 'USR2', 'CHLD', 'ERR'].includes(n) ? n : undefined;
}

/** The special builtins' names (for the check of a script's words before it starts). */
export const SHELL_BUILTINS = new Set(Object.keys(SPECIAL));

export type { Step };
