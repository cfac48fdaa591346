// kubectl replace -f (staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go): each object PUT over the live
// one (`deployment.apps/web replaced`); a missing one is NotFound "error when replacing"; --force deletes it
// first and creates it again.

import type { Command } from '../context';
import { KubectlFailure, addSource } from '../errors';
import { fromFlags, isInfo } from '../resource/builder';
import { printResult } from './output';
import { COMMON } from './create/create';
import { kindName } from '../resources';

export const replace: Command = {
  path: 'kubectl replace',
  flags: {
    ...COMMON,
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    force: { type: 'bool' },
    'grace-period': { type: 'int', default: -1 },
    cascade: { type: 'string' },
    wait: { type: 'bool' },
    timeout: { type: 'string' },
    subresource: { type: 'string' },
    raw: { type: 'string' },
    kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    const files = ctx.flag<string[]>('filename');
    if (!files.length)
      throw new KubectlFailure(
        "error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples",
      );
    void ctx.fieldValidation;
    for (const m of fromFlags(ctx)) {
      if (!isInfo(m)) {
        ctx.errors.push(m.error);
        continue;
      }
      const r = m.r;
      const ns = r.namespaced ? m.obj.metadata?.namespace || ctx.namespace : undefined;
      const obj = { ...m.obj, metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) } };
      try {
        if (ctx.flag('force')) {
          if (ctx.api.tryGet(r.resource, ns, obj.metadata.name!)) {
            ctx.api.delete(r.resource, ns, obj.metadata.name!);
            ctx.out(`${kindName(r)} "${obj.metadata.name}" deleted\n`);
          }
          printResult(ctx, ctx.api.create(obj, ctx.writeOptions()), 'replaced');
          continue;
        }
        const live = ctx.api.get(r.resource, ns, obj.metadata.name!);
        // an object without a resourceVersion replaces whatever is there (AllowUnconditionalUpdate)
        const next = {
          ...obj,
          metadata: {
            ...obj.metadata,
            resourceVersion: obj.metadata.resourceVersion ?? live.metadata.resourceVersion,
            uid: obj.metadata.uid ?? live.metadata.uid,
          },
        };
        printResult(ctx, ctx.api.update(next, ctx.writeOptions()), 'replaced');
      } catch (e) {
        ctx.errors.push(addSource('replacing', m.source, e));
      }
    }
  },
};
