// Drives the control loops: the shared work queue, the virtual clock's timers, and converge().
// converge() drains the queue in FIFO order until nothing is left at the current virtual time; advance()
// fires due timers in time order and converges after each.

import type { VirtualClock } from './clock';
import { WorkQueue, type Worker } from './workqueue';

/** How often one key may be reconciled in a single converge before the model is declared not to settle. */
export const MAX_SYNCS_PER_KEY = 2000;
/** Conflicts are retried at once up to this many times, then after a back-off. */
const MAX_IMMEDIATE_RETRIES = 5;

export class ConvergeError extends Error {}

/**
 * A bug in the model: JavaScript's own errors (a TypeError, a RangeError) and anything thrown that is not an Error.
 * Errors a component means to return (StatusErrors, plain Errors with Kubernetes' texts) are not.
 */
export function isInternalError(e: unknown): boolean {
  return (
    !(e instanceof Error) ||
    e instanceof TypeError ||
    e instanceof RangeError ||
    e instanceof ReferenceError ||
    e instanceof SyntaxError ||
    e instanceof EvalError ||
    e instanceof URIError
  );
}

/** An internal error and where it happened (`deployment default/web`, `kubectl apply`, a timer). */
export interface InternalError {
  where: string;
  error: unknown;
}

/** client-go's ItemExponentialFailureRateLimiter for controllers: 5 ms, doubling per failure, at most 1000 s. */
export function backoffMs(failures: number): number {
  return Math.min(5 * 2 ** Math.min(failures - 1, 40), 1000_000);
}

/** What the runtime tells the rest of the cluster and asks of it, wired by the cluster (the runtime knows no API). */
export interface RuntimeHooks {
  /** a worker's reconcile begins (its name) or ends (undefined): the API server records its writes under that name */
  running?(worker: string | undefined): void;
  /** whether an error a reconcile threw is a write conflict, retried at once rather than after a back-off */
  isConflict?(e: unknown): boolean;
}

export class Runtime {
  readonly queue = new WorkQueue();
  /** the keys waiting for a time, with the time (client-go's waitingForQueue) */
  private delayed = new Map<Worker, Map<string, number>>();
  private retries = new Map<string, number>();
  /** each item's last error (kept after a success), for a converge that does not settle */
  private lastErrors = new Map<string, unknown>();
  /** bugs met so far: reconciles, timers and kubectl commands that threw a JavaScript error; tests fail on them */
  readonly internalErrors: InternalError[] = [];
  private converging = false;
  /** reconciles run since the cluster started, for benchmarks */
  syncs = 0;

  constructor(
    readonly clock: VirtualClock,
    private readonly hooks: RuntimeHooks = {},
  ) {}

  enqueue(worker: Worker, key: string): void {
    this.queue.add(worker, key);
  }

  /**
   * Adds the key when the delay has passed, as client-go's delaying queue does (delaying_queue.go AddAfter): a key
   * waits for one time only, the earliest asked for; a later request is dropped (the earlier add will reconcile
   * it, and the reconcile asks again if it still needs to), an earlier one replaces it.
   */
  enqueueAfter(worker: Worker, key: string, delayMs: number): void {
    if (delayMs <= 0) return this.enqueue(worker, key);
    const at = this.clock.now() + delayMs;
    let keys = this.delayed.get(worker);
    if (!keys) this.delayed.set(worker, (keys = new Map()));
    const pending = keys.get(key);
    if (pending !== undefined && pending <= at) return;
    keys.set(key, at);
    const waiting = keys;
    this.clock.after(delayMs, () => {
      if (waiting.get(key) !== at) return; // replaced by an earlier time
      waiting.delete(key);
      this.enqueue(worker, key);
    });
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
        this.hooks.running?.(item.worker.name);
        this.queue.start(item);
        try {
          item.worker.sync(item.key);
          if (this.retries.size) this.retries.delete(`${item.worker.name}\0${item.key}`);
        } catch (e) {
          const id = `${item.worker.name}\0${item.key}`;
          // as a controller's workqueue does with the error a sync returns: retry, rate-limited, never give up.
          // A conflict is retried at once first (the model's lister is never stale, so a fresh read usually
          // succeeds); any other error, such as a create the quota refuses, waits from the first retry: 5 ms
          // doubling (ItemExponentialFailureRateLimiter). A JavaScript error is a bug: recorded, and retried the same way
          if (isInternalError(e)) this.reportInternal(`${item.worker.name} ${item.key}`, e);
          this.lastErrors.set(id, e);
          const r = (this.retries.get(id) ?? 0) + 1;
          this.retries.set(id, r);
          if (!this.hooks.isConflict?.(e)) this.enqueueAfter(item.worker, item.key, backoffMs(r));
          else if (r <= MAX_IMMEDIATE_RETRIES) this.enqueue(item.worker, item.key);
          else this.enqueueAfter(item.worker, item.key, backoffMs(r - MAX_IMMEDIATE_RETRIES + 1));
        } finally {
          this.queue.done();
          this.hooks.running?.(undefined);
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
      this.fire(t);
      this.converge();
    }
    this.clock.setTo(target);
  }

  /** Records a bug without stopping the cluster. */
  reportInternal(where: string, error: unknown): void {
    this.internalErrors.push({ where, error });
  }

  /** Runs a timer; one that throws is a bug (a timer has no queue to retry it). */
  private fire(t: { fn: () => void; label?: string }): void {
    try {
      t.fn();
    } catch (e) {
      this.reportInternal(`timer ${t.label ?? ''}`.trim(), e);
    }
  }

  /** Advances until `done()` holds, checking after each timer, or until `limitMs` passes. Returns whether it held. */
  advanceUntil(done: () => boolean, limitMs: number): boolean {
    this.converge();
    if (done()) return true;
    const target = this.clock.now() + limitMs;
    while (this.fireNext(target)) if (done()) return true;
    this.clock.setTo(target);
    return done();
  }

  /**
   * Fires the next timer due at or before `limit` and converges; false when none is due (the clock then stays).
   * advanceUntil's step, for callers whose check is asynchronous (src/target/embedded.ts).
   */
  fireNext(limit: number): boolean {
    const t = this.clock.popDue(limit);
    if (!t) return false;
    this.fire(t);
    this.converge();
    return true;
  }

  private notSettling(counts: Map<Worker, Map<string, number>>): ConvergeError {
    const all = [...counts].flatMap(([w, keys]) => [...keys].map(([k, n]) => ({ w: w.name, k, n })));
    const busiest = all
      .sort((a, b) => b.n - a.n)
      .slice(0, 5)
      .map(({ w, k, n }) => {
        const last = this.lastErrors.get(`${w}\0${k}`);
        return `  ${w} reconciled ${k} ${n} times${last === undefined ? '' : `, last error: ${last instanceof Error ? last.message : String(last)}`}`;
      });
    return new ConvergeError(`the cluster did not converge: these objects were still changing\n${busiest.join('\n')}`);
  }
}
