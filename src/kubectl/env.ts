// What kspec's kubectl runs in: everything it knows of the world besides its command line. Like the real
// kubectl, it reaches the cluster only through the API server's request interface (src/server/types.ts: the
// in-process handler, or anything that answers the same requests), as the user of its kubeconfig. Its machine
// gives it local files, a clock, and time passing while it waits (a watch, a poll). src/cluster.ts builds one
// for the embedded cluster; nothing here knows the cluster behind the API.

import type { UserInfo } from '../apiserver/authorization/rbac';
import type { Transport } from '../server/types';

export interface KubectlEnv {
  /** the API server: one request in, one response out */
  readonly server: Transport;
  /** who the kubeconfig's credentials authenticate as (kubeadm's admin, or a user a scenario acts as) */
  readonly user: UserInfo;
  /** files on kubectl's machine given in memory (`a file "redis.conf" with:`), read before the disk */
  readonly files: ReadonlyMap<string, string>;
  /** kubectl's random names (a container name made unique), from the scenario's seed */
  readonly random: { string(n: number): string };
  /** the time on kubectl's machine (ms since the epoch): ages kubectl computes itself, restartedAt */
  now(): number;
  /**
   * Time passes while kubectl waits (watching a rollout, polling a drain): `done` is asked again as things
   * happen, until it holds (true) or `limitMs` has passed (false).
   */
  wait(done: () => boolean, limitMs: number): boolean;
  /** a bug met while running a command (a JavaScript error), for the tests' report */
  reportInternal(where: string, e: unknown): void;
}

/** What one command line is run with besides the environment. */
export interface RunOptions {
  /** kubectl's standard input (`-f -`, `exec -i`) */
  stdin?: string;
  /** the folder kubectl runs in: relative paths of -f and --from-file */
  cwd?: string;
}
