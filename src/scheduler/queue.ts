// The scheduling queue's waiting rooms (pkg/scheduler/internal/queue/scheduling_queue.go, v1.30 without
// queueing hints): a pod that failed waits among the unschedulable pods, with the plugins that rejected it. A
// cluster event moves the pods whose rejecting plugins registered that event (EventsToRegister); a pod still in
// its back-off (1s doubling per attempt up to 10s, from its last failure) goes to the backoff queue and comes
// out when the back-off ends. Pods left unschedulable longer than 5 minutes are flushed back by the 30s
// flushUnschedulablePodsLeftover loop. The runtime's work queue is the active queue; timers are the clock's.

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
export const FLUSH_PERIOD_MS = 30_000;

export type ClusterEvent = 'NodeAdd' | 'NodeAllocatable' | 'NodeLabel' | 'NodeTaint' | 'AssignedPodAdd' | 'AssignedPodUpdate'
  | 'AssignedPodDelete' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass';

/** The events each plugin registers (the plugins' EventsToRegister). */
export const PLUGIN_EVENTS: Record<string, ClusterEvent[]> = {
  NodeUnschedulable: ['NodeAdd', 'NodeTaint'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeTaint'],
  NodeAffinity: ['NodeAdd', 'NodeLabel'],
  NodePorts: ['AssignedPodDelete', 'NodeAdd'],
  NodeResourcesFit: ['AssignedPodDelete', 'NodeAdd', 'NodeAllocatable'],
  VolumeRestrictions: ['AssignedPodDelete', 'NodeAdd', 'PersistentVolumeClaim'],
  VolumeBinding: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'NodeAdd', 'NodeLabel'],
  PodTopologySpread: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeLabel', 'NodeTaint'],
  InterPodAffinity: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeLabel'],
};

/** calculateBackoffDuration: 1s, 2s, 4s, 8s, then 10s. */
export function backoffDuration(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

/** The first flush tick at which a pod unschedulable since `since` has waited longer than 5 minutes. */
export function flushAt(since: number): number {
  return (Math.floor((since + POD_MAX_IN_UNSCHEDULABLE_MS) / FLUSH_PERIOD_MS) + 1) * FLUSH_PERIOD_MS;
}

interface Waiting { plugins: Set<string>; since: number }

export class UnschedulablePods {
  private waiting = new Map<string, Waiting>();
  private attempts = new Map<string, { count: number; last: number }>();

  /**
   * @param activate puts a key on the active queue after the given delay (0: at once)
   */
  constructor(private readonly activate: (key: string, delayMs: number) => void, private readonly now: () => number) {}

  get size(): number { return this.waiting.size; }
  has(key: string): boolean { return this.waiting.has(key); }

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
  park(key: string, plugin: string): void { this.waiting.set(key, { plugins: new Set([plugin]), since: this.now() }); }

  /** The pod is gone, scheduled or changed by its user: forget it (its attempts too unless it only changed). */
  forget(key: string, keepAttempts = false): void {
    this.waiting.delete(key);
    if (!keepAttempts) this.attempts.delete(key);
  }

  /** MoveAllToActiveOrBackoffQueue for one event: the pods some rejecting plugin of which registered it. */
  move(event: ClusterEvent): void {
    for (const [key, w] of this.waiting) {
      if (w.plugins.has('SchedulingGates')) continue;
      if (w.plugins.size && ![...w.plugins].some((p) => PLUGIN_EVENTS[p]?.includes(event))) continue;
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
    const remaining = a ? a.last + backoffDuration(a.count) - this.now() : 0;
    this.activate(key, Math.max(0, remaining));
  }
}
