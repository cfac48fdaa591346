// The iptables rules kube-proxy writes in IPVS mode (pkg/proxy/ipvs/proxier.go createAndLinkKubeChain and
// writeIptablesRules): a fixed set that matches ipsets (./ipset.ts) instead of one chain per Service and endpoint,
// so their number does not grow with the Services or the pods. A rule that matches a set is written only while
// the set has members. Packet filtering and SNAT stay in iptables; load balancing is IPVS's.

import type { Chains, Match, Rule } from '../iptables/rule';
import { append } from '../iptables/rule';
import { KUBE_MARK_MASQ, KUBE_POSTROUTING, KUBE_SERVICES, MASQ_MARK, type Tables } from '../iptables/proxier';
import {
  type IPSets,
  ipsetComment,
  KUBE_CLUSTER_IP,
  KUBE_EXTERNAL_IP,
  KUBE_EXTERNAL_IP_LOCAL,
  KUBE_HEALTH_CHECK_NODE_PORT,
  KUBE_IPVS_IPS,
  KUBE_LOAD_BALANCER,
  KUBE_LOAD_BALANCER_FW,
  KUBE_LOAD_BALANCER_LOCAL,
  KUBE_LOAD_BALANCER_SOURCE_CIDR,
  KUBE_LOAD_BALANCER_SOURCE_IP,
  KUBE_LOOP_BACK,
} from './ipset';

const comment = (text: string) => ({ m: 'comment' as const, text });
const set = (name: string, flags: string): Match => ({ m: 'set', name, flags });

export const KUBE_NODE_PORT = 'KUBE-NODE-PORT';
export const KUBE_LOAD_BALANCER_CHAIN = 'KUBE-LOAD-BALANCER';
const KUBE_FORWARD = 'KUBE-FORWARD';
const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL';
const KUBE_IPVS_FILTER = 'KUBE-IPVS-FILTER';
const KUBE_IPVS_OUT_FILTER = 'KUBE-IPVS-OUT-FILTER';

