// IPv4 helpers for routing: addresses and CIDR membership.
import { parseIPv4 } from '../../apiserver/admission/service/ipallocator';

export const isIPv4 = (s: string): boolean => parseIPv4(s) !== undefined;

/** Whether ip lies in cidr (`a.b.c.d/n`, or a bare address for /32). */
export function inCIDR(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const a = parseIPv4(ip), n = parseIPv4(net);
  if (a === undefined || n === undefined || !(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}
