// What an object counts against a ResourceQuota (pkg/quota/v1/evaluator/core: pods.go, services.go,
// persistent_volume_claims.go, and the generic object-count evaluator): pods with their requests and limits
// (init containers counted as the larger of their max and the app containers' sum), Services with their node
// ports and load balancers, claims with their storage per class, and `count/<resource>[.<group>]` for all.

import type { KObject } from '../../../api/meta';
import { canonicalQuantity, parseQuantity } from '../../../api/quantity';
import { groupResource, resourceForKind } from '../../../api/kinds';

/** Amounts by resource name; `binary` remembers which were written in binary units (Mi, Gi), to print alike. */
export interface Usage {
  amounts: Record<string, number>;
  binary: Set<string>;
}

export const emptyUsage = (): Usage => ({ amounts: {}, binary: new Set() });

function add(u: Usage, name: string, v: number | string | undefined): void {
  if (v === undefined) return;
  if (typeof v === 'string' && /[KMGTPE]i$/.test(v)) u.binary.add(name);
  u.amounts[name] = (u.amounts[name] ?? 0) + (typeof v === 'number' ? v : parseQuantity(v));
}

export function addUsage(into: Usage, u: Usage, sign = 1): void {
  for (const [k, v] of Object.entries(u.amounts)) into.amounts[k] = (into.amounts[k] ?? 0) + sign * v;
  for (const k of u.binary) into.binary.add(k);
}

/** A terminal pod no longer counts (QuotaV1Pod). */
export const podCounts = (pod: KObject): boolean => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

/** PodUsageFunc: the pod's effective requests and limits, as `requests.cpu`, `limits.memory`, `cpu`, ... */
function podUsage(pod: KObject, u: Usage): void {
  add(u, 'pods', 1);
  for (const kind of ['requests', 'limits'] as const) {
    const sum: Record<string, number> = {},
      bin = new Set<string>();
    const take = (c: any, into: Record<string, number>, max: boolean) => {
      for (const [res, q] of Object.entries<any>(c.resources?.[kind] ?? {})) {
        if (/[KMGTPE]i$/.test(q)) bin.add(res);
        const v = parseQuantity(q);
        into[res] = max ? Math.max(into[res] ?? 0, v) : (into[res] ?? 0) + v;
      }
    };
    for (const c of pod.spec?.containers ?? []) take(c, sum, false);
    const init: Record<string, number> = {};
    for (const c of pod.spec?.initContainers ?? []) take(c, init, true);
    for (const [res, v] of Object.entries(init)) sum[res] = Math.max(sum[res] ?? 0, v);
    for (const [res, v] of Object.entries(sum)) {
      const names = [
        `${kind}.${res}`,
        ...(kind === 'requests' && (res === 'cpu' || res === 'memory' || res === 'ephemeral-storage') ? [res] : []),
      ];
      for (const n of names) {
        add(u, n, v);
        if (bin.has(res)) u.binary.add(n);
      }
    }
  }
}

/** The usage one object adds to its namespace. */
export function objectUsage(o: KObject): Usage {
  const u = emptyUsage();
  const r = resourceForKind(o.kind ?? '');
  if (!r) return u;
  add(u, `count/${r.group ? groupResource(r) : r.resource}`, 1);
  switch (r.resource) {
    case 'pods':
      if (podCounts(o)) podUsage(o, u);
      else delete u.amounts['count/pods'];
      break;
    case 'services': {
      add(u, 'services', 1);
      const type = o.spec?.type ?? 'ClusterIP';
      if (type === 'LoadBalancer') add(u, 'services.loadbalancers', 1);
      if (type === 'NodePort' || type === 'LoadBalancer') add(u, 'services.nodeports', (o.spec?.ports ?? []).length);
      break;
    }
    case 'persistentvolumeclaims': {
      const storage = o.spec?.resources?.requests?.storage;
      const cls = o.spec?.storageClassName;
      add(u, 'persistentvolumeclaims', 1);
      add(u, 'requests.storage', storage);
      if (cls) {
        add(u, `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, 1);
        add(u, `${cls}.storageclass.storage.k8s.io/requests.storage`, storage);
      }
      break;
    }
    case 'configmaps':
    case 'secrets':
    case 'resourcequotas':
    case 'replicationcontrollers':
      add(u, r.resource, 1);
      break;
  }
  return u;
}

const CPU_LIKE = /(^|\.)cpu$/;

/** Prints an amount as the API does (`500m`, `1Gi`, `3`). */
export function formatAmount(name: string, v: number, binary: boolean): string {
  if (CPU_LIKE.test(name)) return canonicalQuantity(`${Math.round(v * 1000)}m`);
  if (binary && v % 1024 === 0 && v > 0) return canonicalQuantity(`${v / 1024}Ki`);
  return canonicalQuantity(String(Math.round(v)));
}

/** Only the names the quota's hard list tracks, formatted. */
export function usedFor(hard: Record<string, string>, u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(hard).sort())
    out[name] = formatAmount(name, u.amounts[name] ?? 0, u.binary.has(name) || /[KMGTPE]i$/.test(String(hard[name])));
  return out;
}
