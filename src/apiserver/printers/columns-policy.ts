// `kubectl get` columns for RBAC, quota and attachment objects (printers.go printRole, printRoleBinding,
// printResourceQuota, printLimitRange, printVolumeAttachment).

import type { KObject } from '../../api/meta';
import type { Columns } from './columns';
import { since } from '../../api/format';

const age = (o: KObject, now: number) => since(o.metadata.creationTimestamp, now);
const createdAt = (o: KObject) => o.metadata.creationTimestamp ?? '';

/** The subjects of a binding of one kind, comma-separated (wide columns USERS, GROUPS, SERVICEACCOUNTS). */
function subjects(o: KObject, kind: string): string {
  return (o.subjects ?? [])
    .filter((s: any) => s.kind === kind)
    .map((s: any) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

const binding: Columns = {
  headers: ['NAME', 'ROLE', 'AGE'],
  wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
  row: (o, now) => [o.metadata.name!, `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, age(o, now)],
  wideRow: (o) => [subjects(o, 'User'), subjects(o, 'Group'), subjects(o, 'ServiceAccount')],
};

const role: Columns = { headers: ['NAME', 'CREATED AT'], wide: [], row: (o) => [o.metadata.name!, createdAt(o)] };

/** printResourceQuota: `name: used/hard` for each hard resource, limits.* in LIMIT, the rest in REQUEST. */
function quotaColumn(o: KObject, limits: boolean): string {
  return Object.keys(o.spec?.hard ?? {})
    .sort()
    .filter((r) => (r.split('.').length > 1 && r.split('.')[0] === 'limits') === limits)
    .map((r) => `${r}: ${o.status?.used?.[r] ?? '0'}/${o.status?.hard?.[r] ?? '0'}`)
    .join(', ');
}

export const POLICY_COLUMNS: Record<string, Columns> = {
  roles: role,
  clusterroles: role,
  rolebindings: binding,
  clusterrolebindings: binding,
  resourcequotas: {
    headers: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
    wide: [],
    row: (o, now) => [o.metadata.name!, age(o, now), quotaColumn(o, false), quotaColumn(o, true)],
  },
  limitranges: { headers: ['NAME', 'CREATED AT'], wide: [], row: (o) => [o.metadata.name!, createdAt(o)] },
  volumeattachments: {
    headers: ['NAME', 'ATTACHER', 'PV', 'NODE', 'ATTACHED', 'AGE'],
    wide: [],
    row: (o, now) => [
      o.metadata.name!,
      o.spec?.attacher ?? '',
      o.spec?.source?.persistentVolumeName ?? '',
      o.spec?.nodeName ?? '',
      String(!!o.status?.attached),
      age(o, now),
    ],
  },
};
