// kubectl get (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): tables with the server's columns, -o wide,
// yaml, json, name, jsonpath, custom-columns; -l, --field-selector, -A, --show-labels, -L, --sort-by.

import { getRaw } from './get-raw';
import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { groupResource, type ResourceInfo } from '../../api/kinds';
import { isStatusError, StatusError } from '../../api/errors';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, kindName, type Target, listSelected, enhanceListError } from '../resources';
import { fromFlags, isInfo } from '../resource/builder';
import type { Table } from '../client/api';
import { printTable } from '../printers/table-printer';
import { tabwrite } from '../printers/table';
import { asList, toJson, toYaml } from '../printers/yaml';
import { evalPath, relaxed } from '../../util/jsonpath';
import { TEMPLATE_FLAGS, templateChoice, printTemplate } from '../printers/template-printer';

export const get: Command = {
  path: 'kubectl get',
  flags: {
    output: { type: 'string', short: 'o' },
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    'all-namespaces': { type: 'bool', short: 'A' },
    'show-labels': { type: 'bool' },
    'no-headers': { type: 'bool' },
    'sort-by': { type: 'string' },
    'label-columns': { type: 'strings', short: 'L' },
    watch: { type: 'bool', short: 'w' },
    'watch-only': { type: 'bool' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
    'show-kind': { type: 'bool' },
    'ignore-not-found': { type: 'bool' },
    'chunk-size': { type: 'int' },
    'show-managed-fields': { type: 'bool' },
    'output-watch-events': { type: 'bool' },
    'server-print': { type: 'bool', default: true },
    raw: { type: 'string' },
    subresource: { type: 'string' },
    kustomize: { type: 'string', short: 'k' },
    ...TEMPLATE_FLAGS,
  },
  run(ctx) {
    runGet(ctx);
  },
};

interface Group {
  r: ResourceInfo;
  items: KObject[];
  named: boolean;
}

function runGet(ctx: Ctx): void {
  if (ctx.flag<string>('raw')) {
    if (ctx.args.length) throw new KubectlFailure('error: arguments may not be passed when --raw is specified');
    getRaw(ctx, ctx.flag<string>('raw'));
    return;
  }
  const output = ctx.flag<string>('output');
  const allNs = ctx.flag<boolean>('all-namespaces');
  let targets: Target[];
  if (ctx.flag<string[]>('filename').length) {
    targets = [];
    for (const m of fromFlags(ctx)) {
      if (!isInfo(m)) {
        ctx.errors.push(m.error);
        continue;
      }
      targets.push({ r: m.r, names: [m.obj.metadata?.name ?? ''] });
    }
  } else {
    if (!ctx.args.length) {
      throw new KubectlFailure(
        `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
      );
    }
    targets = parseTargets(ctx.resources, ctx.args);
  }
  // human-readable output is the server's Tables, rendered (server-side printing); the others print the objects
  if ((!output && !ctx.flag<string>('template')) || output === 'wide') {
    printTables(ctx, targets, output === 'wide');
    return;
  }
  const groups: Group[] = [];
  let requestedNames = 0;
  for (const t of targets) {
    const items: KObject[] = [];
    if (t.names.length) {
      requestedNames += t.names.length;
      for (const n of t.names) {
        try {
          items.push(ctx.api.get(t.r.resource, ctx.namespace, n));
        } catch (e) {
          if (isStatusError(e) && e.reason === 'NotFound' && ctx.flag('ignore-not-found')) continue;
          ctx.errors.push(e);
        }
      }
    } else {
      items.push(
        ...listSelected(ctx.api, t.r, {
          namespace: t.r.namespaced && !allNs ? ctx.namespace : undefined,
          labelSelector: ctx.flag<string>('selector') || undefined,
          fieldSelector: ctx.flag<string>('field-selector') || undefined,
        }),
      );
    }
    // --watch: kubectl then watches what it listed (no time passes inside a step, so no change comes)
    if (ctx.flag('watch') || ctx.flag('watch-only'))
      watchListed(ctx, t.r, t.r.namespaced && !allNs ? ctx.namespace : undefined);
    const sortBy = ctx.flag<string>('sort-by');
    if (sortBy) sortItems(items, sortBy);
    groups.push({ r: t.r, items, named: t.names.length > 0 });
  }
  const all = groups.flatMap((g) => g.items);
  const single = targets.length === 1 && requestedNames === 1 && !ctx.flag<string[]>('filename').length;
  const data = single && all.length === 1 ? all[0] : asList(all);
  if (
    !all.length &&
    !single &&
    output !== 'yaml' &&
    output !== 'json' &&
    !ctx.errors.length &&
    !groups.some((g) => g.named)
  )
    ctx.err(noResources(ctx, groups));
  if (!all.length && single) return;
  const template = templateChoice(ctx);
  if (template) printTemplate(ctx, template, data);
  else if (output === 'yaml') ctx.out(toYaml(data));
  else if (output === 'json') ctx.out(toJson(data));
  else if (output === 'name')
    for (const o of all) ctx.out(`${kindName(ctx.resources.forKind(o.kind!)!)}/${o.metadata.name}\n`);
  else if (output.startsWith('custom-columns=')) printCustomColumns(ctx, output.slice('custom-columns='.length), all);
  else if (output === 'custom-columns') throw new CmdError(`template format specified but no template given`);
  else
    throw new CmdError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
}

/**
 * --watch: kubectl then watches what it listed (no time passes inside a step, so no change comes). A refused watch
 * is an error after the listing; client-go's watch does not decode the refusal's Status, so kubectl 1.30 knows only
 * its code: `Error from server (Forbidden): unknown (get pods)`.
 */
function watchListed(ctx: Ctx, r: ResourceInfo, namespace: string | undefined): void {
  try {
    ctx.api.watch(r, namespace, {}, () => {})();
  } catch (e) {
    if (!isStatusError(e)) throw e;
    ctx.errors.push(new StatusError(e.code, e.reason, `unknown (get ${groupResource(r)})`));
  }
}

function noResources(ctx: Ctx, groups: { r: ResourceInfo }[]): string {
  const namespaced = groups.some((g) => g.r.namespaced);
  if (!namespaced || ctx.flag('all-namespaces')) return 'No resources found\n';
  return `No resources found in ${ctx.namespace} namespace.\n`;
}

/**
 * The human-readable output: for each kind, the server's Table of what was named or selected (with the objects
 * themselves when --sort-by needs them), sorted and printed; several kinds as several tables, a blank line apart.
 */
function printTables(ctx: Ctx, targets: Target[], wide: boolean): void {
  const allNs = ctx.flag<boolean>('all-namespaces');
  const sortBy = ctx.flag<string>('sort-by');
  const includeObject = sortBy ? ('Object' as const) : undefined;
  const withKind = targets.length > 1 || ctx.flag<boolean>('show-kind');
  const texts: string[] = [];
  let rows = 0;
  for (const t of targets) {
    const ns = t.r.namespaced && !allNs ? ctx.namespace : undefined;
    let table: Table | undefined;
    for (const name of t.names) {
      try {
        const one = ctx.api.table(t.r, ctx.namespace, { name, includeObject });
        table = table ? { ...table, rows: [...table.rows, ...one.rows] } : one;
      } catch (e) {
        if (isStatusError(e) && e.reason === 'NotFound' && ctx.flag('ignore-not-found')) continue;
        ctx.errors.push(e);
      }
    }
    if (!t.names.length) {
      const selection = {
        labelSelector: ctx.flag<string>('selector') || undefined,
        fieldSelector: ctx.flag<string>('field-selector') || undefined,
      };
      try {
        table = enhanceListError(t.r, selection, () => ctx.api.table(t.r, ns, { ...selection, includeObject }));
      } catch (e) {
        ctx.errors.push(e);
      }
    }
    // --watch: kubectl then watches what it listed (no time passes inside a step, so no change comes)
    if (ctx.flag('watch') || ctx.flag('watch-only')) watchListed(ctx, t.r, ns);
    if (!table) continue;
    if (sortBy) sortRows(table, sortBy);
    rows += table.rows.length;
    const text = printTable(table, {
      wide,
      noHeaders: !!ctx.flag('no-headers'),
      withNamespace: allNs && t.r.namespaced,
      kind: withKind ? kindName(t.r) : undefined,
      labelColumns: ctx.flag<string[]>('label-columns'),
      showLabels: !!ctx.flag('show-labels'),
    });
    if (text) texts.push(text);
  }
  if (!rows && !ctx.errors.length && !targets.some((t) => t.names.length)) ctx.err(noResources(ctx, targets));
  ctx.out(texts.join('\n'));
}

function printCustomColumns(ctx: Ctx, spec: string, items: KObject[]): void {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i < 0) throw new CmdError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    return { header: c.slice(0, i), path: c.slice(i + 1) };
  });
  const rows: string[][] = [];
  if (!ctx.flag('no-headers')) rows.push(cols.map((c) => c.header));
  for (const o of items) {
    rows.push(
      cols.map((c) => {
        const vals = evalPath(c.path, o);
        if (!vals.length) return '<none>';
        return vals.map((v) => (typeof v === 'object' && v !== null ? goPrint(v) : String(v))).join(',');
      }),
    );
  }
  ctx.out(tabwrite(rows));
}

/** fmt's %v of a JSON map or list, as custom-columns prints nested values. */
function goPrint(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (v && typeof v === 'object')
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrint((v as any)[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** TableSorter: the rows in the order of their objects' values at the JSONPath. */
function sortRows(table: Table, sortBy: string): void {
  const key = sortKey(sortBy);
  table.rows.sort((a, b) => compareKeys(key(a.object), key(b.object)));
}

function sortItems(items: KObject[], sortBy: string): void {
  const key = sortKey(sortBy);
  items.sort((a, b) => compareKeys(key(a), key(b)));
}

function sortKey(sortBy: string): (o: KObject | undefined) => unknown {
  let path: string;
  try {
    path = relaxed(sortBy);
  } catch (e) {
    throw new CmdError((e as Error).message);
  }
  return (o) => (o ? evalPath(path, o)[0] : undefined);
}

function compareKeys(x: unknown, y: unknown): number {
  if (x === undefined) return y === undefined ? 0 : -1;
  if (y === undefined) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const qx = quantityValue(x),
    qy = quantityValue(y);
  if (qx !== undefined && qy !== undefined) return qx - qy;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

function quantityValue(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = {
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    Pi: 1024 ** 5,
    Ei: 1024 ** 6,
    m: 0.001,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
  };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}
