// kubectl apply -f (client-side apply, staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go): create with the
// last-applied-configuration annotation, or patch with the three-way strategic merge patch computed from the
// last-applied configuration, the manifest, and the live object.

import type { Command, Ctx } from '../context';
import { fromFlags, isInfo, type Info } from '../resource/builder';
import { addSource, CmdError } from '../errors';
import { clone, type KObject } from '../../api/meta';
import { threeWayMergePatch, isEmptyPatch } from '../../apiserver/patch';
import { sortKeys } from '../../util/json';
import { printResult } from './output';
import { record } from '../record';
import { TEMPLATE_FLAGS } from '../printers/template-printer';

const isMap = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const apply: Command = {
  path: 'kubectl apply',
  flags: {
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    output: { type: 'string', short: 'o' },
    ...TEMPLATE_FLAGS,
    'dry-run': { type: 'string' },
    validate: { type: 'string' },
    force: { type: 'bool' },
    prune: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    'server-side': { type: 'bool' },
    'field-manager': { type: 'string' },
    overwrite: { type: 'bool', default: true },
    wait: { type: 'bool' },
    'grace-period': { type: 'int' },
    timeout: { type: 'string' },
    'force-conflicts': { type: 'bool' },
    'show-managed-fields': { type: 'bool' },
    record: { type: 'bool' },
    kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    const files = ctx.flag<string[]>('filename');
    if (!files.length && !ctx.flag('kustomize')) throw new CmdError('must specify one of -f and -k');
    void ctx.fieldValidation; // GetValidationDirective: a bad --validate fails before anything is read
    const dryRun = ctx.flag<string>('dry-run');
    // every document is read and mapped first (GetObjects), then applied one by one
    const visited = fromFlags(ctx);
    const errs: unknown[] = visited.filter((v) => !isInfo(v)).map((v) => (v as { error: unknown }).error);
    for (const m of visited.filter(isInfo)) {
      try {
        applyOne(ctx, m, dryRun && dryRun !== 'none' ? dryRun : undefined);
      } catch (e) {
        errs.push(e);
      }
    }
    ctx.errors.push(...errs);
  },
};

function applyOne(ctx: Ctx, m: Info, dryRun: string | undefined): void {
  const r = m.r;
  const obj = clone(m.obj);
  // the unstructured accessors: metadata that is not a map has no name or namespace, and cannot be given one
  obj.metadata ??= {};
  const meta: Record<string, any> = isMap(obj.metadata) ? obj.metadata : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (r.namespaced) {
    const ns = str(meta.namespace);
    if (ns && ctx.explicitNamespace && ns !== ctx.namespace) {
      throw new CmdError(
        `the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
      );
    }
    meta.namespace = ns || ctx.namespace;
  }
  record(ctx, obj);
  const name = str(meta.name);
  if (!name && !str(meta.generateName))
    throw new CmdError(
      `error when retrieving current configuration of:\nResource: "${r.group ? r.group + '/' : ''}${r.version}, Resource=${r.resource}", GroupVersionKind: "${obj.apiVersion}, Kind=${obj.kind}"\nName: "", Namespace: "${str(meta.namespace)}"\nfrom server for: "${m.source}": resource name may not be empty`,
    );
  const modified = withLastApplied(obj);
  const suffix = dryRun ? ` (${dryRun} dry run)` : '';
  const live = name ? ctx.api.tryGet(r.resource, obj.metadata.namespace, name) : undefined;
  if (!live) {
    let created: KObject;
    try {
      created = dryRun === 'client' ? modified : ctx.api.create(modified, { dryRun: !!dryRun, ...ctx.writeOptions() });
    } catch (e) {
      throw addSource('creating', m.source, e);
    }
    printResult(ctx, created, 'created' + suffix);
    return;
  }
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  if (lastText === undefined) {
    ctx.err(
      `Warning: resource ${r.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  let original: unknown;
  try {
    original = lastText ? JSON.parse(lastText) : undefined;
  } catch {
    original = undefined;
  }
  // a custom resource has no patch strategies: kubectl sends a JSON merge patch (lists replaced whole)
  const patch = threeWayMergePatch(original, modified, live, '', !r.custom);
  if (isEmptyPatch(patch)) {
    printResult(ctx, live, 'unchanged' + suffix);
    return;
  }
  if (dryRun === 'client') {
    printResult(ctx, live, 'configured' + suffix);
    return;
  }
  let patched: KObject;
  // a server dry run sends the patch and gets back what would be stored (kubectl diff reads it)
  try {
    patched = ctx.api.patch(r.resource, obj.metadata.namespace, name!, patch, r.custom ? 'merge' : 'strategic', {
      ...ctx.writeOptions(),
      dryRun: !!dryRun,
    });
  } catch (e) {
    throw addSource(
      `applying patch:\n${JSON.stringify(sortKeys(patch))}\nto:\nResource: "${r.group ? r.group + '/' : ''}${r.version}, Resource=${r.resource}", GroupVersionKind: "${obj.apiVersion}, Kind=${obj.kind}"\nName: "${name}", Namespace: "${obj.metadata.namespace ?? ''}"\nfor:`,
      m.source,
      e,
    );
  }
  printResult(ctx, patched, 'configured' + suffix);
}

/** GetModifiedConfiguration: the object with its own JSON (without the annotation) as the annotation. */
export function withLastApplied(obj: KObject): KObject {
  const o = clone(obj);
  // GetAnnotations reads a map of strings, or nothing (unstructured NestedStringMap): other annotations are lost
  const given = o.metadata.annotations;
  const annotations: Record<string, string> =
    isMap(given) && Object.values(given).every((v) => typeof v === 'string') ? { ...given } : {};
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const text = JSON.stringify(sortKeys(o)) + '\n';
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: text };
  return o;
}
