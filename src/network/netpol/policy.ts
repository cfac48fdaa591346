// NetworkPolicy as a CNI plugin enforces it (networking.k8s.io/v1 semantics): a pod is isolated for ingress
// (egress) once any policy in its namespace selects it with that policy type; an isolated pod's connection is
// allowed only if some selecting policy has a rule whose peers and ports admit it. Both ends must allow: the
// source's egress and the destination's ingress. Dropped packets look like a timeout to the client.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { fromLabelSelector, matches } from '../../api/selectors';
import { inCIDR } from '../../util/net';

/** One end of a connection: its address, and the pod behind it when it is a pod (namespace and labels). */
export interface Peer {
  ip: string;
  pod?: { namespace: string; labels: Record<string, string>; obj?: KObject };
}

export type PolicyVerdict = { allowed: true } | { allowed: false; direction: 'ingress' | 'egress'; policies: string[] };

/** policyTypes, or their default: Ingress, and Egress when the policy has egress rules. */
export function policyTypes(np: KObject): string[] {
  const t: string[] | undefined = np.spec?.policyTypes;
  if (t?.length) return t;
  return np.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether a connection from src to dst on port/protocol (after any DNAT) is allowed by both ends' policies. */
export function checkPolicies(api: ApiServer, src: Peer, dst: Peer, port: number, protocol: string): PolicyVerdict {
  if (src.pod) {
    const v = direction(api, 'Egress', src.pod, dst, port, protocol);
    if (v) return { allowed: false, direction: 'egress', policies: v };
  }
  if (dst.pod) {
    const v = direction(api, 'Ingress', dst.pod, src, port, protocol);
    if (v) return { allowed: false, direction: 'ingress', policies: v };
  }
  return { allowed: true };
}

/** The names of the policies isolating `subject` in this direction when none admits `other`; undefined if allowed. */
function direction(
  api: ApiServer,
  type: 'Ingress' | 'Egress',
  subject: NonNullable<Peer['pod']>,
  other: Peer,
  port: number,
  protocol: string,
): string[] | undefined {
  const selecting = api
    .select('networkpolicies', { namespace: subject.namespace })
    .filter(
      (np) => policyTypes(np).includes(type) && matches(fromLabelSelector(np.spec?.podSelector ?? {}), subject.labels),
    );
  if (!selecting.length) return undefined;
  // a named port is looked up on the destination pod
  const portPod = type === 'Ingress' ? subject.obj : other.pod?.obj;
  for (const np of selecting) {
    const rules: any[] = (type === 'Ingress' ? np.spec?.ingress : np.spec?.egress) ?? [];
    for (const rule of rules) {
      const peers: any[] | undefined = type === 'Ingress' ? rule?.from : rule?.to;
      if (!portsAdmit(rule?.ports, port, protocol, portPod)) continue;
      if (!peers?.length || peers.some((p) => peerAdmits(api, p, np.metadata.namespace!, other))) return undefined;
    }
  }
  return selecting.map((np) => np.metadata.name!).sort();
}

function portsAdmit(ports: any[] | undefined, port: number, protocol: string, pod: KObject | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p?.protocol ?? 'TCP') !== protocol) return false;
    if (p?.port === undefined || p?.port === null) return true;
    if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) return namedPort(pod, p.port, protocol) === port;
    const from = Number(p.port);
    return p.endPort ? port >= from && port <= p.endPort : port === from;
  });
}

function namedPort(pod: KObject | undefined, name: string, protocol: string): number | undefined {
  for (const c of pod?.spec?.containers ?? [])
    for (const p of c?.ports ?? []) if (p?.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

function peerAdmits(api: ApiServer, peer: any, policyNamespace: string, other: Peer): boolean {
  if (peer?.ipBlock) {
    if (!inCIDR(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((c: string) => inCIDR(other.ip, c));
  }
  const pod = other.pod;
  if (!pod) return false;
  if (peer?.namespaceSelector) {
    const ns = api.tryGet('namespaces', undefined, pod.namespace);
    if (!matches(fromLabelSelector(peer.namespaceSelector), ns?.metadata.labels ?? {})) return false;
  } else if (pod.namespace !== policyNamespace) return false;
  return !peer?.podSelector || matches(fromLabelSelector(peer.podSelector), pod.labels);
}
