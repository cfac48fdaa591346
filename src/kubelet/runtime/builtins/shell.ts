// The shells as programs: `sh -c SCRIPT [NAME [ARG]...]`, `sh FILE`, `bash -c`, and script files run by path
// (a ConfigMap's `run.sh`). `sh` is busybox ash in busybox images and dash in Debian-based ones; a shell with no
// script reads its standard input, and a container's stdin is empty unless the spec asks for one.
import type { Builtin, Ctx } from './index';
import type { Dialect } from '../interpreter';
import { Shell } from '../interpreter';
import { absPath } from '../fs';
import { Unsupported } from '../process';
import type { Stream } from '../stream';

export function dialectOf(program: string, flavour: 'busybox' | 'gnu'): Dialect {
  const base = program.slice(program.lastIndexOf('/') + 1);
  if (base === 'bash') return 'bash';
  if (base === 'ash' || base === 'dash') return base;
  return flavour === 'busybox' ? 'ash' : 'dash';
}

/**
 * The script a shell's arguments name: `-c TEXT` (with $0 and the positional parameters), a file, or its stdin
 * (`stream`: read and run a command at a time, as it comes).
 */
export function shellScript(
  c: Pick<Ctx, 'sh' | 'io'>,
  argv: string[],
): { text: string; stream?: Stream; name: string; args: string[]; errexit: boolean } | { error: string } {
  let i = 1,
    command = false,
    errexit = false;
  for (; i < argv.length && /^[-+][a-zA-Z]+$/.test(argv[i]); i++) {
    if (argv[i].includes('c')) command = true;
    if (argv[i].includes('e')) errexit = true;
    if (argv[i] === '-o' || argv[i] === '+o') i++;
  }
  const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  if (command) {
    if (i >= argv.length) return { error: `${name}: -c requires an argument` };
    return { text: argv[i], name: argv[i + 1] ?? argv[0], args: argv.slice(i + 2), errexit };
  }
  if (i < argv.length) {
    const f = c.sh.host.fs.read(absPath(argv[i], c.sh.cwd));
    if (!f.ok) return { error: `${name}: can't open '${argv[i]}': No such file or directory` };
    return { text: f.content, name: argv[i], args: argv.slice(i + 1), errexit };
  }
  return { text: '', stream: c.io.stdin, name: argv[0], args: [], errexit };
}

const shell: Builtin = function* (c) {
  const s = shellScript(c, c.argv);
  if ('error' in s) {
    c.io.err(s.error + '\n');
    return 2;
  }
  const sub = new Shell(c.sh.proc, c.sh.host, {
    name: s.name,
    dialect: dialectOf(c.argv[0], c.sh.host.flavour),
    env: c.env,
    args: s.args,
  });
  sub.cwd = c.sh.cwd;
  sub.io = c.io;
  sub.options.errexit = s.errexit;
  return yield* s.stream ? sub.mainFrom(s.stream) : sub.main(s.text);
};

/** A script run by its path: its `#!` line names the shell (none: sh). */
export const scriptFile: Builtin = function* (c) {
  const f = c.sh.host.fs.read(absPath(c.argv[0], c.sh.cwd));
  const text = f.ok ? f.content : '';
  const bang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const interpreter = bang ? (bang[1].endsWith('/env') ? (bang[2] ?? '') : bang[1]) : 'sh';
  if (!/(^|\/)(sh|bash|ash|dash)$/.test(interpreter))
    throw new Unsupported(c.argv[0], `kspec cannot run "${c.argv[0]}": its interpreter is ${interpreter}`);
  return yield* shell({ ...c, argv: [interpreter, c.argv[0], ...c.argv.slice(1)] }) as any;
};

export const SHELL_COMMANDS: Record<string, Builtin> = { sh: shell, bash: shell, ash: shell, dash: shell };
