// The real kubectl: found (KSPEC_KUBECTL, the versioned binaries of the Google Cloud SDK, PATH), and run
// asynchronously (a served cluster may answer on this very process's event loop), isolated from the user's
// discovery cache and home, with the kubeconfig it is given.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tokenize } from '../kubectl/args';

const SDK = '/usr/lib/google-cloud-sdk/bin';

/**
 * The kubectl of a version (`1.30`), or the reference one (KSPEC_KUBECTL when it names one, else PATH's); undefined
 * when there is none. `KSPEC_KUBECTL=real` asks for the real kubectl without naming it.
 */
export function findKubectl(version = '1.30'): string | undefined {
  const named = process.env.KSPEC_KUBECTL;
  if (version === '1.30' && named && named !== 'real') return named;
  const versioned = path.join(SDK, `kubectl.${version}`);
  if (fs.existsSync(versioned)) return versioned;
  if (version !== '1.30') return undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'kubectl');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/**
 * A step's command line as a shell would run it: its words (without a leading `kubectl`), and the environment its
 * leading `NAME=value` words give kubectl (`KUBE_EDITOR="sed -i ..." kubectl edit ...`).
 */
export function commandLine(line: string): { env: Record<string, string>; args: string[] } | { error: string } {
  let words: string[];
  try {
    words = tokenize(line.trim());
  } catch (e) {
    return { error: `error: ${(e as Error).message}\n` };
  }
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++)
    env[words[i].slice(0, words[i].indexOf('='))] = words[i].slice(words[i].indexOf('=') + 1);
  const rest = words.slice(i);
  return { env, args: rest[0] === 'kubectl' ? rest.slice(1) : rest };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  kubeconfig: string;
  /** kubectl's home and cache folder */
  home: string;
  cwd?: string;
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** aborting it interrupts kubectl, as Ctrl-C would (SIGINT) */
  signal?: AbortSignal;
}

/**
 * The editor of `kubectl edit` when the line names none: a scenario has no terminal, so instead of the machine's vi
 * (which would wait for keys), kubectl runs this, which says why and fails, as kspec's kubectl does. kubectl runs an
 * EDITOR with spaces through `sh -c "$EDITOR <file>"`; the final `:` swallows the file.
 */
const NO_EDITOR =
  'echo \'kspec runs no interactive editor: give the editor as a command that changes the file, e.g. KUBE_EDITOR="sed -i ..." kubectl edit ...\' >&2; exit 1; :';

const links = new Map<string, string>();

/**
 * The binary under the name `kubectl`: kubectl names itself by argv[0] (--record's change-cause reads `kubectl set
 * image ...`), and a versioned binary (kubectl.1.30) is reached through a link of that name.
 */
function namedKubectl(bin: string): string {
  if (path.basename(bin) === 'kubectl') return bin;
  let link = links.get(bin);
  if (!link) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-kubectl-'));
    link = path.join(dir, 'kubectl');
    fs.symlinkSync(path.resolve(bin), link);
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    links.set(bin, link);
  }
  return link;
}

/** Runs kubectl with these arguments (no shell); a kubectl that cannot start answers exit status 127 with why. */
export function runKubectl(bin: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      namedKubectl(bin),
      args,
      {
        cwd: opts.cwd,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: opts.home,
          KUBECONFIG: opts.kubeconfig,
          KUBECACHEDIR: path.join(opts.home, 'cache'),
          EDITOR: NO_EDITOR,
          ...opts.env,
        },
        timeout: opts.timeoutMs ?? 60_000,
        killSignal: 'SIGINT',
        maxBuffer: 1 << 26,
        signal: opts.signal,
      },
      (err, stdout, stderr) => {
        const code = (err as NodeJS.ErrnoException | null)?.code;
        // interrupted: kubectl's own exit status, as after Ctrl-C
        if (code === 'ABORT_ERR') return resolve({ stdout, stderr, exitCode: child.exitCode ?? 130 });
        if (typeof code === 'string')
          return resolve({ stdout, stderr: `${stderr}kubectl (${bin}) could not run: ${code}\n`, exitCode: 127 });
        resolve({ stdout, stderr, exitCode: err ? (typeof code === 'number' ? code : 1) : 0 });
      },
    );
    child.stdin?.on('error', () => {
      /* kubectl exited before reading its input */
    });
    if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
    else child.stdin!.end();
  });
}
