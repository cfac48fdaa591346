// An HTTP request from a pod's process (wget, curl) through the cluster: routed by src/network/traffic (DNS,
// kube-proxy's rules, NetworkPolicy, the Ingress controller), answered by the pod it reached (serve.ts). The
// cluster builds this from both peers, so neither imports the other.
import type { KObject } from '../../api/meta';
import type { NetAccess, NetOutcome } from './host';
import type { Answer } from './serve';

/** What the traffic model says of a request (src/network/traffic/http.ts httpRequest, reduced). */
export interface Routed { ok: boolean; error?: 'refused' | 'timeout' | 'unresolved'; status?: number; pod?: KObject; endpoint?: string }

export function podHttp(route: (from: KObject, url: string) => Routed, resolveIP: (from: KObject, host: string) => string | undefined,
  answer: (pod: KObject, port: number, path: string) => Answer): NetAccess {
  return {
    http(from: KObject, url: string): NetOutcome {
      const host = /^[a-z]+:\/\/([^/:?#]+)/.exec(url)?.[1] ?? '';
      const path = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/.exec(url)?.[1] ?? '/';
      // the pod's own loopback: its containers share the network namespace
      if (host === 'localhost' || host === '127.0.0.1') {
        const port = Number(/^[a-z]+:\/\/[^/:]+:(\d+)/.exec(url)?.[1] ?? 80);
        const a = answer(from, port, path);
        return 'refused' in a ? { ok: false, error: 'refused', ip: '127.0.0.1' } : { ok: true, ip: '127.0.0.1', ...a };
      }
      const ip = resolveIP(from, host);
      let r: Routed;
      try { r = route(from, url); } catch { return { ok: false, error: 'unresolved' }; }
      if (!r.ok) return { ok: false, error: r.error, ip, status: r.status };
      if (!r.pod || !r.endpoint) return { ok: true, ip, status: r.status ?? 200, body: '' };
      const a = answer(r.pod, Number(r.endpoint.split(':')[1]), path);
      if ('refused' in a) return { ok: false, error: 'refused', ip };
      return { ok: true, ip, status: a.status, body: a.body };
    },
  };
}
