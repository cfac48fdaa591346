// kubectl cordon / uncordon (staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go): spec.unschedulable.

import type { Command, Ctx } from '../context';
import { clone } from '../../api/meta';
import { KubectlFailure } from '../errors';

function make(path: string, unschedulable: boolean, verb: string): Command {
  return {
    path,
    flags: { selector: { type: 'string', short: 'l' }, 'dry-run': { type: 'string' } },
    run(ctx: Ctx) {
      if (!ctx.args.length && !ctx.flag('selector')) throw new KubectlFailure(`error: USAGE: ${path.slice(8)} NODE [flags]\nSee '${path} -h' for help and examples`);
      const nodes = ctx.args.length ? ctx.args.map((n) => ctx.api.get('nodes', undefined, n.replace(/^(nodes?|no)\//, '')))
        : ctx.api.list('nodes', { labelSelector: ctx.flag<string>('selector') });
      for (const n of nodes) {
        if (!!n.spec?.unschedulable === unschedulable) { ctx.out(`node/${n.metadata.name} already ${verb}\n`); continue; }
        const next = clone(n);
        next.spec = { ...(next.spec ?? {}) };
        if (unschedulable) next.spec.unschedulable = true;
        else delete next.spec.unschedulable;
        ctx.api.update(next);
        ctx.out(`node/${n.metadata.name} ${verb}\n`);
      }
    },
  };
}

export const cordon = make('kubectl cordon', true, 'cordoned');
export const uncordon = make('kubectl uncordon', false, 'uncordoned');
