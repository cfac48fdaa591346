// The ipsets kube-proxy keeps in IPVS mode (pkg/proxy/ipvs/ipset.go, proxier.go ipsetInfo and syncService): every
// set is created at start-up, and each sync fills them from the Services and endpoints, so the iptables rules
// (./iptables.ts) stay a fixed handful that match sets. `ipset list` prints them as ipset does.

import type { ServicePortInfo } from '../service-port';
import type { Endpoint } from '../endpoints';
import type { Packet, IPSetView } from '../../packet';
import { inCIDR, parseIPv4 } from '../../../util/net';

export type SetType = 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port' | 'hash:ip';

export const KUBE_LOOP_BACK = 'KUBE-LOOP-BACK';
export const KUBE_CLUSTER_IP = 'KUBE-CLUSTER-IP';
export const KUBE_EXTERNAL_IP = 'KUBE-EXTERNAL-IP';
export const KUBE_EXTERNAL_IP_LOCAL = 'KUBE-EXTERNAL-IP-LOCAL';
export const KUBE_LOAD_BALANCER = 'KUBE-LOAD-BALANCER';
export const KUBE_LOAD_BALANCER_FW = 'KUBE-LOAD-BALANCER-FW';
export const KUBE_LOAD_BALANCER_LOCAL = 'KUBE-LOAD-BALANCER-LOCAL';
export const KUBE_LOAD_BALANCER_SOURCE_IP = 'KUBE-LOAD-BALANCER-SOURCE-IP';
export const KUBE_LOAD_BALANCER_SOURCE_CIDR = 'KUBE-LOAD-BALANCER-SOURCE-CIDR';
export const KUBE_HEALTH_CHECK_NODE_PORT = 'KUBE-HEALTH-CHECK-NODE-PORT';
export const KUBE_IPVS_IPS = 'KUBE-IPVS-IPS';

