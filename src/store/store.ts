// The etcd role: objects by resource and key, one resourceVersion counter, ordered watch events, and the
// indexes (label, owner, node) that let a reconcile find its objects without scanning the cluster.
// Stored objects are frozen: readers share them, writers copy first (clone in api/meta).

import { type KObject, keyOf, deepFreeze } from '../api/meta';
import { type Selector, matches } from '../api/selectors';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchType;
  resource: string;
  object: KObject;
  old?: KObject;
}
export type WatchHandler = (ev: WatchEvent) => void;

export interface ListQuery {
  namespace?: string;
  selector?: Selector;
  /** only objects with an ownerReference to this uid */
  ownerUid?: string;
  /** only pods bound to this node */
  nodeName?: string;
}

class Table {
  readonly objects = new Map<string, KObject>();
  readonly byLabel = new Map<string, Set<string>>();
  readonly byNamespace = new Map<string, Set<string>>();
  readonly byNode = new Map<string, Set<string>>();
  readonly watchers: WatchHandler[] = [];
}

export class Store {
  private rv = 0;
  private tables = new Map<string, Table>();
  /** owner uid -> resource -> keys of its dependents */
  private byOwner = new Map<string, Map<string, Set<string>>>();
  private anyWatchers: WatchHandler[] = [];

  resourceVersion(): number {
    return this.rv;
  }

  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.tables.get(resource)?.objects.get(keyOf(namespace, name));
  }

  count(resource: string): number {
    return this.tables.get(resource)?.objects.size ?? 0;
  }

  /** Objects matching the query, in insertion order (callers that print sort them). */
  list(resource: string, q: ListQuery = {}): KObject[] {
    const t = this.tables.get(resource);
    if (!t || q.selector === null) return [];
    const candidates = this.candidates(t, resource, q);
    const out: KObject[] = [];
    for (const key of candidates) {
      const o = t.objects.get(key);
      if (!o) continue;
      if (q.namespace !== undefined && o.metadata.namespace !== q.namespace) continue;
      if (q.nodeName !== undefined && o.spec?.nodeName !== q.nodeName) continue;
      if (q.ownerUid !== undefined && !o.metadata.ownerReferences?.some((r) => r.uid === q.ownerUid)) continue;
      if (q.selector && !matches(q.selector, o.metadata.labels)) continue;
      out.push(o);
    }
    return out;
  }

  /** Dependents of an owner across resources, as [resource, object]. */
  dependents(ownerUid: string): [string, KObject][] {
    const out: [string, KObject][] = [];
    for (const [resource, keys] of this.byOwner.get(ownerUid) ?? []) {
      const objects = this.tables.get(resource)?.objects;
      for (const key of keys) {
        const o = objects?.get(key);
        if (o) out.push([resource, o]);
      }
    }
    return out;
  }

  /** Writes an object (create or replace), stamps resourceVersion, and notifies watchers. */
  put(resource: string, obj: KObject): KObject {
    const t = this.table(resource);
    const key = keyOf(obj.metadata.namespace, obj.metadata.name!);
    const old = t.objects.get(key);
    obj.metadata.resourceVersion = String(++this.rv);
    deepFreeze(obj);
    if (old) this.unindex(t, resource, key, old, obj);
    t.objects.set(key, obj);
    this.index(t, resource, key, obj, old);
    this.emit(t, { type: old ? 'MODIFIED' : 'ADDED', resource, object: obj, old });
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const t = this.tables.get(resource);
    const key = keyOf(namespace, name);
    const old = t?.objects.get(key);
    if (!t || !old) return undefined;
    ++this.rv;
    t.objects.delete(key);
    this.unindex(t, resource, key, old);
    this.emit(t, { type: 'DELETED', resource, object: old });
    return old;
  }

  /** Calls the handler with every change of the resource; the result stops it. */
  watch(resource: string, handler: WatchHandler): () => void {
    const watchers = this.table(resource).watchers;
    watchers.push(handler);
    return () => {
      const i = watchers.indexOf(handler);
      if (i >= 0) watchers.splice(i, 1);
    };
  }
  watchAll(handler: WatchHandler): void {
    this.anyWatchers.push(handler);
  }

  private emit(t: Table, ev: WatchEvent): void {
    for (const h of t.watchers) h(ev);
    for (const h of this.anyWatchers) h(ev);
  }

  private table(resource: string): Table {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = new Table()));
    return t;
  }

  private candidates(t: Table, resource: string, q: ListQuery): Iterable<string> {
    let best: Set<string> | undefined;
    const consider = (s: Set<string> | undefined) => {
      const c = s ?? EMPTY;
      if (!best || c.size < best.size) best = c;
    };
    if (q.ownerUid !== undefined) consider(this.byOwner.get(q.ownerUid)?.get(resource));
    if (q.nodeName !== undefined) consider(t.byNode.get(q.nodeName));
    if (q.namespace !== undefined) consider(t.byNamespace.get(q.namespace));
    for (const r of q.selector ?? []) {
      if ((r.op === 'Equals' || r.op === 'In') && r.values.length === 1)
        consider(t.byLabel.get(`${r.key}=${r.values[0]}`));
    }
    return best ?? t.objects.keys();
  }

  // Index and unindex skip what a write left unchanged: stored objects are frozen, so a part shared with the
  // previous version (the labels of a status write, say) is the same object and indexes the same way.
  private index(t: Table, resource: string, key: string, o: KObject, old?: KObject): void {
    const m = o.metadata,
      om = old?.metadata;
    if (m.labels !== om?.labels) for (const k in m.labels) add(t.byLabel, `${k}=${m.labels[k]}`, key);
    if (m.namespace && !om) add(t.byNamespace, m.namespace, key);
    if (o.spec?.nodeName && o.spec.nodeName !== old?.spec?.nodeName) add(t.byNode, o.spec.nodeName, key);
    if (m.ownerReferences !== om?.ownerReferences)
      for (const r of m.ownerReferences ?? []) addOwned(this.byOwner, r.uid, resource, key);
  }

  private unindex(t: Table, resource: string, key: string, o: KObject, next?: KObject): void {
    const m = o.metadata,
      nm = next?.metadata;
    if (m.labels !== nm?.labels) for (const k in m.labels) del(t.byLabel, `${k}=${m.labels[k]}`, key);
    if (m.namespace && !nm) del(t.byNamespace, m.namespace, key);
    if (o.spec?.nodeName && o.spec.nodeName !== next?.spec?.nodeName) del(t.byNode, o.spec.nodeName, key);
    if (m.ownerReferences !== nm?.ownerReferences)
      for (const r of m.ownerReferences ?? []) delOwned(this.byOwner, r.uid, resource, key);
  }
}

const EMPTY = new Set<string>();

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}
function addOwned(m: Map<string, Map<string, Set<string>>>, uid: string, resource: string, key: string): void {
  let r = m.get(uid);
  if (!r) m.set(uid, (r = new Map()));
  add(r, resource, key);
}
function delOwned(m: Map<string, Map<string, Set<string>>>, uid: string, resource: string, key: string): void {
  const r = m.get(uid);
  if (!r) return;
  del(r, resource, key);
  if (!r.size) m.delete(uid);
}
function del(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) {
    s.delete(v);
    if (!s.size) m.delete(k);
  }
}
