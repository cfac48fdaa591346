// How API values print, for the API server's table printers (src/apiserver/printers) and kubectl's describers
// alike: apimachinery's HumanDuration and FormatLabels, metav1.FormatLabelSelector, and the helpers
// pkg/printers/internalversion and kubectl's pkg/describe both use (access modes, endpoints, node roles).

import type { KObject } from './meta';

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3600000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** `<unknown>` for a missing timestamp, else the HumanDuration since it. */
export function since(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

/** IntOrString.String(), or the placeholder when unset. */
export const intOrStringOr = (v: unknown, unset: string) => (v === undefined || v === null ? unset : String(v));

/** loadBalancerWidth: what a table shows of load balancer addresses unless -o wide. */
const LOAD_BALANCER_WIDTH = 16;

/**
 * loadBalancerStatusStringer (Services) and ingressLoadBalancerStatusStringer: the sorted unique IPs (or hostnames
 * where there is no IP), cut to 16 characters with `...` unless wide.
 */
export function ingressAddress(o: KObject, wide = false): string {
  const set = new Set<string>();
  for (const i of o.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

/** labels.FormatLabels / metav1.FormatLabelSelector */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

export function formatLabelSelector(s: any): string {
  if (!s) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(s.matchLabels ?? {}).sort()) parts.push(`${k}=${s.matchLabels[k]}`);
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In' || op === 'NotIn')
      parts.push(`${e.key} ${op === 'In' ? 'in' : 'notin'} (${[...(e.values ?? [])].sort().join(',')})`);
    else parts.push(op === 'Exists' ? e.key : `!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** formatEndpoints: at most three host:port pairs, then ` + N more...` */
export function formatEndpoints(ep: KObject): string {
  const subsets = ep.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  let more = false,
    count = 0;
  const max = 3;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!(ss.ports ?? []).length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${count - max} more...` : s;
}

const ACCESS: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
/** GetAccessModesAsString: in the fixed order RWO, ROX, RWX, RWOP */
export function accessModes(modes: string[] | undefined): string {
  const m = modes ?? [];
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']
    .filter((x) => m.includes(x))
    .map((x) => ACCESS[x])
    .join(',');
}

export function nodeRoles(n: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}
