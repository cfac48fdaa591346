// What a command runs with: its environment (the API server's request interface, local files, the clock and
// time passing while it waits: env.ts), the parsed flags, and the two output streams.

import type { Parsed } from './args';
import type { ResourceRegistry } from '../api/kinds';
import { KubectlFailure } from './errors';
import type { KubectlEnv, RunOptions } from './env';
import { RestClient } from './client/rest';
import { ApiClient, type WriteOptions } from './client/api';
import { discover, DiscoveryFailure } from './client/discovery';

/**
 * How often a command of kubectl 1.30 tries discovery before it gives up, with a fresh discovery cache (checked with
 * the real kubectl, each command under an --as the user may not impersonate); other commands try 5 times.
 */
const DISCOVERY_TRIES: Record<string, number> = {
  'kubectl logs': 4,
  'kubectl exec': 4,
  'kubectl attach': 4,
  'kubectl rollout': 4,
  'kubectl set': 4,
  'kubectl drain': 4,
  'kubectl cordon': 4,
  'kubectl uncordon': 4,
  'kubectl wait': 4,
  'kubectl port-forward': 4,
  'kubectl debug': 4,
  'kubectl auth can-i': 2,
  'kubectl taint': 2,
  'kubectl explain': 2,
  'kubectl create role': 2,
  'kubectl create clusterrole': 2,
  'kubectl run': 1,
  'kubectl api-versions': 1,
  'kubectl api-resources': 1,
};
const discoveryTries = (command: string): number =>
  DISCOVERY_TRIES[command] ?? DISCOVERY_TRIES[command.split(' ').slice(0, 2).join(' ')] ?? 5;

/** klog's line for a failed discovery: `E0101 00:00:00.000000       1 memcache.go:265] ...` (kspec's kubectl is pid 1). */
function memcacheLog(now: number): string {
  const d = new Date(now),
    two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `E${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${time}${'1'.padStart(8)} memcache.go:265] couldn't get current server API group list: unknown\n`;
}

export class Ctx {
  stdout = '';
  stderr = '';
  /** errors collected by commands that continue past them (apply, delete); printed at the end */
  errors: unknown[] = [];
  /** the API as kubectl's user (impersonating --as and --as-group), through the server's request interface */
  readonly api: ApiClient;
  private readonly warned = new Set<string>();

  constructor(
    readonly env: KubectlEnv,
    readonly parsed: Parsed,
    readonly command: string,
    readonly opts: RunOptions & { env?: Record<string, string> },
  ) {
    const as = parsed.flags.as as string | undefined;
    const identity = {
      user: env.user,
      as: as || undefined,
      asGroups: (parsed.flags['as-group'] as string[] | undefined) ?? [],
    };
    // kubectl's warning handler prints each warning the server sends once (rest.WarningWriterOptions Deduplicate)
    const rest = new RestClient(env.server, identity, (text) => {
      if (!this.warned.has(text)) {
        this.warned.add(text);
        this.err(`Warning: ${text}\n`);
      }
    });
    // when discovery is refused, the memcached discovery client logs each try (memcache.go) before the command fails
    this.api = new ApiClient(rest, () => {
      try {
        return discover(rest);
      } catch (e) {
        if (e instanceof DiscoveryFailure) this.err(memcacheLog(this.now).repeat(discoveryTries(this.command)));
        throw e;
      }
    });
  }

  /** What kubectl's RESTMapper knows: the server's resources, custom ones included (discovery). */
  get resources(): ResourceRegistry {
    return this.api.resources;
  }
  /** Files given in memory, read before the disk. */
  get files(): ReadonlyMap<string, string> {
    return this.env.files;
  }
  /** --validate as the fieldValidation kubectl sends: strict (or true, the default), warn, ignore (or false). */
  get fieldValidation(): 'Strict' | 'Warn' | 'Ignore' {
    const v = (this.parsed.flags.validate as string | undefined) || 'strict';
    switch (v.toLowerCase()) {
      case 'strict':
      case 'true':
        return 'Strict';
      case 'warn':
        return 'Warn';
      case 'ignore':
      case 'false':
        return 'Ignore';
      default:
        throw new KubectlFailure(
          `error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`,
        );
    }
  }
  /** The query options of kubectl's writes: its field validation (the server's warnings are printed as they come). */
  writeOptions(fieldValidation = this.fieldValidation): WriteOptions {
    return { fieldValidation };
  }
  /** The time on kubectl's machine. */
  get now(): number {
    return this.env.now();
  }
  /** Waits while time passes, until done() holds (true) or limitMs has passed (false). */
  wait(done: () => boolean, limitMs: number): boolean {
    return this.env.wait(done, limitMs);
  }
  get args(): string[] {
    return this.parsed.args;
  }
  flag<T = string>(name: string): T {
    return this.parsed.flags[name] as T;
  }
  has(name: string): boolean {
    return this.parsed.set.has(name);
  }
  /** -n, or the context's namespace (default) */
  get namespace(): string {
    return (this.parsed.flags.namespace as string) || 'default';
  }
  get explicitNamespace(): boolean {
    return !!this.parsed.flags.namespace;
  }

  out(s: string): void {
    this.stdout += s;
  }
  err(s: string): void {
    this.stderr += s;
  }
}

export interface Command {
  /** the command path for usage errors, e.g. `kubectl create deployment` */
  path: string;
  flags: import('./args').FlagSpec;
  run(ctx: Ctx): void;
}
