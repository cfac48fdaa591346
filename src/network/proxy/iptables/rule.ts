// One iptables rule as kube-proxy writes it and iptables-save prints it back: `-s`, `-d` and `-p` first, then the
// matches in the order given, then the target. The same structure is what traffic is routed through
// (../../traffic/netfilter.ts), so what a node prints is what it does.

export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp [--dport N]` */
  | { m: 'proto'; proto: string; dport?: number }
  | { m: 'addrtype'; srcType?: 'LOCAL'; dstType?: 'LOCAL'; notSrc?: boolean }
  /** `-m physdev ! --physdev-is-in`: not bridged in from a local container */
  | { m: 'physdev'; notIsIn: true }
  /** `-m statistic --mode random --probability p` */
  | { m: 'statistic'; probability: number }
  /** `-m recent --set|--rcheck --seconds n --reap --name chain` (ClientIP session affinity) */
  | { m: 'recent'; op: 'set' | 'rcheck'; name: string; seconds?: number }
  | { m: 'mark'; not?: boolean; mark: string }
  | { m: 'conntrack'; not?: boolean; states: string }
  /** `-m multiport --dports 80,443` (the CNI portmap plugin's entries) */
  | { m: 'multiport'; dports: number[] }
  /** `-m set --match-set NAME dst,dst` (IPVS mode's ipsets) */
  | { m: 'set'; name: string; flags: string };

export interface Rule {
  s?: string;
  notS?: boolean;
  d?: string;
  p?: string;
  matches: Match[];
  /** the target: a chain, DNAT, MARK, MASQUERADE, REJECT, DROP, ACCEPT or RETURN */
  j: string;
  /** DNAT's `ip:port` */
  toDestination?: string;
  /** the target's options as iptables-save prints them (MARK, MASQUERADE, REJECT) */
  targetArgs?: string;
}

export type Chains = Map<string, Rule[]>;

const addr = (a: string) => (a.includes('/') ? a : `${a}/32`);

/** Go's `%0.10f` of 1/n as kube-proxy writes it, read back as the kernel stores it (a 31-bit fraction) and printed with `%.11f`. */
export function probabilityText(p: number): string {
  const written = Number(p.toFixed(10));
  return (Math.round(written * 0x80000000) / 0x80000000).toFixed(11);
}

function matchText(x: Match): string {
  switch (x.m) {
    case 'comment':
      return `-m comment --comment "${x.text.replace(/"/g, '\\"')}"`;
    case 'proto':
      return `-m ${x.proto}${x.dport !== undefined ? ` --dport ${x.dport}` : ''}`;
    case 'addrtype':
      return `-m addrtype${x.srcType ? `${x.notSrc ? ' !' : ''} --src-type ${x.srcType}` : ''}${x.dstType ? ` --dst-type ${x.dstType}` : ''}`;
    case 'physdev':
      return '-m physdev ! --physdev-is-in';
    case 'statistic':
      return `-m statistic --mode random --probability ${probabilityText(x.probability)}`;
    case 'recent':
      return `-m recent ${x.op === 'set' ? '--set' : `--rcheck --seconds ${x.seconds} --reap`} --name ${x.name} --mask 255.255.255.255 --rsource`;
    case 'mark':
      return `-m mark${x.not ? ' !' : ''} --mark ${x.mark}`;
    case 'conntrack':
      return `-m conntrack${x.not ? ' !' : ''} --ctstate ${x.states}`;
    case 'multiport':
      return `-m multiport --dports ${x.dports.join(',')}`;
    case 'set':
      return `-m set --match-set ${x.name} ${x.flags}`;
  }
}

/** `-A CHAIN ...` as iptables-save prints the rule. */
export function ruleText(chain: string, r: Rule): string {
  const parts = [`-A ${chain}`];
  if (r.s) parts.push(`${r.notS ? '! ' : ''}-s ${addr(r.s)}`);
  if (r.d) parts.push(`-d ${addr(r.d)}`);
  if (r.p) parts.push(`-p ${r.p}`);
  for (const m of r.matches) parts.push(matchText(m));
  parts.push(`-j ${r.j}`);
  if (r.toDestination) parts.push(`--to-destination ${r.toDestination}`);
  if (r.targetArgs) parts.push(r.targetArgs);
  return parts.join(' ');
}

/** Appends a rule to a chain of the table, creating the chain. */
export function append(chains: Chains, chain: string, rule: Rule): void {
  let list = chains.get(chain);
  if (!list) chains.set(chain, (list = []));
  list.push(rule);
}
