// The real kubectl against a served cluster: find the binary (KSPEC_KUBECTL, the versioned binaries of the
// Google Cloud SDK, PATH), run it asynchronously (the server answers on this process's event loop), isolated
// from the user's kubeconfig and discovery cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findKubectl, runKubectl, type RunResult } from '../../src/live/kubectl';

export { findKubectl, type RunResult };

/** Under CI a missing kubectl fails the run; elsewhere the test is skipped with this reason. */
export function missingKubectl(version = '1.30'): string | false {
  if (findKubectl(version)) return false;
  if (process.env.CI === 'true')
    throw new Error(
      `kubectl ${version} not found (set KSPEC_KUBECTL or install it): the real-kubectl tests must run on CI`,
    );
  return `kubectl ${version} not found`;
}

export class RealKubectl {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-kubectl-'));
  readonly kubeconfig = path.join(this.home, 'kubeconfig');

  constructor(
    readonly bin: string,
    kubeconfigText: string,
  ) {
    fs.writeFileSync(this.kubeconfig, kubeconfigText);
  }

  /** One command line (shell-like words; `'...'` and `"..."` quote), stdin optional, env added. */
  run(
    args: string[],
    opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<RunResult> {
    return runKubectl(this.bin, ['--request-timeout=20s', ...args], {
      kubeconfig: this.kubeconfig,
      home: this.home,
      stdin: opts.stdin,
      env: opts.env,
      timeoutMs: opts.timeoutMs ?? 30_000,
    });
  }

  cleanup(): void {
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

/** Splits a command line as a shell would for simple quoting. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]));
  return out;
}
