// pkg/api/v1/endpoints/util.go RepackSubsets: one subset per distinct set of addresses, carrying every port
// those addresses serve; an address ready for any port is ready. SortSubsets: addresses by IP then UID, ports
// and subsets by the md5 of their Go rendering (hash.ts), as Kubernetes does.

import { portHash, sortByHash, subsetHash } from './hash';

export interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}
export interface Port {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: Port[];
}

const portKey = (p: Port | undefined): string =>
  p ? `${p.name ?? ''}\0${p.port}\0${p.protocol}\0${p.appProtocol ?? ''}` : '\0-1';
const addrKey = (a: Address): string => `${a.ip}\0${a.targetRef?.uid ?? ''}`;

export function repackSubsets(subsets: Subset[]): Subset[] {
  const allAddrs = new Map<string, Address>();
  // port (or the no-port sentinel) -> address key -> ready
  const portToAddrs = new Map<string, { port?: Port; addrs: Map<string, boolean> }>();
  const map = (port: Port | undefined, a: Address, ready: boolean) => {
    const k = addrKey(a);
    if (!allAddrs.has(k)) allAddrs.set(k, a);
    const pk = portKey(port);
    let entry = portToAddrs.get(pk);
    if (!entry) portToAddrs.set(pk, (entry = { port, addrs: new Map() }));
    if (!entry.addrs.get(k)) entry.addrs.set(k, ready);
  };
  for (const ss of subsets) {
    const ports: (Port | undefined)[] = ss.ports?.length ? ss.ports : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) map(port, a, true);
      for (const a of ss.notReadyAddresses ?? []) map(port, a, false);
    }
  }
  // group ports by the identical address sets that serve them
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: Port[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    const key = [...addrs]
      .map(([k, r]) => `${k}\0${r}`)
      .sort()
      .join('\n');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: Subset[] = [];
  for (const g of groups.values()) {
    const ready: Address[] = [],
      notReady: Address[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const ss: Subset = {};
    if (ready.length) ss.addresses = ready.sort(lessAddress);
    if (notReady.length) ss.notReadyAddresses = notReady.sort(lessAddress);
    if (g.ports.length) ss.ports = sortByHash(g.ports, portHash);
    out.push(ss);
  }
  return sortByHash(out, subsetHash);
}

/** LessEndpointAddress: by IP bytes, then target UID. */
export function lessAddress(a: Address | undefined, b: Address | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '',
    ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}
