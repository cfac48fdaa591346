// An HTTP request for a URL: when an Ingress controller is installed (Network.ingressRouter, which the Ingress
// model provides) and its rules claim the request's host and path, it goes to the backend Service the rule
// names, from the controller; otherwise it is a connection to the URL's host and port (80, 443 for https).

import type { Network } from '../network';
import type { HttpRequest } from '../ingress-route';
import { type Client, type Outcome, connect } from './connect';

export interface HttpOutcome extends Outcome {
  status?: number;
}

export function parseURL(url: string): HttpRequest {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(url);
  if (!m || !m[2]) throw new Error(`not a URL: "${url}" (write http://host[:port]/path)`);
  const scheme = (m[1] ?? 'http') as 'http' | 'https';
  return { url, scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

export function httpRequest(net: Network, from: Client, url: string): HttpOutcome {
  const req = parseURL(url);
  const decision = net.ingressRouter?.(net.api, req);
  if (!decision) return connect(net, from, `${req.host}:${req.port}`);
  if ('status' in decision) {
    return {
      ok: false,
      status: decision.status,
      message: `HTTP/1.1 ${decision.status} ${decision.reason}`,
      trace: [`the Ingress controller answers ${decision.status} for ${req.host}${req.path}`],
    };
  }
  const { namespace, service, port } = decision.backend;
  const svc = net.api.tryGet('services', namespace, service);
  if (!svc)
    return {
      ok: false,
      status: 503,
      message: 'HTTP/1.1 503 Service Temporarily Unavailable',
      trace: [`the backend service ${namespace}/${service} does not exist`],
    };
  const number = typeof port === 'number' ? port : (svc.spec?.ports ?? []).find((p: any) => p.name === port)?.port;
  const out = connect(net, { kind: 'pod', namespace }, `${service}.${namespace}.svc.cluster.local:${number}`);
  out.trace.unshift(`the Ingress controller routes ${req.host}${req.path} to service ${namespace}/${service}:${port}`);
  if (!out.ok) return { ...out, status: 502, message: 'HTTP/1.1 502 Bad Gateway' };
  return { ...out, status: 200 };
}
