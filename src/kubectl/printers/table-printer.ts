// kubectl's printing of the Tables the API server sends (cli-runtime/pkg/printers/tableprinter.go: decorateTable
// and printTable): the columns of priority 0, all of them with -o wide; the NAMESPACE column first with -A; the
// name column as `kind/name` with --show-kind or several kinds; -L label columns and LABELS last (from each
// row's object metadata); a cell cut at its first line break with `...`; upper-cased headers; tabwriter columns.

import type { KObject } from '../../api/meta';
import type { Table } from '../client/api';
import { formatLabels } from '../../api/format';
import { tabwrite } from './table';

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  /** the NAMESPACE column (-A of a namespaced kind) */
  withNamespace: boolean;
  /** `deployment.apps`: the name column is printed as `deployment.apps/web` */
  kind?: string;
  /** -L: one column a label key, headed by the key's last path segment */
  labelColumns: string[];
  showLabels: boolean;
}

/** A cell as printTable writes it: a string up to its first line break (then `...`), anything else as fmt prints it. */
function cellText(cell: unknown): string {
  if (typeof cell !== 'string') return cell === null || cell === undefined ? '<nil>' : String(cell);
  const at = cell.search(/[\f\n\r]/);
  return at < 0 ? cell : `${cell.slice(0, at)}...`;
}

/** The table's text; empty when it has no rows (printTable prints no headers then). */
export function printTable(table: Table, opts: TableOptions): string {
  if (!table.rows.length) return '';
  const columns = table.columnDefinitions;
  const shown = columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  // decorateTable: the first string column of format name, shown or not
  const nameColumn = opts.kind ? columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    rows.push([
      ...(opts.withNamespace ? ['NAMESPACE'] : []),
      ...shown.map(({ c }) => c.name.toUpperCase()),
      ...opts.labelColumns.map((l) => l.split('/').pop()!.toUpperCase()),
      ...(opts.showLabels ? ['LABELS'] : []),
    ]);
  }
  for (const row of table.rows) {
    const meta: KObject['metadata'] = row.object?.metadata ?? {};
    const cells = shown.map(({ i }) => {
      const text = cellText(row.cells[i]);
      return i === nameColumn ? `${opts.kind}/${text}` : text;
    });
    rows.push([
      ...(opts.withNamespace ? [meta.namespace ?? ''] : []),
      ...cells,
      ...opts.labelColumns.map((l) => meta.labels?.[l] ?? ''),
      ...(opts.showLabels ? [formatLabels(meta.labels)] : []),
    ]);
  }
  return tabwrite(rows);
}
