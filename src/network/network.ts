// The cluster's data plane: a kube-proxy per node (created on first use), the proxy mode they run in, the
// conntrack-like state traffic leaves behind (ClientIP affinity, IPVS round-robin positions), the seeded random
// choices iptables' statistic match makes, and the hook through which HTTP requests reach an Ingress controller.

import type { KObject } from '../api/meta';
import type { ApiServer } from '../apiserver/apiserver';
import { notFound } from '../api/errors';
import { infoFor } from '../api/kinds';
import { Rng } from '../runtime/random';
import { deepEqual } from '../api/meta';
import {
  KubeProxy,
  type ProxyConfig,
  type ProxyMode,
  DEFAULT_CLUSTER_CIDR,
  validateNodePortAddresses,
} from './proxy/kube-proxy';
import { LABEL_SERVICE_NAME } from '../api/well-known';
import type { IngressRouter } from './ingress-route';
import type { Tables } from './proxy/iptables/proxier';
import type { IPSetView } from './packet';
import { ipvsModeTables } from './proxy/ipvs/iptables';
import { ipsetView } from './proxy/ipvs/ipset';
import { hostPortPods, portmapChains, withPortmap } from './cni/portmap';

export class Network {
  readonly config: ProxyConfig = {
    mode: 'iptables',
    scheduler: 'rr',
    clusterCIDR: DEFAULT_CLUSTER_CIDR,
    nodePortAddresses: [],
    masqueradeAll: false,
  };
  /** the statistic match's random numbers, apart from the cluster's so traffic does not shift names and IPs */
  readonly rng: Rng;
  /** xt_recent lists per node and list name: client IP -> last seen (ms) */
  readonly recent = new Map<string, Map<string, number>>();
  /** IPVS round-robin position per node and virtual server; persistence templates per client */
  readonly ipvsNext = new Map<string, number>();
  readonly ipvsPersist = new Map<string, { dest: string; until: number }>();
  /** Where HTTP requests for an Ingress host go (the Ingress controller's routing), when one is installed. */
  ingressRouter?: IngressRouter;
  /** The nodes the cloud's load balancer with this VIP sends to (the cloud provider's hook); undefined: no such load balancer. */
  loadBalancerHosts?: (ip: string) => string[] | undefined;
  /** whether a program in the pod listens on the port (the kubelets know; set by the cluster): else refused */
  listens?: (pod: KObject, port: number) => boolean;
  private readonly proxies = new Map<string, KubeProxy>();
  private watching = false;

  constructor(
    readonly api: ApiServer,
    seed: string | number,
  ) {
    this.rng = new Rng(`${seed}/traffic`);
    this.config.clusterCIDR = api.networking.podSubnet;
  }

  /** Switches every kube-proxy to the mode (and IPVS scheduler), as restarting them with new flags does. */
  setMode(mode: ProxyMode, scheduler?: string): void {
    this.config.mode = mode;
    if (scheduler) this.config.scheduler = scheduler;
    for (const p of this.proxies.values()) p.restart();
  }

  /** Sets kube-proxy's masqueradeAll on every node (restarting them). */
  setMasqueradeAll(on: boolean): void {
    this.config.masqueradeAll = on;
    for (const p of this.proxies.values()) p.restart();
  }

  /** Sets kube-proxy's nodePortAddresses on every node (restarting them); throws kube-proxy's validation errors. */
  setNodePortAddresses(list: string[]): void {
    const errs = validateNodePortAddresses(list);
    if (errs.length) throw new Error(errs.join('\n'));
    this.config.nodePortAddresses = [...list];
    for (const p of this.proxies.values()) p.restart();
  }

  /** The kube-proxy of a node; NotFound for a node the cluster does not have. */
  proxy(node: string): KubeProxy {
    const obj = this.api.tryGet('nodes', undefined, node);
    if (!obj) throw notFound(infoFor('nodes'), node);
    let p = this.proxies.get(node);
    if (!p) {
      this.watch();
      const ip = (obj.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
      p = new KubeProxy(this.api, node, ip, () => this.config);
      this.proxies.set(node, p);
    }
    return p;
  }

  /**
   * The node's nat and filter tables: kube-proxy's rules (per Service in iptables mode, the fixed ipset rules in
   * IPVS mode) and the CNI portmap plugin's rules for the host ports of the node's pods.
   */
  tables(node: string): Tables {
    const proxy = this.proxy(node);
    const base = proxy.mode === 'iptables' ? proxy.tables() : ipvsModeTables(this.config, proxy.ipsets());
    const pods = hostPortPods(this.api, node);
    if (!pods.length) return base;
    const podCIDR = this.api.tryGet('nodes', undefined, node)?.spec?.podCIDR ?? '';
    return { nat: withPortmap(base.nat, portmapChains(pods, podCIDR)), filter: base.filter };
  }

  /** The node's ipsets, as `-m set` matches read them (IPVS mode only; iptables mode keeps none). */
  ipsets(node: string): ((name: string) => IPSetView | undefined) | undefined {
    const proxy = this.proxy(node);
    if (proxy.mode !== 'ipvs') return undefined;
    const sets = proxy.ipsets();
    return (name) => ipsetView(sets, name);
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const mark = (key: string) => {
      for (const p of this.proxies.values()) p.changed(key);
    };
    this.api.watch('services', (ev) => mark(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`));
    // OnNodeUpdate: kube-proxy resyncs everything when its node's labels change (the zone topology uses)
    this.api.watch('nodes', (ev) => {
      if (ev.type !== 'MODIFIED' || deepEqual(ev.old?.metadata.labels, ev.object.metadata.labels)) return;
      this.proxies.get(ev.object.metadata.name!)?.restart();
    });
    this.api.watch('endpointslices', (ev) => {
      const name = ev.object.metadata.labels?.[LABEL_SERVICE_NAME] ?? ev.old?.metadata.labels?.[LABEL_SERVICE_NAME];
      if (name) mark(`${ev.object.metadata.namespace}/${name}`);
    });
  }
}
