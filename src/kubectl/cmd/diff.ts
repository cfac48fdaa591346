// kubectl diff -f/-k (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go): for each object, the live version and
// the one a server-side dry-run apply would store, written under LIVE-<n>/ and MERGED-<n>/ as
// <group>.<version>.<Kind>.<namespace>.<name> and compared with `diff -u -N` (GNU diff's format). Exit status
// 1 when something would change, 0 when nothing would, above 1 for an error. managedFields are left out and
// Secret values masked, as kubectl does; the temporary folders' numbers come from the objects, not chance.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { structuredPatch } from 'diff';
import { KubectlFailure, CmdError, formatErrors } from '../errors';
import { fromFlags, isInfo } from '../resource/builder';
import { runKubectl } from '../kubectl';
import { toYaml } from '../printers/yaml';
import { fnv1a32 } from '../../runtime/random';

/** The object as kubectl diff writes it: no managedFields, a Secret's values masked (the same mask when equal). */
function shown(o: KObject | undefined, other: KObject | undefined): string {
  if (!o) return '';
  const { managedFields: _m, ...metadata } = o.metadata as any;
  const out: any = { ...o, metadata };
  if (o.kind === 'Secret') {
    const mask = (data: Record<string, string> | undefined, vs: Record<string, string> | undefined) =>
      data &&
      Object.fromEntries(
        Object.entries(data).map(([k, v]) => [
          k,
          vs?.[k] === v ? '***' : vs?.[k] === undefined ? '***' : '*** (before)',
        ]),
      );
    out.data = mask(o.data, other?.data);
  }
  return toYaml(out);
}

/** GNU `diff -u -N a b` of two texts, with both files' times, as kubectl diff's default external diff prints it. */
export function unifiedDiff(a: string, b: string, fromName: string, toName: string, time: string): string {
  const patch = structuredPatch(fromName, toName, a, b, '', '', { context: 3 });
  if (!patch.hunks.length) return '';
  // GNU diff names an empty range by the line before it (`-0,0` for a new file)
  const range = (start: number, lines: number) =>
    lines === 1 ? `${start}` : lines === 0 ? `${start - 1},0` : `${start},${lines}`;
  const hunks = patch.hunks
    .map((h) => `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n${h.lines.join('\n')}\n`)
    .join('');
  return `diff -u -N ${fromName} ${toName}\n--- ${fromName}\t${time}\n+++ ${toName}\t${time}\n${hunks}`;
}

function goTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.(\d{3})Z$/, '.$1000000 +0000');
}

export const diff: Command = {
  path: 'kubectl diff',
  flags: {
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    'server-side': { type: 'bool' },
    'field-manager': { type: 'string' },
    'force-conflicts': { type: 'bool' },
    prune: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    concurrency: { type: 'int', default: 1 },
    'show-managed-fields': { type: 'bool' },
  },
  run(ctx) {
    const files = ctx.flag<string[]>('filename');
    if (!files.length && !ctx.flag('kustomize')) throw new KubectlFailure('error: must specify one of -f and -k', 1);
    let changed = false;
    for (const m of fromFlags(ctx)) {
      // an error is exit status above 1 (diff.go: 1 is reserved for "differences found")
      if (!isInfo(m)) throw new KubectlFailure(formatErrors([m.error]), 2);
      const r = m.r;
      const ns = r.namespaced ? m.obj.metadata?.namespace || ctx.namespace : undefined;
      const live = ctx.api.tryGet(r.resource, ns, m.obj.metadata?.name ?? '');
      const merged = mergedObject(ctx, m.obj, ns);
      const file = [r.group || '', r.version, r.kind, ns ?? '', m.obj.metadata?.name]
        .filter((x, i) => i !== 0 || x)
        .join('.');
      const n = (prefix: string) => `/tmp/${prefix}-${fnv1a32(`${prefix}/${file}`) >>> 0}`;
      const text = unifiedDiff(
        shown(live, merged),
        shown(merged, live),
        `${n('LIVE')}/${file}`,
        `${n('MERGED')}/${file}`,
        goTime(ctx.now),
      );
      if (text) {
        changed = true;
        ctx.out(text);
      }
    }
    if (changed) throw new KubectlFailure('', 1);
  },
};

/** What `kubectl apply --dry-run=server` would store for the object. */
function mergedObject(ctx: Ctx, obj: KObject, ns: string | undefined): KObject {
  const r = runKubectl(ctx.env, `apply --dry-run=server -o json -f -${ns ? ` -n ${ns}` : ''}`, {
    stdin: JSON.stringify({ ...obj, metadata: { ...obj.metadata, ...(ns ? { namespace: ns } : {}) } }),
  });
  if (r.exitCode !== 0) throw new KubectlFailure(r.stderr, 2);
  try {
    return JSON.parse(r.stdout) as KObject;
  } catch {
    throw new CmdError(`kubectl diff: unexpected dry-run output`);
  }
}
