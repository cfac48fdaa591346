// The real kubectl on the embedded model (`KSPEC_KUBECTL=real`, `kspec run --kubectl PATH`): the scenario's cluster
// stays in process, so model-only steps work as ever, and is served on a loopback port (src/server/serve.ts) the
// first time a kubectl line runs; every line then runs the real binary against it (./kubectl.ts), as the scenario's
// user, with the scenario's local files on disk (./local-files.ts) and kubeadm's names in its kubeconfig.
//
// Time stands still while kubectl works, and passes while it waits, as the emulation's env.wait lets it pass:
//   - kubectl holds a watch open (rollout status, wait, delete's wait, attach) and nothing has come or gone for a
//     moment: the virtual clock's timers fire one by one until one gives the watch news, then kubectl has a
//     moment to take it;
//   - kubectl polls (drain): a second of virtual time passes each quiet moment;
//   - kubectl would wait for ever with nothing to wait for (get -w, logs -f): it is interrupted, as by Ctrl-C.
// Each command's virtual time is bounded by its --timeout, else by what the emulation waits.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { Cluster, CommandResult } from '../cluster';
import { serveCluster, type ServedCluster } from '../server/serve';
import { ADMIN } from '../server/handler';
import { withDefaultGroups, type UserInfo } from '../apiserver/authorization/rbac';
import { parseDuration } from '../runtime/duration';
import { wallClock } from '../runtime/wall-clock';
import { commandLine, findKubectl, runKubectl } from './kubectl';
import { overlay, relativeTo } from './local-files';

/** A quiet moment: no request, no stream news, for this long (wall time). */
const QUIET_MS = 150;
/** How far one quiet moment moves a polling kubectl's clock. */
const POLL_STEP_MS = 1000;

/** How a command waits, by its words. */
type Waiting = 'events' | 'polls' | 'forever';

function waitingOf(words: string[]): Waiting {
  const has = (...flags: string[]) => words.some((w) => flags.some((f) => w === f || w.startsWith(`${f}=`)));
  if (words.includes('drain')) return 'polls';
  if (words.includes('get') && has('-w', '--watch', '--watch-only')) return 'forever';
  if (words.includes('logs') && has('-f', '--follow')) return 'forever';
  return 'events';
}

/** The virtual time a command may wait: its --timeout, else what kspec's kubectl waits for that command. */
function limitOf(words: string[]): number {
  const i = words.findIndex((w) => w === '--timeout' || w.startsWith('--timeout='));
  const text = i < 0 ? undefined : words[i].includes('=') ? words[i].split('=')[1] : words[i + 1];
  if (text && !/^0+[a-z]*$/.test(text)) {
    try {
      return parseDuration(text);
    } catch {
      /* kubectl says what is wrong */
    }
  }
  if (words.includes('wait')) return 30_000;
  if (words.includes('rollout') || words.includes('attach') || words.includes('run')) return 3_600_000;
  return 7 * 24 * 3_600_000;
}

/** The real kubectl KSPEC_KUBECTL asks for (`real`: found as the live driver finds it; else its path), if any. */
export function realKubectlFromEnv(): ServedKubectl | undefined {
  const named = process.env.KSPEC_KUBECTL;
  if (!named) return undefined;
  const bin = findKubectl('1.30');
  if (!bin)
    throw new Error(
      "KSPEC_KUBECTL=real: no kubectl found (the SDK's kubectl.1.30, or PATH's): name it, KSPEC_KUBECTL=/path/to/kubectl",
    );
  return new ServedKubectl(bin);
}

export class ServedKubectl {
  private served?: ServedCluster;
  private lastActivity = 0;
  private readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-real-kubectl-'));
  private readonly kubeconfigs = new Map<string, string>();
  private runs = 0;

  constructor(readonly bin: string) {}

