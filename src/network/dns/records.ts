// CoreDNS's kubernetes plugin as kubeadm configures it (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods
// insecure }`), answering from the API through the same reads its informers make. Records follow the
// Kubernetes DNS specification (kubernetes/dns docs/specification.md, schema 1.1.0):
//   <svc>.<ns>.svc.<zone>                  A cluster IP; headless: the ready endpoints; ExternalName: CNAME
//   <host>.<svc>.<ns>.svc.<zone>           A a headless endpoint, named by its hostname or dashed IP
//   _<port>._<proto>.<svc>.<ns>.svc.<zone> SRV for named ports
//   a-b-c-d.<ns>.pod.<zone>                A a.b.c.d (`pods insecure`: answered without looking the pod up)
// Names outside the zone go to the upstream resolvers, which the embedded cluster does not have.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { CLUSTER_DOMAIN, canonical } from '../../api/dns/names';
import { LABEL_SERVICE_NAME } from '../../api/well-known';

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export type Answer =
  | { type: 'A'; name: string; ips: string[] }
  | { type: 'CNAME'; name: string; target: string }
  | { type: 'SRV'; name: string; srv: SrvRecord[] }
  | { type: 'NXDOMAIN'; name: string }
  /** the name exists but has no record of the type asked for */
  | { type: 'NODATA'; name: string };

/** A ready endpoint of a headless service: its address and DNS label. */
interface Endpoint {
  ip: string;
  label: string;
}

export class CoreDNS {
  constructor(
    readonly api: ApiServer,
    readonly zone = CLUSTER_DOMAIN,
  ) {}

  /** One query, as the plugin answers it (A or SRV). */
  lookup(qname: string, qtype: 'A' | 'SRV' = 'A'): Answer {
    const name = canonical(qname);
    if (name !== this.zone && !name.endsWith(`.${this.zone}`)) return { type: 'NXDOMAIN', name };
    const labels = name === this.zone ? [] : name.slice(0, -(this.zone.length + 1)).split('.');
    const kind = labels[labels.length - 1];
    if (kind === 'pod' && labels.length === 3) return this.podRecord(name, labels[0], labels[1], qtype);
    if (kind !== 'svc' || labels.length < 3) return this.namespaceOrZone(name, labels);
    const [svcName, namespace] = labels.slice(-3, -1);
    const svc = this.api.tryGet('services', namespace, svcName);
    const rest = labels.slice(0, -3);
    if (!svc) return { type: 'NXDOMAIN', name };
    if (rest.length === 0) return this.serviceRecord(name, svc, qtype);
    if (rest.length === 2 && rest[0].startsWith('_') && rest[1].startsWith('_'))
      return this.srvRecord(name, svc, rest[0].slice(1), rest[1].slice(1), qtype);
    if (rest.length === 1 && svc.spec?.clusterIP === 'None') {
      const ips = this.endpoints(svc)
        .filter((e) => e.label === rest[0])
        .map((e) => e.ip);
      if (!ips.length) return { type: 'NXDOMAIN', name };
      return qtype === 'A' ? { type: 'A', name, ips } : { type: 'NODATA', name };
    }
    return { type: 'NXDOMAIN', name };
  }

  private serviceRecord(name: string, svc: KObject, qtype: 'A' | 'SRV'): Answer {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName') return { type: 'CNAME', name, target: canonical(spec.externalName ?? '') };
    if (qtype === 'SRV') {
      const srv = this.srvTargets(svc, spec.ports ?? []);
      return srv.length ? { type: 'SRV', name, srv } : { type: 'NODATA', name };
    }
    if (spec.clusterIP && spec.clusterIP !== 'None') return { type: 'A', name, ips: [spec.clusterIP] };
    const ips = unique(this.endpoints(svc).map((e) => e.ip));
    return ips.length ? { type: 'A', name, ips } : { type: 'NXDOMAIN', name };
  }

