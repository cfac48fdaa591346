// client-go's EventRecorder: Events named <object>.<hex nanoseconds>, with repeats of the same event folded
// into one object whose count and lastTimestamp grow (tools/record/events_cache.go).

import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';
import { isStatusError } from '../api/errors';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private seen = new Map<string, string>(); // aggregate key -> event name
  private seq = 0;

  constructor(private api: ApiServer) {}

  /** Records an Event about obj from a component (`deployment-controller`, `default-scheduler`, `kubelet`). */
  event(obj: KObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    // client-go's broadcaster never fails its caller: a refused Event (a terminating namespace) is dropped
    try { this.record(obj, type, reason, message, component, host); } catch (e) { if (!isStatusError(e)) throw e; }
  }

  private record(obj: KObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    const key = [component, host, obj.kind, namespace, m.name, m.uid, type, reason, message].join('\0');
    const now = this.api.clock.iso();
    const existing = this.seen.get(key);
    if (existing) {
      const ev = this.api.tryGet('events', namespace, existing);
      if (ev) {
        this.api.update({ ...ev, count: (ev.count ?? 1) + 1, lastTimestamp: now, metadata: { ...ev.metadata } });
        return;
      }
    }
    const nanos = BigInt(this.api.clock.now()) * 1_000_000n + BigInt(this.seq++);
    const name = `${m.name}.${nanos.toString(16)}`;
    this.seen.set(key, name);
    this.api.create({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
      reason, message, type, count: 1,
      source: host ? { component, host } : { component },
      firstTimestamp: now, lastTimestamp: now,
      reportingComponent: component, reportingInstance: host ?? '',
    });
  }
}
