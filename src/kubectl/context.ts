// What a command runs with: the cluster, parsed flags, and the two output streams.

import type { Cluster } from '../cluster';
import type { ApiServer } from '../apiserver/apiserver';
import type { Parsed } from './args';
import type { ResourceRegistry } from '../api/kinds';
import { asUser, impersonate } from '../apiserver/authorization/as-user';
import { KubectlFailure } from './errors';
import { UserInfo, withDefaultGroups } from '../apiserver/authorization/rbac';

export class Ctx {
  stdout = '';
  stderr = '';
  /** errors collected by commands that continue past them (apply, delete); printed at the end */
  errors: unknown[] = [];

  constructor(readonly cluster: Cluster, readonly parsed: Parsed, readonly command: string,
    readonly opts: { stdin?: string; cwd?: string; env?: Record<string, string> }) {}

  private asApi?: ApiServer;
  private impersonated?: UserInfo;
  /** Who kubectl runs as: the cluster's current user, or whom it impersonates (--as/--as-group, which that user
   * must be allowed to impersonate); undefined is the cluster admin. */
  get user(): UserInfo | undefined {
    const u = this.cluster.user;
    const requestor = u ? withDefaultGroups(u.name, u.groups ?? []) : undefined;
    const as = this.parsed.flags.as as string | undefined;
    if (!as) return requestor;
    return this.impersonated ??= impersonate(this.cluster.api, requestor, as, (this.parsed.flags['as-group'] as string[] | undefined) ?? []);
  }
  /** The API as kubectl's user: the cluster admin's, or one whose requests RBAC checks. */
  get api(): ApiServer {
    const user = this.user;
    if (!user) return this.cluster.api;
    return this.asApi ??= asUser(this.cluster.api, user);
  }
  /** What kubectl's RESTMapper knows: the server's resources, custom ones included. */
  get resources(): ResourceRegistry { return this.cluster.api.resources; }
  /** --validate as the fieldValidation kubectl sends: strict (or true, the default), warn, ignore (or false). */
  get fieldValidation(): 'Strict' | 'Warn' | 'Ignore' {
    const v = (this.parsed.flags.validate as string | undefined) || 'strict';
    switch (v.toLowerCase()) {
      case 'strict': case 'true': return 'Strict';
      case 'warn': return 'Warn';
      case 'ignore': case 'false': return 'Ignore';
      default: throw new KubectlFailure(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
    }
  }
  /** The query options of kubectl's writes: its field validation, and the server's warnings printed as they come. */
  writeOptions(fieldValidation = this.fieldValidation): { fieldValidation: 'Strict' | 'Warn' | 'Ignore'; warn: (text: string) => void } {
    return { fieldValidation, warn: (text) => this.err(`Warning: ${text}\n`) };
  }
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
