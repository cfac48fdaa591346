// Where clients reach the ingress-nginx controller: the nodes running a Ready controller pod (hostPort 80 and
// 443, as the minikube addon and kind's ingress manifests run it), and the NodePorts of its Service on every node
// (the baremetal manifests, as in the seeds' `http://192.168.65.82:30940`).

import type { ApiServer } from '../../apiserver/apiserver';
import { isPodReady } from '../../api/pod';
import { CONTROLLER_NAMESPACE, CONTROLLER_SELECTOR } from './classes';

export const CONTROLLER_SERVICE = 'ingress-nginx-controller';

const internalIP = (node: any): string | undefined =>
  node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;

/** The InternalIPs of the nodes running a Ready controller pod, sorted. */
export function controllerAddresses(api: ApiServer): string[] {
  const ips = new Set<string>();
  for (const pod of api.select('pods', { namespace: CONTROLLER_NAMESPACE, labelSelector: CONTROLLER_SELECTOR })) {
    if (!isPodReady(pod) || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) continue;
    const ip = internalIP(api.tryGet('nodes', undefined, pod.spec.nodeName));
    if (ip) ips.add(ip);
  }
  return [...ips].sort();
}

/** Whether ip:port reaches the controller, and as which scheme's port. */
export function reachesController(api: ApiServer, ip: string, port: number): boolean {
  if ((port === 80 || port === 443) && controllerAddresses(api).includes(ip)) return true;
  const svc = api.tryGet('services', CONTROLLER_NAMESPACE, CONTROLLER_SERVICE);
  const nodePorts = (svc?.spec?.ports ?? []).map((p: any) => p.nodePort).filter((n: any) => n);
  if (!nodePorts.includes(port) || !controllerAddresses(api).length) return false;
  // a NodePort is open on every node
  return api.select('nodes').some((n) => internalIP(n) === ip);
}
