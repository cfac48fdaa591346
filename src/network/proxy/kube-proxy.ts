// kube-proxy on one node: the Services and their endpoints, turned into iptables rules or IPVS virtual servers.
// It is built on first use (a full sync, as at start-up) and afterwards rebuilds only the Services that changed
// (../network.ts marks them from the Service and EndpointSlice watches), so the cost follows the change.

import type { ApiServer } from '../../apiserver/apiserver';
import { splitKey } from '../../api/meta';
import { servicePorts } from './service-port';
import { inCIDR, isIPv4 } from '../traffic/ip';
import { LABEL_TOPOLOGY_ZONE } from '../../controllers/endpointslice/topologycache';
import { endpointsOf } from './endpoints';
import { nodePortJumps, ServiceRules, Tables, emptyTables, staticTables, writeServicePort, KUBE_SERVICES } from './iptables/proxier';
import { VirtualServer, virtualServers, DEFAULT_SCHEDULER } from './ipvs/proxier';
import { IPSets, buildIPSets, ipsetEntries } from './ipvs/ipset';

export type ProxyMode = 'iptables' | 'ipvs';

export interface ProxyConfig {
  mode: ProxyMode;
  /** the IPVS scheduler (`--ipvs-scheduler`), rr by default */
  scheduler: string;
  /** `--cluster-cidr`: kubeadm's podSubnet */
  clusterCIDR: string;
  /** nodePortAddresses: CIDRs (or `primary`) selecting the node addresses NodePorts answer on; empty: every address */
  nodePortAddresses: string[];
  /** masqueradeAll: SNAT every connection to a cluster IP, not only those from outside the pod network */
  masqueradeAll: boolean;
}

export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** nodePortAddresses `primary`: the node's primary address only */
export const NODE_PORT_ADDRESSES_PRIMARY = 'primary';
const LOCALHOST = '127.0.0.1';

/** validateKubeProxyNodePortAddress: the field errors kube-proxy refuses to start with. */
export function validateNodePortAddresses(list: string[]): string[] {
  const errs: string[] = [];
  const at = (i: number, v: string, msg: string) => `KubeProxyConfiguration.NodePortAddresses[${i}]: Invalid value: "${v}": ${msg}`;
  for (const [i, v] of list.entries()) {
    if (v === NODE_PORT_ADDRESSES_PRIMARY) {
      if (i !== 0 || list.length !== 1) errs.push(at(i, v, "can't use both 'primary' and CIDRs"));
      break;
    }
    const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(v);
    if (!m || !isIPv4(m[1]) || Number(m[2]) > 32) errs.push(at(i, v, 'must be a valid CIDR'));
  }
  return errs;
}

interface ServiceState { iptables: ServiceRules; ipvs: VirtualServer[]; ipset: [string, string][] }

export class KubeProxy {
  private readonly services = new Map<string, ServiceState>();
  private readonly dirty = new Set<string>();
  private started = false;
  private composed?: Tables;
  private composedSets?: IPSets;
  /** how many Services the syncs so far rebuilt (the partial sync's measure) */
  rebuilt = 0;

  constructor(private readonly api: ApiServer, readonly node: string, readonly nodeIP: string, private readonly config: () => ProxyConfig) {}

  get mode(): ProxyMode { return this.config().mode; }

  /** A Service (`ns/name`) or its endpoints changed. */
  changed(key: string): void { if (this.started) { this.dirty.add(key); this.composed = undefined; this.composedSets = undefined; } }

  /** The mode or the scheduler changed: the next sync starts afresh, as a restarted kube-proxy does. */
  restart(): void { this.started = false; this.services.clear(); this.dirty.clear(); this.composed = undefined; this.composedSets = undefined; }

  /** The nat and filter tables (iptables mode). */
  tables(): Tables {
    this.sync();
    if (this.composed) return this.composed;
    const out = staticTables();
    const keys = [...this.services.keys()].sort();
    for (const k of keys) {
      const rules = this.services.get(k)!.iptables;
      for (const t of ['nat', 'filter'] as const) {
        for (const [chain, list] of rules[t]) {
          const into = out[t].get(chain);
          if (into) into.push(...list); else out[t].set(chain, [...list]);
        }
      }
    }
    out.nat.get(KUBE_SERVICES)!.push(...nodePortJumps(this.nodePortIPs()));
    return (this.composed = out);
  }

  /** The ipsets and their members (IPVS mode; every set exists, empty in iptables mode). */
  ipsets(): IPSets {
    this.sync();
    if (!this.composedSets) this.composedSets = buildIPSets([...this.services.values()].flatMap((s) => s.ipset));
    return this.composedSets;
  }

  /** The IPVS virtual servers (IPVS mode). */
  virtualServers(): VirtualServer[] {
    this.sync();
    return [...this.services.values()].flatMap((s) => s.ipvs);
  }

  /** GetNodeIPs: the node's addresses (lo, then eth0) that nodePortAddresses selects; 'all' without it. */
  nodePortIPs(): string[] | 'all' {
    const cidrs = this.config().nodePortAddresses;
    if (!cidrs.length) return 'all';
    if (cidrs[0] === NODE_PORT_ADDRESSES_PRIMARY) return [this.nodeIP];
    return [LOCALHOST, this.nodeIP].filter((ip) => cidrs.some((c) => inCIDR(ip, c)));
  }

  /** The addresses IPVS NodePort virtual servers listen on: the node's address, or those nodePortAddresses selects. */
  private ipvsNodePortIPs(): string[] {
    const ips = this.nodePortIPs();
    return ips === 'all' ? [this.nodeIP] : ips;
  }

  private sync(): void {
    if (!this.started) {
      this.started = true;
      for (const svc of this.api.select('services')) this.rebuild(`${svc.metadata.namespace}/${svc.metadata.name}`);
      return;
    }
    for (const key of this.dirty) this.rebuild(key);
    this.dirty.clear();
  }

  private rebuild(key: string): void {
    this.rebuilt++;
    const [ns, name] = splitKey(key);
    const svc = this.api.tryGet('services', ns, name);
    const ports = svc ? servicePorts(svc) : [];
    if (!ports.length) { this.services.delete(key); return; }
    const cfg = this.config();
    const zone = this.api.tryGet('nodes', undefined, this.node)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
    const state: ServiceState = { iptables: emptyTables(), ipvs: [], ipset: [] };
    for (const sp of ports) {
      const eps = endpointsOf(this.api, sp);
      if (cfg.mode === 'iptables') writeServicePort(state.iptables, sp, eps, this.node, cfg.masqueradeAll ? undefined : cfg.clusterCIDR, zone);
      else {
        state.ipvs.push(...virtualServers(sp, eps, this.node, this.ipvsNodePortIPs(), cfg.scheduler || DEFAULT_SCHEDULER, zone));
        state.ipset.push(...ipsetEntries(sp, eps, this.node, this.ipvsNodePortIPs()));
      }
    }
    this.services.set(key, state);
  }
}
