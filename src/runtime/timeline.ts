// The scenario's history: every write through the API server and every Event, stamped with virtual time.

export interface TimelineEntry {
  time: number;
  kind: 'write' | 'event';
  /** create, update, status, delete for writes; Normal or Warning for events */
  verb: string;
  resource: string;
  namespace?: string;
  name: string;
  /** for events: reason and message; for writes: the writer and a short summary */
  reason?: string;
  message?: string;
  actor?: string;
  /** for writes: the object as stored after the write (stored objects are frozen, so this costs a reference) */
  object?: import('../api/meta').KObject;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];
  enabled = true;

  record(e: TimelineEntry): void { if (this.enabled) this.entries.push(e); }

  /** Entries touching one object, newest last. */
  about(resource: string, namespace: string | undefined, name: string, limit = 20): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i];
      if (e.resource === resource && e.name === name && (e.namespace ?? '') === (namespace ?? '')) out.push(e);
    }
    return out.reverse();
  }
}
