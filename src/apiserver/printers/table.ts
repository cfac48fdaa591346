// Server-side printing: a meta.k8s.io/v1 Table of objects (the TableConvertor of each REST storage, with the
// columns of pkg/printers/internalversion: ./columns.ts), served for `Accept: application/json;as=Table;v=v1;
// g=meta.k8s.io`. kubectl, the real one and kspec's (src/kubectl/printers/table-printer.ts), renders it: upper-cased
// column names, the priority > 0 columns only with -o wide, the NAMESPACE and LABELS columns from each row's object.

import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { COLUMNS, GENERIC, cellsOf, headersOf, type Columns } from './columns';
import { customResourceColumns } from './custom-resource';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** The column names as the printers declare them (`Nominated Node`), from the header kubectl shows. */
const NAMES: Record<string, string> = {
  'CLUSTER-IP': 'Cluster-IP',
  'EXTERNAL-IP': 'External-IP',
  'PORT(S)': 'Port(s)',
  'UP-TO-DATE': 'Up-to-date',
  IP: 'IP',
  'INTERNAL-IP': 'Internal-IP',
  'OS-IMAGE': 'OS-Image',
  'KERNEL-VERSION': 'Kernel-Version',
  'CONTAINER-RUNTIME': 'Container-Runtime',
  'POD-SELECTOR': 'Pod-Selector',
  ADDRESSTYPE: 'AddressType',
  RECLAIMPOLICY: 'ReclaimPolicy',
  VOLUMEBINDINGMODE: 'VolumeBindingMode',
  ALLOWVOLUMEEXPANSION: 'AllowVolumeExpansion',
  STORAGECLASS: 'StorageClass',
  VOLUMEATTRIBUTESCLASS: 'VolumeAttributesClass',
  VOLUMEMODE: 'VolumeMode',
  'ACCESS MODES': 'Access Modes',
  PV: 'PV',
  'LAST SEEN': 'Last Seen',
  'FIRST SEEN': 'First Seen',
};
const columnName = (header: string): string =>
  NAMES[header] ?? header.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_, s, c) => s + c.toUpperCase());

function columnsFor(r: ResourceInfo): Columns {
  return r.custom ? customResourceColumns(r) : (COLUMNS[r.resource] ?? GENERIC);
}

export function columnDefinitions(r: ResourceInfo): ColumnDefinition[] {
  const cols = columnsFor(r);
  return headersOf(cols, true).map((h) => ({
    name: columnName(h),
    type: 'string',
    format: h === 'NAME' ? 'name' : '',
    description: '',
    priority: cols.headers.includes(h) ? 0 : 1,
  }));
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: KObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** The Table of objects; the first watch event carries the column definitions, later ones not (NoHeaders). */
export function toTable(
  r: ResourceInfo,
  items: KObject[],
  now: number,
  opts: { include: IncludeObject; noHeaders?: boolean; listMeta?: Record<string, unknown> },
): unknown {
  const rows = items.map((o) => {
    const row: Record<string, unknown> = { cells: cellsOf(columnsFor(r), o, now, true) };
    const obj = rowObject(o, opts.include);
    if (obj) row.object = obj;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.listMeta ?? {},
    ...(opts.noHeaders ? {} : { columnDefinitions: columnDefinitions(r) }),
    rows,
  };
}
