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
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && (v as any).$patch === 'replace') {
      const { $patch, ...rest } = v as any; void $patch; out[k] = clone(rest);
    } else out[k] = strategicMergePatch(out[k], v, k);
  }
  return out;
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

function mergeKeyFor(fieldName: string, patch: any[]): string | undefined {
  const k = MERGE_KEYS[fieldName];
  if (k === undefined) return undefined;
  if (fieldName === 'ports') {
    // container ports merge by containerPort, service ports by port
    const sample = patch.find((p) => p && typeof p === 'object');
    return sample && 'containerPort' in sample ? 'containerPort' : sample && 'port' in sample ? 'port' : undefined;
  }
  return k || undefined;
}
