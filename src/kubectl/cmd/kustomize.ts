// kubectl kustomize DIR: the objects a kustomization builds, as YAML documents (src/kubectl/kustomize.ts).

import type { Command } from '../context';
import { KubectlFailure } from '../errors';
import { kustomize as build, filesWith } from '../kustomize';
import { toYaml } from '../printers/yaml';
import * as path from 'node:path';

export const kustomize: Command = {
  path: 'kubectl kustomize',
  flags: {
    output: { type: 'string', short: 'o' },
    'enable-helm': { type: 'bool' },
    'load-restrictor': { type: 'string' },
    'enable-alpha-plugins': { type: 'bool' },
  },
  run(ctx) {
    if (ctx.args.length > 1) throw new KubectlFailure(`error: specify one path to kustomization.yaml`);
    const dir = path.resolve(ctx.opts.cwd ?? process.cwd(), ctx.args[0] ?? '.');
    ctx.out(
      build(dir, filesWith(ctx.files), ctx.args[0] ?? '.')
        .map(toYaml)
        .join('---\n'),
    );
  },
};
