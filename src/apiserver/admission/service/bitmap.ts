// pkg/registry/core/service/allocator/bitmap.go: a bitmap of `max` items with the random scan strategy with
// offset (randomScanStrategyWithOffset): dynamic allocations pick randomly from [offset, max) first and fall
// back to [0, offset) only when the upper band is full, so that static (user-chosen) values in the lower band
// rarely collide with dynamic ones. The set of taken offsets stands in for the big.Int.

import type { Rng } from '../../../runtime/random';

export class AllocationBitmap {
  private readonly taken = new Set<number>();

  constructor(
    readonly max: number,
    private readonly offset: number,
    private readonly rng: Rng,
  ) {}

  /** Allocate: true if the offset was free and is now taken. */
  allocate(at: number): boolean {
    if (this.taken.has(at)) return false;
    this.taken.add(at);
    return true;
  }

  /** AllocateNext: a free offset, or undefined when the range is full. */
  allocateNext(): number | undefined {
    const at = this.allocateBit();
    if (at !== undefined) this.taken.add(at);
    return at;
  }

  release(at: number): void {
    this.taken.delete(at);
  }
  has(at: number): boolean {
    return this.taken.has(at);
  }
  free(): number {
    return this.max - this.taken.size;
  }

  private allocateBit(): number | undefined {
    if (this.taken.size >= this.max) return undefined;
    const upper = this.max - this.offset;
    let start = this.rng.int(upper);
    for (let i = 0; i < upper; i++) {
      const at = this.offset + ((start + i) % upper);
      if (!this.taken.has(at)) return at;
    }
    start = this.rng.int(this.offset);
    for (let i = 0; i < this.offset; i++) {
      const at = (start + i) % this.offset;
      if (!this.taken.has(at)) return at;
    }
    return undefined;
  }
}
