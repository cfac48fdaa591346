// Ingress assertions on the model, with messages for people: what the controller did with a request (where it
// sends it, what it answers), and the rules it had.

import type { ApiServer } from '../apiserver/apiserver';
import type { Cluster } from '../cluster';
import { httpRequest, parseURL } from '../network/traffic/http';
import type { IngressNginx } from '../network/ingress/nginx';
import { buildServers } from '../network/ingress/config';
import { controllerAddresses } from '../network/ingress/addresses';

/** The controller's servers and locations, one line each, for failure messages. */
export function describeRules(api: ApiServer): string {
  const lines: string[] = [];
  for (const s of buildServers(api).values()) {
    lines.push(`  server ${s.host}${s.tlsSecret ? ` (TLS ${s.tlsSecret.namespace}/${s.tlsSecret.name})` : ''}`);
    for (const l of s.locations)
      lines.push(
        `    ${l.pathType} ${l.path} -> ${l.backend.namespace}/${l.backend.service}:${l.backend.port}${l.rewriteTarget !== undefined ? ` (rewrite to ${l.rewriteTarget})` : ''}  [${l.ingress}]`,
      );
    if (s.defaultBackend)
      lines.push(
        `    default backend -> ${s.defaultBackend.namespace}/${s.defaultBackend.service}:${s.defaultBackend.port}  [${s.defaultBackend.ingress}]`,
      );
  }
  return lines.length ? lines.join('\n') : '  (no Ingress is served by ingress-nginx)';
}

/** Checks where the controller sends a URL; returns the failure message, or undefined when it holds. */
export function checkIngressRoute(
  api: ApiServer,
  nginx: IngressNginx,
  url: string,
  want: { service: string; path?: string; namespace?: string },
): string | undefined {
  const req = parseURL(url);
  const a = nginx.handle(req);
  const rules = `the controller's rules:\n${describeRules(api)}`;
  if (!a) {
    const addr = controllerAddresses(api);
    return `expected the ingress controller to handle "${url}", but the request does not reach it (no served Ingress names host ${req.host}; controller addresses: ${addr.join(', ') || 'none'})\n${rules}`;
  }
  if (a.kind === 'status')
    return `expected "${url}" to go to service "${want.service}", but the controller answers ${a.status} ${a.reason}${a.location ? ` (Location: ${a.location})` : ''}\n${rules}`;
  const got = `${a.backend.namespace}/${a.backend.service}:${a.backend.port} with path ${a.upstreamPath} (Ingress ${a.ingress})`;
  if (
    a.backend.service !== want.service ||
    (want.namespace && a.backend.namespace !== want.namespace) ||
    (want.path !== undefined && a.upstreamPath !== want.path)
  ) {
    return `expected "${url}" to go to service "${want.service}"${want.path !== undefined ? ` with path ${want.path}` : ''}, but it goes to ${got}\n${rules}`;
  }
  return undefined;
}

/** The controller sends the URL to the service (in the namespace, with the path, when given). */
export function expectIngressRoute(
  cluster: Cluster,
  url: string,
  want: { service: string; path?: string; namespace?: string },
): void {
  const failure = checkIngressRoute(cluster.api, cluster.ingress, url, want);
  if (failure) throw new Error(failure);
}

/** An HTTP request for the URL from a pod in `default` is answered with the status. */
export function expectHttpStatus(cluster: Cluster, url: string, status: number): void {
  const out = httpRequest(cluster.network, { kind: 'pod', namespace: 'default' }, url);
  const got = out.status ?? (out.ok ? 200 : undefined);
  if (got !== status) {
    throw new Error(
      `expected "${url}" to be answered with status ${status}, but ${got === undefined ? `it failed: ${out.message}` : `the answer was ${got}`}\n  route:\n${out.trace.map((t) => `    ${t}`).join('\n')}\nthe controller's rules:\n${describeRules(cluster.api)}`,
    );
  }
}
