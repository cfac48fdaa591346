// Files: cat, touch, rm, mkdir, cp, mv, ls, head, tail, wc, tee, chmod, basename, dirname, with busybox's or
// GNU coreutils' messages as the image has one or the other. Writes land in the container's layer or its volumes
// (../fs.ts), where other containers mounting the same volume, `kubectl exec` and exec probes see them.
import type { Builtin, Ctx } from './index';
import { absPath } from '../fs';
import { errno } from '../interpreter';
import { drain, readAll, readLine, type Stream } from '../stream';
import type { Resume, Wait } from '../process';

type Gen<T> = Generator<Wait, T, Resume>;

/** Copies a stream to stdout as its data comes, to its end (cat, tee with no file operands read this way). */
function* pass(c: Ctx, from: Stream, also?: (s: string) => void): Gen<void> {
  for (;;) {
    const s = from.take();
    if (s) {
      also?.(s);
      c.io.out(s);
      yield* drain(c.io.sink);
    }
    if (from.eof) return;
    yield { when: () => from.readable };
  }
}

const bb = (c: Ctx) => c.sh.host.flavour === 'busybox';
const path = (c: Ctx, p: string) => absPath(p, c.sh.cwd);
/** Splits `-rf` style flags from operands (a lone `-` and what follows `--` are operands). */
export function flags(argv: string[]): { f: Set<string>; args: string[] } {
  const f = new Set<string>(),
    args: string[] = [];
  let done = false;
  for (const a of argv.slice(1)) {
    if (!done && a === '--') {
      done = true;
      continue;
    }
    if (!done && /^-[A-Za-z0-9]+$/.test(a)) {
      for (const ch of a.slice(1)) f.add(ch);
      continue;
    }
    if (!done && a.startsWith('--')) {
      f.add(a);
      continue;
    }
    args.push(a);
  }
  return { f, args };
}

const cat: Builtin = function* (c) {
  const { args } = flags(c.argv);
  if (!args.length) {
    yield* pass(c, c.io.stdin);
    return 0;
  }
  let code = 0;
  for (const a of args) {
    if (a === '-') {
      yield* pass(c, c.io.stdin);
      continue;
    }
    const r = c.sh.host.fs.read(path(c, a));
    if (r.ok) {
      c.io.out(r.content);
      yield* drain(c.io.sink);
      continue;
    }
    code = 1;
    c.io.err(
      bb(c)
        ? r.error === 'EISDIR'
          ? `cat: read error: Is a directory\n`
          : `cat: can't open '${a}': ${errno(r.error)}\n`
        : `cat: ${a}: ${errno(r.error)}\n`,
    );
  }
  return code;
};

const touch: Builtin = (c) => {
  let code = 0;
  for (const a of flags(c.argv).args) {
    const p = path(c, a),
      fs = c.sh.host.fs;
    if (fs.kind(p)) continue;
    const r = fs.write(p, '');
    if (!r.ok) {
      code = 1;
      c.io.err(bb(c) ? `touch: ${a}: ${errno(r.error)}\n` : `touch: cannot touch '${a}': ${errno(r.error)}\n`);
    }
  }
  return code;
};

const rm: Builtin = (c) => {
  const { f, args } = flags(c.argv);
  const recursive = f.has('r') || f.has('R'),
    force = f.has('f');
  let code = 0;
  for (const a of args) {
    const p = path(c, a),
      fs = c.sh.host.fs,
      kind = fs.kind(p);
    if (!kind) {
      if (!force) {
        code = 1;
        c.io.err(
          bb(c)
            ? `rm: can't remove '${a}': No such file or directory\n`
            : `rm: cannot remove '${a}': No such file or directory\n`,
        );
      }
      continue;
    }
    if (kind === 'dir' && !recursive) {
      code = 1;
      c.io.err(bb(c) ? `rm: '${a}' is a directory\n` : `rm: cannot remove '${a}': Is a directory\n`);
      continue;
    }
    const r = fs.remove(p);
    if (!r.ok) {
      code = 1;
      c.io.err(
        bb(c) ? `rm: can't remove '${a}': ${errno(r.error)}\n` : `rm: cannot remove '${a}': ${errno(r.error)}\n`,
      );
    }
  }
  return code;
};

const mkdir: Builtin = (c) => {
  const { f, args } = flags(c.argv);
  let code = 0;
  for (const a of args) {
    const fs = c.sh.host.fs,
      p = path(c, a);
    const chain = f.has('p')
      ? p
          .split('/')
          .filter(Boolean)
          .map((_, i, xs) => '/' + xs.slice(0, i + 1).join('/'))
      : [p];
    for (const d of chain) {
      if (f.has('p') && fs.kind(d) === 'dir') continue;
      const r = fs.mkdir(d);
      if (!r.ok) {
        code = 1;
        c.io.err(
          bb(c)
            ? `mkdir: can't create directory '${a}': ${errno(r.error)}\n`
            : `mkdir: cannot create directory '${a}': ${errno(r.error)}\n`,
        );
        break;
      }
    }
  }
  return code;
};

