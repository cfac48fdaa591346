// Pod IPs from the node's podCIDR as the host-local IPAM plugin hands them out: the first address is the bridge
// gateway, pods get the second upwards to the one before the broadcast address, and allocation continues after
// the last reserved address, so a freed IP is reused only after the range wraps (containernetworking/plugins
// host-local allocator.go). A node without a podCIDR (node IPAM found none left) has no addresses to give.
import { parseCIDR, formatIPv4, parseIPv4 } from '../util/net';

export class PodIPAllocator {
  private used = new Set<number>();
  /** offset of the last address handed out (1: the gateway, so the first pod gets offset 2) */
  private last = 1;
  private readonly network: number;
  /** usable pod addresses: offsets 2 … size - 2 */
  private readonly count: number;

  constructor(cidr: string | undefined) {
    const c = cidr ? parseCIDR(cidr) : undefined;
    this.network = c?.network ?? 0;
    this.count = c ? Math.max(0, c.size - 3) : 0;
  }

  allocate(): string | undefined {
    for (let i = 0; i < this.count; i++) {
      const n = ((this.last - 2 + 1 + i) % this.count) + 2;
      if (!this.used.has(n)) {
        this.used.add(n);
        this.last = n;
        return formatIPv4(this.network + n);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== undefined) this.used.delete(n - this.network);
  }
}
