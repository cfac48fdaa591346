// kubectl set image and set resources (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, set_resources.go):
// `deployment.apps/web image updated`, `deployment.apps/web resource requirements updated`.

import type { Command } from '../context';
import { clone } from '../../api/meta';
import { CmdError, KubectlFailure, messageFor } from '../errors';
import { canonicalQuantity } from '../../api/quantity';
import { printResult } from './output';
import { parseTargets, kindName, listSelected } from '../resources';
import { record, RECORD_FLAG } from '../record';
import { TEMPLATE_FLAGS } from '../printers/template-printer';

export const setImage: Command = {
  path: 'kubectl set image',
  flags: {
    all: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    local: { type: 'bool' },
    output: { type: 'string', short: 'o' },
    ...TEMPLATE_FLAGS,
    'dry-run': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    'field-manager': { type: 'string' },
    ...RECORD_FLAG,
  },
  run(ctx) {
    const resources = ctx.args.filter((a) => !a.includes('='));
    const images = ctx.args.filter((a) => a.includes('='));
    if (!images.length)
      throw new KubectlFailure(
        `error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`,
      );
    for (const t of parseTargets(ctx.resources, resources)) {
      const names = t.names.length
        ? t.names
        : listSelected(ctx.api, t.r, {
            namespace: ctx.namespace,
            labelSelector: ctx.flag<string>('selector') || undefined,
          }).map((o) => o.metadata.name!);
      for (const name of names) {
        try {
          const cur = ctx.api.get(t.r.resource, ctx.namespace, name);
          const next = clone(cur);
          const spec = podSpecOf(t.r.resource, next);
          if (!spec) throw new CmdError(`cannot set image on ${t.r.kind}`);
          for (const kv of images) {
            const i = kv.indexOf('=');
            const container = kv.slice(0, i),
              image = kv.slice(i + 1);
            const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
            const matched = all.filter((c: any) => container === '*' || c.name === container);
            // set_image.go collects this error and still applies the other images; the command exits 1
            if (!matched.length) {
              ctx.errors.push(new CmdError(`unable to find container named "${container}"`));
              continue;
            }
            for (const c of matched) c.image = image;
          }
          record(ctx, next);
          const stored = ctx.api.update(next);
          if (stored !== cur) ctx.out(`${kindName(t.r)}/${name} image updated\n`);
        } catch (e) {
          ctx.errors.push(e);
        }
      }
    }
  },
};

/** UpdatePodSpecForObject: where a kind keeps its pod spec. */
function podSpecOf(resource: string, o: any): any {
  return resource === 'pods'
    ? o.spec
    : resource === 'cronjobs'
      ? o.spec?.jobTemplate?.spec?.template?.spec
      : o.spec?.template?.spec;
}

/** populateResourceListV1: `cpu=200m,memory=512Mi` */
function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new CmdError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      canonicalQuantity(parts[1]);
    } catch (e) {
      throw new CmdError((e as Error).message);
    }
    out[parts[0]] = parts[1];
  }
  return out;
}

export const setResources: Command = {
  path: 'kubectl set resources',
  flags: {
    all: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    containers: { type: 'string', short: 'c', default: '*' },
    limits: { type: 'string' },
    requests: { type: 'string' },
    local: { type: 'bool' },
    output: { type: 'string', short: 'o' },
    ...TEMPLATE_FLAGS,
    'dry-run': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    'field-manager': { type: 'string' },
    ...RECORD_FLAG,
  },
  run(ctx) {
    const dryRun = ctx.flag<string>('dry-run');
    // Complete: the objects first (a missing one fails before the flags are checked); --local reads only files
    if (ctx.flag('local'))
      throw new KubectlFailure(
        `error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'`,
      );
    const targets = parseTargets(ctx.resources, ctx.args);
    if (!targets.length)
      throw new KubectlFailure(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    const objs = targets.flatMap((t) =>
      (t.names.length
        ? t.names.map((n) => ctx.api.get(t.r.resource, ctx.namespace, n))
        : listSelected(ctx.api, t.r, {
            namespace: ctx.namespace,
            labelSelector: ctx.flag<string>('selector') || undefined,
          })
      ).map((o) => ({ r: t.r, o })),
    );
    // Validate
    if (ctx.flag('local') && dryRun === 'server')
      throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (ctx.flag('all') && ctx.flag('selector')) throw new CmdError('cannot set --all and --selector at the same time');
    const limitsFlag = ctx.flag<string>('limits') ?? '',
      requestsFlag = ctx.flag<string>('requests') ?? '';
    if (!limitsFlag && !requestsFlag)
      throw new CmdError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const limits = resourceList(limitsFlag),
      requests = resourceList(requestsFlag);
    const selector = ctx.flag<string>('containers');
    for (const { r, o: cur } of objs) {
      const next = clone(cur);
      const spec = podSpecOf(r.resource, next);
      const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].filter((c: any) =>
        globMatch(selector, c.name),
      );
      if (!containers.length) {
        ctx.errors.push(new CmdError(`error: unable to find container named ${selector}`));
        continue;
      }
      for (const c of containers) {
        c.resources ??= {};
        if (limits) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (requests) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
      record(ctx, next);
      if (dryRun === 'client') {
        printResult(ctx, next, 'resource requirements updated (dry run)');
        continue;
      }
      try {
        const stored = ctx.api.update(next, { dryRun: dryRun === 'server' });
        // an empty patch sends nothing and prints nothing
        if (stored !== cur)
          printResult(
            ctx,
            stored,
            dryRun === 'server' ? 'resource requirements updated (server dry run)' : 'resource requirements updated',
          );
      } catch (e) {
        ctx.errors.push(new CmdError(`failed to patch resources update to pod template ${messageFor(e)}`));
      }
    }
  },
};

/** selectContainers: path.Match-style globbing of container names (`*`, `?`). */
function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|\\[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return re.test(name);
}
