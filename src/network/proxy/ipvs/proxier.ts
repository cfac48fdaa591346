// pkg/proxy/ipvs/proxier.go (v1.30) syncProxyRules: the IPVS virtual servers kube-proxy keeps on one node, one per
// service address (cluster IP, external IPs, load balancer IPs, and the node's address for a NodePort), each with
// its real servers (syncEndpoint: the Local-policy endpoints for addresses under a Local policy, else the Cluster
// ones). Cluster, external and load balancer IPs are bound to the dummy interface kube-ipvs0.

import type { ServicePortInfo } from '../service-port';
import { type Endpoint, categorize } from '../endpoints';

export interface RealServer {
  ip: string;
  port: number;
  weight: number;
  endpoint: Endpoint;
}

export interface VirtualServer {
  protocol: string;
  address: string;
  port: number;
  scheduler: string;
  /** persistence timeout in seconds (ClientIP affinity), 0 for none */
  persistent: number;
  /** the service port it serves, `ns/name:port` */
  service: string;
  /** a cluster, external or load balancer IP, bound to kube-ipvs0 */
  bound: boolean;
  dests: RealServer[];
}

export const DEFAULT_SCHEDULER = 'rr';

/** The virtual servers of one service port on the node; a NodePort listens on each of nodePortIPs. */
export function virtualServers(
  sp: ServicePortInfo,
  eps: Endpoint[],
  node: string,
  nodePortIPs: string[],
  scheduler: string,
  nodeZone?: string,
): VirtualServer[] {
  const { cluster, local } = categorize(eps, sp, node, nodeZone);
  const dests = (onlyLocal: boolean): RealServer[] =>
    (onlyLocal ? local : cluster).map((e) => ({ ip: e.ip, port: e.port, weight: 1, endpoint: e }));
  const vs = (address: string, port: number, onlyLocal: boolean, bound: boolean): VirtualServer => ({
    protocol: sp.protocol,
    address,
    port,
    scheduler,
    persistent: sp.stickySeconds,
    service: sp.name,
    bound,
    dests: dests(onlyLocal),
  });
  const out = [vs(sp.clusterIP, sp.port, sp.internalPolicyLocal, true)];
  for (const ip of sp.externalIPs) out.push(vs(ip, sp.port, sp.externalPolicyLocal, true));
  for (const ip of sp.loadBalancerIPs) out.push(vs(ip, sp.port, sp.externalPolicyLocal, true));
  if (sp.nodePort) for (const ip of nodePortIPs) out.push(vs(ip, sp.nodePort, sp.externalPolicyLocal, false));
  return out;
}
