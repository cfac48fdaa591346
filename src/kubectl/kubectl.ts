// kubectl emulation over the API server: one command line in, kubectl's stdout, stderr and exit status out.
// Dispatch as cobra does it: the command word (global flags may come first), then the command's flags and
// arguments in any order. Errors print as kubectl's checkErr prints them.

import type { KubectlEnv, RunOptions } from './env';
import { tokenize, parseFlags, GLOBAL_FLAGS, UsageError, type FlagSpec } from './args';
import { Ctx, type Command } from './context';
import { formatErrors, KubectlFailure } from './errors';
import { apply } from './cmd/apply';
import { get } from './cmd/get';
import { del } from './cmd/delete';
import { createDeployment, createNamespace, createFromFiles } from './cmd/create/create';
import { createConfigMap } from './cmd/create/configmap';
import { authCanI } from './cmd/auth';
import { createSecretGeneric, createSecretDockerRegistry, createSecretTLS } from './cmd/create/secret';
import { run } from './cmd/run';
import { scale } from './cmd/scale';
import { expose } from './cmd/expose';
import { describe } from './cmd/describe';
import { label, annotate } from './cmd/label';
import { version, clusterInfo } from './cmd/info';
import { patch } from './cmd/patch';
import { setImage, setResources } from './cmd/set';
import { cordon, uncordon } from './cmd/cordon';
import { drain } from './cmd/drain';
import { taint } from './cmd/taint';
import { ROLLOUT } from './cmd/rollout/rollout';
import { createJob, createCronJob } from './cmd/create/job';
import { createPodDisruptionBudget } from './cmd/create/pdb';
import { createRole, createClusterRole, createRoleBinding, createClusterRoleBinding } from './cmd/create/rbac';
import {
  createServiceClusterIP,
  createServiceNodePort,
  createServiceLoadBalancer,
  createServiceExternalName,
  createServiceAccount,
} from './cmd/create/service';
import { withSets } from './cmd/rollout/sets';
import { apiResources } from './cmd/api-resources';
import { logs } from './cmd/logs';
import { exec } from './cmd/exec';
import { attach } from './cmd/attach';
import { RECORD_DEPRECATED } from './record';
import { wait } from './cmd/wait';
import { setEnv } from './cmd/set-env';
import { events } from './cmd/events';
import { kustomize } from './cmd/kustomize';
import { diff } from './cmd/diff';
import { edit } from './cmd/edit';
import { explain } from './cmd/explain';
import { replace } from './cmd/replace';
import { configView, configCurrentContext, configGetContexts, apiVersions } from './cmd/config';
import { topPod, topNode } from './cmd/top';
import { isInternalError } from '../runtime/runtime';

export interface CommandResult {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const COMMANDS: Record<string, Command> = {
  apply,
  get,
  delete: del,
  run,
  scale,
  expose,
  describe,
  label,
  annotate,
  version,
  'cluster-info': clusterInfo,
  patch,
  cordon,
  uncordon,
  drain,
  taint,
  'api-resources': apiResources,
  logs,
  exec,
  attach,
  wait,
  replace,
  'api-versions': apiVersions,
  events,
  kustomize,
  diff,
  edit,
  explain,
};
/** Commands with subcommands: `create deployment`, `rollout status`, `set image`. */
const CREATE_SERVICE = {
  subs: {
    clusterip: createServiceClusterIP,
    nodeport: createServiceNodePort,
    loadbalancer: createServiceLoadBalancer,
    externalname: createServiceExternalName,
  },
};

const GROUPS: Record<string, { subs: Record<string, Command>; fallback?: Command }> = {
  create: {
    subs: {
      deployment: createDeployment,
      deploy: createDeployment,
      namespace: createNamespace,
      ns: createNamespace,
      configmap: createConfigMap,
      cm: createConfigMap,
      job: createJob,
      cronjob: createCronJob,
      cj: createCronJob,
      poddisruptionbudget: createPodDisruptionBudget,
      pdb: createPodDisruptionBudget,
      role: createRole,
      clusterrole: createClusterRole,
      rolebinding: createRoleBinding,
      clusterrolebinding: createClusterRoleBinding,
      serviceaccount: createServiceAccount,
      sa: createServiceAccount,
    },
    fallback: createFromFiles,
  },
  rollout: { subs: withSets(ROLLOUT) },
  auth: { subs: { 'can-i': authCanI } },
  top: { subs: { pod: topPod, pods: topPod, po: topPod, node: topNode, nodes: topNode, no: topNode } },
  'create service': CREATE_SERVICE,
  'create svc': CREATE_SERVICE,
  'create secret': {
    subs: { generic: createSecretGeneric, 'docker-registry': createSecretDockerRegistry, tls: createSecretTLS },
  },
  set: { subs: { image: setImage, env: setEnv, resources: setResources } },
  config: { subs: { view: configView, 'current-context': configCurrentContext, 'get-contexts': configGetContexts } },
};
/**
 * kubectl 1.30's commands kspec does not model, each with why (one clear message, see unsupportedMessage);
 * docs/fidelity.md has the table of every command.
 */
const UNSUPPORTED: Record<string, string> = {
  autoscale: 'there is no HorizontalPodAutoscaler controller',
  certificate: 'there is no certificate signer',
  'port-forward': 'there are no real sockets; use `Then a connection to "host:port" reaches ...`',
  proxy: 'there is no HTTP endpoint to proxy',
  cp: 'container filesystems are not modelled for copying',
  debug: 'ephemeral containers are not modelled',
  completion: 'a shell completion script is not a cluster behaviour',
  plugin: 'there are no kubectl plugins',
};
/** kubectl's commands, for "Did you mean this?" */
const ALL_COMMANDS = [
  'create',
  'expose',
  'run',
  'set',
  'explain',
  'get',
  'edit',
  'delete',
  'rollout',
  'scale',
  'autoscale',
  'certificate',
  'cluster-info',
  'top',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'describe',
  'logs',
  'attach',
  'exec',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'events',
  'diff',
  'apply',
  'patch',
  'replace',
  'wait',
  'kustomize',
  'label',
  'annotate',
  'completion',
  'api-resources',
  'api-versions',
  'config',
  'plugin',
  'version',
  'options',
  'help',
];

/** Leading `NAME=value` words of a command line: the environment the shell would give kubectl (KUBE_EDITOR). */
function envOf(words: string[]): { env: Record<string, string>; rest: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++) {
    const eq = words[i].indexOf('=');
    env[words[i].slice(0, eq)] = words[i].slice(eq + 1);
  }
  return { env, rest: words.slice(i) };
}