  private srvRecord(name: string, svc: KObject, port: string, proto: string, qtype: 'A' | 'SRV'): Answer {
    const ports = (svc.spec?.ports ?? []).filter(
      (p: any) => p.name && p.name.toLowerCase() === port && (p.protocol ?? 'TCP').toLowerCase() === proto,
    );
    if (!ports.length || svc.spec?.type === 'ExternalName') return { type: 'NXDOMAIN', name };
    if (qtype !== 'SRV') return { type: 'NODATA', name };
    return { type: 'SRV', name, srv: this.srvTargets(svc, ports) };
  }

  /** A service's SRV answers: the service itself, or each ready endpoint of a headless one; named ports only. */
  private srvTargets(svc: KObject, ports: any[]): SrvRecord[] {
    const named = ports.filter((p) => p.name);
    const base = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.zone}`;
    const targets =
      svc.spec?.clusterIP !== 'None'
        ? named.map((p) => ({ port: p.port as number, target: base }))
        : named.flatMap((p) =>
            this.endpoints(svc).map((e) => ({ port: this.endpointPort(svc, p), target: `${e.label}.${base}` })),
          );
    // CoreDNS weights each answer by its share of the set at the same priority
    const weight = Math.floor(100 / Math.max(1, targets.length));
    return targets.map((t) => ({ priority: 0, weight, ...t }));
  }

  /** A headless service's SRV port is the endpoints' port of that name (the target port). */
  private endpointPort(svc: KObject, port: any): number {
    for (const slice of this.slices(svc)) {
      const p = (slice.ports ?? []).find((x: any) => x.name === port.name);
      if (p?.port) return p.port;
    }
    return port.port;
  }

  /** The ready endpoints of a service's EndpointSlices (EndpointSliceToEndpoints skips the not-ready ones). */
  private endpoints(svc: KObject): Endpoint[] {
    const out: Endpoint[] = [];
    for (const slice of this.slices(svc)) {
      if (slice.addressType !== 'IPv4') continue;
      for (const e of slice.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        for (const ip of e.addresses ?? []) out.push({ ip, label: e.hostname || ip.replace(/\./g, '-') });
      }
    }
    return out;
  }

  private slices(svc: KObject): KObject[] {
    return this.api.list('endpointslices', {
      namespace: svc.metadata.namespace,
      labelSelector: `${LABEL_SERVICE_NAME}=${svc.metadata.name}`,
    });
  }

  /**
   * The PTR answer for an address: a Service's cluster IP names the Service; a ready endpoint of a headless
   * Service names `<hostname or dashed IP>.<svc>.<ns>.svc.<zone>` (the first such Service, by namespace and name).
   */
  reverse(ip: string): string | undefined {
    const services = this.api.list('services');
    const svc = services.find((s) => s.spec?.clusterIP === ip);
    if (svc) return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.zone}`;
    for (const h of services.filter((s) => s.spec?.clusterIP === 'None')) {
      const e = this.endpoints(h).find((x) => x.ip === ip);
      if (e) return `${e.label}.${h.metadata.name}.${h.metadata.namespace}.svc.${this.zone}`;
    }
    return undefined;
  }

  /** `pods insecure`: any dashed IPv4 address answers with itself. */
  private podRecord(name: string, dashed: string, _namespace: string, qtype: 'A' | 'SRV'): Answer {
    const parts = dashed.split('-');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
      return { type: 'NXDOMAIN', name };
    return qtype === 'A' ? { type: 'A', name, ips: [parts.map(Number).join('.')] } : { type: 'NODATA', name };
  }

  /** `<ns>.svc.<zone>`, `svc.<zone>`, the zone apex: names that exist with no A record, if the namespace does. */
  private namespaceOrZone(name: string, labels: string[]): Answer {
    if (labels.length === 0 || (labels.length === 1 && (labels[0] === 'svc' || labels[0] === 'pod')))
      return { type: 'NODATA', name };
    if (
      labels.length === 2 &&
      (labels[1] === 'svc' || labels[1] === 'pod') &&
      this.api.tryGet('namespaces', undefined, labels[0])
    )
      return { type: 'NODATA', name };
    return { type: 'NXDOMAIN', name };
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
