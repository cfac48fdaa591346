// plugin/pkg/admission/limitranger: a namespace's LimitRanges fill in a new pod's missing container requests
// (defaultRequest) and limits (default), noting it in `kubernetes.io/limit-ranger`, then refuse what falls
// outside an item's min, max and maxLimitRequestRatio: Container items per container (init containers too), Pod
// items over the pod's effective requests and limits, PersistentVolumeClaim items over a claim's requested
// storage (on create and on update, so a resize past max is refused). A LimitRange item's defaults follow
// SetDefaults_LimitRangeItem: default from max, defaultRequest from default, then from min.

import { forbidden } from '../../api/errors';
import { infoFor } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import { canonicalQuantity, milliValue } from '../../api/quantity';
import type { ApiServer } from '../apiserver';
import { formatAmount } from './quota/usage';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

export function defaultLimitRange(lr: KObject): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    if (item.max) item.default = { ...item.max, ...(item.default ?? {}) };
    if (item.default) item.defaultRequest = { ...item.default, ...(item.defaultRequest ?? {}) };
    if (item.min) item.defaultRequest = { ...item.min, ...(item.defaultRequest ?? {}) };
  }
}

/** The namespace's LimitRanges, in name order (the plugin's lister). */
function rangesOf(api: ApiServer, ns: string): KObject[] {
  return api.select('limitranges', { namespace: ns }).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

function itemsOf(ranges: KObject[], type: string): any[] {
  return ranges.flatMap((lr) => (lr.spec?.limits ?? []).filter((i: any) => i.type === type));
}

type List = Record<string, string>;

// The constraints, with the plugin's texts. Values compare in milli-units (requestLimitEnforcedValues).
function minConstraint(type: string, res: string, enforced: string, req: List, lim: List): string | undefined {
  const e = canonicalQuantity(enforced);
  if (req[res] === undefined) return `minimum ${res} usage per ${type} is ${e}.  No request is specified`;
  if (milliValue(req[res]) < milliValue(enforced))
    return `minimum ${res} usage per ${type} is ${e}, but request is ${canonicalQuantity(req[res])}`;
  if (lim[res] !== undefined && milliValue(lim[res]) < milliValue(enforced))
    return `minimum ${res} usage per ${type} is ${e}, but limit is ${canonicalQuantity(lim[res])}`;
  return undefined;
}

function maxConstraint(type: string, res: string, enforced: string, req: List, lim: List): string | undefined {
  const e = canonicalQuantity(enforced);
  if (lim[res] === undefined) return `maximum ${res} usage per ${type} is ${e}.  No limit is specified`;
  if (milliValue(lim[res]) > milliValue(enforced))
    return `maximum ${res} usage per ${type} is ${e}, but limit is ${canonicalQuantity(lim[res])}`;
  if (req[res] !== undefined && milliValue(req[res]) > milliValue(enforced))
    return `maximum ${res} usage per ${type} is ${e}, but request is ${canonicalQuantity(req[res])}`;
  return undefined;
}

/** maxRequestConstraint: for claims, whose limits are not user input. */
function maxRequestConstraint(type: string, res: string, enforced: string, req: List): string | undefined {
  const e = canonicalQuantity(enforced);
  if (req[res] === undefined) return `maximum ${res} usage per ${type} is ${e}.  No request is specified`;
  if (milliValue(req[res]) > milliValue(enforced))
    return `maximum ${res} usage per ${type} is ${e}, but request is ${canonicalQuantity(req[res])}`;
  return undefined;
}

function ratioConstraint(type: string, res: string, enforced: string, req: List, lim: List): string | undefined {
  const e = canonicalQuantity(enforced);
  const r = req[res] === undefined ? 0 : milliValue(req[res]),
    l = lim[res] === undefined ? 0 : milliValue(lim[res]);
  if (!r) return `${res} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!l) return `${res} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  if (ratio * 1000 > milliValue(enforced))
    return `${res} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkItem(item: any, type: string, req: List, lim: List, errs: string[]): void {
  const push = (e: string | undefined) => {
    if (e) errs.push(e);
  };
  for (const [res, q] of Object.entries<string>(item.min ?? {})) push(minConstraint(type, res, q, req, lim));
  for (const [res, q] of Object.entries<string>(item.max ?? {})) push(maxConstraint(type, res, q, req, lim));
  for (const [res, q] of Object.entries<string>(item.maxLimitRequestRatio ?? {}))
    push(ratioConstraint(type, res, q, req, lim));
}

/**
 * podRequests/podLimits: the app containers' sum, restartable (sidecar) init containers added to it, and the
 * larger of that and each other init container (with the sidecars started before it).
 */
export function podTotals(pod: KObject, kind: 'requests' | 'limits'): List {
  const sum: Record<string, number> = {},
    init: Record<string, number> = {},
    sidecars: Record<string, number> = {};
  const binary = new Set<string>();
  const add = (into: Record<string, number>, l: Record<string, string | number> = {}) => {
    for (const [res, q] of Object.entries(l)) {
      into[res] = (into[res] ?? 0) + milliValue(q) / 1000;
      if (/[KMGTPE]i$/.test(String(q))) binary.add(res);
    }
  };
  const max = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [res, v] of Object.entries(from)) into[res] = Math.max(into[res] ?? 0, v);
  };
  for (const c of pod.spec?.containers ?? []) add(sum, c.resources?.[kind]);
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      add(sum, c.resources?.[kind]);
      add(sidecars, c.resources?.[kind]);
      max(init, sidecars);
      continue;
    }
    const one: Record<string, number> = {};
    add(one, c.resources?.[kind]);
    add(one, sidecars);
    max(init, one);
  }
  max(sum, init);
  return Object.fromEntries(Object.entries(sum).map(([res, v]) => [res, formatAmount(res, v, binary.has(res))]));
}

function refuse(resource: string, obj: KObject, errs: string[]): void {
  if (!errs.length) return;
  // admission runs before the apiserver generates a name: a generated object is named by its generateName
  const name = obj.metadata.name || obj.metadata.generateName || '';
  throw forbidden(infoFor(resource), name, errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

/** PodMutateLimitFunc (mergePodResourceRequirements), then PodValidateLimitFunc. */
export function admitLimitRanger(pod: KObject, api: ApiServer): void {
  const ranges = rangesOf(api, pod.metadata.namespace ?? 'default');
  if (!ranges.length) return;
  const items = itemsOf(ranges, 'Container');
  const notes: string[] = [];
  for (const c of items.length ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])] : []) {
    const set: Record<'request' | 'limit', string[]> = { request: [], limit: [] };
    c.resources = c.resources ?? {};
    for (const item of items) {
      for (const [field, kind, label] of [
        ['defaultRequest', 'requests', 'request'],
        ['default', 'limits', 'limit'],
      ] as const) {
        for (const [res, q] of Object.entries<any>(item[field] ?? {})) {
          if (c.resources[kind]?.[res] !== undefined) continue;
          c.resources[kind] = { ...(c.resources[kind] ?? {}), [res]: q };
          set[label].push(res);
        }
      }
    }
    const init = (pod.spec?.initContainers ?? []).includes(c);
    for (const label of ['request', 'limit'] as const)
      if (set[label].length)
        notes.push(`${set[label].join(', ')} ${label} for ${init ? 'init container' : 'container'} ${c.name}`);
  }
  if (notes.length)
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
    };
  const errs: string[] = [];
  for (const item of items) {
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      checkItem(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
    }
  }
  const podItems = itemsOf(ranges, 'Pod');
  if (podItems.length) {
    const req = podTotals(pod, 'requests'),
      lim = podTotals(pod, 'limits');
    for (const item of podItems) checkItem(item, 'Pod', req, lim, errs);
  }
  refuse('pods', pod, errs);
}

/** PersistentVolumeClaimValidateLimitFunc: min and max over spec.resources.requests, on create and update. */
export function admitClaimLimitRanger(pvc: KObject, api: ApiServer): void {
  const errs: string[] = [];
  const req: List = pvc.spec?.resources?.requests ?? {};
  for (const item of itemsOf(rangesOf(api, pvc.metadata.namespace ?? 'default'), 'PersistentVolumeClaim')) {
    for (const [res, q] of Object.entries<string>(item.min ?? {})) {
      const e = minConstraint('PersistentVolumeClaim', res, q, req, {});
      if (e) errs.push(e);
    }
    for (const [res, q] of Object.entries<string>(item.max ?? {})) {
      const e = maxRequestConstraint('PersistentVolumeClaim', res, q, req);
      if (e) errs.push(e);
    }
  }
  refuse('persistentvolumeclaims', pvc, errs);
}