/** A command line's words, `kubectl` and a leading environment dropped, or kubectl's error for an unterminated quote. */
function wordsOf(line: string): string[] | { error: string } {
  let words: string[];
  try {
    words = envOf(tokenize(line.trim())).rest;
  } catch (e) {
    return { error: `error: ${(e as Error).message}\n` };
  }
  return words[0] === 'kubectl' ? words.slice(1) : words;
}

/** The command a line names and its other words (flags and arguments), or kubectl's error text. */
export function resolveCommand(words: string[]): { cmd: Command; rest: string[] } | { error: string } {
  const at = commandIndex(words, GLOBAL_FLAGS);
  if (at < 0) return { error: 'error: no command given\n' };
  const name = words[at];
  let rest = [...words.slice(0, at), ...words.slice(at + 1)];
  let cmd = COMMANDS[name];
  // groups nest: `create secret generic` is the group `create secret`'s subcommand
  for (let groupName = name, group = GROUPS[name]; group; group = GROUPS[groupName]) {
    const sub = commandIndex(rest, { ...GLOBAL_FLAGS, ...(group.fallback?.flags ?? {}) });
    const word = sub >= 0 ? rest[sub] : '';
    if (sub >= 0 && (group.subs[word] || GROUPS[`${groupName} ${word}`])) {
      cmd = group.subs[word];
      rest = [...rest.slice(0, sub), ...rest.slice(sub + 1)];
      groupName = `${groupName} ${word}`;
      continue;
    }
    if (sub >= 0) {
      const unmodelled = UNSUPPORTED[`${groupName} ${word}`];
      if (unmodelled) return { error: unsupportedMessage(`${groupName} ${word}`, unmodelled) };
      return { error: `error: unknown command "${word}" for "kubectl ${groupName}"\n` };
    }
    if (group.fallback) {
      cmd = group.fallback;
      break;
    }
    return { error: `error: required subcommand for "kubectl ${groupName}"\n` };
  }
  if (cmd) return { cmd, rest };
  if (ALL_COMMANDS.includes(name)) return { error: unsupportedMessage(name, UNSUPPORTED[name] ?? '') };
  const suggestions = [...ALL_COMMANDS].sort().filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
  return {
    error: `error: unknown command "${name}" for "kubectl"${suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '\n'}`,
  };
}

/** The one message for a kubectl command kspec does not model (docs/fidelity.md lists what is modelled). */
function unsupportedMessage(name: string, why: string): string {
  return `error: kspec does not model \`kubectl ${name}\`${why ? `: ${why}` : ''} (docs/fidelity.md lists the kubectl commands kspec supports)\n`;
}

