// kubectl label / annotate (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go, annotate/annotate.go):
// `key=value` sets, `key-` removes; an existing key needs --overwrite.

import type { Command, Ctx } from '../context';
import { clone } from '../../api/meta';
import { threeWayMergePatch } from '../../apiserver/patch';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName, listSelected } from '../resources';
import { record, RECORD_FLAG } from '../record';

function makeCommand(what: 'labels' | 'annotations', path: string, past: string): Command {
  return {
    path,
    flags: {
      overwrite: { type: 'bool' },
      all: { type: 'bool' },
      selector: { type: 'string', short: 'l' },
      'all-namespaces': { type: 'bool', short: 'A' },
      'resource-version': { type: 'string' },
      output: { type: 'string', short: 'o' },
      list: { type: 'bool' },
      local: { type: 'bool' },
      'dry-run': { type: 'string' },
      filename: { type: 'strings', short: 'f' },
      'field-selector': { type: 'string' },
      recursive: { type: 'bool', short: 'R' },
      ...RECORD_FLAG,
    },
    run(ctx) {
      runLabel(ctx, what, past, path);
    },
  };
}

function runLabel(ctx: Ctx, what: 'labels' | 'annotations', past: string, path: string): void {
  // cmdutil.GetResourcesAndPairs: `k=v` and `k-` (prefixed keys too) are changes, and come after every resource
  const resArgs: string[] = [],
    changes: string[] = [];
  for (const a of ctx.args) {
    const pair = (a.includes('=') && a[0] !== '=') || (a.endsWith('-') && a !== '-');
    if (pair) changes.push(a);
    else if (changes.length)
      throw new KubectlFailure(
        `error: all resources must be specified before ${what === 'labels' ? 'label' : 'annotation'} changes: ${a}`,
      );
    else resArgs.push(a);
  }
  if (!resArgs.length)
    throw new KubectlFailure(
      `error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee '${path} -h' for help and examples`,
    );
  if (!changes.length)
    throw new KubectlFailure(
      `error: at least one ${what === 'labels' ? 'label' : 'annotation'} update is required\nSee '${path} -h' for help and examples`,
    );
  const set: Record<string, string> = {},
    remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      set[c.slice(0, i)] = c.slice(i + 1);
    }
  }
  for (const t of parseTargets(ctx.resources, resArgs)) {
    const objs = t.names.length
      ? t.names.map((n) => ({ ns: ctx.namespace, n }))
      : ctx.flag('all') || ctx.flag('selector')
        ? listSelected(ctx.api, t.r, {
            namespace: t.r.namespaced ? ctx.namespace : undefined,
            labelSelector: ctx.flag<string>('selector') || undefined,
          }).map((o) => ({ ns: o.metadata.namespace, n: o.metadata.name! }))
        : (() => {
            throw new CmdError('resource(s) were provided, but no name was specified');
          })();
    for (const { ns, n } of objs) {
      try {
        const cur = ctx.api.get(t.r.resource, ns, n);
        const next = clone(cur);
        const m: Record<string, string> = { ...(next.metadata[what] ?? {}) };
        for (const [k, v] of Object.entries(set)) {
          if (k in m && m[k] !== v && !ctx.flag('overwrite')) {
            throw new CmdError(`'${k}' already has a value (${m[k]}), and --overwrite is false`);
          }
          m[k] = v;
        }
        for (const k of remove) {
          if (!(k in m)) ctx.err(`${what === 'labels' ? 'label' : 'annotation'} "${k}" not found.\n`);
          delete m[k];
        }
        next.metadata[what] = m;
        // labelFunc: --resource-version goes into the patch, so the server takes it as a precondition
        // (a Conflict when the object has moved on)
        const rv = ctx.flag<string>('resource-version');
        if (rv) next.metadata.resourceVersion = rv;
        record(ctx, next);
        // jsonpatch.CreateMergePatch of the old and new object, sent as a JSON merge patch (RBAC's `patch`)
        const stored = ctx.api.patch(t.r.resource, ns, n, threeWayMergePatch(cur, next, cur, '', false), 'merge');
        // updateDataChangeMsg: a label change that shortened the object (without --overwrite) is "unlabeled"
        const shorter =
          what === 'labels' && !ctx.flag('overwrite') && JSON.stringify(next).length < JSON.stringify(cur).length;
        const verb =
          stored === cur ? (what === 'labels' ? 'not labeled' : 'not annotated') : shorter ? 'unlabeled' : past;
        ctx.out(`${kindName(t.r)}/${n} ${verb}\n`);
      } catch (e) {
        ctx.errors.push(e);
      }
    }
  }
}

export const label = makeCommand('labels', 'kubectl label', 'labeled');
export const annotate = makeCommand('annotations', 'kubectl annotate', 'annotated');
