// pkg/registry/core/service/portallocator/allocator.go: node ports from a range (default 30000-32767), dynamic
// picks above the static band of calculateRangeOffset (86 for the default range).

import type { Rng } from '../../../runtime/random';
import { AllocationBitmap } from './bitmap';

export const ErrFull = 'range is full';
export const ErrAllocated = 'provided port is already allocated';

export class PortAllocator {
  private readonly bitmap: AllocationBitmap;

  constructor(
    readonly base: number,
    readonly size: number,
    rng: Rng,
  ) {
    this.bitmap = new AllocationBitmap(size, calculatePortRangeOffset(size), rng);
  }

  get range(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  allocate(port: number): string | undefined {
    const at = port - this.base;
    if (at < 0 || at >= this.size)
      return `provided port is not in the valid range. The range of valid ports is ${this.range}`;
    return this.bitmap.allocate(at) ? undefined : ErrAllocated;
  }

  allocateNext(): number | undefined {
    const at = this.bitmap.allocateNext();
    return at === undefined ? undefined : this.base + at;
  }

  release(port: number): void {
    const at = port - this.base;
    if (at >= 0 && at < this.size) this.bitmap.release(at);
  }

  has(port: number): boolean {
    return this.bitmap.has(port - this.base);
  }
}

/** calculateRangeOffset: min(max(16, size/32), 128); ranges of 16 ports or fewer have no static band. */
export function calculatePortRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}