/** cp and mv: files, and directories with -r (cp) or always (mv); into a directory when the target is one. */
function copy(c: Ctx, move: boolean): number {
  const { f, args } = flags(c.argv);
  const tool = move ? 'mv' : 'cp';
  if (args.length < 2) {
    c.io.err(
      bb(c)
        ? `${tool}: need at least two arguments\n`
        : `${tool}: missing destination file operand after '${args[0] ?? ''}'\n`,
    );
    return 1;
  }
  const fs = c.sh.host.fs,
    dest = path(c, args[args.length - 1]);
  const intoDir = fs.kind(dest) === 'dir';
  let code = 0;
  for (const a of args.slice(0, -1)) {
    const src = path(c, a),
      kind = fs.kind(src);
    const to = intoDir ? `${dest === '/' ? '' : dest}/${src.split('/').pop()}` : dest;
    if (!kind) {
      code = 1;
      c.io.err(
        bb(c)
          ? move
            ? `mv: can't rename '${a}': No such file or directory\n`
            : `cp: can't stat '${a}': No such file or directory\n`
          : `${tool}: cannot stat '${a}': No such file or directory\n`,
      );
      continue;
    }
    if (kind === 'dir' && !move && !(f.has('r') || f.has('R') || f.has('a'))) {
      code = 1;
      c.io.err(bb(c) ? `cp: omitting directory '${a}'\n` : `cp: -r not specified; omitting directory '${a}'\n`);
      continue;
    }
    const r = copyTree(c, src, to);
    if (!r) {
      code = 1;
      c.io.err(
        bb(c)
          ? `${tool}: can't create '${to}': No such file or directory\n`
          : `${tool}: cannot create regular file '${to}': No such file or directory\n`,
      );
      continue;
    }
    if (move) fs.remove(src);
  }
  return code;
}

function copyTree(c: Ctx, src: string, to: string): boolean {
  const fs = c.sh.host.fs;
  const r = fs.read(src);
  if (r.ok) return fs.write(to, r.content).ok;
  if (fs.kind(to) !== 'dir' && !fs.mkdir(to).ok) return false;
  const l = fs.list(src);
  for (const e of l.ok ? l.entries : []) if (!copyTree(c, `${src}/${e}`, `${to}/${e}`)) return false;
  return true;
}

const ls: Builtin = (c) => {
  const { f, args } = flags(c.argv);
  const targets = args.length ? args : ['.'];
  const blocks: string[] = [];
  let code = 0;
  for (const a of targets) {
    const l = c.sh.host.fs.list(path(c, a));
    if (!l.ok) {
      code = bb(c) ? 1 : 2;
      c.io.err(bb(c) ? `ls: ${a}: ${errno(l.error)}\n` : `ls: cannot access '${a}': ${errno(l.error)}\n`);
      continue;
    }
    const names = f.has('a')
      ? ['.', '..', ...l.entries]
      : f.has('A')
        ? l.entries
        : l.entries.filter((e) => !e.startsWith('.'));
    const text = names.map((e) => `${e}\n`).join('');
    blocks.push(targets.length > 1 && c.sh.host.fs.kind(path(c, a)) === 'dir' ? `${a}:\n${text}` : text);
  }
  c.io.out(blocks.join('\n'));
  return code;
};

/** The text of the operands (or all of stdin), for the line tools. */
function* input(c: Ctx, args: string[], tool: string): Gen<{ text: string; code: number }> {
  if (!args.length) return { text: yield* readAll(c.io.stdin), code: 0 };
  let text = '',
    code = 0;
  for (const a of args) {
    const r = c.sh.host.fs.read(path(c, a));
    if (r.ok) text += r.content;
    else {
      code = 1;
      c.io.err(
        bb(c)
          ? `${tool}: can't open '${a}': ${errno(r.error)}\n`
          : `${tool}: cannot open '${a}' for reading: ${errno(r.error)}\n`,
      );
    }
  }
  return { text, code };
}

function lineCount(argv: string[]): { n: number; rest: string[] } {
  const rest: string[] = [];
  let n = 10;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n') n = Number(argv[++i]);
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-f' || a === '-F') continue;
    else rest.push(a);
  }
  return { n, rest };
}

const lines = (text: string) => text.split(/(?<=\n)/).filter((l) => l !== '');

/** head: from stdin it reads lines as they come and stops at the n-th (its writer then gets EPIPE). */
const head: Builtin = function* (c) {
  const { n, rest } = lineCount(c.argv);
  if (rest.length) {
    const r = yield* input(c, rest, 'head');
    c.io.out(lines(r.text).slice(0, n).join(''));
    return r.code;
  }
  for (let i = 0; i < n; i++) {
    const line = yield* readLine(c.io.stdin);
    if (line === undefined) break;
    c.io.out(line);
  }
  return 0;
};

