// The configuration ingress-nginx renders from the Ingresses it serves (internal/ingress/controller/controller.go
// createServers, createUpstreams): one server per host, merged across Ingresses of all namespaces, with the
// catch-all server `_` for rules without a host; each rule path becomes a location pointing at a Service port in
// the Ingress's namespace, carrying that Ingress's annotations and TLS settings.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { servedByNginx } from './classes';

export const CATCH_ALL = '_';
export const ANN_REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const ANN_USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';
export const ANN_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';

export interface Backend {
  namespace: string;
  service: string;
  port: number | string;
}

export interface Location {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: Backend;
  /** namespace/name of the Ingress that defined it */
  ingress: string;
  rewriteTarget?: string;
  /** the location is a case-insensitive regular expression (use-regex, or implied by rewrite-target) */
  regex: boolean;
}

export interface Server {
  host: string;
  locations: Location[];
  /** a defaultBackend of an Ingress that defines this host, for paths no location matches */
  defaultBackend?: Backend & { ingress: string };
  /** the TLS Secret (namespace/name) when an Ingress lists this host under spec.tls */
  tlsSecret?: { namespace: string; name: string };
  sslRedirect: boolean;
}

function backendOf(b: any, namespace: string): Backend | undefined {
  if (!b?.service?.name) return undefined;
  return { namespace, service: b.service.name, port: b.service.port?.number || b.service.port?.name };
}

/** The servers, keyed by host; Ingresses apply oldest first, so the first to claim a path keeps it. */
export function buildServers(api: ApiServer): Map<string, Server> {
  const servers = new Map<string, Server>();
  const server = (host: string): Server => {
    let s = servers.get(host);
    if (!s) {
      s = { host, locations: [], sslRedirect: false };
      servers.set(host, s);
    }
    return s;
  };
  const ingresses = api
    .select('ingresses')
    .filter((i) => servedByNginx(api, i) && !i.metadata.deletionTimestamp)
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        a.metadata.name!.localeCompare(b.metadata.name!),
    );
  for (const ing of ingresses) addIngress(ing, server);
  return servers;
}

function addIngress(ing: KObject, server: (host: string) => Server): void {
  const ns = ing.metadata.namespace!,
    id = `${ns}/${ing.metadata.name}`;
  const ann = ing.metadata.annotations ?? {};
  const rewriteTarget: string | undefined = ann[ANN_REWRITE_TARGET];
  const regex = ann[ANN_USE_REGEX] === 'true' || rewriteTarget !== undefined;
  const def = backendOf(ing.spec?.defaultBackend, ns);
  const tlsHosts = new Map<string, string>();
  for (const t of ing.spec?.tls ?? []) for (const h of t?.hosts ?? []) if (t.secretName) tlsHosts.set(h, t.secretName);
  const hosts = new Set<string>();
  for (const rule of ing.spec?.rules ?? []) {
    const host = rule.host || CATCH_ALL;
    hosts.add(host);
    const s = server(host);
    for (const p of rule.http?.paths ?? []) {
      const backend = backendOf(p.backend, ns);
      if (!backend) continue;
      const path = p.path || '/';
      // the first Ingress to define a host's path keeps it (ingress-nginx logs a conflict for the rest)
      if (s.locations.some((l) => l.path === path && l.pathType === p.pathType)) continue;
      s.locations.push({ path, pathType: p.pathType, backend, ingress: id, rewriteTarget, regex });
    }
  }
  // an Ingress with only a defaultBackend configures the catch-all server
  if (!hosts.size && def) hosts.add(CATCH_ALL);
  for (const host of hosts) {
    const s = server(host);
    if (def && !s.defaultBackend) s.defaultBackend = { ...def, ingress: id };
    const secret = tlsHosts.get(host);
    if (secret && !s.tlsSecret) {
      s.tlsSecret = { namespace: ns, name: secret };
      s.sslRedirect = ann[ANN_SSL_REDIRECT] !== 'false';
    }
  }
}
