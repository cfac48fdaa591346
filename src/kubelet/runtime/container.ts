// The container runtime's side of a container: what its PID 1 runs (command.ts over image-config.ts), the check
// of the words of a command before it starts (a program kspec cannot run keeps the container from starting,
// rather than pretending), the process itself (process.ts running interpreter.ts), and commands run to their end
// at one instant (`kubectl exec`, exec probes).
import type { KObject } from '../../api/meta';
import type { EnvVar } from '../env';
import type { Host, NetAccess } from './host';
import type { ApiServer } from '../../apiserver/apiserver';
import { ContainerFS, type ContainerFiles } from './fs';
import { imageConfig, flavourOf } from './image-config';
import { Exit, Process, type Unsupported } from './process';
import { Shell } from './interpreter';
import { SHELL_BUILTINS } from './interpreter';
import { knownCommand, lookupCommand } from './builtins';
import { dialectOf, shellScript } from './builtins/shell';
import { parseScript, ShellSyntaxError } from './parse';
import { podHostname } from './fs';
import { clusterDNSIP } from '../../api/dns/names';
import { Stream } from './stream';

/** What a container gives its processes (host.ts). */
export function containerHost(
  api: ApiServer,
  pod: KObject,
  spec: any,
  podIP: string | undefined,
  files?: ContainerFiles,
  net?: NetAccess,
): Host {
  return {
    api,
    pod,
    container: spec,
    fs: new ContainerFS(pod, spec.name, podIP, files, clusterDNSIP(api)),
    flavour: flavourOf(spec.image ?? ''),
    workingDir: spec.workingDir || imageConfig(spec.image ?? '')?.workingDir,
    net,
  };
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SHELLS = /(^|\/)(sh|bash|ash|dash)$/;

/** The process environment: the image's PATH, HOSTNAME, the kubelet's variables, HOME. */
export function processEnv(pod: KObject, env: EnvVar[] = []): Map<string, string> {
  const m = new Map<string, string>([
    ['PATH', PATH],
    ['HOSTNAME', podHostname(pod)],
  ]);
  for (const e of env) m.set(e.name, e.value);
  if (!m.has('HOME')) m.set('HOME', '/root');
  return m;
}

/**
 * The first word of the command kspec cannot run, with why; undefined when every command it names is known.
 * Only literal command names are checked here (one computed at run time stops the process when reached).
 */
export function unsupportedWord(argv: string[], host: Host): string | undefined {
  if (!SHELLS.test(argv[0])) return knownCommand(host, argv[0]) ? undefined : argv[0];
  const s = shellScript(
    { sh: { host, cwd: host.workingDir ?? '/' } as Shell, io: { stdin: Stream.of(''), out: () => {}, err: () => {} } },
    argv,
  );
  if ('error' in s || s.stream) return undefined;
  let script;
  try {
    script = parseScript(s.text);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return undefined;
    throw e;
  }
  const defined = new Set<string>();
  const names: string[] = [];
  const walk = (n: any): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (n.type === 'FunctionDef') defined.add(n.name);
    if (n.type === 'SimpleCommand' && n.name) {
      const words = [n.name, ...n.args].map(literal);
      let i = 0;
      // the program that exec, env, nohup and command run
      while (i < words.length && ['exec', 'env', 'nohup', 'command', 'time'].includes(words[i] ?? '')) {
        i++;
        while (i < words.length && (words[i] ?? '').match(/^-|^[A-Za-z_]\w*=/)) i++;
      }
      if (i < words.length && words[i] !== undefined) names.push(words[i]!);
    }
    for (const k of Object.keys(n)) if (k !== 'type') walk(n[k]);
  };
  walk(script);
  return names.find((w) => !defined.has(w) && !SHELL_BUILTINS.has(w) && !knownCommand(host, w));
}

/** A word's text when it has no expansion in it. */
function literal(w: any): string | undefined {
  let s = '';
  for (const p of w.parts ?? []) {
    if (p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'Escaped') s += p.value;
    else if (p.type === 'DoubleQuoted' && p.parts.every((q: any) => q.type === 'Literal' || q.type === 'Escaped'))
      s += p.parts.map((q: any) => q.value).join('');
    else return undefined;
  }
  return s;
}

/** A script that is one simple command: the shell execs it (dash, ash and bash do), so that program is PID 1. */
function singleCommand(text: string): boolean {
  try {
    const s = parseScript(text);
    return (
      s.statements.length === 1 &&
      s.statements[0].pipelines.length === 1 &&
      !s.statements[0].background &&
      s.statements[0].pipelines[0].commands.length === 1 &&
      s.statements[0].pipelines[0].commands[0].type === 'SimpleCommand'
    );
  } catch {
    return false;
  }
}

/** Starts PID 1 at `at`: a shell running its script, or any other program (then it is PID 1 itself). */
export interface StartOptions {
  stdin?: string /** the spec's `stdin: true`: input that never ends */;
  openStdin?: boolean;
  capture?: boolean;
}

export function startProcess(
  argv: string[],
  host: Host,
  env: Map<string, string>,
  at: number,
  opts: StartOptions = {},
): Process {
  return new Process(
    at,
    (proc) =>
      (function* () {
        if (lookupCommand(host, argv[0]) === null) {
          proc.startError = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`;
          return 128;
        }
        const shell = SHELLS.test(argv[0]);
        const sh = new Shell(proc, host, {
          name: argv[0],
          dialect: dialectOf(shell ? argv[0] : 'sh', host.flavour),
          env,
          pid1: true,
        });
        // a container's stdin is /dev/null unless its spec keeps one open (`stdin: true`), which `kubectl attach` feeds
        if (opts.openStdin) proc.stdin = new Stream();
        sh.io = { ...sh.io, stdin: proc.stdin ?? Stream.of(opts.stdin ?? '') };
        if (!shell) {
          sh.execing = true;
          try {
            return yield* sh.run(argv, sh.io);
          } catch (e) {
            if (e instanceof Exit) return e.code;
            throw e;
          }
        }
        const s = shellScript({ sh, io: sh.io }, argv);
        if ('error' in s) {
          sh.io.err(s.error + '\n');
          return 2;
        }
        sh.opts.name = s.name;
        sh.positional = s.args;
        sh.options.errexit = s.errexit;
        // a shell reading its stdin reads it as it comes, until its end (`kubectl run -i ... -- sh`)
        if (s.stream) return yield* sh.mainFrom(s.stream);
        sh.execing = singleCommand(s.text);
        return yield* sh.main(s.text);
      })(),
    { capture: opts.capture },
  );
}

export interface Completed {
  stdout: string;
  stderr: string;
  exitCode: number;
  durationMs: number;
  timedOut?: boolean;
  unsupported?: Unsupported;
}

/**
 * Runs a command to its end at one instant of the cluster (`kubectl exec`, an exec probe): its own clock may
 * move (sleep), the cluster's does not. A command still running after `limitMs` of its own time is cut off.
 */
export function runToEnd(
  argv: string[],
  host: Host,
  env: Map<string, string>,
  at: number,
  opts: { stdin?: string; limitMs?: number } = {},
): Completed {
  const proc = startProcess(argv, host, env, at, { stdin: opts.stdin, capture: true });
  const limit = at + (opts.limitMs ?? 3_600_000);
  proc.advance(limit);
  const timedOut = proc.running && !proc.stopped;
  if (timedOut) proc.now = limit;
  if (proc.running) proc.kill(137);
  return {
    ...proc.captured!,
    exitCode: proc.exitCode!,
    durationMs: (proc.exitedAt ?? proc.now) - at,
    timedOut,
    unsupported: proc.stopped,
  };
}
