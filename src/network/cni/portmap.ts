// The CNI portmap plugin (containernetworking/plugins plugins/meta/portmap, portmap_iptables.go): a pod's
// container ports with a hostPort are forwarded from the node's addresses to the pod, in the node's nat table.
// PREROUTING and OUTPUT jump to CNI-HOSTPORT-DNAT for local destinations; there each pod sandbox has an entry
// (newest first, as portmap prepends it) jumping to its CNI-DN-<hash> chain, which marks hairpin and localhost
// traffic for masquerade (CNI-HOSTPORT-SETMARK, masqueraded in CNI-HOSTPORT-MASQ from POSTROUTING) and DNATs
// hostIP:hostPort to podIP:containerPort. The kubelet passes the ports as the sandbox's port mappings.

import { createHash } from 'node:crypto';
import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { Chains, Rule } from '../proxy/iptables/rule';
import { append } from '../proxy/iptables/rule';

export const CNI_HOSTPORT_DNAT = 'CNI-HOSTPORT-DNAT';
export const CNI_HOSTPORT_SETMARK = 'CNI-HOSTPORT-SETMARK';
export const CNI_HOSTPORT_MASQ = 'CNI-HOSTPORT-MASQ';
/** markMasqBit 13, portmap's default */
export const PORTMAP_MASQ_MARK = '0x2000/0x2000';
/** the CNI network's name (the conflist's `name`): flannel's `cbr0`, whose pod network 10.244.0.0/16 the model uses */
export const CNI_NETWORK_NAME = 'cbr0';
/** multiport takes up to 15 ports a rule (splitPortList) */
const MULTIPORT_MAX = 15;

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: string;
  hostIP: string;
}

/** The sandbox ID the runtime gave the pod (not in the API: derived from the pod's uid, 64 hex digits). */
export const sandboxID = (pod: KObject): string =>
  createHash('sha256').update(`sandbox/${pod.metadata.uid}`).digest('hex');

/** utils.MustFormatChainNameWithPrefix(name, id, "DN-"): `CNI-DN-` and the sha512 of name+id in hex, 28 characters. */
export const dnatChainName = (netName: string, containerID: string): string =>
  `CNI-DN-${createHash('sha512')
    .update(netName + containerID)
    .digest('hex')}`.slice(0, 28);

/** The kubelet's port mappings for the sandbox: every container port with a hostPort (protocol in lower case). */
export function portMappings(pod: KObject): PortMapping[] {
  const out: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c?.ports ?? []) {
      if (p?.hostPort > 0)
        out.push({
          hostPort: p.hostPort,
          containerPort: p.containerPort,
          protocol: String(p.protocol ?? 'TCP').toLowerCase(),
          hostIP: p.hostIP ?? '',
        });
    }
  }
  return out;
}

/** A sandbox that portmap has set up: a pod network (not hostNetwork) pod with an address that has not finished. */
const hasSandbox = (pod: KObject): boolean =>
  !pod.spec?.hostNetwork && !!pod.status?.podIP && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

/** The node's pods with host ports, newest sandbox first (portmap prepends each pod's entry). */
export function hostPortPods(api: ApiServer, node: string): KObject[] {
  const pods = api.select('pods', { nodeName: node }).filter((p) => hasSandbox(p) && portMappings(p).length > 0);
  const started = (p: KObject) => String(p.status?.startTime ?? p.metadata.creationTimestamp ?? '');
  return pods.sort((a, b) =>
    started(b) < started(a) ? -1 : started(b) > started(a) ? 1 : a.metadata.name! < b.metadata.name! ? 1 : -1,
  );
}

/** trimComment: iptables comments are at most 256 characters. */
const trimComment = (s: string) => (s.length > 256 ? s.slice(0, 253) + '...' : s);

/** The nat rules portmap adds for these pods of one node (none without host ports); `podCIDR` is the node's pod range, the
 * subnet of each pod's address (containerNet) that hairpin traffic comes from. */
export function portmapChains(pods: KObject[], podCIDR: string): Chains {
  const nat: Chains = new Map();
  if (!pods.length) return nat;
  append(nat, 'PREROUTING', { matches: [{ m: 'addrtype', dstType: 'LOCAL' }], j: CNI_HOSTPORT_DNAT });
  append(nat, 'OUTPUT', { matches: [{ m: 'addrtype', dstType: 'LOCAL' }], j: CNI_HOSTPORT_DNAT });
  append(nat, 'POSTROUTING', {
    matches: [{ m: 'comment', text: 'CNI portfwd requiring masquerade' }],
    j: CNI_HOSTPORT_MASQ,
  });
  append(nat, CNI_HOSTPORT_SETMARK, {
    matches: [{ m: 'comment', text: 'CNI portfwd masquerade mark' }],
    j: 'MARK',
    targetArgs: `--set-xmark ${PORTMAP_MASQ_MARK}`,
  });
  append(nat, CNI_HOSTPORT_MASQ, { matches: [{ m: 'mark', mark: PORTMAP_MASQ_MARK }], j: 'MASQUERADE' });
  nat.set(CNI_HOSTPORT_DNAT, []);
  for (const pod of pods) {
    const id = sandboxID(pod),
      chain = dnatChainName(CNI_NETWORK_NAME, id),
      ip = pod.status.podIP;
    const entries = portMappings(pod);
    const comment = trimComment(`dnat name: "${CNI_NETWORK_NAME}" id: "${id}"`);
    const protos = [...new Set(entries.map((e) => e.protocol))].sort();
    for (const proto of protos) {
      const ports = [...new Set(entries.filter((e) => e.protocol === proto).map((e) => e.hostPort))];
      for (let i = 0; i < ports.length; i += MULTIPORT_MAX) {
        append(nat, CNI_HOSTPORT_DNAT, {
          p: proto,
          matches: [
            { m: 'comment', text: comment },
            { m: 'multiport', dports: ports.slice(i, i + MULTIPORT_MAX) },
          ],
          j: chain,
        });
      }
    }
    for (const e of entries) {
      const base = (rest: Partial<Rule>): Rule => ({
        p: e.protocol,
        d: e.hostIP && e.hostIP !== '0.0.0.0' ? e.hostIP : undefined,
        matches: [{ m: 'proto', proto: e.protocol, dport: e.hostPort }],
        j: '',
        ...rest,
      });
      append(nat, chain, base({ s: podCIDR, j: CNI_HOSTPORT_SETMARK }));
      append(nat, chain, base({ s: '127.0.0.1', j: CNI_HOSTPORT_SETMARK }));
      append(nat, chain, base({ j: 'DNAT', toDestination: `${ip}:${e.containerPort}` }));
    }
  }
  return nat;
}

/**
 * The node's nat table with portmap's rules merged in: its jumps after kube-proxy's in PREROUTING and OUTPUT
 * (portmap appends there, kube-proxy inserts first), CNI-HOSTPORT-MASQ first in POSTROUTING (portmap prepends).
 * The given table is not changed.
 */
export function withPortmap(nat: Chains, cni: Chains): Chains {
  if (!cni.size) return nat;
  const out: Chains = new Map(nat);
  for (const [chain, rules] of cni) {
    const have = out.get(chain) ?? [];
    out.set(chain, chain === 'POSTROUTING' ? [...rules, ...have] : [...have, ...rules]);
  }
  return out;
}
