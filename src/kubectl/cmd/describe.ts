// kubectl describe (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go): the objects named, selected or
// prefixed by a name, each printed by its describer (src/kubectl/describe), the second and later after a blank line.

import type { Command } from '../context';
import type { KObject } from '../../api/meta';
import { KubectlFailure } from '../errors';
import { parseTargets, listSelected } from '../resources';
import { describeObject } from '../describe/describe';

export const describe: Command = {
  path: 'kubectl describe',
  flags: {
    selector: { type: 'string', short: 'l' },
    'all-namespaces': { type: 'bool', short: 'A' },
    'show-events': { type: 'bool', default: true },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    'chunk-size': { type: 'int' },
    kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    if (!ctx.args.length)
      throw new KubectlFailure(
        `error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`,
      );
    const outputs: string[] = [];
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      let objs: KObject[] = [];
      if (t.names.length) {
        for (const n of t.names) {
          const o = ctx.api.tryGet(t.r.resource, ctx.namespace, n);
          if (o) {
            objs.push(o);
            continue;
          }
          // describe also accepts a name prefix
          const prefixed = ctx.api
            .list(t.r.resource, { namespace: t.r.namespaced ? ctx.namespace : undefined })
            .filter((x) => x.metadata.name!.startsWith(n));
          if (!prefixed.length) ctx.api.get(t.r.resource, ctx.namespace, n);
          objs.push(...prefixed);
        }
      } else {
        objs = listSelected(ctx.api, t.r, {
          namespace: t.r.namespaced && !ctx.flag('all-namespaces') ? ctx.namespace : undefined,
          labelSelector: ctx.flag<string>('selector') || undefined,
        });
        if (!objs.length) {
          ctx.err(t.r.namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
          continue;
        }
      }
      for (const o of objs) outputs.push(describeObject(ctx, t.r, o));
    }
    // describe.go: the second and later objects follow "\n\n"
    ctx.out(outputs.join('\n\n'));
  },
};
