// pkg/proxy/iptables/proxier.go (v1.30) syncProxyRules: the nat and filter rules kube-proxy writes on one node.
// Rules are kept per Service and rebuilt only for the Services whose Service or EndpointSlices changed since the
// last sync (the partial sync of `tryPartialSync`); the tables are composed from them on request.

import type { ServicePortInfo } from '../service-port';
import { type Endpoint, type Presence, categorize } from '../endpoints';
import { endpointChain } from '../chain-names';
import { type Chains, type Rule, append } from './rule';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const MASQ_MARK = '0x4000/0x4000';
const REJECT_ARGS = '--reject-with icmp-port-unreachable';

export interface Tables {
  nat: Chains;
  filter: Chains;
}

/** The rules one Service contributes: its own chains, and its lines in the shared chains. */
export type ServiceRules = Tables;

export const emptyTables = (): Tables => ({ nat: new Map(), filter: new Map() });

const comment = (text: string) => ({ m: 'comment' as const, text });
const proto = (p: string, dport?: number) => ({ m: 'proto' as const, proto: p, dport });

/** The chains every Service writes lines into (the dispatch chains); the others belong to one service port. */
export const SHARED_CHAINS = {
  nat: [KUBE_SERVICES, KUBE_NODEPORTS],
  filter: [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL],
};

/**
 * The rules of one service port on `node`, added to `out` (the loop body of syncProxyRules): its lines in the
 * dispatch chains (`part` 'shared'), its own chains (KUBE-SVC, KUBE-SVL, KUBE-EXT, KUBE-FW, KUBE-SEP: 'own'), or both.
 * `clusterCIDR` is the local traffic detector's pod network; undefined with masqueradeAll (every cluster IP
 * connection is masqueraded).
 */
