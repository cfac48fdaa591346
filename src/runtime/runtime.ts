// Drives the control loops: the shared work queue, the virtual clock's timers, and converge().
// converge() drains the queue in FIFO order until nothing is left at the current virtual time; advance()
// fires due timers in time order and converges after each.

import { VirtualClock } from './clock';
import { WorkQueue, Worker } from './workqueue';
import type { ApiServer } from '../apiserver/apiserver';
import { isStatusError } from '../api/errors';

/** How often one key may be reconciled in a single converge before the model is declared not to settle. */
export const MAX_SYNCS_PER_KEY = 2000;
/** Conflicts are retried at once up to this many times, then after a back-off. */
const MAX_IMMEDIATE_RETRIES = 5;

export class ConvergeError extends Error {}

export class Runtime {
  readonly queue = new WorkQueue();
  private retries = new Map<string, number>();
  private converging = false;
  /** reconciles run since the cluster started, for benchmarks */
  syncs = 0;

  constructor(readonly clock: VirtualClock, readonly api: ApiServer) {}

  enqueue(worker: Worker, key: string): void { this.queue.add(worker, key); }

  enqueueAfter(worker: Worker, key: string, delayMs: number): void {
    if (delayMs <= 0) return this.enqueue(worker, key);
    this.clock.after(delayMs, () => this.enqueue(worker, key));
  }

  /** Runs reconciles until no work is left at the current virtual time. */
  converge(): void {
    if (this.converging) return; // a step inside a reconcile (never expected) must not recurse
    this.converging = true;
    // reconciles per worker and key in this converge (keys of different workers may be the same text)
    const counts = new Map<Worker, Map<string, number>>();
    try {
      for (let item = this.queue.pop(); item; item = this.queue.pop()) {
        let perWorker = counts.get(item.worker);
        if (!perWorker) counts.set(item.worker, (perWorker = new Map()));
        const n = (perWorker.get(item.key) ?? 0) + 1;
        perWorker.set(item.key, n);
        if (n > MAX_SYNCS_PER_KEY) throw this.notSettling(counts);
        this.syncs++;
        const previous = this.api.actor;
        this.api.actor = item.worker.name;
        this.queue.start(item);
        try {
          item.worker.sync(item.key);
          if (this.retries.size) this.retries.delete(`${item.worker.name}\0${item.key}`);
        } catch (e) {
          if (!isStatusError(e)) throw e;
          const id = `${item.worker.name}\0${item.key}`;
          // as a controller's workqueue does: retry, rate-limited. A conflict is retried at once first (the
          // model's lister is never stale, so a fresh read usually succeeds); any other error, such as a create
          // the quota refuses, waits from the first retry: 5 ms doubling (ItemExponentialFailureRateLimiter)
          const r = (this.retries.get(id) ?? 0) + 1;
          this.retries.set(id, r);
          if (e.reason !== 'Conflict') this.enqueueAfter(item.worker, item.key, Math.min(5 * 2 ** (r - 1), 1000_000));
          else if (r <= MAX_IMMEDIATE_RETRIES) this.enqueue(item.worker, item.key);
          else this.enqueueAfter(item.worker, item.key, Math.min(5 * 2 ** (r - MAX_IMMEDIATE_RETRIES), 1000_000));
        } finally {
          this.queue.done();
          this.api.actor = previous;
        }
      }
    } finally {
      this.converging = false;
    }
  }

  /** Advances virtual time by ms, firing timers in time order and converging after each. */
  advance(ms: number): void {
    this.converge();
    const target = this.clock.now() + ms;
    for (let t = this.clock.popDue(target); t; t = this.clock.popDue(target)) {
      t.fn();
      this.converge();
    }
    this.clock.setTo(target);
  }

  /** Advances until `done()` holds, checking after each timer, or until `limitMs` passes. Returns whether it held. */
  advanceUntil(done: () => boolean, limitMs: number): boolean {
    this.converge();
    if (done()) return true;
    const target = this.clock.now() + limitMs;
    for (let t = this.clock.popDue(target); t; t = this.clock.popDue(target)) {
      t.fn();
      this.converge();
      if (done()) return true;
    }
    this.clock.setTo(target);
    return done();
  }

  private notSettling(counts: Map<Worker, Map<string, number>>): ConvergeError {
    const all = [...counts].flatMap(([w, keys]) => [...keys].map(([k, n]) => ({ w: w.name, k, n })));
    const busiest = all.sort((a, b) => b.n - a.n).slice(0, 5).map(({ w, k, n }) => `  ${w} reconciled ${k} ${n} times`);
    return new ConvergeError(`the cluster did not converge: these objects were still changing\n${busiest.join('\n')}`);
  }
}
