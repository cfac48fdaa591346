// kubectl emulation over the API server: one command line in, kubectl's stdout, stderr and exit status out.
// Dispatch as cobra does it: the command word (global flags may come first), then the command's flags and
// arguments in any order. Errors print as kubectl's checkErr prints them.

import type { Cluster } from '../cluster';
import { tokenize, parseFlags, GLOBAL_FLAGS, UsageError, FlagSpec } from './args';
import { Ctx, Command } from './context';
import { formatError, formatErrors, KubectlFailure } from './errors';
import { apply } from './cmd/apply';
import { get } from './cmd/get';
import { del } from './cmd/delete';
import { createDeployment, createNamespace, createFromFiles } from './cmd/create';
import { createConfigMap } from './cmd/create-configmap';
import { authCanI } from './cmd/auth';
import { createSecretGeneric, createSecretDockerRegistry, createSecretTLS } from './cmd/create-secret';
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
import { ROLLOUT } from './cmd/rollout';
import { createJob, createCronJob } from './cmd/create-job';
import { createPodDisruptionBudget } from './cmd/create-pdb';
import { createRole, createClusterRole, createRoleBinding, createClusterRoleBinding } from './cmd/create-rbac';
import { createServiceClusterIP, createServiceNodePort, createServiceLoadBalancer, createServiceExternalName, createServiceAccount } from './cmd/create-service';
import { withSets } from './cmd/rollout-sets';
import { apiResources } from './cmd/api-resources';
import { logs } from './cmd/logs';
import { exec } from './cmd/exec';
import { RECORD_DEPRECATED } from './record';

export interface CommandResult { command: string; stdout: string; stderr: string; exitCode: number }

const COMMANDS: Record<string, Command> = {
  apply, get, delete: del, run, scale, expose, describe, label, annotate, version, 'cluster-info': clusterInfo,
  patch, cordon, uncordon, drain, taint, 'api-resources': apiResources, logs, exec,
};
/** Commands with subcommands: `create deployment`, `rollout status`, `set image`. */
const CREATE_SERVICE = { subs: { clusterip: createServiceClusterIP, nodeport: createServiceNodePort, loadbalancer: createServiceLoadBalancer, externalname: createServiceExternalName } };

const GROUPS: Record<string, { subs: Record<string, Command>; fallback?: Command }> = {
  create: { subs: {
    deployment: createDeployment, deploy: createDeployment, namespace: createNamespace, ns: createNamespace,
    configmap: createConfigMap, cm: createConfigMap,
    job: createJob, cronjob: createCronJob, cj: createCronJob,
    poddisruptionbudget: createPodDisruptionBudget, pdb: createPodDisruptionBudget,
    role: createRole, clusterrole: createClusterRole, rolebinding: createRoleBinding, clusterrolebinding: createClusterRoleBinding,
    serviceaccount: createServiceAccount, sa: createServiceAccount,
  }, fallback: createFromFiles },
  rollout: { subs: withSets(ROLLOUT) },
  auth: { subs: { 'can-i': authCanI } },
  'create service': CREATE_SERVICE,
  'create svc': CREATE_SERVICE,
  'create secret': { subs: { generic: createSecretGeneric, 'docker-registry': createSecretDockerRegistry, tls: createSecretTLS } },
  set: { subs: { image: setImage, resources: setResources } },
};
/** kubectl's commands, for "Did you mean this?" */
const ALL_COMMANDS = ['create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec',
  'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label',
  'annotate', 'completion', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options', 'help'];

export function runKubectl(cluster: Cluster, line: string, opts: { stdin?: string; cwd?: string } = {}): CommandResult {
  const result: CommandResult = { command: line, stdout: '', stderr: '', exitCode: 0 };
  let words: string[];
  try { words = tokenize(line.trim()); } catch (e) {
    return { ...result, stderr: `error: ${(e as Error).message}\n`, exitCode: 1 };
  }
  if (words[0] === 'kubectl') words = words.slice(1);
  const at = commandIndex(words, GLOBAL_FLAGS);
  if (at < 0) return { ...result, stderr: 'error: no command given\n', exitCode: 1 };
  const name = words[at];
  let rest = [...words.slice(0, at), ...words.slice(at + 1)];
  let cmd = COMMANDS[name];
  // groups nest: `create secret generic` is the group `create secret`'s subcommand
  for (let groupName = name, group = GROUPS[name]; group; group = GROUPS[groupName]) {
    const sub = commandIndex(rest, { ...GLOBAL_FLAGS, ...(group.fallback?.flags ?? {}) });
    const word = sub >= 0 ? rest[sub] : '';
    if (sub >= 0 && (group.subs[word] || GROUPS[`${groupName} ${word}`])) {
      cmd = group.subs[word]; rest = [...rest.slice(0, sub), ...rest.slice(sub + 1)];
      groupName = `${groupName} ${word}`;
      continue;
    }
    if (sub >= 0) return { ...result, stderr: `error: unknown command "${word}" for "kubectl ${groupName}"\n`, exitCode: 1 };
    if (group.fallback) { cmd = group.fallback; break; }
    return { ...result, stderr: `error: required subcommand for "kubectl ${groupName}"\n`, exitCode: 1 };
  }
  if (!cmd) {
    const known = ALL_COMMANDS.includes(name);
    const suggestions = known ? [] : [...ALL_COMMANDS].sort().filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
    const text = known
      ? `error: "kubectl ${name}" is not supported by the embedded cluster yet\n`
      : `error: unknown command "${name}" for "kubectl"${suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '\n'}`;
    return { ...result, stderr: text, exitCode: 1 };
  }
  let ctx: Ctx | undefined;
  try {
    const parsed = parseFlags(rest, { ...GLOBAL_FLAGS, ...cmd.flags });
    ctx = new Ctx(cluster, parsed, cmd.path, opts);
    if (parsed.set.has('record')) ctx.err(RECORD_DEPRECATED);
    cmd.run(ctx);
    if (ctx.errors.length) { ctx.err(formatErrors(ctx.errors)); result.exitCode = 1; }
  } catch (e) {
    const text = e instanceof UsageError ? `error: ${e.message}\nSee '${cmd.path} --help' for usage.\n` : formatErrors([...(ctx?.errors ?? []), e]);
    if (!(e instanceof UsageError) && !(e instanceof Error)) throw e;
    if (ctx) ctx.err(text); else result.stderr += text;
    result.exitCode = e instanceof KubectlFailure ? e.exitCode : 1;
  }
  if (ctx) { result.stdout = ctx.stdout; result.stderr = ctx.stderr + result.stderr; }
  return result;
}

/** The position of the first word that is neither a flag nor a flag's value. */
function commandIndex(words: string[], flags: FlagSpec): number {
  const shorts = new Map(Object.entries(flags).filter(([, d]) => d.short).map(([k, d]) => [d.short!, k]));
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
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}
