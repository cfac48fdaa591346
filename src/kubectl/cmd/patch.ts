// kubectl patch (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): strategic (default), merge or json;
// `deployment.apps/web patched`, or `patched (no change)`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import type { Command } from '../context';
import { CmdError, KubectlFailure } from '../errors';
import { isStatusError } from '../../api/errors';
import { parseTargets, kindName } from '../resources';
import { changeCause, CHANGE_CAUSE_ANNOTATION, RECORD_FLAG } from '../record';

export const patch: Command = {
  path: 'kubectl patch',
  flags: {
    patch: { type: 'string', short: 'p' },
    'patch-file': { type: 'string' },
    type: { type: 'string', default: 'strategic' },
    output: { type: 'string', short: 'o' },
    'dry-run': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    local: { type: 'bool' },
    subresource: { type: 'string' },
    'field-manager': { type: 'string' },
    recursive: { type: 'bool', short: 'R' },
    kustomize: { type: 'string', short: 'k' },
    ...RECORD_FLAG,
  },
  run(ctx) {
    const type = ctx.flag<string>('type');
    if (!['json', 'merge', 'strategic'].includes(type))
      throw new CmdError(
        `--type must be one of [json merge strategic], not "${type}".\nThis command does not support the apply type`,
      );
    // the status subresource: only the object's status changes; scale: the object's autoscaling/v1 Scale
    const subresource = ctx.flag<string>('subresource') as 'status' | 'scale' | '';
    if (subresource && !['status', 'scale'].includes(subresource))
      throw new CmdError(`invalid subresource value: ${JSON.stringify(subresource)}. Must be one of [status scale]`);
    let text = ctx.flag<string>('patch');
    if (ctx.flag('patch-file')) {
      text = fs.readFileSync(path.resolve(ctx.opts.cwd ?? process.cwd(), ctx.flag<string>('patch-file')), 'utf8');
    }
    if (!text)
      throw new KubectlFailure(
        `error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubectl patch -h' for help and examples`,
      );
    let body: unknown;
    try {
      body = load(text, { json: true });
    } catch (e) {
      throw new CmdError(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      if (!t.names.length) throw new CmdError('resource(s) were provided, but no name was specified');
      for (const name of t.names) {
        try {
          // the resource builder's GET, of the subresource when one is given
          const before = subresource
            ? ctx.api.getSubresource(t.r.resource, ctx.namespace, name, subresource)
            : ctx.api.get(t.r.resource, ctx.namespace, name);
          const after = ctx.api.patch(t.r.resource, ctx.namespace, name, body, type as 'json' | 'merge' | 'strategic', {
            subresource: subresource || undefined,
            ...ctx.writeOptions('Warn') /* kubectl patch sends none: the server's default */,
          });
          // MakeRecordMergePatch: the change-cause goes in a second, merge patch
          if (ctx.flag('record'))
            ctx.api.patch(
              t.r.resource,
              ctx.namespace,
              name,
              { metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: changeCause(ctx) } } },
              'merge',
            );
          // the patched object is what the server returns: a Scale for the scale subresource
          const shown = subresource === 'scale' ? 'scale.autoscaling' : kindName(t.r);
          const same = after.metadata.resourceVersion === before.metadata.resourceVersion;
          ctx.out(`${shown}/${name} patched${same ? ' (no change)' : ''}\n`);
        } catch (e) {
          // patch.go: the server refused the patch type (a custom resource has no strategic merge)
          if (isStatusError(e) && e.reason === 'UnsupportedMediaType')
            ctx.errors.push(
              new CmdError(
                `application/strategic-merge-patch+json is not supported by ${t.r.group}/${t.r.version}, Kind=${t.r.kind}: ${e.message}`,
              ),
            );
          else ctx.errors.push(e);
        }
      }
    }
  },
};
