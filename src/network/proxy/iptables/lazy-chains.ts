// A table whose per-Service chains are written when first read. A sync records, for each changed Service, the
// names of the chains that lead into it (KUBE-SVC, KUBE-SVL, KUBE-EXT, KUBE-FW: its dispatch lines jump there)
// and how to write them; reading one of those chains writes all of that Service's chains (its KUBE-SEP chains
// included), and listing the table writes whatever is pending. So a sync costs what changed, and printing or
// routing costs what is printed or walked.
import type { Chains, Rule } from './rule';

const SEP_PREFIX = 'KUBE-SEP-';

export class LazyChains extends Map<string, Rule[]> implements Chains {
  /** entry chain name -> the Service that owns it, while that Service's chains are pending */
  private readonly owners = new Map<string, string>();
  /** Service key -> its entry chain names and the writer of its chains */
  private readonly pending = new Map<string, { names: string[]; write: () => Chains }>();
  /** Service key -> the chains written for it */
  private readonly written = new Map<string, string[]>();

  /** The Service's chains are to be written from `write` when first read; what it had before goes. */
  defer(service: string, names: string[], write: () => Chains): void {
    this.drop(service);
    this.pending.set(service, { names, write });
    for (const n of names) this.owners.set(n, service);
  }

  /** Removes the Service's chains, written or pending. */
  drop(service: string): void {
    const p = this.pending.get(service);
    if (p) {
      this.pending.delete(service);
      for (const n of p.names) if (this.owners.get(n) === service) this.owners.delete(n);
    }
    for (const chain of this.written.get(service) ?? []) super.delete(chain);
    this.written.delete(service);
  }

  private write(service: string): void {
    const p = this.pending.get(service);
    if (!p) return;
    this.drop(service);
    const chains = p.write();
    for (const [chain, rules] of chains) super.set(chain, rules);
    this.written.set(service, [...chains.keys()]);
  }

  private writeAll(): void {
    for (const service of [...this.pending.keys()]) this.write(service);
  }

  override get(chain: string): Rule[] | undefined {
    if (!super.has(chain)) {
      const s = this.owners.get(chain);
      if (s !== undefined) this.write(s);
      // an endpoint chain read by name before its Service's chains: its owner is unknown until they are written
      else if (chain.startsWith(SEP_PREFIX) && this.pending.size) this.writeAll();
    }
    return super.get(chain);
  }
  override has(chain: string): boolean {
    return this.get(chain) !== undefined;
  }
  override get size(): number {
    this.writeAll();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.writeAll();
    return super.keys();
  }
  override values(): MapIterator<Rule[]> {
    this.writeAll();
    return super.values();
  }
  override entries(): MapIterator<[string, Rule[]]> {
    this.writeAll();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, Rule[]]> {
    this.writeAll();
    return super[Symbol.iterator]();
  }
  override forEach(fn: (v: Rule[], k: string, m: Map<string, Rule[]>) => void, thisArg?: unknown): void {
    this.writeAll();
    super.forEach(fn, thisArg);
  }
}
