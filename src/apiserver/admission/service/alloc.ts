// pkg/registry/core/service/storage/alloc.go and the service strategy (pkg/registry/core/service/strategy.go):
// IP family fields, ClusterIPs and NodePorts taken at storage time, never half-applied: a failure frees what
// the request took, and an update frees what the new object no longer uses only once it succeeds.

import { StatusError, field, invalid } from '../../../api/errors';
import { infoFor } from '../../../api/kinds';
import type { KObject } from '../../../api/meta';
import type { Rng } from '../../../runtime/random';
import { IPAllocator, ErrFull as IPFull } from './ipallocator';
import { parseIPv4 } from '../../../util/net';
import { PortAllocator } from './portallocator';

/** kubeadm's service subnet and the apiserver's default node port range. */
export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_BASE = 30000;
export const NODE_PORT_SIZE = 2768;

const svcInfo = () => infoFor('services');
const fail = (name: string, f: string, value: unknown, detail: string): StatusError =>
  invalid(svcInfo(), name, [field.invalid(f, value, detail)]);
const internal = (msg: string): StatusError => new StatusError(500, 'InternalError', `Internal error occurred: ${msg}`);

export const needsClusterIP = (spec: any): boolean => spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
const needsNodePort = (spec: any): boolean => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
/** shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
const shouldAllocateNodePorts = (spec: any): boolean =>
  spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
const needsHCNodePort = (spec: any): boolean => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
/** serviceutil.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
const externallyAccessible = (spec: any): boolean =>
  spec.type === 'LoadBalancer' ||
  spec.type === 'NodePort' ||
  (spec.type === 'ClusterIP' && spec.externalIPs?.length > 0);

/** What one request took, to undo on failure. */
class Txn {
  ips: string[] = [];
  ports: number[] = [];
  constructor(private a: ServiceAllocator) {}
  revert(): void {
    for (const ip of this.ips) this.a.ips.release(ip);
    for (const p of this.ports) this.a.ports.release(p);
  }
}

export class ServiceAllocator {
  readonly ips: IPAllocator;
  readonly ports: PortAllocator;

  constructor(rng: Rng, cidr = SERVICE_CIDR) {
    this.ips = new IPAllocator(cidr, rng);
    this.ports = new PortAllocator(NODE_PORT_BASE, NODE_PORT_SIZE, rng);
  }

