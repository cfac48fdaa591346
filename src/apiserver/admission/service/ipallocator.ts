// pkg/registry/core/service/ipallocator/bitmap.go: service IPs from a CIDR (IPv4), network and broadcast
// excluded, dynamic picks above the static band of calculateRangeOffset.

import type { Rng } from '../../../runtime/random';
import { AllocationBitmap } from './bitmap';
import { formatIPv4, parseIPv4 } from '../../../util/net';

export const ErrFull = 'range is full';
export const ErrAllocated = 'provided IP is already allocated';

export class IPAllocator {
  private readonly base: number; // the first usable address (network + 1)
  private readonly bitmap: AllocationBitmap;

  constructor(
    readonly cidr: string,
    rng: Rng,
  ) {
    const [ip, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const network = parseIPv4(ip)!;
    this.base = network + 1;
    const max = Math.max(0, size - 2);
    this.bitmap = new AllocationBitmap(max, calculateRangeOffset(size), rng);
  }

  /** Allocate a specific IP; returns an error text or undefined. */
  allocate(ip: string): string | undefined {
    const n = parseIPv4(ip);
    const at = n === undefined ? -1 : n - this.base;
    if (at < 0 || at >= this.bitmap.max)
      return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
    return this.bitmap.allocate(at) ? undefined : ErrAllocated;
  }

  allocateNext(): string | undefined {
    const at = this.bitmap.allocateNext();
    return at === undefined ? undefined : formatIPv4(this.base + at);
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== undefined) this.bitmap.release(n - this.base);
  }

  has(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== undefined && this.bitmap.has(n - this.base);
  }
  free(): number {
    return this.bitmap.free();
  }
}

/** calculateRangeOffset: min(max(16, size/16), 256); ranges of 16 addresses or fewer have no static band. */
export function calculateRangeOffset(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}
