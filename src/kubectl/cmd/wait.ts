// kubectl wait (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go): --for=condition=C[=value], --for=delete,
// --for=jsonpath='{...}'=value, until --timeout (default 30s) of virtual time passes. Each object that meets
// the condition prints `<kind>.<group>/<name> condition met`; a timeout is `error: timed out waiting for the
// condition on <resource>/<name>`.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName } from '../resources';
import { evalPath, relaxed } from '../../util/jsonpath';
import { parseDuration } from '../../runtime/duration';

type Check = (o: KObject | undefined) => boolean;

/** The condition --for names (wait.go conditionFuncFor). */
export function conditionFor(spec: string): { check: Check; deleted: boolean } {
  if (spec.toLowerCase() === 'delete') return { check: (o) => o === undefined, deleted: true };
  if (spec.toLowerCase().startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = (eq < 0 ? rest : rest.slice(0, eq)).toLowerCase(),
      value = (eq < 0 ? 'true' : rest.slice(eq + 1)).toLowerCase();
    return {
      deleted: false,
      check: (o) =>
        !!o &&
        (o.status?.conditions ?? []).some(
          (c: any) =>
            String(c.type).toLowerCase() === type &&
            String(c.status).toLowerCase() === value &&
            (c.observedGeneration === undefined ||
              o.metadata.generation === undefined ||
              c.observedGeneration >= o.metadata.generation),
        ),
    };
  }
  if (spec.toLowerCase().startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    const m = rest.match(/^(\{.*\})=(.*)$/) ?? rest.match(/^([^=]*)=(.*)$/);
    if (!m) throw new CmdError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3");
    const path = relaxed(m[1]),
      want = m[2];
    return { deleted: false, check: (o) => !!o && evalPath(path, o).some((v) => String(v) === want) };
  }
  throw new CmdError(`unrecognized condition: "${spec}"`);
}

export const wait: Command = {
  path: 'kubectl wait',
  flags: {
    for: { type: 'string' },
    timeout: { type: 'string', default: '30s' },
    selector: { type: 'string', short: 'l' },
    all: { type: 'bool' },
    'all-namespaces': { type: 'bool', short: 'A' },
    'field-selector': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    output: { type: 'string', short: 'o' },
    local: { type: 'bool' },
  },
  run(ctx) {
    const spec = ctx.flag<string>('for');
    if (!spec) throw new KubectlFailure('error: --for must be set');
    const { check } = conditionFor(spec);
    const timeout = timeoutOf(ctx.flag<string>('timeout'));
    const objects = targets(ctx);
    if (!objects.length) throw new KubectlFailure('error: no matching resources found');
    const get = (r: ResourceInfo, ns: string | undefined, name: string) =>
      ctx.api.tryGet(r.resource, r.namespaced ? ns : undefined, name);
    // every object is waited for within the one timeout, in order, as wait.go does
    const deadline = ctx.now + Math.max(0, timeout);
    for (const { r, ns, name } of objects) {
      const ok = () => check(get(r, ns, name));
      const met = ok() || (deadline > ctx.now && ctx.wait(ok, deadline - ctx.now));
      if (!met) {
        ctx.errors.push(new CmdError(`timed out waiting for the condition on ${r.resource}/${name}`));
        continue;
      }
      ctx.out(`${kindName(r)}/${name} condition met\n`);
    }
  },
};

/** --timeout: a Go duration; 0 checks once, a negative one waits a week (wait.go). */
function timeoutOf(text: string): number {
  if (/^-/.test(text)) return 7 * 24 * 3_600_000;
  if (/^0+$/.test(text)) return 0;
  try {
    return parseDuration(text);
  } catch {
    throw new KubectlFailure(
      `error: invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"\nSee 'kubectl wait --help' for usage.`,
    );
  }
}

/** The objects named (`pod/web`, `pods web`) or selected (`-l`, `--all`); a missing named one is NotFound, except for --for=delete. */
function targets(ctx: Ctx): { r: ResourceInfo; ns: string | undefined; name: string }[] {
  const out: { r: ResourceInfo; ns: string | undefined; name: string }[] = [];
  const deleting = ctx.flag<string>('for').toLowerCase() === 'delete';
  for (const t of parseTargets(ctx.resources, ctx.args)) {
    const ns = t.r.namespaced ? ctx.namespace : undefined;
    if (t.names.length) {
      for (const name of t.names) {
        // GET first: a missing object is NotFound, but an object already gone is what --for=delete waits for
        if (!deleting) ctx.api.get(t.r.resource, ns, name);
        out.push({ r: t.r, ns, name });
      }
    } else if (ctx.flag('selector') || ctx.flag('all')) {
      const all = ctx.flag<boolean>('all-namespaces');
      for (const o of ctx.api.list(t.r.resource, {
        namespace: all ? undefined : ns,
        labelSelector: ctx.flag<string>('selector') || undefined,
      }))
        out.push({ r: t.r, ns: o.metadata.namespace, name: o.metadata.name! });
    } else throw new KubectlFailure('error: resource(s) were provided, but no name was specified');
  }
  return out;
}
