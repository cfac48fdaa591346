// kubectl cordon / uncordon (staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go RunCordonOrUncordon, drain/cordon.go):
// spec.unschedulable; `node/x cordoned`, or `already cordoned` when there is nothing to change.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { clone } from '../../api/meta';
import { KubectlFailure } from '../errors';

export const dryRunSuffix = (ctx: Ctx) =>
  ctx.flag('dry-run') && ctx.flag('dry-run') !== 'none' ? ` (${ctx.flag('dry-run')} dry run)` : '';

/** The nodes named by the arguments or the --selector; a missing one is NotFound. */
export function selectNodes(ctx: Ctx, verb: string): KObject[] {
  if (!ctx.args.length && !ctx.flag('selector'))
    throw new KubectlFailure(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  return ctx.args.length
    ? ctx.args.map((n) => ctx.api.get('nodes', undefined, n.replace(/^(nodes?|no)\//, '')))
    : ctx.api.list('nodes', { labelSelector: ctx.flag<string>('selector') });
}

/** CordonHelper.UpdateIfRequired and PatchOrReplace; returns the line kubectl prints. */
export function cordonNode(ctx: Ctx, n: KObject, unschedulable: boolean): string {
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  if (!!n.spec?.unschedulable === unschedulable) return `node/${n.metadata.name} already ${verb}${dryRunSuffix(ctx)}\n`;
  if (!dryRunSuffix(ctx)) {
    const next = clone(n);
    next.spec = { ...(next.spec ?? {}) };
    if (unschedulable) next.spec.unschedulable = true;
    else delete next.spec.unschedulable;
    ctx.api.update(next);
  }
  return `node/${n.metadata.name} ${verb}${dryRunSuffix(ctx)}\n`;
}

function make(verb: string, unschedulable: boolean): Command {
  return {
    path: `kubectl ${verb}`,
    flags: { selector: { type: 'string', short: 'l' }, 'dry-run': { type: 'string' } },
    run(ctx: Ctx) {
      for (const n of selectNodes(ctx, verb)) ctx.out(cordonNode(ctx, n, unschedulable));
    },
  };
}

export const cordon = make('cordon', true);
export const uncordon = make('uncordon', false);
