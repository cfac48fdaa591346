// A connection or HTTP request from a pod's process (wget, curl, nc -z) through the cluster: routed by
// src/network/traffic (DNS, kube-proxy's rules, NetworkPolicy, the Ingress controller), answered by the program
// that listens on the port of the pod it reached (serve.ts). The cluster builds this from both peers, so neither
// imports the other.
import type { KObject } from '../../api/meta';
import type { NetAccess, NetOutcome } from './host';
import type { Answer, HttpRequest } from './http';

/** What the traffic model says of a request (src/network/traffic/http.ts httpRequest, reduced). */
export interface Routed {
  ok: boolean;
  error?: 'refused' | 'timeout' | 'unresolved';
  status?: number;
  pod?: KObject;
  endpoint?: string;
}

const AGENT = { wget: 'Wget', curl: 'curl/8.5.0' } as const;

export function podHttp(
  route: (from: KObject, url: string) => Routed,
  resolveIP: (from: KObject, host: string) => string | undefined,
  answer: (pod: KObject, port: number, req: HttpRequest | undefined) => Answer,
  connect: (from: KObject, target: string) => Routed,
): NetAccess {
  /** The answer of the pod a connection reached, as wget and curl see it. */
  const outcome = (a: Answer, ip: string | undefined): NetOutcome => {
    if ('refused' in a) return { ok: false, error: 'refused', ip };
    if ('held' in a) return { ok: false, error: 'timeout', ip };
    return 'status' in a ? { ok: true, ip, status: a.status, body: a.body } : { ok: true, ip, status: 200, body: '' };
  };
  return {
    http(from: KObject, url: string, client: 'wget' | 'curl' = 'wget'): NetOutcome {
      const host = /^[a-z]+:\/\/([^/:?#]+)/.exec(url)?.[1] ?? '';
      const hostPort = /^[a-z]+:\/\/([^/?#]+)/.exec(url)?.[1] ?? host;
      const path = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/.exec(url)?.[1] ?? '/';
      const req = { path, host: hostPort, agent: AGENT[client] };
      // the pod's own loopback: its containers share the network namespace
      if (host === 'localhost' || host === '127.0.0.1') {
        const port = Number(/^[a-z]+:\/\/[^/:]+:(\d+)/.exec(url)?.[1] ?? 80);
        return outcome(answer(from, port, req), '127.0.0.1');
      }
      const ip = resolveIP(from, host);
      let r: Routed;
      try {
        r = route(from, url);
      } catch {
        return { ok: false, error: 'unresolved' };
      }
      if (!r.ok) return { ok: false, error: r.error, ip, status: r.status };
      if (!r.pod || !r.endpoint) return { ok: true, ip, status: r.status ?? 200, body: '' };
      return outcome(answer(r.pod, Number(r.endpoint.split(':')[1]), req), ip);
    },
    connect(from: KObject, host: string, port: number): NetOutcome {
      if (host === 'localhost' || host === '127.0.0.1') return outcome(answer(from, port, undefined), '127.0.0.1');
      const ip = resolveIP(from, host);
      let r: Routed;
      try {
        r = connect(from, `${host}:${port}`);
      } catch {
        return { ok: false, error: 'unresolved' };
      }
      if (!r.ok) return { ok: false, error: r.error, ip };
      return r.pod && r.endpoint
        ? outcome(answer(r.pod, Number(r.endpoint.split(':')[1]), undefined), ip)
        : { ok: true, ip };
    },
  };
}
