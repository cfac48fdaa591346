// How ingress-nginx answers one request (the nginx configuration it renders, evaluated as nginx does):
//   server    the exact host, else the longest matching wildcard (`*.example.com`), else the catch-all `_`
//   TLS       a host with spec.tls redirects plain HTTP to HTTPS with 308 (ssl-redirect, on by default)
//   location  Exact (`location = /p`) first; otherwise the longest matching path: Prefix matches whole path
//             elements (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`), ImplementationSpecific is nginx's
//             plain prefix (`/foo` matches `/foobar` too); with use-regex or rewrite-target every path is a
//             case-insensitive regular expression anchored at the start, tried longest first
//   rewrite   rewrite-target replaces the whole URI, with $1..$9 from the location's captures
//   no match  the server's default backend (the spec.defaultBackend of the Ingress that defined the host, or
//             for the catch-all server of an Ingress with no rules), else 404 from the controller

import type { ApiServer } from '../../apiserver/apiserver';
import { type Backend, CATCH_ALL, type Location, type Server, buildServers } from './config';

export interface IngressRequest {
  scheme: 'http' | 'https';
  host: string;
  path: string;
}

export type IngressAnswer =
  | {
      kind: 'backend';
      backend: Backend;
      ingress: string;
      upstreamPath: string;
      server: string;
      location?: string;
      /** the certificate served for https: the Ingress's TLS Secret, or the controller's fake one */
      certificate?: string;
    }
  | { kind: 'status'; status: number; reason: string; location?: string; server: string };

const FAKE_CERT = 'Kubernetes Ingress Controller Fake Certificate';

/** nginx's server_name matching: exact, then wildcard, then the default server. */
export function matchServer(servers: Map<string, Server>, host: string): Server | undefined {
  const h = host.toLowerCase();
  const exact = servers.get(h);
  if (exact) return exact;
  let best: Server | undefined;
  for (const s of servers.values()) {
    if (!s.host.startsWith('*.')) continue;
    if (h.endsWith(s.host.slice(1)) && (!best || s.host.length > best.host.length)) best = s;
  }
  return best ?? servers.get(CATCH_ALL);
}

function prefixMatches(l: Location, path: string): boolean {
  if (l.pathType === 'Prefix') {
    const p = l.path.replace(/\/+$/, '');
    return p === '' || path === p || path.startsWith(`${p}/`);
  }
  return path.startsWith(l.path);
}

function regexOf(l: Location): RegExp {
  try {
    return new RegExp(`^${l.path}${l.pathType === 'Exact' ? '$' : ''}`, 'i');
  } catch {
    return new RegExp(`^${l.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  }
}

/** The location nginx picks for the path, with the regex match when it was a regex location. */
export function matchLocation(s: Server, path: string): { loc: Location; match?: RegExpExecArray } | undefined {
  const exact = s.locations.find((l) => l.pathType === 'Exact' && !l.regex && l.path === path);
  if (exact) return { loc: exact };
  const byLength = [...s.locations].sort((a, b) => b.path.length - a.path.length);
  for (const loc of byLength) {
    if (loc.regex) {
      const match = regexOf(loc).exec(path);
      if (match) return { loc, match };
    } else if (loc.pathType !== 'Exact' && prefixMatches(loc, path)) return { loc };
  }
  return undefined;
}

/** nginx `rewrite <regex> <target> break`: the whole URI becomes the target, captures substituted. */
export function rewrite(target: string, match: RegExpExecArray | undefined): string {
  return target.replace(/\$(\d)/g, (_, n) => match?.[Number(n)] ?? '');
}

export function routeIngress(api: ApiServer, req: IngressRequest): IngressAnswer {
  const servers = buildServers(api);
  const server = matchServer(servers, req.host);
  if (!server) return { kind: 'status', status: 404, reason: 'Not Found', server: CATCH_ALL };
  if (req.scheme === 'http' && server.tlsSecret && server.sslRedirect) {
    return {
      kind: 'status',
      status: 308,
      reason: 'Permanent Redirect',
      location: `https://${req.host}${req.path}`,
      server: server.host,
    };
  }
  let certificate: string | undefined;
  if (req.scheme === 'https') {
    const sec = server.tlsSecret && api.tryGet('secrets', server.tlsSecret.namespace, server.tlsSecret.name);
    certificate =
      sec && sec.type === 'kubernetes.io/tls' ? `${server.tlsSecret!.namespace}/${server.tlsSecret!.name}` : FAKE_CERT;
  }
  const m = matchLocation(server, req.path);
  if (m) {
    const upstreamPath = m.loc.rewriteTarget !== undefined ? rewrite(m.loc.rewriteTarget, m.match) : req.path;
    return {
      kind: 'backend',
      backend: m.loc.backend,
      ingress: m.loc.ingress,
      upstreamPath,
      server: server.host,
      location: m.loc.path,
      certificate,
    };
  }
  // a host's root location: the defaultBackend of the Ingress that created the server, else the controller's 404
  const def = server.defaultBackend;
  if (def) {
    const { ingress, ...backend } = def;
    return { kind: 'backend', backend, ingress, upstreamPath: req.path, server: server.host, certificate };
  }
  return { kind: 'status', status: 404, reason: 'Not Found', server: server.host };
}
