// kubectl set env (staging/src/k8s.io/kubectl/pkg/cmd/set/set_env.go): KEY=value adds or replaces, KEY- removes,
// --from=configmap/NAME or secret/NAME adds a reference per key (named as keyToEnvName does, with --prefix),
// -c picks containers (a glob, default all), --list prints them; `deployment.apps/web env updated`.

import type { Command, Ctx } from '../context';
import { clone, type KObject } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName } from '../resources';

const VALID_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** keyToEnvName: upper case, characters an environment variable cannot have become `_`. */
export function keyToEnvName(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function templateSpec(r: string, o: KObject): any {
  return r === 'pods' ? o.spec : r === 'cronjobs' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function listEnv(kind: string, name: string, c: any): string {
  const lines = [`# ${kind} ${name}, container ${c.name}`];
  for (const e of c.env ?? []) {
    const f = e.valueFrom;
    if (!f) lines.push(`${e.name}=${e.value ?? ''}`);
    else if (f.configMapKeyRef)
      lines.push(`# ${e.name} from configmap ${f.configMapKeyRef.name}, key ${f.configMapKeyRef.key}`);
    else if (f.secretKeyRef) lines.push(`# ${e.name} from secret ${f.secretKeyRef.name}, key ${f.secretKeyRef.key}`);
    else if (f.fieldRef) lines.push(`# ${e.name} from field path ${f.fieldRef.fieldPath}`);
    else if (f.resourceFieldRef) lines.push(`# ${e.name} from resource ${f.resourceFieldRef.resource}`);
  }
  for (const s of c.envFrom ?? [])
    lines.push(`# envFrom ${s.configMapRef ? `configmap ${s.configMapRef.name}` : `secret ${s.secretRef?.name}`}`);
  return lines.join('\n') + '\n';
}

/** The variables --from adds: one reference per key of the ConfigMap or Secret, in key order. */
function fromSource(ctx: Ctx, from: string): any[] {
  const [kind, name] = from.split('/');
  const r = ctx.resources.resolve(kind);
  if (!r || !['configmaps', 'secrets'].includes(r.resource) || !name)
    throw new CmdError(`unsupported resource specified in --from: ${from}`);
  const o = ctx.api.get(r.resource, ctx.namespace, name);
  const keys = Object.keys({ ...(o.data ?? {}), ...(o.binaryData ?? {}) }).sort();
  const only = ctx.flag<string[]>('keys');
  const ref = r.resource === 'configmaps' ? 'configMapKeyRef' : 'secretKeyRef';
  return keys
    .filter((k) => !only.length || only.includes(k))
    .map((k) => ({ name: `${ctx.flag<string>('prefix')}${keyToEnvName(k)}`, valueFrom: { [ref]: { name, key: k } } }));
}

export const setEnv: Command = {
  path: 'kubectl set env',
  flags: {
    containers: { type: 'string', short: 'c', default: '*' },
    list: { type: 'bool' },
    from: { type: 'string' },
    prefix: { type: 'string' },
    keys: { type: 'strings' },
    overwrite: { type: 'bool', default: true },
    all: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    local: { type: 'bool' },
    output: { type: 'string', short: 'o' },
    'dry-run': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    resolve: { type: 'bool' },
    env: { type: 'array', short: 'e' },
    'field-manager': { type: 'string' },
  },
  run(ctx) {
    // GetResourcesAndPairs: the resources, then KEY=value and KEY- pairs
    const at = ctx.args.findIndex((a) => a.includes('=') || a.endsWith('-'));
    const resources = at < 0 ? ctx.args : ctx.args.slice(0, at);
    const pairs = [...(at < 0 ? [] : ctx.args.slice(at)), ...ctx.flag<string[]>('env')];
    if (ctx.flag('list') && ctx.flag('output'))
      throw new KubectlFailure('error: --list and --output may not be specified together');
    if (ctx.flag<string[]>('keys').length && !ctx.flag('from'))
      throw new KubectlFailure('error: when specifying --keys, a configmap or secret must be provided with --from');
    const set: any[] = [],
      remove: string[] = [];
    for (const p of pairs) {
      if (p.endsWith('-') && !p.includes('=')) {
        remove.push(p.slice(0, -1));
        continue;
      }
      const i = p.indexOf('=');
      const name = p.slice(0, i);
      if (!VALID_NAME.test(name)) {
        throw new KubectlFailure(
          `error: "${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      }
      set.push({ name, value: p.slice(i + 1) });
    }
    if (ctx.flag('from')) set.push(...fromSource(ctx, ctx.flag<string>('from')));
    const containers = glob(ctx.flag<string>('containers'));
    for (const t of parseTargets(ctx.resources, resources)) {
      const names = t.names.length
        ? t.names
        : ctx.api
            .list(t.r.resource, { namespace: ctx.namespace, labelSelector: ctx.flag<string>('selector') || undefined })
            .map((o) => o.metadata.name!);
      for (const name of names) {
        try {
          const cur = ctx.api.get(t.r.resource, ctx.namespace, name);
          const next = clone(cur);
          const spec = templateSpec(t.r.resource, next);
          if (!spec) throw new CmdError(`cannot set env on ${t.r.kind}`);
          const matched = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c: any) =>
            containers.test(c.name),
          );
          if (!matched.length) {
            ctx.err(`Warning: ${t.r.kind}/${name} does not have any containers matching "${ctx.flag('containers')}"\n`);
            continue;
          }
          if (ctx.flag('list')) {
            for (const c of matched) ctx.out(listEnv(t.r.kind, name, c));
            continue;
          }
          for (const c of matched) {
            let env: any[] = (c.env ?? []).filter((e: any) => !remove.includes(e.name));
            for (const v of set) {
              const old = env.find((e) => e.name === v.name);
              if (old && !ctx.flag('overwrite'))
                throw new CmdError(`'${v.name}' already has a value (${old.value ?? ''}), and --overwrite is false`);
              env = old ? env.map((e) => (e.name === v.name ? v : e)) : [...env, v];
            }
            if (env.length) c.env = env;
            else delete c.env;
          }
          const dryRun = ctx.flag<string>('dry-run');
          const stored = dryRun === 'client' ? next : ctx.api.update(next, { dryRun: dryRun === 'server' });
          // no change, no output (set_env.go skips an empty patch)
          if (JSON.stringify(templateSpec(t.r.resource, stored)) === JSON.stringify(templateSpec(t.r.resource, cur)))
            continue;
          ctx.out(
            ctx.flag('output') === 'name'
              ? `${kindName(t.r)}/${name}\n`
              : `${kindName(t.r)}/${name} env updated${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`,
          );
        } catch (e) {
          ctx.errors.push(e);
        }
      }
    }
  },
};