export function writeServicePort(
  out: ServiceRules,
  sp: ServicePortInfo,
  eps: Endpoint[] | Presence,
  node: string,
  clusterCIDR: string | undefined,
  nodeZone?: string,
  part: 'all' | 'shared' | 'own' = 'all',
): void {
  const p = sp.protocol.toLowerCase(),
    name = sp.name;
  // the dispatch chains need only whether there are endpoints to use, and local ones (presenceIn)
  const cat = Array.isArray(eps) ? categorize(eps, sp, node, nodeZone) : undefined;
  const hasAny = cat ? cat.hasAny : (eps as Presence).hasAny;
  const anyLocal = cat ? cat.local.length > 0 : (eps as Presence).local;
  const { svc: clusterChain, svl: localChain, ext: extChain, fw: fwChain } = sp.chains;
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const hasInternal = hasAny && (!sp.internalPolicyLocal || anyLocal);
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  const hasExternal = hasAny && (!sp.externalPolicyLocal || anyLocal);
  const usesExtChain = hasAny && externally(sp);
  const usesFW = hasAny && sp.loadBalancerIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const lbChain = usesFW ? fwChain : extChain;
  const internalFilter = !hasAny ? 'REJECT' : !hasInternal ? 'DROP' : '';
  const externalFilter = !hasAny ? 'REJECT' : !hasExternal ? 'DROP' : '';
  const filterComment = (target: string) =>
    target === 'REJECT' ? `${name} has no endpoints` : `${name} has no local endpoints`;
  const filterRule = (target: string, rest: Partial<Rule>): Rule => ({
    p,
    matches: [],
    ...rest,
    j: target,
    targetArgs: target === 'REJECT' ? REJECT_ARGS : undefined,
  });
  const { nat, filter } = out;
  const dportRule = (d: string, text: string, target: string): Rule => ({
    d,
    p,
    matches: [comment(text), proto(p, sp.port)],
    j: target,
  });

  if (part !== 'own') {
    // the cluster IP
    if (hasInternal) append(nat, KUBE_SERVICES, dportRule(sp.clusterIP, `${name} cluster IP`, internalChain));
    else
      append(
        filter,
        KUBE_SERVICES,
        filterRule(internalFilter, {
          d: sp.clusterIP,
          matches: [comment(filterComment(internalFilter)), proto(p, sp.port)],
        }),
      );
    // external IPs
    for (const ip of sp.externalIPs) {
      if (hasAny) append(nat, KUBE_SERVICES, dportRule(ip, `${name} external IP`, extChain));
      if (!hasExternal)
        append(
          filter,
          KUBE_EXTERNAL_SERVICES,
          filterRule(externalFilter, { d: ip, matches: [comment(filterComment(externalFilter)), proto(p, sp.port)] }),
        );
    }
    // load balancer ingress IPs
    for (const ip of sp.loadBalancerIPs) {
      if (hasAny) append(nat, KUBE_SERVICES, dportRule(ip, `${name} loadbalancer IP`, lbChain));
      if (usesFW)
        append(filter, KUBE_PROXY_FIREWALL, {
          d: ip,
          p,
          matches: [comment(`${name} traffic not accepted by ${fwChain}`), proto(p, sp.port)],
          j: 'DROP',
        });
    }
    if (!hasExternal) {
      for (const ip of sp.loadBalancerIPs)
        append(
          filter,
          KUBE_EXTERNAL_SERVICES,
          filterRule(externalFilter, { d: ip, matches: [comment(filterComment(externalFilter)), proto(p, sp.port)] }),
        );
    }
    // the node port
    if (sp.nodePort) {
      if (hasAny) append(nat, KUBE_NODEPORTS, { p, matches: [comment(name), proto(p, sp.nodePort)], j: extChain });
      if (!hasExternal) {
        append(
          filter,
          KUBE_EXTERNAL_SERVICES,
          filterRule(externalFilter, {
            matches: [
              comment(filterComment(externalFilter)),
              { m: 'addrtype', dstType: 'LOCAL' },
              proto(p, sp.nodePort),
            ],
          }),
        );
      }
    }
    if (sp.healthCheckNodePort) {
      append(filter, KUBE_NODEPORTS, {
        p: 'tcp',
        matches: [comment(`${name} health check node port`), proto('tcp', sp.healthCheckNodePort)],
        j: 'ACCEPT',
      });
    }
  }
  if (part === 'shared') return;
  if (!cat) throw new Error("a Service's own chains need its endpoints");
  const { cluster, local, reachable } = cat;
  const usesClusterChain =
    cluster.length > 0 && (!sp.internalPolicyLocal || (externally(sp) && !sp.externalPolicyLocal));
  const usesLocalChain = local.length > 0 && (sp.internalPolicyLocal || sp.externalPolicyLocal);
  // internal traffic: masquerade what comes from outside the pod network
  if (hasInternal) {
    const masq: Rule = {
      d: sp.clusterIP,
      p,
      matches: [comment(`${name} cluster IP`), proto(p, sp.port)],
      j: KUBE_MARK_MASQ,
    };
    append(nat, internalChain, clusterCIDR === undefined ? masq : { ...masq, s: clusterCIDR, notS: true });
  }
  if (usesExtChain) {
    if (!sp.externalPolicyLocal) {
      append(nat, extChain, {
        matches: [comment(`masquerade traffic for ${name} external destinations`)],
        j: KUBE_MARK_MASQ,
      });
    } else {
      append(nat, extChain, {
        s: clusterCIDR,
        matches: [comment(`pod traffic for ${name} external destinations`)],
        j: clusterChain,
      });
      append(nat, extChain, {
        matches: [
          comment(`masquerade LOCAL traffic for ${name} external destinations`),
          { m: 'addrtype', srcType: 'LOCAL' },
        ],
        j: KUBE_MARK_MASQ,
      });
      append(nat, extChain, {
        matches: [
          comment(`route LOCAL traffic for ${name} external destinations`),
          { m: 'addrtype', srcType: 'LOCAL' },
        ],
        j: clusterChain,
      });
    }
    if (hasExternal) append(nat, extChain, { matches: [], j: externalPolicyChain });
    else nat.set(extChain, nat.get(extChain) ?? []);
  }
  if (usesFW) {
    for (const src of sp.loadBalancerSourceRanges) {
      append(nat, fwChain, { s: src, matches: [comment(`${name} loadbalancer IP`)], j: extChain });
    }
  }
  // each endpoint's chain name is hashed once
  const sep = new Map<Endpoint, string>();
  for (const ep of reachable) sep.set(ep, endpointChain(name, p, ep.str));
  const sepOf = (ep: Endpoint) => sep.get(ep) ?? endpointChain(name, p, ep.str);
  if (usesClusterChain) writeServiceToEndpoints(nat, sp, clusterChain, cluster, sepOf);
  if (usesLocalChain) writeServiceToEndpoints(nat, sp, localChain, local, sepOf);
  for (const ep of reachable) {
    const chain = sep.get(ep)!;
    append(nat, chain, { s: ep.ip, matches: [comment(name)], j: KUBE_MARK_MASQ });
    const matches = sp.stickySeconds
      ? [comment(name), { m: 'recent' as const, op: 'set' as const, name: chain }, proto(p)]
      : [comment(name), proto(p)];
    append(nat, chain, { p, matches, j: 'DNAT', toDestination: ep.str });
  }
}

const externally = (sp: ServicePortInfo) =>
  sp.nodePort !== 0 || sp.externalIPs.length > 0 || sp.loadBalancerIPs.length > 0;

/** writeServiceToEndpointRules: affinity checks first, then one rule per endpoint with probability 1/(n-i). */
function writeServiceToEndpoints(
  nat: Chains,
  sp: ServicePortInfo,
  chain: string,
  eps: Endpoint[],
  sepOf: (ep: Endpoint) => string,
): void {
  if (sp.stickySeconds) {
    for (const ep of eps) {
      const sep = sepOf(ep);
      append(nat, chain, {
        matches: [
          comment(`${sp.name} -> ${ep.str}`),
          { m: 'recent', op: 'rcheck', name: sep, seconds: sp.stickySeconds },
        ],
        j: sep,
      });
    }
  }
  eps.forEach((ep, i) => {
    const matches: Rule['matches'] = [comment(`${sp.name} -> ${ep.str}`)];
    if (i < eps.length - 1) matches.push({ m: 'statistic', probability: 1 / (eps.length - i) });
    append(nat, chain, { matches, j: sepOf(ep) });
  });
}

