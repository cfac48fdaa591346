// Netfilter's walk through one table's chains for the first packet of a connection: rules are tried in order,
// a jump descends into a chain, RETURN or the end of a user chain goes back, and the first terminating target
// (DNAT, ACCEPT, DROP, REJECT) decides. The statistic match draws from the scenario's seeded random numbers;
// the recent match reads and writes the node's xt_recent lists.

import type { Chains, Match, Rule } from '../proxy/iptables/rule';
import { ruleText } from '../proxy/iptables/rule';
import { inCIDR } from '../../util/net';
import type { IPSetView, Packet } from '../packet';

export interface WalkContext {
  random(): number;
  /** xt_recent: the node's list `name`, client IP -> last seen, and the current time */
  recent(name: string): Map<string, number>;
  now: number;
  /** the rules that matched, as iptables-save prints them */
  trace: string[];
  /** the node's ipsets by name (IPVS mode), for `-m set --match-set` */
  ipset?(name: string): IPSetView | undefined;
}

export type Verdict =
  | { target: 'DNAT'; to: string }
  | { target: 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE' }
  | { target: 'NONE' };

const markOf = (s: string) => {
  const [v, m] = s.split('/').map((x) => parseInt(x, 16));
  return { v, m: m ?? 0xffffffff };
};

function matches(x: Match, pkt: Packet, ctx: WalkContext): boolean {
  switch (x.m) {
    case 'comment':
      return true;
    case 'proto':
      return pkt.proto === x.proto && (x.dport === undefined || pkt.dport === x.dport);
    case 'multiport':
      return x.dports.includes(pkt.dport);
    case 'addrtype':
      return (!x.srcType || pkt.srcLocal !== !!x.notSrc) && (!x.dstType || pkt.dstLocal);
    case 'physdev':
      return !pkt.bridged;
    case 'statistic':
      return ctx.random() < x.probability;
    case 'recent': {
      const list = ctx.recent(x.name);
      if (x.op === 'set') {
        list.set(pkt.src, ctx.now);
        return true;
      }
      const seen = list.get(pkt.src);
      if (seen === undefined) return false;
      if (ctx.now - seen > (x.seconds ?? 0) * 1000) {
        list.delete(pkt.src);
        return false;
      } // --reap
      return true;
    }
    case 'mark': {
      const { v, m } = markOf(x.mark);
      return ((pkt.mark & m) === v) !== !!x.not;
    }
    case 'conntrack':
      return x.states.split(',').includes('NEW') !== !!x.not; // the first packet is NEW
    case 'set':
      return ctx.ipset?.(x.name)?.test(pkt, x.flags) ?? false;
  }
}

function ruleMatches(r: Rule, pkt: Packet, ctx: WalkContext): boolean {
  if (r.s && inCIDR(pkt.src, r.s) === !!r.notS) return false;
  if (r.d && !inCIDR(pkt.dst, r.d)) return false;
  if (r.p && r.p !== pkt.proto) return false;
  return r.matches.every((m) => matches(m, pkt, ctx));
}

/** Walks `chain` of the table; MARK rules change the packet, the first terminating target is returned. */
export function walk(chains: Chains, chain: string, pkt: Packet, ctx: WalkContext, depth = 0): Verdict {
  if (depth > 16) throw new Error(`iptables: too many levels of chain jumps at ${chain}`);
  const mark = ctx.trace.length;
  for (const r of chains.get(chain) ?? []) {
    if (!ruleMatches(r, pkt, ctx)) continue;
    const at = ctx.trace.length;
    ctx.trace.push(ruleText(chain, r));
    switch (r.j) {
      case 'DNAT':
        return { target: 'DNAT', to: r.toDestination! };
      case 'ACCEPT':
      case 'DROP':
      case 'REJECT':
        return { target: r.j };
      case 'RETURN':
        return { target: 'NONE' };
      case 'MASQUERADE':
        return { target: 'MASQUERADE' };
      case 'MARK': {
        const [v, m] = (r.targetArgs ?? '')
          .replace('--set-xmark ', '')
          .split('/')
          .map((x) => parseInt(x, 16));
        pkt.mark = (pkt.mark & ~m) ^ v;
        continue;
      }
      default: {
        const v = walk(chains, r.j, pkt, ctx, depth + 1);
        if (v.target !== 'NONE') return v;
        ctx.trace.length = at; // a chain the packet fell through says nothing about where it went
      }
    }
  }
  ctx.trace.length = mark;
  return { target: 'NONE' };
}
