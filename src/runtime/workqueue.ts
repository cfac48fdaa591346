// One FIFO work queue for all controllers. A key already waiting is not added twice, which batches a burst
// of watch events into one reconcile, as client-go's workqueue does.

export interface Worker { readonly name: string; sync(key: string): void }

interface Item { worker: Worker; key: string }

export class WorkQueue {
  private items: Item[] = [];
  private head = 0;
  private waiting = new Map<Worker, Set<string>>();

  add(worker: Worker, key: string): void {
    let keys = this.waiting.get(worker);
    if (!keys) this.waiting.set(worker, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.items.push({ worker, key });
  }

  get length(): number { return this.items.length - this.head; }

  pop(): Item | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    this.waiting.get(item.worker)!.delete(item.key);
    return item;
  }

  /** What is waiting, for a converge failure message. */
  peek(limit: number): Item[] { return this.items.slice(this.head, this.head + limit); }
}
