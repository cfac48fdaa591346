// pkg/proxy/serviceport.go and servicechangetracker.go: what kube-proxy keeps of each port of a Service. Services
// without a cluster IP (headless, ExternalName) and those another proxy claims are skipped, as the informer's
// label selector and newBaseServiceInfo skip them.

import type { KObject } from '../../api/meta';
import { hintsAnnotation, LABEL_SERVICE_PROXY_NAME } from '../../api/well-known';
import { clusterPolicyChain, externalChain, firewallChain, localPolicyChain } from './chain-names';

export interface ServicePortInfo {
  /** `ns/name:port`, or `ns/name` when the port has no name (ServicePortName.String) */
  name: string;
  namespace: string;
  service: string;
  portName: string;
  clusterIP: string;
  port: number;
  /** TCP, UDP or SCTP */
  protocol: string;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** service.kubernetes.io/topology-mode (else the older topology-aware-hints annotation) */
  hintsAnnotation: string;
  /** ClientIP affinity timeout in seconds, 0 without affinity */
  stickySeconds: number;
  chains: { svc: string; svl: string; ext: string; fw: string };
}

/** servicePortName.String(): `ns/name:port`, the port part only when the port is named. */
export const servicePortName = (ns: string, name: string, port: string): string =>
  `${ns}/${name}${port ? `:${port}` : ''}`;

/** The ports kube-proxy programs for this Service; none for a Service it does not proxy. */
export function servicePorts(svc: KObject): ServicePortInfo[] {
  const spec = svc.spec ?? {};
  if (svc.metadata.labels?.[LABEL_SERVICE_PROXY_NAME] !== undefined) return [];
  if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') return [];
  const ns = svc.metadata.namespace!,
    name = svc.metadata.name!;
  const lbIPs: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: any) => i?.ip).filter(Boolean);
  return (spec.ports ?? []).map((p: any): ServicePortInfo => {
    const spn = servicePortName(ns, name, p.name ?? '');
    const proto = String(p.protocol ?? 'TCP').toLowerCase();
    const info: ServicePortInfo = {
      name: spn,
      namespace: ns,
      service: name,
      portName: p.name ?? '',
      clusterIP: spec.clusterIP,
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort ?? 0,
      externalIPs: spec.externalIPs ?? [],
      loadBalancerIPs: lbIPs,
      loadBalancerSourceRanges: spec.loadBalancerSourceRanges ?? [],
      healthCheckNodePort: spec.healthCheckNodePort ?? 0,
      externalPolicyLocal: false,
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      hintsAnnotation: hintsAnnotation(svc),
      stickySeconds:
        spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0,
      chains: {
        svc: clusterPolicyChain(spn, proto),
        svl: localPolicyChain(spn, proto),
        ext: externalChain(spn, proto),
        fw: firewallChain(spn, proto),
      },
    };
    info.externalPolicyLocal = externallyAccessible(info) && spec.externalTrafficPolicy === 'Local';
    return info;
  });
}

/** ExternallyAccessible: a NodePort, an external IP or a load balancer IP. */
export const externallyAccessible = (s: ServicePortInfo): boolean =>
  s.nodePort !== 0 || s.externalIPs.length > 0 || s.loadBalancerIPs.length > 0;
/** UsesClusterEndpoints / UsesLocalEndpoints (pkg/proxy/serviceport.go). */
export const usesClusterEndpoints = (s: ServicePortInfo): boolean =>
  !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal);
export const usesLocalEndpoints = (s: ServicePortInfo): boolean =>
  s.internalPolicyLocal || (externallyAccessible(s) && s.externalPolicyLocal);
