// A simulated cloud's load balancers (the LoadBalancer interface of k8s.io/cloud-provider, cloud.go): each
// LoadBalancer Service gets one VIP from the cloud's address pool, kept while the Service wants it. The cloud
// is outside the cluster: its state lives here, not in the API. Provisioning takes PROVISION_SECONDS. Each load
// balancer sends traffic to the hosts (nodes) the service controller last gave it.

import { formatIPv4, parseIPv4 } from '../util/net';

/** The pool: 172.18.255.200-250, beside the nodes' network, as cloud-provider-kind and MetalLB setups hand out. */
export const LB_POOL_FIRST = '172.18.255.200';
export const LB_POOL_SIZE = 51;
export const PROVISION_SECONDS = 10;

export class FakeCloud {
  private readonly byService = new Map<string, string>();
  private readonly taken = new Set<string>();
  /** the nodes each load balancer sends traffic to (the hosts EnsureLoadBalancer and UpdateLoadBalancer were given) */
  private readonly hostsOf = new Map<string, string[]>();
  private readonly byIP = new Map<string, string>();

  /** The Services that have a load balancer. */
  keys(): string[] {
    return [...this.byService.keys()];
  }

  /** The hosts of the load balancer with this VIP; undefined when the cloud has no such load balancer. */
  hostsForIP(ip: string): string[] | undefined {
    const key = this.byIP.get(ip);
    return key === undefined ? undefined : (this.hostsOf.get(key) ?? []);
  }

  /** UpdateLoadBalancer: the load balancer now sends traffic to these nodes; false when it does not exist. */
  update(key: string, hosts: string[]): boolean {
    if (!this.byService.has(key)) return false;
    this.hostsOf.set(key, [...hosts]);
    return true;
  }

  /** GetLoadBalancer: the VIP a Service already has. */
  get(key: string): string | undefined {
    return this.byService.get(key);
  }

  /** EnsureLoadBalancer: the Service's VIP (the requested one, when loadBalancerIP names a free pool address), sending to hosts. */
  ensure(key: string, requested?: string, hosts: string[] = []): { ip: string } | { error: string } {
    const have = this.byService.get(key);
    if (have && (!requested || requested === have)) {
      this.hostsOf.set(key, [...hosts]);
      return { ip: have };
    }
    if (have) this.release(key);
    let ip: string | undefined;
    if (requested) {
      const n = parseIPv4(requested),
        first = parseIPv4(LB_POOL_FIRST)!;
      if (n === undefined || n < first || n >= first + LB_POOL_SIZE)
        return { error: `requested ip "${requested}" is not in the load balancer address pool` };
      if (this.taken.has(requested)) return { error: `requested ip "${requested}" is already in use` };
      ip = requested;
    } else {
      const first = parseIPv4(LB_POOL_FIRST)!;
      for (let i = 0; i < LB_POOL_SIZE && !ip; i++)
        if (!this.taken.has(formatIPv4(first + i))) ip = formatIPv4(first + i);
      if (!ip) return { error: 'no addresses left in the load balancer address pool' };
    }
    this.taken.add(ip);
    this.byService.set(key, ip);
    this.byIP.set(ip, key);
    this.hostsOf.set(key, [...hosts]);
    return { ip };
  }

  /** EnsureLoadBalancerDeleted */
  release(key: string): void {
    const ip = this.byService.get(key);
    if (ip) {
      this.taken.delete(ip);
      this.byIP.delete(ip);
    }
    this.byService.delete(key);
    this.hostsOf.delete(key);
  }
}

/** The cluster's cloud provider: a cloud, or none (kubeadm's clusters), which the cluster decides before any
 *  LoadBalancer Service exists; the service controller and the network both ask it. */
export class CloudProvider {
  cloud: FakeCloud | undefined = new FakeCloud();

  /** No cloud: LoadBalancer Services keep `<pending>`, no finalizer, no events. */
  remove(): void {
    if (this.cloud?.keys().length)
      throw new Error('the cloud provider already has load balancers: remove it before creating LoadBalancer Services');
    this.cloud = undefined;
  }
}