  /** PrepareForUpdate: patchAllocatedValues and dropTypeDependentFields, before validation. */
  prepareForUpdate(svc: KObject, old: KObject): void {
    const spec = svc.spec ?? (svc.spec = {}),
      was = old.spec ?? {};
    if (needsClusterIP(was) && needsClusterIP(spec)) {
      if (!spec.clusterIP) spec.clusterIP = was.clusterIP;
      if (!spec.clusterIPs?.length) spec.clusterIPs = was.clusterIPs;
    }
    if (needsNodePort(was) && needsNodePort(spec)) {
      const used = (s: any) => new Set<number>((s.ports ?? []).map((p: any) => p?.nodePort).filter((n: number) => n));
      const oldUsed = used(was),
        newUsed = used(spec);
      const byName = new Map<string, number>();
      for (const p of was.ports ?? []) byName.set(p?.name ?? '', p?.nodePort ?? 0);
      for (const p of spec.ports ?? []) {
        if (!p || p.nodePort) continue;
        const v = byName.get(p.name ?? '') ?? 0;
        if (v && !(oldUsed.has(v) && newUsed.has(v))) p.nodePort = v;
      }
    }
    if (needsHCNodePort(was) && needsHCNodePort(spec) && !spec.healthCheckNodePort)
      spec.healthCheckNodePort = was.healthCheckNodePort;
    // dropTypeDependentFields: values the old type needed go when the type changes, if the user left them as they were
    if (spec.type === 'ExternalName' && was.type !== 'ExternalName') {
      if (spec.clusterIP === was.clusterIP) delete spec.clusterIP;
      if (sameList(spec.clusterIPs, was.clusterIPs)) delete spec.clusterIPs;
      if (sameList(spec.ipFamilies, was.ipFamilies)) delete spec.ipFamilies;
      if (spec.ipFamilyPolicy === was.ipFamilyPolicy) delete spec.ipFamilyPolicy;
    }
    if (needsNodePort(was) && !needsNodePort(spec)) {
      const oldPorts = new Set((was.ports ?? []).map((p: any) => p?.nodePort));
      for (const p of spec.ports ?? []) if (p?.nodePort && oldPorts.has(p.nodePort)) delete p.nodePort;
    }
    if (needsHCNodePort(was) && !needsHCNodePort(spec) && spec.healthCheckNodePort === was.healthCheckNodePort)
      delete spec.healthCheckNodePort;
    if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
      if (spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts)
        delete spec.allocateLoadBalancerNodePorts;
      if (spec.loadBalancerClass === was.loadBalancerClass) delete spec.loadBalancerClass;
    }
    if (
      externallyAccessible(was) &&
      !externallyAccessible(spec) &&
      spec.externalTrafficPolicy === was.externalTrafficPolicy
    )
      delete spec.externalTrafficPolicy;
  }

  /** allocateCreate: IP family fields, ClusterIPs, NodePorts, health check node port. */
  allocateCreate(svc: KObject): void {
    const txn = new Txn(this);
    try {
      this.initIPFamilyFields(svc);
      this.allocClusterIPs(svc, undefined, txn);
      this.allocNodePorts(svc, undefined, txn);
    } catch (e) {
      txn.revert();
      throw e;
    }
  }

  allocateUpdate(svc: KObject, old: KObject): void {
    const txn = new Txn(this);
    try {
      if (old.spec?.type === 'ExternalName' && svc.spec?.type !== 'ExternalName') this.initIPFamilyFields(svc);
      this.allocClusterIPs(svc, old, txn);
      this.allocNodePorts(svc, old, txn);
    } catch (e) {
      txn.revert();
      throw e;
    }
    // the update goes ahead: free what the old object held and the new one does not
    const keepIPs = new Set(ipsOf(svc.spec));
    for (const ip of ipsOf(old.spec)) if (!keepIPs.has(ip)) this.ips.release(ip);
    const keepPorts = new Set(nodePortsOf(svc.spec));
    for (const p of nodePortsOf(old.spec)) if (!keepPorts.has(p)) this.ports.release(p);
  }

  release(svc: KObject): void {
    for (const ip of ipsOf(svc.spec)) this.ips.release(ip);
    for (const p of nodePortsOf(svc.spec)) this.ports.release(p);
  }

  /** initIPFamilyFields for a single-stack IPv4 cluster. */
  private initIPFamilyFields(svc: KObject): void {
    const spec = svc.spec;
    const name = svc.metadata.name ?? '';
    if (spec.type === 'ExternalName') return;
    // normalizeClusterIPs (strategy PrepareForCreate)
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    if (spec.ipFamilyPolicy === 'RequireDualStack') {
      throw fail(
        name,
        'spec.ipFamilyPolicy',
        'RequireDualStack',
        'this cluster is not configured for dual-stack services',
      );
    }
    (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
      if (f !== 'IPv4') throw fail(name, `spec.ipFamilies[${i}]`, f, 'not configured on this cluster');
    });
    if (spec.clusterIPs?.length > 1) {
      throw fail(
        name,
        'spec.clusterIPs',
        spec.clusterIPs,
        'this service can only have one IP address on a single-stack cluster',
      );
    }
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }

  private allocClusterIPs(svc: KObject, old: KObject | undefined, txn: Txn): void {
    const spec = svc.spec;
    if (!needsClusterIP(spec)) return;
    if (old && needsClusterIP(old.spec ?? {}) && spec.clusterIP === old.spec.clusterIP) return; // already ours
    if (!spec.clusterIP) {
      const ip = this.ips.allocateNext();
      if (!ip) throw internal(`failed to allocate a serviceIP: ${IPFull}`);
      txn.ips.push(ip);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      return;
    }
    // IsValidIP (validation runs on clusterIPs, which PrepareForCreate fills from clusterIP)
    if (parseIPv4(spec.clusterIP) === undefined && !spec.clusterIP.includes(':')) {
      throw fail(
        svc.metadata.name ?? '',
        'spec.clusterIPs[0]',
        spec.clusterIP,
        'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      );
    }
    const err = this.ips.allocate(spec.clusterIP);
    if (err)
      throw fail(
        svc.metadata.name ?? '',
        'spec.clusterIPs',
        spec.clusterIPs ?? [spec.clusterIP],
        `failed to allocate IP ${spec.clusterIP}: ${err}`,
      );
    txn.ips.push(spec.clusterIP);
  }

  /** initNodePorts / updateNodePorts: one node port per service port number (shared across protocols). */
  private allocNodePorts(svc: KObject, old: KObject | undefined, txn: Txn): void {
    const spec = svc.spec,
      name = svc.metadata.name ?? '';
    const held = new Set<number>(old ? nodePortsOf(old.spec ?? {}) : []);
    const take = (np: number, i: number, f = `spec.ports[${i}].nodePort`) => {
      if (held.has(np) || txn.ports.includes(np)) return;
      const err = this.ports.allocate(np);
      if (err) throw fail(name, f, np, err);
      txn.ports.push(np);
    };
    if (needsNodePort(spec)) {
      const byPort = new Map<number, number>();
      const ports: any[] = spec.ports ?? [];
      ports.forEach((sp, i) => {
        if (!sp.nodePort && !shouldAllocateNodePorts(spec)) return;
        const allocated = byPort.get(sp.port);
        if (allocated === undefined) {
          // a later port with the same number may carry the user's value
          const requested = sp.nodePort || ports.slice(i).find((p) => p.port === sp.port && p.nodePort)?.nodePort || 0;
          if (requested) {
            take(requested, i);
            sp.nodePort = requested;
          } else {
            const np = this.ports.allocateNext();
            if (np === undefined) throw internal('failed to allocate a nodePort: range is full');
            txn.ports.push(np);
            sp.nodePort = np;
          }
          byPort.set(sp.port, sp.nodePort);
        } else if (sp.nodePort !== allocated) {
          if (!sp.nodePort) sp.nodePort = allocated;
          else take(sp.nodePort, i);
        }
      });
    }
    if (needsHCNodePort(spec)) {
      if (spec.healthCheckNodePort) take(spec.healthCheckNodePort, 0, 'spec.healthCheckNodePort');
      else {
        const np = this.ports.allocateNext();
        if (np === undefined) throw internal('failed to allocate a nodePort: range is full');
        txn.ports.push(np);
        spec.healthCheckNodePort = np;
      }
    }
  }
}

function ipsOf(spec: any): string[] {
  if (!spec || spec.type === 'ExternalName') return [];
  const ips: string[] = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return ips.filter((ip) => ip && ip !== 'None');
}

function nodePortsOf(spec: any): number[] {
  if (!spec) return [];
  const out = (spec.ports ?? []).map((p: any) => p?.nodePort).filter((n: number) => n);
  if (spec.healthCheckNodePort) out.push(spec.healthCheckNodePort);
  return out;
}

function sameList(a: unknown[] | undefined, b: unknown[] | undefined): boolean {
  return (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);
}
