// `kubectl exec` inside a container: the command runs against the model, not a process. A small registry of
// commands (as an image's /bin would have them) that others extend by adding an entry to COMMANDS: env,
// printenv, hostname, cat, ls, echo, true, false, and `sh -c "a; b && c"` over them.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { ContainerRecord } from '../container';
import type { ContainerFS } from './fs';
import { podHostname } from './fs';
import { nslookup } from './nslookup';

export interface ExecContext {
  api: ApiServer;
  pod: KObject;
  /** the container's spec and the runtime's record of it */
  container: any;
  record: ContainerRecord;
  fs: ContainerFS;
  argv: string[];
  stdin?: string;
}
export interface ExecResult { stdout: string; stderr: string; exitCode: number }
export type ExecCommand = (ctx: ExecContext) => ExecResult;

/** The command is not in the image: the runtime's error, which kubectl prints as an internal error. */
export class ExecNotFound extends Error {
  constructor(readonly command: string, containerID: string) {
    super(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${containerID.replace(/^containerd:\/\//, '')}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown`);
  }
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The process environment: the image's PATH, HOSTNAME, the kubelet's variables, HOME. */
export function processEnv(ctx: ExecContext): [string, string][] {
  const env: [string, string][] = [['PATH', PATH], ['HOSTNAME', podHostname(ctx.pod)]];
  for (const e of ctx.record.env ?? []) {
    const i = env.findIndex(([k]) => k === e.name);
    if (i >= 0) env[i] = [e.name, e.value]; else env.push([e.name, e.value]);
  }
  if (!env.some(([k]) => k === 'HOME')) env.push(['HOME', '/root']);
  return env;
}

const env: ExecCommand = (ctx) => ok(processEnv(ctx).map(([k, v]) => `${k}=${v}\n`).join(''));

const printenv: ExecCommand = (ctx) => {
  const vars = new Map(processEnv(ctx));
  const names = ctx.argv.slice(1);
  if (!names.length) return env(ctx);
  const found = names.filter((n) => vars.has(n));
  return { stdout: found.map((n) => `${vars.get(n)}\n`).join(''), stderr: '', exitCode: found.length === names.length ? 0 : 1 };
};

const hostname: ExecCommand = (ctx) => ok(`${podHostname(ctx.pod)}\n`);

const cat: ExecCommand = (ctx) => {
  const r: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  for (const path of ctx.argv.slice(1)) {
    const f = ctx.fs.read(path);
    if (f.ok) r.stdout += f.content;
    else { r.stderr += `cat: ${path}: ${errorText(f.error)}\n`; r.exitCode = 1; }
  }
  if (ctx.argv.length === 1 && ctx.stdin) r.stdout = ctx.stdin;
  return r;
};

const ls: ExecCommand = (ctx) => {
  const all = ctx.argv.slice(1).some((a) => /^-[a-zA-Z]*a/.test(a));
  const paths = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const targets = paths.length ? paths : [ctx.container.workingDir || '/'];
  const r: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  const blocks: string[] = [];
  for (const path of targets) {
    const l = ctx.fs.list(path);
    if (!l.ok) { r.stderr += `ls: cannot access '${path}': ${errorText(l.error)}\n`; r.exitCode = 2; continue; }
    const entries = (all ? ['.', '..', ...l.entries] : l.entries.filter((e) => !e.startsWith('.'))).map((e) => `${e}\n`).join('');
    blocks.push(targets.length > 1 ? `${path}:\n${entries}` : entries);
  }
  r.stdout = blocks.join('\n');
  return r;
};

const echo: ExecCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  const noNewline = args[0] === '-n';
  return ok(`${(noNewline ? args.slice(1) : args).join(' ')}${noNewline ? '' : '\n'}`);
};

/** `sh -c SCRIPT`: commands separated by `;`, `&&` and `||`, $VAR from the environment. */
const sh: ExecCommand = (ctx) => {
  if (ctx.argv[1] !== '-c' || ctx.argv.length < 3) return ok('');
  const vars = new Map(processEnv(ctx));
  const out: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  const parts = ctx.argv[2].split(/(;|&&|\|\|)/);
  let op = ';';
  for (let i = 0; i < parts.length; i += 2) {
    const words = splitWords(parts[i].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n) => vars.get(n) ?? ''));
    const skip = (op === '&&' && out.exitCode !== 0) || (op === '||' && out.exitCode === 0);
    op = parts[i + 1] ?? ';';
    if (skip || !words.length) continue;
    const fn = lookup(words[0]);
    const r = fn ? fn({ ...ctx, argv: words }) : { stdout: '', stderr: `sh: ${words[0]}: not found\n`, exitCode: 127 };
    out.stdout += r.stdout; out.stderr += r.stderr; out.exitCode = r.exitCode;
  }
  return out;
};

/** The commands an image has; add an entry to give every container another. */
export const COMMANDS: Record<string, ExecCommand> = {
  env, printenv, hostname, cat, ls, echo, sh, bash: sh, nslookup,
  true: () => ok(''), false: () => ({ stdout: '', stderr: '', exitCode: 1 }),
};

function lookup(command: string): ExecCommand | undefined {
  const base = command.includes('/') ? command.slice(command.lastIndexOf('/') + 1) : command;
  return Object.prototype.hasOwnProperty.call(COMMANDS, base) ? COMMANDS[base] : undefined;
}

/** Runs argv in the container; throws ExecNotFound when the image has no such command. */
export function runExec(ctx: ExecContext): ExecResult {
  const fn = lookup(ctx.argv[0]);
  if (!fn) throw new ExecNotFound(ctx.argv[0], ctx.record.containerID ?? '');
  return fn(ctx);
}

function errorText(code: string): string {
  return ({ ENOENT: 'No such file or directory', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory' } as Record<string, string>)[code] ?? code;
}

function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
