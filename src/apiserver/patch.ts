// Patches as the apiserver applies them: JSON merge patch (RFC 7386) and strategic merge patch, where lists
// with a patch merge key (containers by name, ports by containerPort, ...) merge item by item.

import { clone } from '../api/meta';

/** Lists merged by key in a strategic merge patch (from the `patchMergeKey` tags of k8s.io/api). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name',
  volumeMounts: 'mountPath', volumeDevices: 'devicePath', imagePullSecrets: 'name', hostAliases: 'ip',
  tolerations: 'key', topologySpreadConstraints: 'topologyKey', conditions: 'type', ownerReferences: 'uid',
  finalizers: '', ports: '',
};

/** JSON merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch, for the list fields kubectl apply and kubectl patch touch. */
export function strategicMergePatch(target: any, patch: any, fieldName = ''): any {
  if (patch === null || typeof patch !== 'object') return clone(patch);
  if (Array.isArray(patch)) return mergeList(fieldName, Array.isArray(target) ? target : [], patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k.startsWith('$setElementOrder') || k.startsWith('$deleteFromPrimitiveList')) continue;
    const order = (patch as any)[`$setElementOrder/${k}`];
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && (v as any).$patch === 'replace') {
      const { $patch, ...rest } = v as any; void $patch; out[k] = clone(rest);
    } else out[k] = strategicMergePatch(out[k], v, k);
    if (Array.isArray(order) && Array.isArray(out[k])) out[k] = reorder(out[k], order);
  }
  // a list whose items only moved comes with its order alone
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const f = k.slice('$setElementOrder/'.length);
    if (!(f in patch) && Array.isArray(out[f])) out[f] = reorder(out[f], order);
  }
  return out;
}

/** $setElementOrder: the listed items first, in the given order; the server's own items after them. */
function reorder(list: any[], order: any[]): any[] {
  const key = Object.keys(order[0] ?? {})[0];
  if (!key) return list;
  const listed = order.map((o) => list.find((x) => x?.[key] === o[key])).filter((x) => x !== undefined);
  return [...listed, ...list.filter((x) => !order.some((o) => o[key] === x?.[key]))];
}

function mergeList(fieldName: string, target: any[], patch: any[]): any[] {
  const key = mergeKeyFor(fieldName, patch);
  if (!key) return clone(patch);
  const out = clone(target);
  for (const item of patch) {
    if (item && item.$patch === 'delete') {
      const i = out.findIndex((t: any) => t?.[key] === item[key]);
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const i = out.findIndex((t: any) => t?.[key] === item?.[key]);
    if (i >= 0) out[i] = strategicMergePatch(out[i], item);
    else out.push(clone(item));
  }
  return out;
}

export function mergeKeyFor(fieldName: string, patch: any[]): string | undefined {
  const k = MERGE_KEYS[fieldName];
  if (k === undefined) return undefined;
  if (fieldName === 'ports') {
    // container ports merge by containerPort, service ports by port
    const sample = patch.find((p) => p && typeof p === 'object');
    return sample && 'containerPort' in sample ? 'containerPort' : sample && 'port' in sample ? 'port' : undefined;
  }
  return k || undefined;
}

/** `{}` or a patch holding only directives: nothing to send (kubectl apply prints `unchanged`). */
export function isEmptyPatch(p: unknown): boolean {
  return !p || (typeof p === 'object' && Object.keys(p as object).length === 0);
}

const isMap = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * CreateThreeWayMergePatch (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go): changes and additions from
 * `current` to `modified`, plus deletions of what `original` (the last applied configuration) had and
 * `modified` no longer has. Fields only the server or controllers set (in `current` alone) are kept.
 */
export function threeWayMergePatch(original: any, modified: any, current: any, fieldName = '', strategic = true): Record<string, any> {
  const patch: Record<string, any> = {};
  const orig = isMap(original) ? original : {};
  const cur = isMap(current) ? current : {};
  for (const [k, mv] of Object.entries(modified ?? {})) {
    if (mv === undefined) continue;
    const cv = cur[k], ov = orig[k];
    if (isMap(mv) && isMap(cv)) {
      const sub = threeWayMergePatch(ov, mv, cv, k, strategic);
      if (!isEmptyPatch(sub)) patch[k] = sub;
    } else if (strategic && Array.isArray(mv) && Array.isArray(cv) && listKey(k, mv, cv)) {
      const key = listKey(k, mv, cv)!;
      const items: any[] = [];
      const ovList: any[] = Array.isArray(ov) ? ov : [];
      for (const item of mv) {
        const c = cv.find((x: any) => x?.[key] === item?.[key]);
        if (!c) { items.push(clone(item)); continue; }
        const sub = threeWayMergePatch(ovList.find((x: any) => x?.[key] === item?.[key]), item, c, k);
        if (!isEmptyPatch(sub)) items.push({ ...sub, [key]: item[key] });
      }
      for (const o of ovList) {
        if (!mv.some((x: any) => x?.[key] === o?.[key]) && cv.some((x: any) => x?.[key] === o?.[key])) items.push({ $patch: 'delete', [key]: o[key] });
      }
      const order = mv.map((x: any) => x?.[key]);
      const curOrder = cv.map((x: any) => x?.[key]).filter((x: any) => order.includes(x));
      if (items.length || !deepEq(order, curOrder)) {
        patch[`$setElementOrder/${k}`] = mv.map((x: any) => ({ [key]: x[key] }));
        if (items.length) patch[k] = items;
      }
    } else if (!deepEq(mv, cv)) patch[k] = clone(mv);
  }
  for (const k of Object.keys(orig)) {
    if (modified?.[k] === undefined && cur[k] !== undefined) patch[k] = null;
  }
  void fieldName;
  return patch;
}

function listKey(field: string, a: any[], b: any[]): string | undefined {
  const sample = [...a, ...b];
  return mergeKeyFor(field, sample);
}

function deepEq(a: unknown, b: unknown): boolean { return JSON.stringify(a) === JSON.stringify(b) || deepEqualLoose(a, b); }
function deepEqualLoose(a: any, b: any): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined), kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqualLoose(a[k], b[k]));
}
