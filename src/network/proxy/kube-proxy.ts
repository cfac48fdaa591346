// kube-proxy on one node: the Services and their endpoints, turned into iptables rules or IPVS virtual servers.
// It is built on first use (a full sync, as at start-up) and afterwards rebuilds only the Services that changed
// (../network.ts marks them from the Service and EndpointSlice watches), so the cost follows the change.

import type { ApiServer } from '../../apiserver/apiserver';
import { splitKey } from '../../api/meta';
import { servicePorts } from './service-port';
import { endpointsOf } from './endpoints';
import { NODEPORTS_JUMP, ServiceRules, Tables, emptyTables, staticTables, writeServicePort, KUBE_SERVICES } from './iptables/proxier';
import { VirtualServer, virtualServers, DEFAULT_SCHEDULER } from './ipvs/proxier';

export type ProxyMode = 'iptables' | 'ipvs';

export interface ProxyConfig {
  mode: ProxyMode;
  /** the IPVS scheduler (`--ipvs-scheduler`), rr by default */
  scheduler: string;
  /** `--cluster-cidr`: kubeadm's podSubnet */
  clusterCIDR: string;
}

export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';

interface ServiceState { iptables: ServiceRules; ipvs: VirtualServer[] }

export class KubeProxy {
  private readonly services = new Map<string, ServiceState>();
  private readonly dirty = new Set<string>();
  private started = false;
  private composed?: Tables;
  /** how many Services the syncs so far rebuilt (the partial sync's measure) */
  rebuilt = 0;

  constructor(private readonly api: ApiServer, readonly node: string, readonly nodeIP: string, private readonly config: () => ProxyConfig) {}

  get mode(): ProxyMode { return this.config().mode; }

  /** A Service (`ns/name`) or its endpoints changed. */
  changed(key: string): void { if (this.started) { this.dirty.add(key); this.composed = undefined; } }

  /** The mode or the scheduler changed: the next sync starts afresh, as a restarted kube-proxy does. */
  restart(): void { this.started = false; this.services.clear(); this.dirty.clear(); this.composed = undefined; }

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
    out.nat.get(KUBE_SERVICES)!.push(NODEPORTS_JUMP);
    return (this.composed = out);
  }

  /** The IPVS virtual servers (IPVS mode). */
  virtualServers(): VirtualServer[] {
    this.sync();
    return [...this.services.values()].flatMap((s) => s.ipvs);
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
    const state: ServiceState = { iptables: emptyTables(), ipvs: [] };
    for (const sp of ports) {
      const eps = endpointsOf(this.api, sp);
      if (cfg.mode === 'iptables') writeServicePort(state.iptables, sp, eps, this.node, cfg.clusterCIDR);
      else state.ipvs.push(...virtualServers(sp, eps, this.node, this.nodeIP, cfg.scheduler || DEFAULT_SCHEDULER));
    }
    this.services.set(key, state);
  }
}
