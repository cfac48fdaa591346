// kubectl taint (staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go, utils.go): `key=value:Effect` adds,
// `key:Effect-` or `key-` removes; an existing key and effect needs --overwrite. Prints `node/x tainted`,
// `untainted` or `modified` as reorganizeTaints decides.

import type { Command, Ctx } from '../context';
import { clone } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { isQualifiedName, isValidLabelValue } from '../../api/validation/meta';

export interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const usage = (msg: string) => new KubectlFailure(`error: ${msg}\nSee 'kubectl taint -h' for help and examples`);

/** Taint.ToString */
export function taintString(t: Taint): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. Throws the message kubectl prints. */
export function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string,
    value = '',
    effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  const t: Taint = { key };
  if (value) t.value = value;
  if (effect) t.effect = effect;
  return t;
}

/** parseTaints: taints to add (an effect required, unique by key and effect) and taints to remove. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [],
    remove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new Error(`invalid taint spec: ${s}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect))
      throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: the operation word, the node's new taints, and the removals that found nothing. */
export function reorganizeTaints(
  old: Taint[],
  overwrite: boolean,
  add: Taint[],
  remove: Taint[],
): { operation: string; taints: Taint[]; errors: string[] } {
  let taints: Taint[] = [...add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

export const taint: Command = {
  path: 'kubectl taint',
  flags: {
    overwrite: { type: 'bool' },
    all: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    'dry-run': { type: 'string' },
  },
  run(ctx: Ctx) {
    const resources: string[] = [],
      specs: string[] = [];
    for (const a of ctx.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) specs.push(a);
      else if (specs.length) throw new CmdError(`all resources must be specified before taint changes: ${a}`);
      else resources.push(a);
    }
    if (!resources.length) throw new CmdError('one or more resources must be specified as <resource> <name>');
    if (!specs.length) throw new CmdError('at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      throw usage((e as Error).message);
    }
    const r = ctx.resources.resolve(resources[0].toLowerCase());
    if (!r) throw new CmdError(`the server doesn't have a resource type "${resources[0]}"`);
    if (r.kind !== 'Node')
      throw new CmdError(`invalid resource type ${resources[0].toLowerCase()}, only node types are supported`);
    const conflicts = parsed.add.flatMap((a) =>
      parsed.remove
        .filter((x) => x.key === a.key && (!x.effect || x.effect === a.effect))
        .map((x) => `{"${x.key}":"${x.effect ?? ''}"}`),
    );
    if (conflicts.length)
      throw new CmdError(
        `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
      );
    const all = ctx.flag<boolean>('all'),
      selector = ctx.flag<string>('selector');
    if (all && selector) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2)
      throw new CmdError("at least one resource name must be specified since 'all' parameter is not set");
    const names =
      all || selector
        ? ctx.api.list('nodes', { labelSelector: selector || undefined }).map((n) => n.metadata.name!)
        : resources.slice(1);
    for (const name of names) {
      try {
        ctx.out(taintNode(ctx, name, parsed.add, parsed.remove));
      } catch (e) {
        ctx.errors.push(e);
      }
    }
  },
};

function taintNode(ctx: Ctx, name: string, add: Taint[], remove: Taint[]): string {
  const node = ctx.api.get('nodes', undefined, name);
  const old: Taint[] = node.spec?.taints ?? [];
  const overwrite = !!ctx.flag('overwrite');
  if (!overwrite) {
    const exists = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
    if (exists.length)
      throw new CmdError(
        `node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
      );
  }
  const { operation, taints, errors } = reorganizeTaints(old, overwrite, add, remove);
  if (errors.length) throw new CmdError(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  const next = clone(node);
  next.spec = { ...next.spec, taints };
  if (!taints.length) delete next.spec.taints;
  if (!ctx.flag('dry-run') || ctx.flag('dry-run') === 'none') ctx.api.update(next);
  return `node/${name} ${operation}${ctx.flag('dry-run') && ctx.flag('dry-run') !== 'none' ? ` (${ctx.flag('dry-run')} dry run)` : ''}\n`;
}
