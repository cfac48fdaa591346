// A TCP/UDP connection routed through the model as the nodes' rules route it: the name is resolved through the
// cluster's DNS (../dns), the first packet passes the source node's nat table (iptables mode) or IPVS virtual
// servers, then the filter table; a packet for another node's address is routed there and handled by that
// node's rules; a packet for a pod IP is delivered to the pod, if both ends' NetworkPolicies allow it.
// Outcomes and messages are curl's: "Connection refused" (a REJECT, an IPVS service without real servers, or a
// node address nothing listens on), "Connection timed out" (a DROP, a policy, an address nobody answers).

import type { KObject } from '../../api/meta';
import type { Network } from '../network';
import { isPodReady } from '../../api/pod';
import { resolve } from '../dns/resolve';
import { walk, type WalkContext } from './netfilter';
import type { Packet } from '../packet';
import { inCIDR, isIPv4, lastPodIP } from '../../util/net';
import { checkPolicies, type Peer } from '../netpol/policy';
import { APISERVER_ADDRESS } from '../../api/networking';

/** Who connects: a pod (a real one, or any pod of a namespace), or a client outside the cluster. */
export type Client = { kind: 'pod'; namespace: string; pod?: KObject } | { kind: 'external' };

/** The address an outside client connects from (TEST-NET-2, RFC 5737). */
export const EXTERNAL_CLIENT_IP = '198.51.100.10';

export interface Outcome {
  ok: boolean;
  error?: 'refused' | 'timeout' | 'unresolved';
  /** curl's message for a failure */
  message: string;
  pod?: KObject;
  /** the pod address and port the connection reached */
  endpoint?: string;
  /** the source address the pod sees (the node's, when the connection was masqueraded) */
  source?: string;
  /** the nodes it passed and the rules it matched */
  trace: string[];
}

interface Hop {
  node: KObject;
  pkt: Packet;
  client: Client;
  clientIP: string;
  hops: number;
  trace: string[];
}

const nodeIP = (n: KObject): string =>
  (n.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
const isNodeReady = (n: KObject): boolean =>
  (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** Connects to `host:port`. */
export function connect(net: Network, from: Client, target: string, protocol = 'TCP'): Outcome {
  const m = /^(.*):(\d+)$/.exec(target);
  if (!m) throw new Error(`a connection target is host:port, e.g. "web:80"; got "${target}"`);
  const [, host, portText] = m;
  const port = Number(portText);
  const trace: string[] = [];
  const dst = resolveHost(net, from, host);
  if (!dst) return fail('unresolved', `curl: (6) Could not resolve host: ${host}`, trace);
  if (dst !== host) trace.push(`${host} resolves to ${dst}`);
  const failText = (what: string) =>
    `curl: (${what === 'refused' ? 7 : 28}) Failed to connect to ${host} port ${port}: ${what === 'refused' ? 'Connection refused' : 'Connection timed out'}`;
  const start = entryNode(net, from, dst, port, protocol);
  if (!start) return fail('timeout', failText('timeout'), trace);
  const clientIP = from.kind === 'external' ? EXTERNAL_CLIENT_IP : clientPodIP(from, start);
  const pkt: Packet = {
    src: clientIP,
    dst,
    proto: protocol.toLowerCase(),
    dport: port,
    srcLocal: false,
    dstLocal: false,
    mark: 0,
  };
  const out = route(net, { node: start, pkt, client: from, clientIP, hops: 0, trace });
  if (!out.ok && !out.message) out.message = failText(out.error!);
  return out;
}

function fail(error: Outcome['error'], message: string, trace: string[]): Outcome {
  return { ok: false, error, message, trace };
}

/** An IP as is, a node's name as its InternalIP, anything else through the cluster DNS as the client sees it. */
function resolveHost(net: Network, from: Client, host: string): string | undefined {
  if (isIPv4(host)) return host;
  const node = net.api.tryGet('nodes', undefined, host);
  if (node) return nodeIP(node);
  const r = resolve(
    net.api,
    from.kind === 'pod' ? (from.pod ? { pod: from.pod } : { namespace: from.namespace }) : { namespace: 'default' },
    host,
  );
  return r.kind === 'A' ? r.ips[0] : undefined;
}

/**
 * The node whose rules see the first packet: a pod's own node; for an outside client, the node that owns the
 * address, the node the cloud load balancer picks (among its hosts, those its health check passes), or, for an
 * external IP, the first Ready node (routing external IPs to a node is the cluster admin's business).
 */
function entryNode(net: Network, from: Client, dst: string, port: number, protocol: string): KObject | undefined {
  const api = net.api;
  if (from.kind === 'pod') {
    const name = from.pod?.spec?.nodeName;
    return (name && api.tryGet('nodes', undefined, name)) || firstReadyNode(net);
  }
  const nodes = api.list('nodes');
  const owner = nodes.find((n) => nodeIP(n) === dst);
  if (owner) return owner;
  const svc = api
    .select('services')
    .find((s) => (s.status?.loadBalancer?.ingress ?? []).some((i: any) => i?.ip === dst));
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!sp) return undefined;
    const local = svc.spec?.externalTrafficPolicy === 'Local';
    const hosts = new Set(net.loadBalancerHosts?.(dst) ?? []);
    const healthy = nodes.filter(
      (n) => hosts.has(n.metadata.name!) && isNodeReady(n) && (!local || hasLocalEndpoint(net, svc, n.metadata.name!)),
    );
    return healthy.length ? healthy[Math.floor(net.rng.next() * healthy.length)] : undefined;
  }
  return firstReadyNode(net);
}