  /** One command line (with or without `kubectl`), run by the real kubectl against the cluster, then converged. */
  async run(cluster: Cluster, line: string, opts: { cwd: string; stdin?: string }): Promise<CommandResult> {
    const parsed = commandLine(line);
    if ('error' in parsed) return { command: line, stdout: '', stderr: parsed.error, exitCode: 1 };
    const { env, args } = parsed;
    const served = await this.serve(cluster);
    const kubeconfig = this.kubeconfigFor(served, cluster.user);
    // a discovery cache of its own each time: kubectl learns the cluster's kinds afresh, as kspec's kubectl does
    const home = fs.mkdtempSync(path.join(this.home, 'home-'));
    const abort = new AbortController();
    const stop = this.passTime(cluster, served, args, abort);
    try {
      const r = await runKubectl(this.bin, args, {
        kubeconfig,
        home,
        cwd: this.cwd(opts.cwd, cluster.localFiles),
        stdin: opts.stdin,
        env,
        signal: abort.signal,
      });
      cluster.converge();
      return { command: line, ...r };
    } finally {
      stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.served?.close();
    this.served = undefined;
    fs.rmSync(this.home, { recursive: true, force: true });
  }

  /** The cluster served: the first one, or the scenario's new one in its place. */
  private async serve(cluster: Cluster): Promise<ServedCluster> {
    if (!this.served)
      this.served = await serveCluster(cluster, {
        clock: 'manual',
        onRequest: () => {
          this.lastActivity = wallClock.now();
        },
      });
    else if (this.served.cluster !== cluster) this.served.replace(cluster);
    return this.served;
  }

  /** A kubeconfig as kubeadm's admin.conf names things, authenticating as the scenario's user. */
  private kubeconfigFor(served: ServedCluster, user: { name: string; groups?: string[] } | undefined): string {
    const key = user ? `${user.name}\0${(user.groups ?? []).join(',')}` : '';
    let file = this.kubeconfigs.get(key);
    if (file) return file;
    const identity: UserInfo = user ? withDefaultGroups(user.name, user.groups ?? []) : ADMIN;
    const token = user ? served.addUser(identity).token : served.users[0].token;
    const context = `${identity.name}@kubernetes`;
    const doc = {
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: [
        {
          name: 'kubernetes',
          cluster: { server: served.url, 'certificate-authority-data': Buffer.from(served.ca).toString('base64') },
        },
      ],
      contexts: [{ name: context, context: { cluster: 'kubernetes', user: identity.name } }],
      'current-context': context,
      users: [{ name: identity.name, user: { token } }],
    };
    file = path.join(this.home, `kubeconfig-${this.kubeconfigs.size}`);
    fs.writeFileSync(file, yaml.dump(doc, { lineWidth: -1 }), { mode: 0o600 });
    this.kubeconfigs.set(key, file);
    return file;
  }

  /** Where kubectl runs: the feature's folder, or a mirror of it holding the scenario's in-memory files. */
  private cwd(dir: string, given: ReadonlyMap<string, string>): string {
    const files = relativeTo(dir, given);
    if (!files.size) return dir;
    const into = path.join(this.home, `files-${++this.runs}`);
    overlay(into, dir, files);
    return into;
  }

  /** Moves virtual time while kubectl waits (see the file's header); the result stops it. */
  private passTime(cluster: Cluster, served: ServedCluster, args: string[], abort: AbortController): () => void {
    const waiting = waitingOf(args);
    const until = cluster.clock.now() + limitOf(args);
    let writes = served.streamWrites;
    this.lastActivity = wallClock.now();
    const tick = () => {
      if (served.streamWrites !== writes) {
        writes = served.streamWrites;
        this.lastActivity = wallClock.now();
      }
      const quiet = wallClock.now() - this.lastActivity >= QUIET_MS;
      if (!quiet) return;
      if (waiting === 'forever') {
        if (served.openStreams > 0) abort.abort();
        return;
      }
      if (waiting === 'polls') {
        if (cluster.clock.now() < until) served.clock.advance(Math.min(POLL_STEP_MS, until - cluster.clock.now()));
        this.lastActivity = wallClock.now();
        return;
      }
      if (!served.openStreams) return;
      // timers fire until one gives a watcher news; then kubectl has a quiet moment to take it
      while (served.streamWrites === writes && cluster.runtime.fireNext(until)) {
        /* next timer */
      }
      writes = served.streamWrites;
      this.lastActivity = wallClock.now();
    };
    const timer = wallClock.every(QUIET_MS / 3, tick);
    return () => wallClock.clear(timer);
  }
}
