// Pod IPs from the node's podCIDR as the host-local IPAM plugin hands them out: .1 is the bridge gateway, pods
// get .2 upwards, and allocation continues after the last reserved address, so a freed IP is reused only after
// the range wraps (containernetworking/plugins host-local allocator.go).
export class PodIPAllocator {
  private used = new Set<number>();
  private last = 1;
  private readonly prefix: string;

  constructor(cidr: string) { this.prefix = cidr.split('/')[0].split('.').slice(0, 3).join('.'); }

  allocate(): string | undefined {
    for (let i = 0; i < 253; i++) {
      const n = ((this.last - 2 + 1 + i) % 253) + 2; // 2..254
      if (!this.used.has(n)) { this.used.add(n); this.last = n; return `${this.prefix}.${n}`; }
    }
    return undefined;
  }

  release(ip: string): void { this.used.delete(Number(ip.split('.')[3])); }
}