export function runKubectl(env: KubectlEnv, line: string, opts: RunOptions = {}): CommandResult {
  const result: CommandResult = { command: line, stdout: '', stderr: '', exitCode: 0 };
  const words = wordsOf(line);
  if (!Array.isArray(words)) return { ...result, stderr: words.error, exitCode: 1 };
  const vars = envOf(tokenize(line.trim())).env;
  const resolved = resolveCommand(words);
  if ('error' in resolved) return { ...result, stderr: resolved.error, exitCode: 1 };
  const { cmd, rest } = resolved;
  let ctx: Ctx | undefined;
  try {
    const parsed = parseFlags(rest, { ...GLOBAL_FLAGS, ...cmd.flags });
    ctx = new Ctx(env, parsed, cmd.path, { ...opts, env: vars });
    if (parsed.set.has('record')) ctx.err(RECORD_DEPRECATED);
    cmd.run(ctx);
    reportInternal(env, cmd.path, ctx.errors);
    if (ctx.errors.length) {
      ctx.err(formatErrors(ctx.errors));
      result.exitCode = 1;
    }
  } catch (e) {
    // a JavaScript error is a bug: recorded for the tests, and printed as kubectl prints any error, without a stack
    reportInternal(env, cmd.path, [e]);
    const text =
      e instanceof UsageError
        ? `error: ${e.message}\nSee '${cmd.path} --help' for usage.\n`
        : formatErrors([...(ctx?.errors ?? []), e]);
    if (ctx) ctx.err(text);
    else result.stderr += text;
    result.exitCode = e instanceof KubectlFailure ? e.exitCode : 1;
  }
  if (ctx) {
    result.stdout = ctx.stdout;
    result.stderr = ctx.stderr + result.stderr;
  }
  return result;
}

function reportInternal(env: KubectlEnv, where: string, errors: unknown[]): void {
  for (const e of errors) if (isInternalError(e)) env.reportInternal(where, e);
}

/** Commands whose first argument names resource types (`pods`, `deploy,svc`, `pod/web`). */
const TAKES_TYPES = new Set([
  'kubectl get',
  'kubectl describe',
  'kubectl delete',
  'kubectl label',
  'kubectl annotate',
  'kubectl scale',
  'kubectl patch',
  'kubectl wait',
  'kubectl edit',
  'kubectl explain',
  'kubectl replace',
]);

/**
 * What is wrong with a kubectl line before it runs (for `kspec lint`), with kubectl's own words: an unknown or
 * unmodelled command, an unknown flag (with the closest flags), an unknown resource type (`knownType` says
 * whether the scenario's cluster serves it). Undefined when the line parses.
 */
export function kubectlLineProblem(
  line: string,
  knownType: (word: string) => boolean,
  resourceNames: readonly string[],
): string | undefined {
  const words = wordsOf(line);
  if (!Array.isArray(words)) return words.error.trimEnd();
  const program = envOf(tokenize(line.trim())).rest[0];
  if (
    program !== 'kubectl' &&
    program &&
    !COMMANDS[program] &&
    !GROUPS[program] &&
    levenshtein(program, 'kubectl') <= 2
  ) {
    return `"${program}" is not kubectl: these lines run as kubectl commands\nDid you mean "kubectl"?`;
  }
  const resolved = resolveCommand(words);
  if ('error' in resolved) return resolved.error.trimEnd();
  const { cmd, rest } = resolved;
  const flags = { ...GLOBAL_FLAGS, ...cmd.flags };
  let parsed;
  try {
    parsed = parseFlags(rest, flags);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const flag = e.message.match(/^unknown flag: --(\S+)/)?.[1];
    const close = flag
      ? Object.keys(flags)
          .filter((f) => levenshtein(f, flag) <= 2 || f.startsWith(flag))
          .map((f) => `--${f}`)
      : [];
    return `error: ${e.message}\nSee '${cmd.path} --help' for usage.${close.length ? `\nDid you mean ${close.join(' or ')}?` : ''}`;
  }
  const first = parsed.args[0];
  if (!TAKES_TYPES.has(cmd.path) || !first || parsed.dashAt === 0) return undefined;
  // `pod/web` and `deploy/web svc/web`: each argument with a slash names its type; else `pods,svc`
  // explain's argument is a resource and a field path (`deployment.spec.replicas`)
  const types =
    cmd.path === 'kubectl explain'
      ? [first.split('.')[0]]
      : first.includes('/')
        ? takeWhile(parsed.args, (a) => a.includes('/') && !a.includes('=')).map((a) => a.split('/')[0])
        : first.split(',');
  for (const t of types) {
    if (t === 'all' || knownType(t)) continue;
    const close = resourceNames.filter((n) => levenshtein(n, t) <= 2).slice(0, 3);
    return `error: the server doesn't have a resource type "${t}"${close.length ? `\nDid you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : ''}`;
  }
  return undefined;
}

function takeWhile<T>(xs: T[], p: (x: T) => boolean): T[] {
  const i = xs.findIndex((x) => !p(x));
  return i < 0 ? xs : xs.slice(0, i);
}

/** The position of the first word that is neither a flag nor a flag's value. */
function commandIndex(words: string[], flags: FlagSpec): number {
  const shorts = new Map(
    Object.entries(flags)
      .filter(([, d]) => d.short)
      .map(([k, d]) => [d.short!, k]),
  );
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return -1;
    if (w.startsWith('--')) {
      const d = flags[w.slice(2)];
      if (d && d.type !== 'bool' && !w.includes('=')) i++;
    } else if (w.startsWith('-') && w.length > 1) {
      const name = shorts.get(w[1]);
      if (name && flags[name].type !== 'bool' && w.length === 2) i++;
    } else return i;
  }
  return -1;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  return d[a.length][b.length];
}
