// One FIFO work queue for all controllers. A key already waiting is not added twice, which batches a burst
// of watch events into one reconcile, as client-go's workqueue does; and, as there, a key added while it is being
// processed (a reconcile that writes what it watches) is queued again only when that reconcile is done, behind
// the work its writes caused for other controllers.

export interface Worker {
  readonly name: string;
  sync(key: string): void;
}

interface Item {
  worker: Worker;
  key: string;
}

export class WorkQueue {
  private items: Item[] = [];
  private head = 0;
  private waiting = new Map<Worker, Set<string>>();
  private processing?: Item;
  private dirty = false;

  add(worker: Worker, key: string): void {
    const p = this.processing;
    if (p && p.worker === worker && p.key === key) {
      this.dirty = true;
      return;
    }
    let keys = this.waiting.get(worker);
    if (!keys) this.waiting.set(worker, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.items.push({ worker, key });
  }

  /** Marks the item popped last as being processed until done(). */
  start(item: Item): void {
    this.processing = item;
    this.dirty = false;
  }

  /** The item's reconcile finished: if it was added meanwhile, it goes to the back of the queue now. */
  done(): void {
    const p = this.processing;
    this.processing = undefined;
    if (p && this.dirty) {
      this.dirty = false;
      this.add(p.worker, p.key);
    }
  }

  get length(): number {
    return this.items.length - this.head;
  }

  pop(): Item | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.waiting.get(item.worker)!.delete(item.key);
    return item;
  }

  /** What is waiting, for a converge failure message. */
  peek(limit: number): Item[] {
    return this.items.slice(this.head, this.head + limit);
  }
}
