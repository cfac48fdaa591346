// The watch cache (apiserver/pkg/storage/cacher): a window of the store's recent events, so a watch can start
// from a resourceVersion a client listed at. A watch from before the window gets 410 Expired, as the cacher's
// "too old resource version". Watchers see an object that starts or stops matching their selectors as ADDED or
// DELETED (the cacher's filtering of old and new object).

import type { KObject } from '../api/meta';
import type { Store, WatchType } from '../store/store';

export interface CachedEvent {
  rv: number;
  type: WatchType;
  resource: string;
  object: KObject;
  old?: KObject;
}
export type WatchEventType = WatchType | 'BOOKMARK' | 'ERROR';

export interface WatchFilter {
  resource: string;
  namespace?: string;
  /** does the object match the watch's label and field selectors */
  matches(o: KObject): boolean;
}

export interface Watcher {
  filter: WatchFilter;
  send(type: WatchType, object: KObject): void;
}

/** How many events the window keeps (the cacher sizes it per resource; one window here). */
export const DEFAULT_CAPACITY = 10_000;

export class WatchCache {
  private events: CachedEvent[] = [];
  private start = 0;
  /** the newest resourceVersion no longer in the window: a watch must start at or after it */
  private evictedUpTo: number;
  private watchers = new Set<Watcher>();

  constructor(
    private readonly store: Store,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {
    this.evictedUpTo = store.resourceVersion();
    store.watchAll((ev) => {
      const rv = ev.type === 'DELETED' ? store.resourceVersion() : Number(ev.object.metadata.resourceVersion);
      // a deletion's event carries the resourceVersion of the delete, as etcd's watch gives it
      const object = ev.type === 'DELETED' ? withResourceVersion(ev.object, rv) : ev.object;
      const e: CachedEvent = { rv, type: ev.type, resource: ev.resource, object, old: ev.old };
      this.push(e);
      for (const w of this.watchers) deliver(w, e);
    });
  }

  /** The oldest resourceVersion a watch may start from. */
  oldest(): number {
    return this.evictedUpTo;
  }

  /**
   * Starts a watch: from `rv` (events after it, replayed from the window), or with `initial` objects first
   * (a watch without a resourceVersion starts with the current state as ADDED events). Throws the resourceVersion
   * that is too old (the caller answers 410); returns the function that stops the watch.
   */
  watch(w: Watcher, from: { rv: number } | { initial: KObject[] }): () => void {
    if ('rv' in from) {
      if (from.rv < this.evictedUpTo) throw new TooOld(from.rv, this.evictedUpTo);
      for (let i = this.start; i < this.events.length; i++) if (this.events[i].rv > from.rv) deliver(w, this.events[i]);
    } else {
      for (const o of from.initial) w.send('ADDED', o);
    }
    this.watchers.add(w);
    return () => {
      this.watchers.delete(w);
    };
  }

  watcherCount(): number {
    return this.watchers.size;
  }

  private push(e: CachedEvent): void {
    this.events.push(e);
    if (this.events.length - this.start > this.capacity) {
      this.evictedUpTo = this.events[this.start].rv;
      this.start++;
      // compact now and then, so eviction stays O(1) amortized
      if (this.start > this.capacity) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
  }
}

export class TooOld extends Error {
  constructor(
    readonly rv: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${rv} (${oldest})`);
  }
}

/** The cacher's filter: an object moving into or out of the selection is ADDED or DELETED for this watcher. */
function deliver(w: Watcher, e: CachedEvent): void {
  const f = w.filter;
  if (e.resource !== f.resource) return;
  if (f.namespace !== undefined && e.object.metadata.namespace !== f.namespace) return;
  const now = e.type !== 'DELETED' && f.matches(e.object);
  if (e.type === 'ADDED') {
    if (now) w.send('ADDED', e.object);
    return;
  }
  if (e.type === 'DELETED') {
    if (f.matches(e.object)) w.send('DELETED', e.object);
    return;
  }
  const before = !!e.old && f.matches(e.old);
  if (now && before) w.send('MODIFIED', e.object);
  else if (now) w.send('ADDED', e.object);
  else if (before) w.send('DELETED', e.object);
}

function withResourceVersion(o: KObject, rv: number): KObject {
  return { ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } };
}
