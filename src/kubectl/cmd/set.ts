// kubectl set image (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): `deployment.apps/web image updated`.

import type { Command } from '../context';
import { clone } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName, listSelected } from '../resources';
import { record, RECORD_FLAG } from '../record';

export const setImage: Command = {
  path: 'kubectl set image',
  flags: {
    all: { type: 'bool' }, selector: { type: 'string', short: 'l' }, local: { type: 'bool' }, output: { type: 'string', short: 'o' },
    'dry-run': { type: 'string' }, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' },
    'field-manager': { type: 'string' }, ...RECORD_FLAG,
  },
  run(ctx) {
    const resources = ctx.args.filter((a) => !a.includes('='));
    const images = ctx.args.filter((a) => a.includes('='));
    if (!images.length) throw new KubectlFailure(`error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`);
    for (const t of parseTargets(ctx.resources, resources)) {
      const names = t.names.length ? t.names : listSelected(ctx.api, t.r, { namespace: ctx.namespace, labelSelector: ctx.flag<string>('selector') || undefined }).map((o) => o.metadata.name!);
      for (const name of names) {
        try {
          const cur = ctx.api.get(t.r.resource, ctx.namespace, name);
          const next = clone(cur);
          const spec = t.r.resource === 'pods' ? next.spec : t.r.resource === 'cronjobs' ? next.spec?.jobTemplate?.spec?.template?.spec : next.spec?.template?.spec;
          if (!spec) throw new CmdError(`cannot set image on ${t.r.kind}`);
          for (const kv of images) {
            const i = kv.indexOf('=');
            const container = kv.slice(0, i), image = kv.slice(i + 1);
            const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
            const matched = all.filter((c: any) => container === '*' || c.name === container);
            if (!matched.length) { ctx.err(`error: unable to find container named "${container}"\n`); continue; }
            for (const c of matched) c.image = image;
          }
          record(ctx, next);
          const stored = ctx.api.update(next);
          if (stored !== cur) ctx.out(`${kindName(t.r)}/${name} image updated\n`);
        } catch (e) { ctx.errors.push(e); }
      }
    }
  },
};
