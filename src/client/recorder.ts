// client-go's EventRecorder: Events named <object>.<hex nanoseconds>, with repeats of the same event folded
// into one object whose count and lastTimestamp grow (tools/record/events_cache.go). Similar events (same
// source, object, type and reason) with many different messages are aggregated as EventAggregator does: from
// the 10th distinct message within 10 minutes they go into one `(combined from similar events): ` Event.

import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';
import { isStatusError } from '../api/errors';
import { LRUCache } from 'lru-cache';

export type EventType = 'Normal' | 'Warning';

/** defaultAggregateMaxEvents and defaultAggregateIntervalInSeconds (events_cache.go). */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
/** maxLruCacheEntries: both caches forget the least recently used entries past this many */
export const MAX_LRU_CACHE_ENTRIES = 4096;

/**
 * golang-lru's Cache as events_cache.go uses it: a get refreshes an entry, an add past the size evicts the least
 * recently used (lru-cache keeps the order in a linked list: a Map's insertion order, refreshed by delete and set,
 * leaves holes that finding the oldest walks over, which made each Event of a large cluster cost microseconds).
 */
export function lru<V extends {}>(max = MAX_LRU_CACHE_ENTRIES): LRUCache<string, V> {
  return new LRUCache<string, V>({ max });
}

export class EventRecorder {
  private seen = lru<string>(); // aggregate key -> event name
  private seq = 0;
  /** aggregate key -> the distinct messages seen and when the last came (aggregateRecord) */
  private similar = lru<{ messages: DistinctMessages; last: number }>();

  constructor(private api: ApiServer) {}

  /** Records an Event about obj from a component (`deployment-controller`, `default-scheduler`, `kubelet`). */
  event(obj: KObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    // client-go's broadcaster never fails its caller: a refused Event (a terminating namespace) is dropped
    try {
      this.record(obj, type, reason, message, component, host);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private record(
    obj: KObject,
    type: EventType,
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    const aggregateKey = `${component}\0${host ?? ''}\0${obj.kind}\0${namespace}\0${m.name}\0${m.uid ?? ''}\0${type}\0${reason}`;
    let key = `${aggregateKey}\0${message}`;
    // EventAggregate: a fresh record after the interval; past the threshold the event becomes the combined one
    const t = this.api.clock.now();
    let record = this.similar.get(aggregateKey);
    if (!record || t - record.last > AGGREGATE_INTERVAL_MS)
      this.similar.set(aggregateKey, (record = { messages: new DistinctMessages(), last: t }));
    record.messages.add(message);
    record.last = t;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      record.messages.popOldest(); // PopAny: the set stays at the threshold
      key = aggregateKey;
      message = `(combined from similar events): ${message}`;
    }
    const now = this.api.clock.iso();
    const existing = this.seen.get(key);
    if (existing) {
      const ev = this.api.tryGet('events', namespace, existing);
      if (ev) {
        this.api.update({
          ...ev,
          count: (ev.count ?? 1) + 1,
          lastTimestamp: now,
          message,
          metadata: { ...ev.metadata },
        });
        return;
      }
    }
    const name = `${m.name}.${nanosHex(this.api.clock.now(), this.seq++)}`;
    this.seen.set(key, name);
    this.api.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      type,
      count: 1,
      source: host ? { component, host } : { component },
      firstTimestamp: now,
      lastTimestamp: now,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
  }
}

/** A set of messages in the order they came; most records only ever see one, which needs no Set. */
class DistinctMessages {
  private one?: string;
  private many?: Set<string>;
  get size(): number {
    return this.many ? this.many.size : this.one === undefined ? 0 : 1;
  }
  add(m: string): void {
    if (this.many) this.many.add(m);
    else if (this.one === undefined || this.one === m) this.one = m;
    else {
      this.many = new Set([this.one, m]);
      this.one = undefined;
    }
  }
  popOldest(): void {
    if (this.many) this.many.delete(this.many.values().next().value!);
    else this.one = undefined;
  }
}

/**
 * (ms x 10^6 + seq) in hex, the Event name's suffix (client-go's time.Now().UnixNano()), exactly, without BigInt:
 * ms = hi x 2^24 + lo, so the value is (hi x 10^6 + carry) x 2^24 + the low 24 bits, every part below 2^53.
 */
export function nanosHex(ms: number, seq: number): string {
  const hi = Math.floor(ms / 0x1000000),
    lo = ms - hi * 0x1000000;
  const low = lo * 1_000_000 + seq;
  const carry = Math.floor(low / 0x1000000);
  const high = hi * 1_000_000 + carry;
  const low24 = (low - carry * 0x1000000).toString(16);
  return high ? high.toString(16) + low24.padStart(6, '0') : low24;
}
