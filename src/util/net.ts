// IPv4 addresses and CIDRs as numbers (k8s.io/utils/net, Go's net): parsing, formatting, membership and the
// n-th address of a range, for the API server's allocators, node IPAM, the kubelet's pod IPs and the network.

export const isIPv4 = (s: string): boolean => parseIPv4(s) !== undefined;

/** Whether ip lies in cidr (`a.b.c.d/n`, or a bare address for /32). */
export function inCIDR(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const a = parseIPv4(ip),
    n = parseIPv4(net);
  if (a === undefined || n === undefined || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}

export function formatIPv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface CIDR {
  network: number;
  bits: number;
  size: number;
}

/** A CIDR `a.b.c.d/n` with its network address (host bits cleared, as net.ParseCIDR gives it). */
export function parseCIDR(s: string): CIDR | undefined {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(s);
  const ip = m ? parseIPv4(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (ip === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  return { network: ip - (ip % size), bits, size };
}

export function formatCIDR(network: number, bits: number): string {
  return `${[(network >>> 24) & 255, (network >>> 16) & 255, (network >>> 8) & 255, network & 255].join('.')}/${bits}`;
}

/** The n-th address of a CIDR (0 is the network address): the kubernetes Service takes 1, kube-dns 10. */
export function nthAddress(cidr: string, n: number): string {
  const c = parseCIDR(cidr)!;
  const a = c.network + n;
  return [(a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}

/** The last pod address of a node's range (the one before broadcast). */
export function lastPodIP(cidr: string): string {
  const c = parseCIDR(cidr)!;
  return formatIPv4(c.network + c.size - 2);
}
