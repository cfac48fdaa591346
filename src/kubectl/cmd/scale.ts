// kubectl scale (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go): sets spec.replicas through the scale
// subresource; `deployment.apps/web scaled`.

import type { Command } from '../context';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName, listSelected } from '../resources';
import { clone, type KObject } from '../../api/meta';
import { record, RECORD_FLAG, CHANGE_CAUSE_ANNOTATION } from '../record';

export const scale: Command = {
  path: 'kubectl scale',
  flags: {
    replicas: { type: 'int', default: -1 },
    'current-replicas': { type: 'int', default: -1 },
    'resource-version': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    selector: { type: 'string', short: 'l' },
    all: { type: 'bool' },
    output: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
    'dry-run': { type: 'string' },
    recursive: { type: 'bool', short: 'R' },
    'all-namespaces': { type: 'bool', short: 'A' },
    ...RECORD_FLAG,
  },
  run(ctx) {
    const replicas = ctx.flag<number>('replicas');
    if (replicas < 0)
      throw new KubectlFailure(
        `error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\nSee 'kubectl scale -h' for help and examples`,
      );
    if (!ctx.args.length)
      throw new KubectlFailure(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    const work: { resource: string; ns: string | undefined; name: string }[] = [];
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      if (t.names.length) for (const n of t.names) work.push({ resource: t.r.resource, ns: ctx.namespace, name: n });
      else if (ctx.flag('selector') || ctx.flag('all')) {
        for (const o of listSelected(ctx.api, t.r, {
          namespace: ctx.namespace,
          labelSelector: ctx.flag<string>('selector') || undefined,
        }))
          work.push({ resource: t.r.resource, ns: o.metadata.namespace, name: o.metadata.name! });
      } else throw new CmdError(`resource(s) were provided, but no name was specified`);
    }
    // the resource builder's GETs (ContinueOnError): what fails is reported after the others are scaled, and
    // with nothing found the only error is that (scale.go RunScale)
    const found: { w: (typeof work)[number]; cur: KObject }[] = [];
    const missed: unknown[] = [];
    for (const w of work) {
      try {
        found.push({ w, cur: ctx.api.get(w.resource, w.ns, w.name) });
      } catch (e) {
        missed.push(e);
      }
    }
    if (!found.length) throw new CmdError('no objects passed to scale');
    for (const { w, cur } of found) {
      const r = ctx.api.info(w.resource);
      try {
        const expected = ctx.flag<number>('current-replicas');
        if (expected >= 0) {
          // ScaleSimple with a precondition: GET the Scale, check it, PUT it back
          const s = ctx.api.getScale(w.resource, w.ns, w.name);
          if (s.spec.replicas !== expected)
            throw new CmdError(`Expected replicas to be ${expected}, was ${s.spec.replicas}`);
          ctx.api.updateScale(w.resource, w.ns, w.name, { ...s, spec: { ...s.spec, replicas } });
        } else {
          ctx.api.patch(w.resource, w.ns, w.name, { spec: { replicas } }, 'merge', { subresource: 'scale' });
        }
        // MakeRecordMergePatch: the change-cause goes in a second write, after the scale
        const recorded = clone(cur);
        record(ctx, recorded);
        const cause = recorded.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
        if (cause !== undefined && cause !== cur.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]) {
          ctx.api.patch(
            w.resource,
            w.ns,
            w.name,
            { metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: cause } } },
            'merge',
          );
        }
        ctx.out(ctx.flag('output') === 'name' ? `${kindName(r)}/${w.name}\n` : `${kindName(r)}/${w.name} scaled\n`);
      } catch (e) {
        ctx.errors.push(e);
      }
    }
    ctx.errors.push(...missed);
  },
};