function firstReadyNode(net: Network): KObject | undefined {
  return net.api.list('nodes').find(isNodeReady);
}

function hasLocalEndpoint(net: Network, svc: KObject, node: string): boolean {
  const slices = net.api.select('endpointslices', {
    namespace: svc.metadata.namespace,
    labelSelector: `kubernetes.io/service-name=${svc.metadata.name}`,
  });
  return slices.some((s) =>
    (s.endpoints ?? []).some((e: any) => e?.nodeName === node && (e.conditions?.ready ?? true)),
  );
}

/** A real pod's IP, or for "a pod of the namespace" the last address of its node's pod range. */
function clientPodIP(from: Extract<Client, { kind: 'pod' }>, node: KObject): string {
  if (from.pod?.status?.podIP) return from.pod.status.podIP;
  return lastPodIP(node.spec?.podCIDR ?? '10.244.0.0/24');
}

function route(net: Network, h: Hop): Outcome {
  const { node, pkt, trace } = h;
  const name = node.metadata.name!,
    ip = nodeIP(node);
  if (!isNodeReady(node)) {
    trace.push(`node ${name} is not Ready`);
    return fail('timeout', '', trace);
  }
  if (h.hops > 3) return fail('timeout', '', trace);
  pkt.srcLocal = pkt.src === ip;
  pkt.dstLocal = pkt.dst === ip;
  pkt.bridged = !!node.spec?.podCIDR && inCIDR(pkt.src, node.spec.podCIDR);
  trace.push(`on ${name}: ${pkt.src} -> ${pkt.dst}:${pkt.dport}/${pkt.proto}`);
  const proxy = net.proxy(name);
  const tables = net.tables(name);
  const ctx: WalkContext = {
    random: () => net.rng.next(),
    recent: (list) => recentList(net, name, list),
    now: net.api.clock.now(),
    trace,
    ipset: net.ipsets(name),
  };
  // nat PREROUTING: kube-proxy's rules (in IPVS mode they only mark for masquerade) and the CNI's host ports
  const v = walk(tables.nat, 'PREROUTING', pkt, ctx);
  let to = v.target === 'DNAT' ? v.to : undefined;
  if (!to && proxy.mode === 'ipvs') {
    const vss = proxy.virtualServers();
    const vs = vss.find(
      (x) =>
        x.address === pkt.dst &&
        x.port === pkt.dport &&
        x.protocol.toLowerCase() === pkt.proto &&
        (x.bound || x.address === ip),
    );
    if (vs) {
      trace.push(`IPVS ${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}`);
      if (!vs.dests.length) return fail('refused', '', trace);
      const d = ipvsSchedule(net, name, vs, pkt.src);
      to = `${d.ip}:${d.port}`;
      trace.push(`  -> ${to}`);
    } else if (vss.some((x) => x.bound && x.address === pkt.dst)) return fail('refused', '', trace);
  }
  const after: Packet = to ? { ...pkt, dst: to.split(':')[0], dport: Number(to.split(':')[1]), dstLocal: false } : pkt;
  if (proxy.mode === 'iptables' || to) {
    const f = walk(tables.filter, !to && pkt.dstLocal ? 'INPUT' : 'FORWARD', after, ctx);
    if (f.target === 'DROP') return fail('timeout', '', trace);
    if (f.target === 'REJECT') return fail('refused', '', trace);
  }
  if (to) {
    // nat POSTROUTING: a masqueraded connection takes the node's address
    const masq = walk(tables.nat, 'POSTROUTING', after, ctx).target === 'MASQUERADE';
    return deliver(net, h, after.dst, after.dport, masq ? ip : pkt.src);
  }
  if (pkt.dstLocal) {
    trace.push(`nothing listens on ${pkt.dst}:${pkt.dport}`);
    return fail('refused', '', trace);
  }
  const other = net.api.list('nodes').find((n) => nodeIP(n) === pkt.dst);
  if (other) return route(net, { ...h, node: other, pkt: { ...pkt, mark: 0 }, hops: h.hops + 1 });
  if (inCIDR(pkt.dst, net.config.clusterCIDR)) return deliver(net, h, pkt.dst, pkt.dport, pkt.src);
  trace.push(
    inCIDR(pkt.dst, net.api.networking.serviceSubnet)
      ? `no rule on ${name} handles ${pkt.dst}:${pkt.dport}`
      : `${pkt.dst} does not answer`,
  );
  return fail('timeout', '', trace);
}

