// The real kubectl against a served cluster: find the binary (KSPEC_KUBECTL, the versioned binaries of the
// Google Cloud SDK, PATH), run it asynchronously (the server answers on this process's event loop), isolated
// from the user's kubeconfig and discovery cache.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SDK = '/usr/lib/google-cloud-sdk/bin';

/** The kubectl of a version (`1.30`), or the reference one; undefined when there is none. */
export function findKubectl(version = '1.30'): string | undefined {
  if (version === '1.30' && process.env.KSPEC_KUBECTL) return process.env.KSPEC_KUBECTL;
  const versioned = path.join(SDK, `kubectl.${version}`);
  if (fs.existsSync(versioned)) return versioned;
  if (version !== '1.30') return undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'kubectl');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** Under CI a missing kubectl fails the run; elsewhere the test is skipped with this reason. */
export function missingKubectl(version = '1.30'): string | false {
  if (findKubectl(version)) return false;
  if (process.env.CI === 'true') throw new Error(`kubectl ${version} not found (set KSPEC_KUBECTL or install it): the real-kubectl tests must run on CI`);
  return `kubectl ${version} not found`;
}

export interface RunResult { stdout: string; stderr: string; exitCode: number }

export class RealKubectl {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-kubectl-'));
  readonly kubeconfig = path.join(this.home, 'kubeconfig');

  constructor(readonly bin: string, kubeconfigText: string) { fs.writeFileSync(this.kubeconfig, kubeconfigText); }

  /** One command line (shell-like words; `'...'` and `"..."` quote), stdin optional, env added. */
  run(args: string[], opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = execFile(this.bin, ['--request-timeout=20s', ...args], {
        env: { PATH: process.env.PATH ?? '', HOME: this.home, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: path.join(this.home, 'cache'), ...opts.env },
        timeout: opts.timeoutMs ?? 30_000, killSignal: 'SIGINT', maxBuffer: 1 << 24,
      }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : 1) : 0;
        resolve({ stdout, stderr, exitCode: code });
      });
      if (opts.stdin !== undefined) child.stdin!.end(opts.stdin); else child.stdin!.end();
    });
  }

  cleanup(): void { fs.rmSync(this.home, { recursive: true, force: true }); }
}

/** Splits a command line as a shell would for simple quoting. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]));
  return out;
}
