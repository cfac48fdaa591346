// pkg/controller/nodeipam/ipam/cidrset: the node CIDRs of the cluster CIDR, one bit each. AllocateNext takes
// the first free one from the candidate after the last it gave (so a released CIDR is reused only after the
// range wraps); Occupy marks one a node already has; Release frees one.
import { type CIDR, formatCIDR, parseCIDR } from '../../util/net';

/** cidrset.ErrCIDRRangeNoCIDRsRemaining */
export const ERR_NO_CIDRS_REMAINING =
  'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

export class CIDRSet {
  private readonly cluster: CIDR;
  private readonly used: Uint8Array;
  private nextCandidate = 0;
  private allocated = 0;
  /** how many node CIDRs the cluster CIDR holds */
  readonly max: number;

  constructor(
    clusterCIDR: string,
    readonly maskSize: number,
  ) {
    this.cluster = parseCIDR(clusterCIDR)!;
    this.max = 2 ** (maskSize - this.cluster.bits);
    this.used = new Uint8Array(this.max);
  }

  /** The next free node CIDR, or undefined when none is left (the caller reports ERR_NO_CIDRS_REMAINING). */
  allocate(): string | undefined {
    if (this.allocated === this.max) return undefined;
    for (let i = 0; i < this.max; i++) {
      const candidate = (this.nextCandidate + i) % this.max;
      if (this.used[candidate]) continue;
      this.used[candidate] = 1;
      this.allocated++;
      this.nextCandidate = (candidate + 1) % this.max;
      return formatCIDR(this.cluster.network + candidate * 2 ** (32 - this.maskSize), this.maskSize);
    }
    return undefined;
  }

  /** Marks every node CIDR that `cidr` overlaps as used (a node's existing podCIDR, or a reserved range). */
  occupy(cidr: string): void {
    this.mark(cidr, 1);
  }

  release(cidr: string): void {
    this.mark(cidr, 0);
  }

  free(): number {
    return this.max - this.allocated;
  }

  private mark(cidr: string, v: 0 | 1): void {
    const c = parseCIDR(cidr);
    if (!c) return;
    const step = 2 ** (32 - this.maskSize);
    const from = Math.floor((Math.max(c.network, this.cluster.network) - this.cluster.network) / step);
    const to = Math.ceil(
      (Math.min(c.network + c.size, this.cluster.network + this.cluster.size) - this.cluster.network) / step,
    );
    for (let i = Math.max(0, from); i < Math.min(this.max, to); i++) {
      if (this.used[i] !== v) {
        this.used[i] = v;
        this.allocated += v ? 1 : -1;
      }
    }
  }
}