function recentList(net: Network, node: string, list: string): Map<string, number> {
  const key = `${node}/${list}`;
  let m = net.recent.get(key);
  if (!m) net.recent.set(key, (m = new Map()));
  return m;
}

/** rr (and wrr with equal weights) take the next real server; sh hashes the source; persistence pins a client. */
function ipvsSchedule(
  net: Network,
  node: string,
  vs: {
    address: string;
    port: number;
    protocol: string;
    scheduler: string;
    persistent: number;
    dests: { ip: string; port: number }[];
  },
  src: string,
) {
  const key = `${node}/${vs.protocol}/${vs.address}:${vs.port}`;
  const now = net.api.clock.now();
  const dests = [...vs.dests].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
  if (vs.persistent) {
    const p = net.ipvsPersist.get(`${key}/${src}`);
    const d = p && p.until > now ? dests.find((x) => `${x.ip}:${x.port}` === p.dest) : undefined;
    if (d) return d;
  }
  let d;
  if (vs.scheduler === 'sh') d = dests[hashIP(src) % dests.length];
  else if (vs.scheduler === 'rr' || vs.scheduler === 'wrr') {
    const i = (net.ipvsNext.get(key) ?? 0) % dests.length;
    net.ipvsNext.set(key, i + 1);
    d = dests[i];
  } else d = dests[0]; // lc, wlc, ...: no connection stays open in the model, so every server has 0 and the first wins
  if (vs.persistent)
    net.ipvsPersist.set(`${key}/${src}`, { dest: `${d.ip}:${d.port}`, until: now + vs.persistent * 1000 });
  return d;
}

function hashIP(ip: string): number {
  return ip.split('.').reduce((h, o) => (h * 31 + Number(o)) >>> 0, 7);
}

/** The packet reaches a pod address: the pod must exist and run, and NetworkPolicy must allow it. */
function deliver(net: Network, h: Hop, ip: string, port: number, src: string): Outcome {
  const { trace } = h;
  const apiserver = ip === APISERVER_ADDRESS && port === 6443;
  const pod = apiserver ? undefined : podByIP(net, ip);
  if (!apiserver && !pod) {
    trace.push(`no pod has the address ${ip}`);
    return fail('timeout', '', trace);
  }
  const where = pod ? `pod ${pod.metadata.namespace}/${pod.metadata.name}` : 'the API server';
  const client = h.client;
  const srcPeer: Peer =
    src === h.clientIP && client.kind === 'pod'
      ? { ip: src, pod: client.pod ? peerOf(client.pod).pod : { namespace: client.namespace, labels: {} } }
      : peerByIP(net, src);
  const v = checkPolicies(net.api, srcPeer, pod ? peerOf(pod) : { ip }, port, h.pkt.proto.toUpperCase());
  if (!v.allowed) {
    trace.push(
      `NetworkPolicy ${v.policies.join(', ')} ${v.direction === 'ingress' ? `isolates ${where} for ingress` : 'isolates the client for egress'} and no rule allows ${src} -> ${ip}:${port}`,
    );
    return fail('timeout', '', trace);
  }
  if (!pod) {
    trace.push(`reached the API server at ${ip}:${port}`);
    return { ok: true, message: '', endpoint: `${ip}:${port}`, source: src, trace };
  }
  if (pod.status?.phase !== 'Running' || !(pod.status?.containerStatuses ?? []).some((c: any) => c.state?.running)) {
    trace.push(`${where} (${ip}) runs no container that could accept ${port}`);
    return fail('refused', '', trace);
  }
  if (net.listens && !net.listens(pod, port)) {
    trace.push(`nothing in ${where} (${ip}) listens on port ${port}`);
    return fail('refused', '', trace);
  }
  trace.push(`reached ${where} at ${ip}:${port}${isPodReady(pod) ? '' : ' (not ready)'}`);
  if (src !== h.clientIP) trace.push(`masqueraded: the pod sees the connection come from ${src}`);
  return { ok: true, message: '', pod, endpoint: `${ip}:${port}`, source: src, trace };
}

const peerOf = (pod: KObject): Peer & { pod: NonNullable<Peer['pod']> } => ({
  ip: pod.status?.podIP,
  pod: { namespace: pod.metadata.namespace!, labels: pod.metadata.labels ?? {}, obj: pod },
});

function peerByIP(net: Network, ip: string): Peer {
  const pod = inCIDR(ip, net.config.clusterCIDR) ? podByIP(net, ip) : undefined;
  return pod ? peerOf(pod) : { ip };
}

/** The pod with this address: found among the pods of the node whose pod range holds it. */
export function podByIP(net: Network, ip: string): KObject | undefined {
  const node = net.api.list('nodes').find((n) => n.spec?.podCIDR && inCIDR(ip, n.spec.podCIDR));
  if (!node) return undefined;
  return net.api
    .select('pods', { nodeName: node.metadata.name! })
    .find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
}
