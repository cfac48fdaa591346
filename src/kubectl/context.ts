// What a command runs with: the cluster, parsed flags, and the two output streams.

import type { Cluster } from '../cluster';
import type { ApiServer } from '../apiserver/apiserver';
import type { Parsed } from './args';

export class Ctx {
  stdout = '';
  stderr = '';
  /** errors collected by commands that continue past them (apply, delete); printed at the end */
  errors: unknown[] = [];

  constructor(readonly cluster: Cluster, readonly parsed: Parsed, readonly command: string,
    readonly opts: { stdin?: string; cwd?: string }) {}

  get api(): ApiServer { return this.cluster.api; }
  get now(): number { return this.cluster.clock.now(); }
  get args(): string[] { return this.parsed.args; }
  flag<T = string>(name: string): T { return this.parsed.flags[name] as T; }
  has(name: string): boolean { return this.parsed.set.has(name); }
  /** -n, or the context's namespace (default) */
  get namespace(): string { return (this.parsed.flags.namespace as string) || 'default'; }
  get explicitNamespace(): boolean { return !!this.parsed.flags.namespace; }

  out(s: string): void { this.stdout += s; }
  err(s: string): void { this.stderr += s; }
}

export interface Command {
  /** the command path for usage errors, e.g. `kubectl create deployment` */
  path: string;
  flags: import('./args').FlagSpec;
  run(ctx: Ctx): void;
}
