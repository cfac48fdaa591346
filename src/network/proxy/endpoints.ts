// pkg/proxy/endpointslicecache.go and topology.go: a service port's endpoints as kube-proxy sees them, read from
// the Service's EndpointSlices (found through the kubernetes.io/service-name label index), sorted by `ip:port`,
// and split into the endpoints Cluster and Local traffic policy use (CategorizeEndpoints), the Cluster ones filtered
// by topology hints for the node's zone when the Service asks for topology aware routing.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
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

/** The slice's port for the service port (its name and protocol). */
const slicePort = (slice: any, sp: ServicePortInfo): number | undefined =>
  (slice.ports ?? []).find((p: any) => (p?.name ?? '') === sp.portName && (p?.protocol ?? 'TCP') === sp.protocol)?.port;

/** An EndpointSlice endpoint's conditions as kube-proxy reads them: ready unless false, serving as ready unless set. */
function conditionsOf(e: any): { ready: boolean; serving: boolean; terminating: boolean } {
  const c = e.conditions ?? {};
  const ready = c.ready ?? true;
  return { ready, serving: c.serving ?? ready, terminating: c.terminating ?? false };
}

function sliceEndpoints(slice: any, sp: ServicePortInfo): Endpoint[] {
  const key = `${sp.portName}\0${sp.protocol}`;
  let ports = perSlice.get(slice);
  const cached = ports?.get(key);
  if (cached) return cached;
  const out: Endpoint[] = [];
  const port = slicePort(slice, sp);
  if (port) {
    for (const e of slice.endpoints ?? []) {
      const ip = e?.addresses?.[0];
      if (!ip) continue;
      const c = conditionsOf(e);
      out.push({
        ip,
        port,
        str: `${ip}:${port}`,
        ready: c.ready,
        serving: c.serving,
        terminating: c.terminating,
        nodeName: e.nodeName,
        pod:
          e.targetRef?.kind === 'Pod'
            ? `${e.targetRef.namespace ?? slice.metadata.namespace}/${e.targetRef.name}`
            : undefined,
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

/** The service port's IPv4 EndpointSlices (stored objects, frozen: what they hold stays as read). */
export function slicesOf(api: ApiServer, sp: ServicePortInfo): KObject[] {
  return api
    .select('endpointslices', {
      namespace: sp.namespace,
      labelSelector: [{ key: LABEL_SERVICE_NAME, op: 'Equals', values: [sp.service] }],
    })
    .filter((slice) => slice.addressType === 'IPv4' && !slice.metadata.deletionTimestamp);
}

/** Every endpoint of the service port, across its IPv4 slices, deduplicated and sorted by `ip:port`. */
export function endpointsOf(api: ApiServer, sp: ServicePortInfo): Endpoint[] {
  return endpointsIn(slicesOf(api, sp), sp);
}

export function endpointsIn(slices: KObject[], sp: ServicePortInfo): Endpoint[] {
  if (slices.length === 1) return sliceEndpoints(slices[0], sp);
  return mergeSorted(slices.map((slice) => sliceEndpoints(slice, sp)));
}

/**
 * The union of lists each sorted by `ip:port`, sorted, an endpoint in several keeping the first list's: a k-way merge
 * (the slices are few and each already sorted), the same as deduplicating in list order and sorting.
 */
export function mergeSorted(lists: Endpoint[][]): Endpoint[] {
  const out: Endpoint[] = [];
  const at = new Array<number>(lists.length).fill(0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i] < lists[i].length && (best < 0 || lists[i][at[i]].str < lists[best][at[best]].str)) best = i;
    }
    if (best < 0) return out;
    const ep = lists[best][at[best]++];
    if (!out.length || out[out.length - 1].str !== ep.str) out.push(ep);
  }
}

/** What the dispatch chains need of a service port's endpoints: whether it has any to use, and any on this node. */
export interface Presence {
  hasAny: boolean;
  local: boolean;
}

/**
 * categorize's hasAny and whether its local endpoints are any, read from the slices without building the endpoints
 * (which the Service's own chains build when they are first read): a sync of many Services costs a pass over their
 * slices. With topology aware routing the endpoints are built and categorized.
 */
export function presenceIn(slices: KObject[], sp: ServicePortInfo, node: string, nodeZone?: string): Presence {
  if (sp.hintsAnnotation === 'Auto' || sp.hintsAnnotation === 'auto') {
    const c = categorize(endpointsIn(slices, sp), sp, node, nodeZone);
    return { hasAny: c.hasAny, local: c.local.length > 0 };
  }
  // the endpoints as endpointsIn deduplicates them: the first slice's `ip:port` wins
  const seen = slices.length > 1 ? new Map<number, Set<string>>() : undefined;
  let ready = false,
    servingTerminating = false,
    localReady = false,
    localServingTerminating = false;
  for (const slice of slices) {
    const port = slicePort(slice, sp);
    if (!port) continue;
    let ips = seen?.get(port);
    if (seen && !ips) seen.set(port, (ips = new Set()));
    for (const e of slice.endpoints ?? []) {
      const ip = e?.addresses?.[0];
      if (!ip) continue;
      if (ips) {
        if (ips.has(ip)) continue;
        ips.add(ip);
      }
      const c = conditionsOf(e),
        isLocal = e.nodeName === node;
      if (c.ready) {
        ready = true;
        if (isLocal) localReady = true;
      } else if (c.serving && c.terminating) {
        servingTerminating = true;
        if (isLocal) localServingTerminating = true;
      }
    }
  }
  const any = ready || servingTerminating;
  const cluster = usesClusterEndpoints(sp) && any;
  if (!usesLocalEndpoints(sp)) return { hasAny: cluster, local: false };
  return { hasAny: cluster || any, local: localReady || localServingTerminating };
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
  let cluster: Endpoint[] = [],
    local: Endpoint[] = [],
    hasAny = false;
  const isLocal = (e: Endpoint) => e.nodeName === node;
  if (usesClusterEndpoints(sp)) {
    const topology = canUseTopology(eps, sp, nodeZone);
    cluster = eps.filter((e) => e.ready && (!topology || e.zoneHints.includes(nodeZone!)));
    if (!cluster.length) cluster = eps.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local, reachable: cluster, hasAny };
  let localReady = false,
    localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) {
      hasAny = true;
      if (isLocal(e)) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (isLocal(e)) localServingTerminating = true;
    }
  }
  if (localReady) local = eps.filter((e) => isLocal(e) && e.ready);
  else if (localServingTerminating) local = eps.filter((e) => isLocal(e) && e.serving && e.terminating);
  if (!usesClusterEndpoints(sp)) return { cluster, local, reachable: local, hasAny };
  const union = new Map<string, Endpoint>();
  for (const e of [...cluster, ...local]) union.set(e.str, e);
  return { cluster, local, reachable: [...union.values()].sort((a, b) => (a.str < b.str ? -1 : 1)), hasAny };
}
