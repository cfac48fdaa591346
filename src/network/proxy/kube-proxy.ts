// kube-proxy on one node: the Services and their endpoints, turned into iptables rules or IPVS virtual servers.
// It is built on first use (a full sync, as at start-up) and afterwards rebuilds only the Services that changed
// (../network.ts marks them from the Service and EndpointSlice watches), so the cost follows the change.

import type { ApiServer } from '../../apiserver/apiserver';
import { splitKey } from '../../api/meta';
import { servicePorts } from './service-port';
import { inCIDR, isIPv4 } from '../../util/net';
import { LABEL_TOPOLOGY_ZONE } from '../../api/well-known';
import { endpointsIn, endpointsOf, presenceIn, slicesOf } from './endpoints';
import {
  nodePortJumps,
  type ServiceRules,
  type Tables,
  emptyTables,
  staticTables,
  writeServicePort,
  KUBE_SERVICES,
  SHARED_CHAINS,
} from './iptables/proxier';
import { LazyChains } from './iptables/lazy-chains';
import type { Chains, Rule } from './iptables/rule';
import { type VirtualServer, virtualServers, DEFAULT_SCHEDULER } from './ipvs/proxier';
import { type IPSets, buildIPSets, ipsetEntries } from './ipvs/ipset';

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
  const at = (i: number, v: string, msg: string) =>
    `KubeProxyConfiguration.NodePortAddresses[${i}]: Invalid value: "${v}": ${msg}`;
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

/** What one Service contributes: in iptables mode its lines in the dispatch chains and the writer of its own chains. */
interface ServiceState {
  shared: ServiceRules;
  entryChains: string[];
  writeOwn?: () => Chains;
  ipvs: VirtualServer[];
  ipset: [string, string][];
}

export class KubeProxy {
  private readonly services = new Map<string, ServiceState>();
  private readonly dirty = new Set<string>();
  private started = false;
  /** the iptables tables, kept from sync to sync: each Service's chains written on first read (LazyChains) */
  private composed?: { nat: LazyChains; filter: Chains };
  /** the Services in key order (the order their lines take in the dispatch chains) */
  private order: string[] = [];
  /** dispatch chains (`nat/KUBE-SERVICES`) whose lines changed since they were last written */
  private staleShared = new Set<string>();
  private composedSets?: IPSets;
  /** how many Services the syncs so far rebuilt (the partial sync's measure) */
  rebuilt = 0;

  constructor(
    private readonly api: ApiServer,
    readonly node: string,
    readonly nodeIP: string,
    private readonly config: () => ProxyConfig,
  ) {}

  get mode(): ProxyMode {
    return this.config().mode;
  }

  /** A Service (`ns/name`) or its endpoints changed. */
  changed(key: string): void {
    if (this.started) {
      this.dirty.add(key);
      this.composedSets = undefined;
    }
  }

  /** The mode or the scheduler changed: the next sync starts afresh, as a restarted kube-proxy does. */
  restart(): void {
    this.started = false;
    this.services.clear();
    this.dirty.clear();
    this.composed = undefined;
    this.composedSets = undefined;
    this.order = [];
    this.staleShared.clear();
  }

  /**
   * The nat and filter tables (iptables mode). As the proxier's partial sync: only the changed Services' chains
   * are rewritten, and a dispatch chain only when some Service's lines in it changed.
   */
  tables(): Tables {
    this.sync();
    if (!this.composed) {
      const st = staticTables();
      const nat = new LazyChains();
      for (const [chain, rules] of st.nat) nat.set(chain, rules);
      this.composed = { nat, filter: st.filter };
      this.order = [...this.services.keys()].sort();
      for (const k of this.order) this.defer(k, this.services.get(k)!);
      for (const t of ['nat', 'filter'] as const) for (const c of SHARED_CHAINS[t]) this.staleShared.add(`${t}/${c}`);
    }
    for (const id of this.staleShared) {
      const [t, chain] = id.split('/') as ['nat' | 'filter', string];
      const rules: Rule[] = [];
      for (const k of this.order) {
        const r = this.services.get(k)!.shared[t].get(chain);
        if (r) for (const x of r) rules.push(x);
      }
      if (t === 'nat' && chain === KUBE_SERVICES) rules.push(...nodePortJumps(this.nodePortIPs()));
      this.composed[t].set(chain, rules);
    }
    this.staleShared.clear();
    return this.composed;
  }

  private defer(key: string, state: ServiceState): void {
    if (state.writeOwn) this.composed!.nat.defer(key, state.entryChains, state.writeOwn);
    else this.composed!.nat.drop(key);
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
    const old = this.services.get(key);
    if (!ports.length) {
      if (!old) return;
      this.services.delete(key);
      if (this.composed) {
        this.composed.nat.drop(key);
        this.order.splice(this.position(key), 1);
        this.staleAll(old.shared);
      }
      return;
    }
    const cfg = this.config();
    const zone = this.api.tryGet('nodes', undefined, this.node)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
    const state: ServiceState = { shared: emptyTables(), entryChains: [], ipvs: [], ipset: [] };
    if (cfg.mode === 'iptables') {
      const cidr = cfg.masqueradeAll ? undefined : cfg.clusterCIDR;
      // the slices as they are now (stored objects are frozen): the own chains, written when first read, build the
      // endpoints from them; the dispatch chains need only whether there are any
      const withSlices = ports.map((sp) => ({ sp, slices: slicesOf(this.api, sp) }));
      for (const { sp, slices } of withSlices) {
        writeServicePort(state.shared, sp, presenceIn(slices, sp, this.node, zone), this.node, cidr, zone, 'shared');
        state.entryChains.push(sp.chains.svc, sp.chains.svl, sp.chains.ext, sp.chains.fw);
      }
      state.writeOwn = () => {
        const own = emptyTables();
        for (const { sp, slices } of withSlices)
          writeServicePort(own, sp, endpointsIn(slices, sp), this.node, cidr, zone, 'own');
        return own.nat;
      };
    } else {
      for (const sp of ports) {
        const eps = endpointsOf(this.api, sp);
        state.ipvs.push(
          ...virtualServers(sp, eps, this.node, this.ipvsNodePortIPs(), cfg.scheduler || DEFAULT_SCHEDULER, zone),
        );
        state.ipset.push(...ipsetEntries(sp, eps, this.node, this.ipvsNodePortIPs()));
      }
    }
    this.services.set(key, state);
    if (!this.composed) return;
    if (!old) this.order.splice(this.position(key), 0, key);
    this.defer(key, state);
    // a dispatch chain is rewritten only when this Service's lines in it changed
    for (const t of ['nat', 'filter'] as const) {
      for (const c of SHARED_CHAINS[t])
        if (!sameRules(old?.shared[t].get(c), state.shared[t].get(c))) this.staleShared.add(`${t}/${c}`);
    }
  }

  private staleAll(shared: ServiceRules): void {
    for (const t of ['nat', 'filter'] as const) for (const c of shared[t].keys()) this.staleShared.add(`${t}/${c}`);
  }

  /** Where the key is, or would go, in the sorted order. */
  private position(key: string): number {
    let lo = 0,
      hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Whether two lists of rules are the same (rules are plain data). */
function sameRules(a: Rule[] | undefined, b: Rule[] | undefined): boolean {
  if (!a?.length || !b?.length) return !a?.length && !b?.length;
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
