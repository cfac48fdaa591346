// The scenario's history as the API server records it: every write through it and every Event, stamped with
// virtual time.
// It is bounded: past `limit` entries the oldest half is folded into a summary (the last write of each object
// still there, as the state everything later starts from) and counted, so a long or large run keeps memory in
// proportion to its objects, while failure reports (the latest entries, how many there were since when), an
// object's recent history and rollout replays (the summary then the entries) read the same as before.

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

/** Entries kept before the oldest half is summarised. */
export const TIMELINE_LIMIT = 100_000;

export class Timeline {
  /** the entries since the summary, oldest first */
  readonly entries: TimelineEntry[] = [];
  enabled = true;
  /** entries folded into the summary so far */
  dropped = 0;
  /** the time of the first entry ever recorded */
  start?: number;
  /** `resource\0namespace\0name` -> the last write of each object folded into the summary (deleted ones leave) */
  private readonly summary = new Map<string, TimelineEntry>();

  constructor(readonly limit = TIMELINE_LIMIT) {}

  record(e: TimelineEntry): void {
    if (!this.enabled) return;
    if (this.start === undefined) this.start = e.time;
    this.entries.push(e);
    if (this.entries.length > this.limit) this.fold(this.entries.length - Math.floor(this.limit / 2));
  }

  /** Every entry recorded, folded ones included. */
  get total(): number {
    return this.dropped + this.entries.length;
  }

  /** The summary (each object's state when the entries begin, in the order the objects were first written) followed by the entries. */
  history(): { entries: TimelineEntry[]; snapshot: number } {
    if (!this.summary.size) return { entries: this.entries, snapshot: 0 };
    return { entries: [...this.summary.values(), ...this.entries], snapshot: this.summary.size };
  }

  /** Entries touching one object, newest last. */
  about(resource: string, namespace: string | undefined, name: string, limit = 20): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i];
      if (e.resource === resource && e.name === name && (e.namespace ?? '') === (namespace ?? '')) out.push(e);
    }
    return out.reverse();
  }

  private fold(n: number): void {
    for (const e of this.entries.splice(0, n)) {
      if (e.kind !== 'write') continue;
      const key = `${e.resource}\0${e.namespace ?? ''}\0${e.name}`;
      // an object keeps its place of first write, so owners come before what they own, as they were created
      if (e.verb === 'delete' && !e.message?.startsWith('graceful')) this.summary.delete(key);
      else this.summary.set(key, e);
    }
    this.dropped += n;
  }
}
