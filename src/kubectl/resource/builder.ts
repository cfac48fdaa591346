// cli-runtime's resource.Builder for the objects of -f/-k/-R (staging/src/k8s.io/cli-runtime/pkg/resource/
// builder.go, visitor.go): the sources read (files, folders, stdin, a kustomization; manifest.ts), each object
// mapped to the resource the server serves it as, and what went wrong kept where it was met, so a command
// reports errors in the order kubectl meets them and acts on the objects that mapped.

import type { ResourceInfo } from '../../api/kinds';
import type { Ctx } from '../context';
import { loadKustomization } from '../kustomize';
import { loadSources, isManifest, mappingError, type Manifest } from '../manifest';

/** An object read from a source, with its resource (resource.Info). */
export interface Info extends Manifest {
  r: ResourceInfo;
}
export type Visited = Info | { error: unknown };

export function isInfo(v: Visited): v is Info {
  return 'obj' in v;
}

/**
 * The objects of the command's -f (with -R) or -k flags, in reading order, each mapped or an error: a document
 * that does not parse, a path that does not exist, a kind the server does not serve.
 */
export function fromFlags(ctx: Ctx): Visited[] {
  const given = ctx.files;
  const kustomization = ctx.parsed.flags.kustomize as string | undefined;
  const loaded = kustomization
    ? loadKustomization(kustomization, { ...ctx.opts, given })
    : loadSources((ctx.parsed.flags.filename as string[] | undefined) ?? [], {
        ...ctx.opts,
        recursive: !!ctx.parsed.flags.recursive,
        given,
      });
  return loaded.items.map((m): Visited => {
    if (!isManifest(m)) return m;
    const err = mappingError(m, ctx.resources);
    return err
      ? { error: err }
      : { ...m, r: ctx.resources.forObject(m.obj.apiVersion, m.obj.kind!) ?? ctx.resources.forKind(m.obj.kind!)! };
  });
}
