// kubectl delete (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go): by name, TYPE/NAME, -f, -l, --all;
// --grace-period, --force, --now, --cascade; `pod "x" deleted`. Then, unless --wait=false, kubectl waits (up to
// --timeout, else a week) until each deleted object is gone (cmdwait.IsDeleted: its uid no longer found), so a
// pod's graceful termination, or a foreground deletion's dependents, pass before it returns.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { isStatusError } from '../../api/errors';
import { CmdError, KubectlFailure, addSource } from '../errors';
import { parseTargets, kindName, listSelected } from '../resources';
import { fromFlags, isInfo } from '../resource/builder';
import { parseDuration } from '../../runtime/duration';

export const del: Command = {
  path: 'kubectl delete',
  flags: {
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    all: { type: 'bool' },
    'all-namespaces': { type: 'bool', short: 'A' },
    'grace-period': { type: 'int', default: -1 },
    force: { type: 'bool' },
    now: { type: 'bool' },
    wait: { type: 'bool', default: true },
    'ignore-not-found': { type: 'bool' },
    cascade: { type: 'string', default: 'background' },
    output: { type: 'string', short: 'o' },
    'dry-run': { type: 'string' },
    timeout: { type: 'string' },
    interactive: { type: 'bool', short: 'i' },
    raw: { type: 'string' },
    kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    let grace = ctx.flag<number>('grace-period');
    const force = ctx.flag<boolean>('force');
    if (ctx.flag('now')) {
      if (grace !== -1) throw new CmdError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const cascade = ctx.flag<string>('cascade');
    const policy =
      cascade === 'orphan'
        ? 'Orphan'
        : cascade === 'foreground'
          ? 'Foreground'
          : cascade === 'background' || cascade === 'true'
            ? 'Background'
            : undefined;
    if (!policy)
      throw new CmdError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
    const selector = ctx.flag<string>('selector'),
      all = ctx.flag<boolean>('all');
    const files = ctx.flag<string[]>('filename');
    const work: { r: ResourceInfo; ns?: string; name: string; source?: string }[] = [];
    if (files.length || ctx.flag<string>('kustomize')) {
      for (const m of fromFlags(ctx)) {
        if (!isInfo(m)) {
          ctx.errors.push(m.error);
          continue;
        }
        work.push({
          r: m.r,
          ns: m.obj.metadata?.namespace || ctx.namespace,
          name: m.obj.metadata?.name ?? '',
          source: m.source,
        });
      }
    } else {
      if (!ctx.args.length) {
        throw new KubectlFailure(
          `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
        );
      }
      const targets = parseTargets(ctx.resources, ctx.args);
      for (const t of targets) {
        if (t.names.length) {
          if (selector || all) throw new CmdError(`name cannot be provided when a selector is specified`);
          for (const name of t.names) work.push({ r: t.r, ns: ctx.namespace, name });
        } else {
          if (!selector && !all && !ctx.flag('field-selector'))
            throw new CmdError(`resource(s) were provided, but no name was specified`);
          const ns = t.r.namespaced && !ctx.flag('all-namespaces') ? ctx.namespace : undefined;
          for (const o of listSelected(ctx.api, t.r, {
            namespace: ns,
            labelSelector: selector || undefined,
            fieldSelector: ctx.flag<string>('field-selector') || undefined,
          })) {
            if (!o.metadata.deletionTimestamp || t.r.resource !== 'pods')
              work.push({ r: t.r, ns: o.metadata.namespace, name: o.metadata.name! });
          }
        }
      }
    }
    if (force && grace === 0)
      ctx.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    let found = 0;
    const dryRun = ctx.flag<string>('dry-run');
    const deleted: { r: ResourceInfo; ns?: string; name: string; uid?: string }[] = [];
    for (const w of work) {
      try {
        // --dry-run=client reads the object; =server sends the delete with dryRun=All
        if (dryRun && dryRun !== 'none' && dryRun !== 'server') ctx.api.get(w.r.resource, w.ns, w.name);
        else {
          const answer = ctx.api.delete(w.r.resource, w.ns, w.name, {
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            propagationPolicy: policy as any,
            dryRun: dryRun === 'server',
          });
          // the uid of what was deleted: the object as the delete left it, or the Status's details
          deleted.push({ ...w, uid: answer.metadata?.uid ?? (answer as any).details?.uid });
        }
        found++;
        print(ctx, w.r, w.name, force && grace === 0 ? 'force deleted' : 'deleted', dryRun);
      } catch (e) {
        if (isStatusError(e) && e.reason === 'NotFound' && ctx.flag('ignore-not-found')) continue;
        ctx.errors.push(w.source ? addSource('deleting', w.source, e) : e);
      }
    }
    if (!found && !ctx.errors.length && !work.length) ctx.out('No resources found\n');
    if (ctx.flag('wait') && (!dryRun || dryRun === 'none')) waitForDeletion(ctx, deleted);
  },
};

/** delete.go's wait (cmdwait.IsDeleted): until no object of each name has the deleted one's uid, or --timeout. */
function waitForDeletion(ctx: Ctx, deleted: { r: ResourceInfo; ns?: string; name: string; uid?: string }[]): void {
  const timeout = ctx.flag<string>('timeout');
  const limit = timeout && !/^0+[a-z]*$/.test(timeout) ? parseDuration(timeout) : 7 * 24 * 3_600_000;
  const gone = (d: (typeof deleted)[number]) => {
    const o = ctx.api.tryGet(d.r.resource, d.r.namespaced ? d.ns : undefined, d.name);
    return !o || (d.uid !== undefined && o.metadata.uid !== d.uid);
  };
  for (const d of deleted) {
    if (gone(d)) continue;
    if (!ctx.wait(() => gone(d), limit))
      ctx.errors.push(new CmdError(`timed out waiting for the condition on ${d.r.resource}/${d.name}`));
  }
}

function print(ctx: Ctx, r: ResourceInfo, name: string, verb: string, dryRun: string): void {
  if (ctx.flag('output') === 'name') {
    ctx.out(`${kindName(r)}/${name}\n`);
    return;
  }
  ctx.out(`${kindName(r)} "${name}" ${verb}${dryRun && dryRun !== 'none' ? ` (${dryRun} dry run)` : ''}\n`);
}

export type { KObject };
