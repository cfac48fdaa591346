// kubectl edit (staging/src/k8s.io/kubectl/pkg/cmd/util/editor): the object as YAML under kubectl's header in
// a temporary file, the editor run on it, the edited object saved; `deployment.apps/web edited`. A scenario
// has no terminal, so the editor is a command that changes the file, given as a shell gives kubectl its
// environment: `KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 3/'" kubectl edit deployment/web`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadAll } from 'js-yaml';
import type { Command } from '../context';
import type { KObject } from '../../api/meta';
import { KubectlFailure, CmdError } from '../errors';
import { parseTargets, kindName } from '../resources';
import { toYaml } from '../printers/yaml';
import { fnv1a32 } from '../../runtime/random';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const edit: Command = {
  path: 'kubectl edit',
  flags: {
    filename: { type: 'strings', short: 'f' },
    output: { type: 'string', short: 'o' },
    'output-patch': { type: 'bool' },
    'windows-line-endings': { type: 'bool' },
    'save-config': { type: 'bool' },
    validate: { type: 'string' },
    'field-manager': { type: 'string' },
    subresource: { type: 'string' },
    'show-managed-fields': { type: 'bool' },
    recursive: { type: 'bool', short: 'R' },
    selector: { type: 'string', short: 'l' },
    template: { type: 'string' },
    'allow-missing-template-keys': { type: 'bool', default: true },
  },
  run(ctx) {
    const editor = ctx.opts.env?.KUBE_EDITOR ?? ctx.opts.env?.EDITOR;
    if (!editor) {
      throw new KubectlFailure(
        'error: kspec runs no interactive editor: give the editor as a command that changes the file, e.g. ' +
          `KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 3/'" kubectl edit deployment/web`,
      );
    }
    if (!ctx.args.length)
      throw new KubectlFailure(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      if (!t.names.length) throw new CmdError('resource(s) were provided, but no name was specified');
      for (const name of t.names) {
        const live = ctx.api.get(t.r.resource, t.r.namespaced ? ctx.namespace : undefined, name);
        const { managedFields: _m, ...metadata } = live.metadata as any;
        const original = HEADER + toYaml({ ...live, metadata });
        const file = path.join(
          os.tmpdir(),
          `kubectl-edit-${fnv1a32(`${ctx.namespace}/${t.r.resource}/${name}/${process.pid}`) >>> 0}.yaml`,
        );
        fs.writeFileSync(file, original);
        try {
          const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'kubectl-edit', file], {
            cwd: ctx.opts.cwd,
            encoding: 'utf8',
            timeout: 30_000,
          });
          if (r.status !== 0)
            throw new KubectlFailure(
              `error: there was a problem with the editor "${editor}"${r.stderr ? `\n${r.stderr.trimEnd()}` : ''}`,
            );
          const edited = fs.readFileSync(file, 'utf8');
          const body = edited
            .split('\n')
            .filter((l) => !l.startsWith('#'))
            .join('\n');
          if (!body.trim()) {
            ctx.err('Edit cancelled, saved file was empty.\n');
            continue;
          }
          if (edited === original) {
            ctx.err('Edit cancelled, no changes made.\n');
            continue;
          }
          let obj: KObject;
          try {
            obj = loadAll(body)[0] as KObject;
          } catch (e) {
            throw new CmdError(`error: error parsing edited object: ${(e as Error).message.split('\n')[0]}`);
          }
          if (obj?.metadata?.name !== name || obj.kind !== live.kind)
            throw new CmdError('At least one of apiVersion, kind and name was changed');
          const stored = ctx.api.update(
            { ...obj, metadata: { ...obj.metadata, resourceVersion: live.metadata.resourceVersion } },
            ctx.writeOptions(),
          );
          ctx.out(stored === live ? `${kindName(t.r)}/${name} skipped\n` : `${kindName(t.r)}/${name} edited\n`);
        } finally {
          fs.rmSync(file, { force: true });
        }
      }
    }
  },
};
