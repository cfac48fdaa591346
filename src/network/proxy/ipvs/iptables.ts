// The iptables rules kube-proxy writes in IPVS mode (pkg/proxy/ipvs/proxier.go writeIptablesRules): a fixed set
// that matches ipsets (KUBE-CLUSTER-IP, KUBE-NODE-PORT-TCP, KUBE-LOOP-BACK) instead of one chain per Service and
// endpoint, so their number does not grow with the Services or the pods. Packet filtering and SNAT stay in
// iptables; load balancing is IPVS's.

import type { Chains, Rule } from '../iptables/rule';
import { append } from '../iptables/rule';
import { KUBE_MARK_MASQ, KUBE_POSTROUTING, KUBE_SERVICES, MASQ_MARK, Tables, staticTables } from '../iptables/proxier';

const comment = (text: string) => ({ m: 'comment' as const, text });

export function ipvsModeTables(clusterCIDR: string, hasNodePorts: boolean): Tables {
  const base = staticTables();
  const nat: Chains = new Map([...base.nat].filter(([c]) => !['KUBE-NODEPORTS', KUBE_POSTROUTING, KUBE_SERVICES].includes(c)));
  for (const c of ['KUBE-LOAD-BALANCER', 'KUBE-NODE-PORT', KUBE_POSTROUTING, KUBE_SERVICES]) nat.set(c, []);
  if (hasNodePorts) {
    append(nat, 'KUBE-NODE-PORT', { p: 'tcp', matches: [comment('Kubernetes nodeport TCP port for masquerade purpose'), { m: 'set', name: 'KUBE-NODE-PORT-TCP', flags: 'dst' }], j: KUBE_MARK_MASQ });
  }
  const post: Rule[] = [
    { matches: [comment('Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'), { m: 'set', name: 'KUBE-LOOP-BACK', flags: 'dst,dst,src' }], j: 'MASQUERADE' },
    { matches: [{ m: 'mark', not: true, mark: MASQ_MARK }], j: 'RETURN' },
    { matches: [], j: 'MARK', targetArgs: '--set-xmark 0x4000/0x0' },
    { matches: [comment('kubernetes service traffic requiring SNAT')], j: 'MASQUERADE', targetArgs: '--random-fully' },
  ];
  for (const r of post) append(nat, KUBE_POSTROUTING, r);
  append(nat, KUBE_SERVICES, { s: clusterCIDR, notS: true, matches: [comment('Kubernetes service cluster ip + port for masquerade purpose'), { m: 'set', name: 'KUBE-CLUSTER-IP', flags: 'dst,dst' }], j: KUBE_MARK_MASQ });
  append(nat, KUBE_SERVICES, { matches: [{ m: 'addrtype', dstType: 'LOCAL' }], j: 'KUBE-NODE-PORT' });
  append(nat, KUBE_SERVICES, { matches: [{ m: 'set', name: 'KUBE-CLUSTER-IP', flags: 'dst,dst' }], j: 'ACCEPT' });
  return { nat, filter: base.filter };
}