/** ipsetWithIptablesChain: a set, the table and chain its rule goes in, the target, the match flags, the protocol. */
const SET_CHAINS: [string, 'nat' | 'filter', string, string, string, string?][] = [
  [KUBE_LOOP_BACK, 'nat', KUBE_POSTROUTING, 'MASQUERADE', 'dst,dst,src'],
  [KUBE_LOAD_BALANCER, 'nat', KUBE_SERVICES, KUBE_LOAD_BALANCER_CHAIN, 'dst,dst'],
  [KUBE_LOAD_BALANCER_LOCAL, 'nat', KUBE_LOAD_BALANCER_CHAIN, 'RETURN', 'dst,dst'],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'tcp'],
  ['KUBE-NODE-PORT-TCP', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'tcp'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'udp'],
  ['KUBE-NODE-PORT-UDP', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'udp'],
  ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst,dst', 'sctp'],
  ['KUBE-NODE-PORT-SCTP-HASH', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst,dst', 'sctp'],
  [KUBE_LOAD_BALANCER_FW, 'filter', KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL, 'dst,dst'],
  [KUBE_LOAD_BALANCER_SOURCE_CIDR, 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src'],
  [KUBE_LOAD_BALANCER_SOURCE_IP, 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src'],
];

export interface IpvsIptablesOptions {
  clusterCIDR: string;
  masqueradeAll: boolean;
}

export function ipvsModeTables(opts: IpvsIptablesOptions, sets: IPSets): Tables {
  const nat: Chains = new Map(),
    filter: Chains = new Map();
  const has = (name: string) => (sets.get(name)?.size ?? 0) > 0;
  for (const c of [
    'PREROUTING',
    'INPUT',
    'OUTPUT',
    'POSTROUTING',
    'KUBE-KUBELET-CANARY',
    KUBE_LOAD_BALANCER_CHAIN,
    KUBE_MARK_MASQ,
    KUBE_NODE_PORT,
    KUBE_POSTROUTING,
    KUBE_SERVICES,
  ])
    nat.set(c, []);
  for (const c of [
    'INPUT',
    'FORWARD',
    'OUTPUT',
    'KUBE-FIREWALL',
    KUBE_FORWARD,
    KUBE_IPVS_FILTER,
    KUBE_IPVS_OUT_FILTER,
    'KUBE-KUBELET-CANARY',
    KUBE_NODE_PORT,
    KUBE_PROXY_FIREWALL,
    KUBE_SOURCE_RANGES_FIREWALL,
  ])
    filter.set(c, []);
  // iptablesJumpChain, each prepended in turn (so the last one is first), after the kubelet's KUBE-FIREWALL jumps
  const jump = (table: Chains, from: string, text: string, to: string) =>
    table.get(from)!.unshift({ matches: [comment(text)], j: to });
  append(filter, 'INPUT', { matches: [], j: 'KUBE-FIREWALL' });
  append(filter, 'OUTPUT', { matches: [], j: 'KUBE-FIREWALL' });
  jump(nat, 'OUTPUT', 'kubernetes service portals', KUBE_SERVICES);
  jump(nat, 'PREROUTING', 'kubernetes service portals', KUBE_SERVICES);
  jump(nat, 'POSTROUTING', 'kubernetes postrouting rules', KUBE_POSTROUTING);
  jump(filter, 'FORWARD', 'kubernetes forwarding rules', KUBE_FORWARD);
  jump(filter, 'INPUT', 'kubernetes health check rules', KUBE_NODE_PORT);
  jump(filter, 'INPUT', 'kube-proxy firewall rules', KUBE_PROXY_FIREWALL);
  jump(filter, 'FORWARD', 'kube-proxy firewall rules', KUBE_PROXY_FIREWALL);
  jump(filter, 'INPUT', 'kubernetes ipvs access filter', KUBE_IPVS_FILTER);
  jump(filter, 'OUTPUT', 'kubernetes ipvs access filter', KUBE_IPVS_OUT_FILTER);
  append(filter, 'KUBE-FIREWALL', {
    s: '127.0.0.0/8',
    notS: true,
    d: '127.0.0.0/8',
    matches: [
      comment('block incoming localnet connections'),
      { m: 'conntrack', not: true, states: 'RELATED,ESTABLISHED,DNAT' },
    ],
    j: 'DROP',
  });

  // writeIptablesRules
  append(nat, KUBE_SERVICES, { s: '127.0.0.0/8', matches: [], j: 'RETURN' });
  for (const [name, table, from, to, flags, proto] of SET_CHAINS) {
    if (!has(name)) continue;
    append(table === 'nat' ? nat : filter, from, {
      p: proto,
      matches: [comment(ipsetComment(name)), set(name, flags)],
      j: to,
    });
  }
  if (has(KUBE_CLUSTER_IP)) {
    const r: Rule = {
      matches: [comment(ipsetComment(KUBE_CLUSTER_IP)), set(KUBE_CLUSTER_IP, 'dst,dst')],
      j: KUBE_MARK_MASQ,
    };
    append(nat, KUBE_SERVICES, opts.masqueradeAll ? r : { ...r, s: opts.clusterCIDR, notS: true });
  }
  const externalIPRules = (name: string) => {
    const base = [comment(ipsetComment(name)), set(name, 'dst,dst')];
    append(nat, KUBE_SERVICES, {
      matches: [...base, { m: 'physdev', notIsIn: true }, { m: 'addrtype', srcType: 'LOCAL', notSrc: true }],
      j: 'ACCEPT',
    });
    append(nat, KUBE_SERVICES, { matches: [...base, { m: 'addrtype', dstType: 'LOCAL' }], j: 'ACCEPT' });
  };
  if (has(KUBE_EXTERNAL_IP)) {
    append(nat, KUBE_SERVICES, {
      matches: [comment(ipsetComment(KUBE_EXTERNAL_IP)), set(KUBE_EXTERNAL_IP, 'dst,dst')],
      j: KUBE_MARK_MASQ,
    });
    externalIPRules(KUBE_EXTERNAL_IP);
  }
  if (has(KUBE_EXTERNAL_IP_LOCAL)) externalIPRules(KUBE_EXTERNAL_IP_LOCAL);
  append(nat, KUBE_SERVICES, { matches: [{ m: 'addrtype', dstType: 'LOCAL' }], j: KUBE_NODE_PORT });
  append(nat, KUBE_LOAD_BALANCER_CHAIN, { matches: [], j: KUBE_MARK_MASQ });
  append(filter, KUBE_SOURCE_RANGES_FIREWALL, { matches: [], j: 'DROP' });
  // acceptIPVSTraffic
  for (const name of [KUBE_CLUSTER_IP, KUBE_LOAD_BALANCER])
    if (has(name)) append(nat, KUBE_SERVICES, { matches: [set(name, 'dst,dst')], j: 'ACCEPT' });
  append(filter, KUBE_FORWARD, {
    matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: MASQ_MARK }],
    j: 'ACCEPT',
  });
  append(filter, KUBE_FORWARD, {
    matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', states: 'RELATED,ESTABLISHED' }],
    j: 'ACCEPT',
  });
  append(filter, KUBE_NODE_PORT, {
    matches: [comment(ipsetComment(KUBE_HEALTH_CHECK_NODE_PORT)), set(KUBE_HEALTH_CHECK_NODE_PORT, 'dst')],
    j: 'ACCEPT',
  });
  for (const name of [KUBE_LOAD_BALANCER, KUBE_CLUSTER_IP, KUBE_EXTERNAL_IP, KUBE_EXTERNAL_IP_LOCAL])
    append(filter, KUBE_IPVS_FILTER, { matches: [set(name, 'dst,dst')], j: 'RETURN' });
  append(filter, KUBE_IPVS_FILTER, { matches: [set(KUBE_HEALTH_CHECK_NODE_PORT, 'dst')], j: 'RETURN' });
  append(filter, KUBE_IPVS_FILTER, {
    matches: [{ m: 'conntrack', states: 'NEW' }, set(KUBE_IPVS_IPS, 'dst')],
    j: 'REJECT',
    targetArgs: '--reject-with icmp-port-unreachable',
  });
  append(nat, KUBE_POSTROUTING, { matches: [{ m: 'mark', not: true, mark: MASQ_MARK }], j: 'RETURN' });
  append(nat, KUBE_POSTROUTING, { matches: [], j: 'MARK', targetArgs: '--set-xmark 0x4000/0x0' });
  append(nat, KUBE_POSTROUTING, {
    matches: [comment('kubernetes service traffic requiring SNAT')],
    j: 'MASQUERADE',
    targetArgs: '--random-fully',
  });
  append(nat, KUBE_MARK_MASQ, { matches: [], j: 'MARK', targetArgs: `--set-xmark ${MASQ_MARK}` });
  return { nat, filter };
}

/** How many rules of the tables match the set (`ipset list`'s References). */
export function setReferences(tables: Tables, name: string): number {
  let n = 0;
  for (const t of [tables.nat, tables.filter])
    for (const rules of t.values())
      for (const r of rules) if (r.matches.some((m) => m.m === 'set' && m.name === name)) n++;
  return n;
}
