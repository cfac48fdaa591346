// The scheduling queue's waiting rooms (pkg/scheduler/internal/queue/scheduling_queue.go, v1.30 without
// queueing hints): a pod that failed waits among the unschedulable pods, with the plugins that rejected it. A
// cluster event moves the pods whose rejecting plugins registered that event (EventsToRegister); a pod still in
// its back-off (1s doubling per attempt up to 10s, from its last failure) goes to the backoff queue and comes
// out at the first 1s flushBackoffQCompleted tick after the back-off ends. Pods left unschedulable longer than 5 minutes are flushed back by the 30s
// flushUnschedulablePodsLeftover loop. The active queue is a heap in PrioritySort order (ActiveQueue): each of
// the scheduler's work items pops the first pod from it; timers are the clock's.

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
export const FLUSH_PERIOD_MS = 30_000;
/** flushBackoffQCompleted runs every second: a pod whose back-off has ended leaves the backoff queue at the next tick */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000;

import type { ClusterEvent } from './framework';

/** calculateBackoffDuration: 1s, 2s, 4s, 8s, then 10s. */
export function backoffDuration(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

/** The tick of flushBackoffQCompleted that moves a pod whose back-off ends at `end` (ended: not after the tick). */
export function backoffFlushAt(end: number): number {
  return Math.ceil(end / BACKOFF_FLUSH_PERIOD_MS) * BACKOFF_FLUSH_PERIOD_MS;
}

/** The first flush tick at which a pod unschedulable since `since` has waited longer than 5 minutes. */
export function flushAt(since: number): number {
  return (Math.floor((since + POD_MAX_IN_UNSCHEDULABLE_MS) / FLUSH_PERIOD_MS) + 1) * FLUSH_PERIOD_MS;
}

interface Waiting {
  plugins: Set<string>;
  since: number;
}

export class UnschedulablePods {
  private waiting = new Map<string, Waiting>();
  private attempts = new Map<string, { count: number; last: number }>();

  /**
   * @param activate puts a key on the active queue after the given delay (0: at once)
   * @param events the events each plugin registers, by plugin name (plugins/registry.ts)
   */
  constructor(
    private readonly activate: (key: string, delayMs: number) => void,
    private readonly now: () => number,
    private readonly events: Readonly<Record<string, readonly ClusterEvent[]>>,
  ) {}

  get size(): number {
    return this.waiting.size;
  }
  has(key: string): boolean {
    return this.waiting.has(key);
  }
  /** When the pod's last attempt failed (its queue timestamp), if it has failed since it was last forgotten. */
  lastFailure(key: string): number | undefined {
    return this.attempts.get(key)?.last;
  }

  /** A scheduling attempt failed: the pod waits, rejected by these plugins. Returns when the flush retries it. */
  add(key: string, plugins: Iterable<string>): number {
    const now = this.now();
    const a = this.attempts.get(key);
    this.attempts.set(key, { count: (a?.count ?? 0) + 1, last: now });
    this.waiting.set(key, { plugins: new Set(plugins), since: now });
    return flushAt(now);
  }

  /** A pod waits without a failed attempt: gated (SchedulingGates, moved only by its own update) or waiting at
   *  VolumeBinding's PreBind for its claims (moved by their events). */
  park(key: string, plugin: string): void {
    this.waiting.set(key, { plugins: new Set([plugin]), since: this.now() });
  }

  /** The pod is gone, scheduled or changed by its user: forget it (its attempts too unless it only changed). */
  forget(key: string, keepAttempts = false): void {
    this.waiting.delete(key);
    if (!keepAttempts) this.attempts.delete(key);
  }

  /** MoveAllToActiveOrBackoffQueue for one event: the pods some rejecting plugin of which registered it. */
  move(event: ClusterEvent): void {
    for (const [key, w] of this.waiting) {
      if (w.plugins.has('SchedulingGates')) continue;
      if (w.plugins.size && ![...w.plugins].some((p) => this.events[p]?.includes(event))) continue;
      this.requeue(key);
    }
  }

  /** flushUnschedulablePodsLeftover for one pod: still waiting since the same failure, so it goes back. */
  flush(key: string, at: number): void {
    const w = this.waiting.get(key);
    if (w && flushAt(w.since) <= at && !w.plugins.has('SchedulingGates')) this.requeue(key);
  }

  private requeue(key: string): void {
    this.waiting.delete(key);
    const a = this.attempts.get(key);
    const end = a ? a.last + backoffDuration(a.count) : 0;
    this.activate(key, end > this.now() ? backoffFlushAt(end) - this.now() : 0);
  }
}

/** A pod waiting in the active queue: its priority and queue timestamp (PodInfo.Timestamp: when it was added,
 *  or when its last attempt failed). `seq` keeps equal timestamps in arrival order on the virtual clock. */
export interface QueuedPod {
  key: string;
  priority: number;
  timestamp: number;
  seq: number;
}

/** queuesort/priority_sort.go Less: higher priority first, then the earlier queue timestamp. */
export function prioritySortLess(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq;
}

/** The active queue (activeQ): a heap ordered by PrioritySort; a pod is in it at most once. */
export class ActiveQueue {
  private heap: QueuedPod[] = [];
  private index = new Map<string, QueuedPod>();
  private seq = 0;

  get size(): number {
    return this.index.size;
  }
  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Adds the pod unless it is already waiting. */
  add(key: string, priority: number, timestamp: number): void {
    if (this.index.has(key)) return;
    const item = { key, priority, timestamp, seq: this.seq++ };
    this.index.set(key, item);
    this.heap.push(item);
    this.up(this.heap.length - 1);
  }

  /** The pod is gone or bound: it leaves the queue (lazily: its heap entry is skipped when it comes up). */
  delete(key: string): void {
    this.index.delete(key);
  }

  /** Pop: the first pod in PrioritySort order. */
  pop(): string | undefined {
    while (this.heap.length) {
      const top = this.heap[0],
        last = this.heap.pop()!;
      if (this.heap.length) {
        this.heap[0] = last;
        this.down(0);
      }
      if (this.index.get(top.key) === top) {
        this.index.delete(top.key);
        return top.key;
      }
    }
    return undefined;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!prioritySortLess(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < h.length && prioritySortLess(h[l], h[m])) m = l;
      if (r < h.length && prioritySortLess(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
