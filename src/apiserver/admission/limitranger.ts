// plugin/pkg/admission/limitranger: a namespace's LimitRanges fill in a new pod's missing container requests
// (defaultRequest) and limits (default), noting it in `kubernetes.io/limit-ranger`, then refuse containers
// outside min and max. A LimitRange item's defaults follow SetDefaults_LimitRangeItem: default from max,
// defaultRequest from default.

import { StatusError } from '../../api/errors';
import type { KObject } from '../../api/meta';
import { parseQuantity } from '../../api/quantity';
import type { ApiServer } from '../apiserver';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

export function defaultLimitRange(lr: KObject): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    if (item.max) item.default = { ...item.max, ...(item.default ?? {}) };
    if (item.default) item.defaultRequest = { ...item.default, ...(item.defaultRequest ?? {}) };
  }
}

function containerItems(api: ApiServer, ns: string): any[] {
  return api.select('limitranges', { namespace: ns }).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .flatMap((lr) => (lr.spec?.limits ?? []).filter((i: any) => i.type === 'Container'));
}

/** mergePodResourceRequirements, then the min/max checks of PodValidateLimitFunc. */
export function admitLimitRanger(pod: KObject, api: ApiServer): void {
  const items = containerItems(api, pod.metadata.namespace ?? 'default');
  if (!items.length) return;
  const notes: string[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const set: Record<'request' | 'limit', string[]> = { request: [], limit: [] };
    c.resources = c.resources ?? {};
    for (const item of items) {
      for (const [field, kind, label] of [['defaultRequest', 'requests', 'request'], ['default', 'limits', 'limit']] as const) {
        for (const [res, q] of Object.entries<any>(item[field] ?? {})) {
          if (c.resources[kind]?.[res] !== undefined) continue;
          c.resources[kind] = { ...(c.resources[kind] ?? {}), [res]: q };
          set[label].push(res);
        }
      }
    }
    const init = (pod.spec?.initContainers ?? []).includes(c);
    for (const label of ['request', 'limit'] as const) if (set[label].length) notes.push(`${set[label].join(', ')} ${label} for ${init ? 'init container' : 'container'} ${c.name}`);
  }
  if (notes.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  const errs: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const item of items) {
      for (const [res, min] of Object.entries<any>(item.min ?? {})) {
        const req = c.resources?.requests?.[res];
        if (req === undefined) errs.push(`minimum ${res} usage per Container is ${min}.  No request is specified`);
        else if (parseQuantity(req) < parseQuantity(min)) errs.push(`minimum ${res} usage per Container is ${min}, but request is ${req}`);
      }
      for (const [res, max] of Object.entries<any>(item.max ?? {})) {
        const lim = c.resources?.limits?.[res];
        if (lim === undefined) errs.push(`maximum ${res} usage per Container is ${max}.  No limit is specified`);
        else if (parseQuantity(lim) > parseQuantity(max)) errs.push(`maximum ${res} usage per Container is ${max}, but limit is ${lim}`);
      }
    }
  }
  if (errs.length) {
    const name = pod.metadata.name || pod.metadata.generateName || '';
    throw new StatusError(403, 'Forbidden', `pods ${JSON.stringify(name)} is forbidden: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`, { kind: 'pods', name, group: '' });
  }
}
