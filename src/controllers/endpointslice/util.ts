// staging/src/k8s.io/endpointslice/util/controller_utils.go and pkg/api/v1/pod/util.go: which pods a Service
// publishes, their hostnames, and how a service port's targetPort resolves against a pod.

import type { Container, PodIP, ServicePort } from '../../api/types';
import type { KObject } from '../../api/meta';
import { isPodTerminal } from '../../api/pod';

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless terminating pods are wanted. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names itself into this service's subdomain. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec?.subdomain === svc.metadata.name &&
    svc.metadata.namespace === pod.metadata.namespace
  );
}

/**
 * FindPort: a number is used as is; a name is the first container port with that name and protocol, in the
 * containers and then the sidecars (init containers with restartPolicy Always). undefined: no suitable port.
 */
export function findPort(pod: KObject, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort;
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = svcPort.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c: Container) => c?.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c?.ports ?? [])
      if (p?.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod's IP of the service's family (IPv4 here); undefined when it has none. */
export function podIPv4(pod: KObject): string | undefined {
  const ips: string[] = pod.status?.podIPs?.length ? pod.status.podIPs.map((p: PodIP) => p.ip) : [pod.status?.podIP];
  return ips.find((ip) => ip && !ip.includes(':'));
}