/**
 * tail; `tail -f` (and busybox's `-F`, which waits for a file that is not there yet) then follows the file,
 * printing what is appended as it is (what keeps many containers running); with -f on stdin it waits for ever.
 */
const tail: Builtin = function* (c) {
  const { n, rest } = lineCount(c.argv);
  const follow = c.argv.includes('-f') || c.argv.includes('-F');
  const retry = c.argv.includes('-F');
  if (follow && rest.length === 1 && (retry || c.sh.host.fs.kind(path(c, rest[0])) === 'file'))
    return yield* followFile(c, rest[0], n, retry);
  const r = yield* input(c, rest, 'tail');
  c.io.out(n ? lines(r.text).slice(-n).join('') : '');
  if (follow) {
    yield { forever: true };
  }
  return r.code;
};

/** tail -f FILE: the last n lines, then what is appended; a truncated or replaced file is read again from its start. */
function* followFile(c: Ctx, name: string, n: number, retry: boolean): Gen<number> {
  const fs = c.sh.host.fs,
    p = path(c, name);
  const read = () => {
    const r = fs.read(p);
    return r.ok ? r.content : undefined;
  };
  let seen = read();
  if (seen === undefined)
    c.io.err(
      bb(c)
        ? `tail: can't open '${name}': No such file or directory\n`
        : `tail: cannot open '${name}' for reading: No such file or directory\n`,
    );
  else c.io.out(n ? lines(seen).slice(-n).join('') : '');
  if (seen === undefined && !retry) return 1;
  for (;;) {
    yield { when: () => read() !== seen };
    const now = read();
    if (now === undefined) {
      seen = undefined;
      continue;
    }
    if (seen === undefined)
      c.io.err(
        bb(c)
          ? `tail: ${name} has appeared; following end of new file\n`
          : `tail: '${name}' has appeared;  following new file\n`,
      );
    c.io.out(seen !== undefined && now.startsWith(seen) ? now.slice(seen.length) : now);
    seen = now;
  }
}

const wc: Builtin = function* (c) {
  const { f, args } = flags(c.argv);
  const r = yield* input(c, args, 'wc');
  const l = (r.text.match(/\n/g) ?? []).length,
    w = r.text.split(/\s+/).filter(Boolean).length,
    b = Buffer.byteLength(r.text);
  const cols = f.size
    ? [f.has('l') ? l : undefined, f.has('w') ? w : undefined, f.has('c') ? b : undefined].filter(
        (x) => x !== undefined,
      )
    : [l, w, b];
  const width = cols.length === 1 ? 0 : bb(c) ? 9 : 7;
  c.io.out(
    cols.map((x) => String(x).padStart(width)).join(bb(c) ? ' ' : ' ') +
      (args.length === 1 ? ` ${args[0]}` : '') +
      '\n',
  );
  return r.code;
};

const tee: Builtin = function* (c) {
  const { f, args } = flags(c.argv);
  const files = args.map((a) => path(c, a));
  if (!f.has('a')) for (const p of files) c.sh.host.fs.write(p, '');
  yield* pass(c, c.io.stdin, (s) => {
    for (const p of files) c.sh.host.fs.append(p, s);
  });
  return 0;
};

const grep: Builtin = function* (c) {
  const { f, args } = flags(c.argv);
  const pattern = args.shift();
  if (pattern === undefined) {
    c.io.err('grep: no pattern\n');
    return 2;
  }
  const r = yield* input(c, args, 'grep');
  const re = new RegExp(f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, f.has('i') ? 'i' : '');
  const hits = lines(r.text).filter((l) => re.test(l.replace(/\n$/, '')) !== f.has('v'));
  if (f.has('c')) c.io.out(`${hits.length}\n`);
  else if (!f.has('q')) c.io.out(hits.map((l) => (l.endsWith('\n') ? l : l + '\n')).join(''));
  return r.code ? 2 : hits.length ? 0 : 1;
};

const chmod: Builtin = (c) => {
  for (const a of flags(c.argv).args.slice(1))
    if (!c.sh.host.fs.kind(path(c, a))) {
      c.io.err(`chmod: ${bb(c) ? `${a}` : `cannot access '${a}'`}: No such file or directory\n`);
      return 1;
    }
  return 0;
};

const basename: Builtin = (c) => {
  let b = (c.argv[1] ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
  if (c.argv[2] && b.endsWith(c.argv[2]) && b !== c.argv[2]) b = b.slice(0, -c.argv[2].length);
  c.io.out(`${b || '/'}\n`);
  return 0;
};

const dirname: Builtin = (c) => {
  const p = (c.argv[1] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  c.io.out(`${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
  return 0;
};

export const FILE_COMMANDS: Record<string, Builtin> = {
  cat,
  touch,
  rm,
  mkdir,
  cp: (c) => copy(c, false),
  mv: (c) => copy(c, true),
  ls,
  head,
  tail,
  wc,
  tee,
  grep,
  chmod,
  chown: chmod,
  basename,
  dirname,
};