/** ipsetInfo: name, type and comment, in the order kube-proxy creates them. */
export const IPSET_INFO: { name: string; type: SetType; comment: string }[] = [
  {
    name: KUBE_LOOP_BACK,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  },
  {
    name: KUBE_CLUSTER_IP,
    type: 'hash:ip,port',
    comment: 'Kubernetes service cluster ip + port for masquerade purpose',
  },
  {
    name: KUBE_EXTERNAL_IP,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port for masquerade and filter purpose',
  },
  {
    name: KUBE_EXTERNAL_IP_LOCAL,
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  },
  { name: KUBE_LOAD_BALANCER, type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  {
    name: KUBE_LOAD_BALANCER_FW,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange',
  },
  {
    name: KUBE_LOAD_BALANCER_LOCAL,
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_IP,
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose',
  },
  {
    name: KUBE_LOAD_BALANCER_SOURCE_CIDR,
    type: 'hash:ip,port,net',
    comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose',
  },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  {
    name: 'KUBE-NODE-PORT-LOCAL-TCP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  {
    name: 'KUBE-NODE-PORT-LOCAL-UDP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-NODE-PORT-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
  },
  {
    name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
  },
  { name: KUBE_HEALTH_CHECK_NODE_PORT, type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: KUBE_IPVS_IPS, type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

export const ipsetType = (name: string): SetType | undefined => IPSET_INFO.find((s) => s.name === name)?.type;
export const ipsetComment = (name: string): string => IPSET_INFO.find((s) => s.name === name)?.comment ?? '';

/** The node-port sets of a protocol: `KUBE-NODE-PORT-TCP` and its Local twin (SCTP's are hash:ip,port sets). */
export function nodePortSets(protocol: string): { all: string; local: string } {
  const p = protocol.toUpperCase();
  return p === 'SCTP'
    ? { all: 'KUBE-NODE-PORT-SCTP-HASH', local: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH' }
    : { all: `KUBE-NODE-PORT-${p}`, local: `KUBE-NODE-PORT-LOCAL-${p}` };
}

/** The set entries one service port contributes on the node (Entry.String(): `ip,proto:port[,ip2|net]`, or `port`). */
export function ipsetEntries(
  sp: ServicePortInfo,
  eps: Endpoint[],
  node: string,
  nodePortIPs: string[],
): [string, string][] {
  const proto = sp.protocol.toLowerCase();
  const ipPort = (ip: string, port = sp.port) => `${ip},${proto}:${port}`;
  const out: [string, string][] = [
    [KUBE_CLUSTER_IP, ipPort(sp.clusterIP)],
    [KUBE_IPVS_IPS, sp.clusterIP],
  ];
  // hairpin: a local endpoint reaching itself through the service is masqueraded
  for (const e of eps) if (e.nodeName === node) out.push([KUBE_LOOP_BACK, `${e.ip},${proto}:${e.port},${e.ip}`]);
  for (const ip of sp.externalIPs) {
    out.push([sp.externalPolicyLocal ? KUBE_EXTERNAL_IP_LOCAL : KUBE_EXTERNAL_IP, ipPort(ip)], [KUBE_IPVS_IPS, ip]);
  }
  for (const ip of sp.loadBalancerIPs) {
    out.push([KUBE_LOAD_BALANCER, ipPort(ip)], [KUBE_IPVS_IPS, ip]);
    if (sp.externalPolicyLocal) out.push([KUBE_LOAD_BALANCER_LOCAL, ipPort(ip)]);
    if (sp.loadBalancerSourceRanges.length) {
      out.push([KUBE_LOAD_BALANCER_FW, ipPort(ip)]);
      for (const cidr of sp.loadBalancerSourceRanges)
        out.push([KUBE_LOAD_BALANCER_SOURCE_CIDR, `${ipPort(ip)},${cidr}`]);
    }
  }
  if (sp.nodePort) {
    const sets = nodePortSets(sp.protocol);
    const entries = proto === 'sctp' ? nodePortIPs.map((ip) => ipPort(ip, sp.nodePort)) : [String(sp.nodePort)];
    for (const e of entries) {
      out.push([sets.all, e]);
      if (sp.externalPolicyLocal) out.push([sets.local, e]);
    }
  }
  if (sp.healthCheckNodePort) out.push([KUBE_HEALTH_CHECK_NODE_PORT, String(sp.healthCheckNodePort)]);
  return out;
}

export type IPSets = Map<string, Set<string>>;

/** Every set, empty ones too (kube-proxy creates them all), filled with the entries. */
export function buildIPSets(entries: Iterable<[string, string]>): IPSets {
  const sets: IPSets = new Map(IPSET_INFO.map((s) => [s.name, new Set<string>()]));
  for (const [name, e] of entries) sets.get(name)!.add(e);
  return sets;
}

/** What `-m set --match-set NAME flags` asks of a set, for a packet. */
export function ipsetView(sets: IPSets, name: string): IPSetView | undefined {
  const set = sets.get(name),
    type = ipsetType(name);
  if (!set || !type) return undefined;
  return {
    test(pkt: Packet, flags: string): boolean {
      const dir = flags.split(',');
      const ip = (i: number) => (dir[i] === 'src' ? pkt.src : pkt.dst);
      switch (type) {
        case 'bitmap:port':
          return set.has(String(pkt.dport));
        case 'hash:ip':
          return set.has(ip(0));
        case 'hash:ip,port':
          return set.has(`${ip(0)},${pkt.proto}:${pkt.dport}`);
        case 'hash:ip,port,ip':
          return set.has(`${ip(0)},${pkt.proto}:${pkt.dport},${ip(2)}`);
        case 'hash:ip,port,net': {
          const prefix = `${ip(0)},${pkt.proto}:${pkt.dport},`;
          for (const e of set) if (e.startsWith(prefix) && inCIDR(ip(2), e.slice(prefix.length))) return true;
          return false;
        }
      }
    },
  };
}

/** ipset's own version, as `ipset list` errors print it */
export const IPSET_VERSION = 'v7.17';

const ipNum = (s: string) => parseIPv4(s.split(',')[0]) ?? 0;

/**
 * `ipset list [NAME]`: each set's header and members, sets apart by a blank line. References is the number of
 * iptables rules that match the set. Members are sorted (ipset prints hash sets in hash order, bitmaps by port).
 */
export function ipsetList(
  sets: IPSets,
  references: (name: string) => number,
  initval: (name: string) => string,
  only?: string,
): { stdout: string; stderr: string; exitCode: number } {
  if (only !== undefined && !sets.has(only))
    return { stdout: '', stderr: `ipset ${IPSET_VERSION}: The set with the given name does not exist\n`, exitCode: 1 };
  const names = only !== undefined ? [only] : IPSET_INFO.map((s) => s.name).filter((n) => sets.has(n));
  const blocks = names.map((name) => {
    const type = ipsetType(name)!,
      members = [...sets.get(name)!];
    const bitmap = type === 'bitmap:port';
    members.sort(
      bitmap ? (a, b) => Number(a) - Number(b) : (a, b) => ipNum(a) - ipNum(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const header = bitmap
      ? 'range 0-65535'
      : `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval ${initval(name)}`;
    const size = bitmap ? 8264 : 200 + members.length * 16 + (members.length ? 56 : 0);
    return (
      [
        `Name: ${name}`,
        `Type: ${type}`,
        `Revision: ${REVISION[type]}`,
        `Header: ${header}`,
        `Size in memory: ${size}`,
        `References: ${references(name)}`,
        `Number of entries: ${members.length}`,
        'Members:',
        ...members,
      ].join('\n') + '\n'
    );
  });
  return { stdout: blocks.join('\n'), stderr: '', exitCode: 0 };
}

/** the kernel's highest revision of each set type (Linux 6.x) */
const REVISION: Record<SetType, number> = {
  'hash:ip,port': 6,
  'hash:ip,port,ip': 5,
  'hash:ip,port,net': 7,
  'bitmap:port': 3,
  'hash:ip': 6,
};
