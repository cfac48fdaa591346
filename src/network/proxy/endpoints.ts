// pkg/proxy/endpointslicecache.go and topology.go: a service port's endpoints as kube-proxy sees them, read from
// the Service's EndpointSlices (found through the kubernetes.io/service-name label index), sorted by `ip:port`,
// and split into the endpoints Cluster and Local traffic policy use (CategorizeEndpoints), the Cluster ones filtered
// by topology hints for the node's zone when the Service asks for topology aware routing.

import type { ApiServer } from '../../apiserver/apiserver';
import type { ServicePortInfo } from './service-port';
import { usesClusterEndpoints, usesLocalEndpoints } from './service-port';
import { LABEL_SERVICE_NAME } from '../../api/well-known';


export interface Endpoint {
  ip: string;
  port: number;
  /** `ip:port` */
  str: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  /** the pod behind it, `ns/name`, when the slice names one */
  pod?: string;
  /** the zones the EndpointSlice controller hinted it for (topology aware routing) */
  zoneHints: string[];
}

const NO_HINTS: string[] = Object.freeze([]) as unknown as string[];
const byStr = (a: Endpoint, b: Endpoint) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0);

/**
 * The endpoints one slice gives a port (name and protocol), sorted: kept per stored slice, which is frozen, so
 * every node's kube-proxy reads a slice once (as the endpointslicecache keeps each slice's endpoints).
 */
const perSlice = new WeakMap<object, Map<string, Endpoint[]>>();

function sliceEndpoints(slice: any, sp: ServicePortInfo): Endpoint[] {
  const key = `${sp.portName}\0${sp.protocol}`;
  let ports = perSlice.get(slice);
  const cached = ports?.get(key);
  if (cached) return cached;
  const out: Endpoint[] = [];
  const port = (slice.ports ?? []).find((p: any) => (p?.name ?? '') === sp.portName && (p?.protocol ?? 'TCP') === sp.protocol);
  if (port?.port) {
    for (const e of slice.endpoints ?? []) {
      const ip = e?.addresses?.[0];
      if (!ip) continue;
      const c = e.conditions ?? {};
      const ready = c.ready ?? true;
      out.push({
        ip, port: port.port, str: `${ip}:${port.port}`, ready, serving: c.serving ?? ready, terminating: c.terminating ?? false,
        nodeName: e.nodeName, pod: e.targetRef?.kind === 'Pod' ? `${e.targetRef.namespace ?? slice.metadata.namespace}/${e.targetRef.name}` : undefined,
        zoneHints: e.hints?.forZones?.length ? e.hints.forZones.map((z: any) => z?.name).filter(Boolean) : NO_HINTS,
      });
    }
    out.sort(byStr);
  }
  if (Object.isFrozen(slice)) {
    if (!ports) perSlice.set(slice, (ports = new Map()));
    ports.set(key, out);
  }
  return out;
}

/** Every endpoint of the service port, across its IPv4 slices, deduplicated and sorted by `ip:port`. */
export function endpointsOf(api: ApiServer, sp: ServicePortInfo): Endpoint[] {
  const slices = api.select('endpointslices', { namespace: sp.namespace, labelSelector: [{ key: LABEL_SERVICE_NAME, op: 'Equals', values: [sp.service] }] })
    .filter((slice) => slice.addressType === 'IPv4' && !slice.metadata.deletionTimestamp);
  if (slices.length === 1) return sliceEndpoints(slices[0], sp);
  const seen = new Map<string, Endpoint>();
  for (const slice of slices) for (const ep of sliceEndpoints(slice, sp)) if (!seen.has(ep.str)) seen.set(ep.str, ep);
  return [...seen.values()].sort(byStr);
}

export interface Categorized {
  cluster: Endpoint[];
  local: Endpoint[];
  /** the union: the endpoints that get a KUBE-SEP chain on this node */
  reachable: Endpoint[];
  hasAny: boolean;
}

/**
 * canUseTopology (v1.30, without trafficDistribution): the Service's hints annotation says Auto, the node has a
 * zone, every ready endpoint has a hint and one of them is for the node's zone.
 */
export function canUseTopology(eps: Endpoint[], sp: ServicePortInfo, nodeZone: string | undefined): boolean {
  if (sp.hintsAnnotation !== 'Auto' && sp.hintsAnnotation !== 'auto') return false;
  if (!nodeZone) return false;
  let forZone = false;
  for (const e of eps) {
    if (!e.ready) continue;
    if (!e.zoneHints.length) return false;
    if (e.zoneHints.includes(nodeZone)) forZone = true;
  }
  return forZone;
}

/** CategorizeEndpoints: ready endpoints (those hinted for the node's zone, when topology applies), else serving terminating ones. */
export function categorize(eps: Endpoint[], sp: ServicePortInfo, node: string, nodeZone?: string): Categorized {
  let cluster: Endpoint[] = [], local: Endpoint[] = [], hasAny = false;
  const isLocal = (e: Endpoint) => e.nodeName === node;
  if (usesClusterEndpoints(sp)) {
    const topology = canUseTopology(eps, sp, nodeZone);
    cluster = eps.filter((e) => e.ready && (!topology || e.zoneHints.includes(nodeZone!)));
    if (!cluster.length) cluster = eps.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local, reachable: cluster, hasAny };
  let localReady = false, localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) { hasAny = true; if (isLocal(e)) localReady = true; }
    else if (e.serving && e.terminating) { hasAny = true; if (isLocal(e)) localServingTerminating = true; }
  }
  if (localReady) local = eps.filter((e) => isLocal(e) && e.ready);
  else if (localServingTerminating) local = eps.filter((e) => isLocal(e) && e.serving && e.terminating);
  if (!usesClusterEndpoints(sp)) return { cluster, local, reachable: local, hasAny };
  const union = new Map<string, Endpoint>();
  for (const e of [...cluster, ...local]) union.set(e.str, e);
  return { cluster, local, reachable: [...union.values()].sort((a, b) => (a.str < b.str ? -1 : 1)), hasAny };
}
