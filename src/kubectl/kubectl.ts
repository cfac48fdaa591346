// kubectl emulation over the API server.
import type { Cluster } from '../cluster';

export interface CommandResult { command: string; stdout: string; stderr: string; exitCode: number }

export function runKubectl(cluster: Cluster, line: string, opts: { stdin?: string; cwd?: string } = {}): CommandResult {
  void cluster; void opts;
  return { command: line, stdout: '', stderr: 'error: not implemented\n', exitCode: 1 };
}
