// kube-apiserver's --event-ttl (default 1h): the events storage gives every write of an Event (create or update) a
// TTL (pkg/registry/core/event/storage TTLFunc), which the etcd3 store turns into an etcd lease; when the lease
// expires etcd deletes the key and watchers see DELETED. Leases are shared as the store's leaseManager shares them
// (staging/src/k8s.io/apiserver/pkg/storage/etcd3/lease_manager.go GetLease): a lease is granted for the TTL plus
// min(5% of it, 60 s) and reused by the writes that come while it still outlives them by the TTL, at most 1000
// objects each. So an Event goes between one TTL and a TTL and a minute after its last write, and memory stays in
// proportion to the last hour's Events on a long run.
import type { KObject } from '../api/meta';
import type { Store } from '../store/store';
import type { VirtualClock } from '../runtime/clock';

export const EVENT_TTL_MS = 3_600_000;
/** the lease manager's defaults: leaseReuseDurationSeconds, leaseReuseDurationPercent, leaseMaxAttachedObjectCount */
const REUSE_MAX_MS = 60_000,
  REUSE_PERCENT = 0.05,
  MAX_OBJECTS_PER_LEASE = 1000;

interface Lease {
  expiresAt: number;
  events: KObject[];
}

export class EventExpiry {
  /** the leases granted, oldest first (their expiry times only grow), from `head` on */
  private leases: Lease[] = [];
  private head = 0;
  private attached = 0;
  private timerAt?: number;

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: Store,
    public ttlMs = EVENT_TTL_MS,
  ) {}

  /** GetLease for the Event just stored: the stored version goes when its lease does, unless written again. */
  written(event: KObject): void {
    const now = this.clock.now(),
      ttl = Math.floor(this.ttlMs / 1000) * 1000;
    const reuse = Math.min(Math.floor(REUSE_PERCENT * (ttl / 1000)) * 1000, REUSE_MAX_MS);
    const prev = this.leases.length > this.head ? this.leases[this.leases.length - 1] : undefined;
    const expiresAt = prev?.expiresAt ?? -Infinity;
    this.attached++;
    if (prev && now + ttl < expiresAt && now + ttl + reuse > expiresAt && this.attached <= MAX_OBJECTS_PER_LEASE)
      prev.events.push(event);
    else {
      this.leases.push({ expiresAt: now + ttl + reuse, events: [event] });
      this.attached = 1;
    }
    this.schedule();
  }

  private schedule(): void {
    const next = this.leases[this.head];
    if (!next || this.timerAt !== undefined) return;
    this.timerAt = next.expiresAt;
    this.clock.after(next.expiresAt - this.clock.now(), () => {
      this.timerAt = undefined;
      this.expire();
    });
  }

  /** The leases due now expire: each Event still stored as that write left it is deleted. */
  private expire(): void {
    const now = this.clock.now();
    while (this.head < this.leases.length && this.leases[this.head].expiresAt <= now) {
      for (const ev of this.leases[this.head].events) {
        const m = ev.metadata;
        if (this.store.get('events', m.namespace, m.name!) === ev) this.store.remove('events', m.namespace, m.name!);
      }
      this.leases[this.head++] = undefined as unknown as Lease;
    }
    if (this.head > 1024 && this.head * 2 > this.leases.length) {
      this.leases = this.leases.slice(this.head);
      this.head = 0;
    }
    this.schedule();
  }
}