/** The rules kube-proxy and the kubelet write once (iptablesJumpChains, the masquerade chains, the canaries). */
export function staticTables(): Tables {
  const nat: Chains = new Map(),
    filter: Chains = new Map();
  const newConn = { m: 'conntrack' as const, states: 'NEW' };
  for (const c of [
    'PREROUTING',
    'INPUT',
    'OUTPUT',
    'POSTROUTING',
    'KUBE-KUBELET-CANARY',
    KUBE_MARK_MASQ,
    KUBE_NODEPORTS,
    KUBE_POSTROUTING,
    'KUBE-PROXY-CANARY',
    KUBE_SERVICES,
  ])
    nat.set(c, []);
  append(nat, 'PREROUTING', { matches: [comment('kubernetes service portals')], j: KUBE_SERVICES });
  append(nat, 'OUTPUT', { matches: [comment('kubernetes service portals')], j: KUBE_SERVICES });
  append(nat, 'POSTROUTING', { matches: [comment('kubernetes postrouting rules')], j: KUBE_POSTROUTING });
  append(nat, KUBE_MARK_MASQ, { matches: [], j: 'MARK', targetArgs: `--set-xmark ${MASQ_MARK}` });
  append(nat, KUBE_POSTROUTING, { matches: [{ m: 'mark', not: true, mark: MASQ_MARK }], j: 'RETURN' });
  append(nat, KUBE_POSTROUTING, { matches: [], j: 'MARK', targetArgs: '--set-xmark 0x4000/0x0' });
  append(nat, KUBE_POSTROUTING, {
    matches: [comment('kubernetes service traffic requiring SNAT')],
    j: 'MASQUERADE',
    targetArgs: '--random-fully',
  });
  for (const c of [
    'INPUT',
    'FORWARD',
    'OUTPUT',
    KUBE_EXTERNAL_SERVICES,
    'KUBE-FIREWALL',
    'KUBE-FORWARD',
    'KUBE-KUBELET-CANARY',
    KUBE_NODEPORTS,
    'KUBE-PROXY-CANARY',
    KUBE_PROXY_FIREWALL,
    KUBE_SERVICES,
  ])
    filter.set(c, []);
  const lbFirewall: Rule = { matches: [newConn, comment('kubernetes load balancer firewall')], j: KUBE_PROXY_FIREWALL };
  const portals: Rule = { matches: [newConn, comment('kubernetes service portals')], j: KUBE_SERVICES };
  const external: Rule = {
    matches: [newConn, comment('kubernetes externally-visible service portals')],
    j: KUBE_EXTERNAL_SERVICES,
  };
  append(filter, 'INPUT', lbFirewall);
  append(filter, 'INPUT', { matches: [comment('kubernetes health check service ports')], j: KUBE_NODEPORTS });
  append(filter, 'INPUT', external);
  append(filter, 'INPUT', { matches: [], j: 'KUBE-FIREWALL' });
  append(filter, 'FORWARD', lbFirewall);
  append(filter, 'FORWARD', { matches: [comment('kubernetes forwarding rules')], j: 'KUBE-FORWARD' });
  append(filter, 'FORWARD', portals);
  append(filter, 'FORWARD', external);
  append(filter, 'OUTPUT', lbFirewall);
  append(filter, 'OUTPUT', portals);
  append(filter, 'OUTPUT', { matches: [], j: 'KUBE-FIREWALL' });
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
  append(filter, 'KUBE-FORWARD', { matches: [{ m: 'conntrack', states: 'INVALID' }], j: 'DROP' });
  append(filter, 'KUBE-FORWARD', {
    matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: MASQ_MARK }],
    j: 'ACCEPT',
  });
  append(filter, 'KUBE-FORWARD', {
    matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', states: 'RELATED,ESTABLISHED' }],
    j: 'ACCEPT',
  });
  return { nat, filter };
}

const NODEPORTS_COMMENT = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';

/**
 * The last rules of nat KUBE-SERVICES: node ports, for any local destination address, or with nodePortAddresses
 * one rule per node address it selects (localhost too: iptables mode allows localhost node ports by default).
 */
export function nodePortJumps(nodePortIPs: string[] | 'all'): Rule[] {
  if (nodePortIPs === 'all')
    return [{ matches: [comment(NODEPORTS_COMMENT), { m: 'addrtype', dstType: 'LOCAL' }], j: KUBE_NODEPORTS }];
  return nodePortIPs.map((ip) => ({ matches: [comment(NODEPORTS_COMMENT)], d: ip, j: KUBE_NODEPORTS }));
}
