// The server-side table of a custom resource (apiextensions-apiserver pkg/registry/customresource/
// tableconvertor): NAME, then the CRD's additionalPrinterColumns (priority > 0 only with -o wide), or NAME and
// AGE when it declares none. A column's value is the first result of its JSONPath, typed by its `type`.

import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { GENERIC, type Columns } from './columns';
import { evalPath } from '../../util/jsonpath';
import { since } from '../../api/format';

export function customResourceColumns(r: ResourceInfo): Columns {
  const declared = r.custom!.printerColumns;
  if (!declared.length) return GENERIC;
  const main = declared.filter((c) => !c.priority),
    wide = declared.filter((c) => c.priority);
  const cells = (cols: typeof declared, o: KObject, now: number) => cols.map((c) => cell(c.type, c.jsonPath, o, now));
  return {
    headers: ['NAME', ...main.map((c) => c.name.toUpperCase())],
    wide: wide.map((c) => c.name.toUpperCase()),
    row: (o, now) => [o.metadata.name!, ...cells(main, o, now)],
    wideRow: (o, now) => cells(wide, o, now),
    // with -o wide the columns keep the CRD's order, priority or not
    order: ['NAME', ...declared.map((c) => c.name.toUpperCase())],
  };
}

/** cellForJSONValue, printed as kubectl prints table cells (`<none>` for nothing, dates as ages). */
function cell(type: string, jsonPath: string, o: KObject, now: number): string {
  let values: unknown[];
  try {
    values = evalPath(jsonPath.startsWith('{') ? jsonPath : `{${jsonPath}}`, o);
  } catch {
    return '<none>';
  }
  const v = values[0];
  if (v === undefined || v === null) return '<none>';
  switch (type) {
    case 'string':
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? String(v) : '<none>';
    case 'number':
      return typeof v === 'number' ? String(v) : '<none>';
    case 'boolean':
      return typeof v === 'boolean' ? String(v) : '<none>';
    case 'date':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? since(v, now) : '<none>';
    default:
      return '<none>';
  }
}
