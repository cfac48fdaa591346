// pkg/controller/garbagecollector: deletes dependents whose owners are all gone (background propagation),
// removes the ownerReferences of dependents of an owner deleted with `orphan`, and holds an owner deleted
// in the foreground (`foregroundDeletion`) until its blocking dependents are gone.
//
// The graph builder's dependency graph is the store's owner index (Store.dependents): dependents by owner
// uid, across resources, kept up to date by every write.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual } from '../../api/meta';
import { RESOURCES } from '../../api/kinds';
import { isStatusError } from '../../api/errors';
import type { WatchEvent } from '../../client/controller';
import type { OwnerReference } from 'kubernetes-types/meta/v1';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

const OWNER_DELETED = 'owner-deleted/';

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    // events are never owners nor owned in the model; everything else is watched, as the GC watches all
    // deletable resources
    for (const r of RESOURCES) if (r.resource !== 'events') this.watch(r.resource, (ev) => this.onEvent(ev));
    this.api.watchCustomResources((ev) => this.onEvent(ev));
  }

  sync(key: string): void {
    if (key.startsWith(OWNER_DELETED)) {
      // the owner is gone: every dependent is re-examined (attemptToDelete of its dependents)
      for (const [resource, dep] of this.api.dependents(key.slice(OWNER_DELETED.length)))
        this.attemptToDeleteItem(resource, dep);
      return;
    }
    const [resource, namespace, name] = key.split('/');
    const obj = this.api.tryGet(resource, namespace || undefined, name);
    if (!obj) return;
    if (isDeleting(obj, FINALIZER_ORPHAN)) return this.attemptToOrphan(resource, obj);
    this.attemptToDeleteItem(resource, obj);
  }

  /** attemptToDeleteItem (garbagecollector.go). */
  private attemptToDeleteItem(resource: string, item: KObject): void {
    if (isDeleting(item, FINALIZER_FOREGROUND)) return this.processDeletingDependentsItem(resource, item);
    if (item.metadata.deletionTimestamp) return; // being deleted, and not waiting for its dependents
    const refs = item.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [],
      dangling: OwnerReference[] = [],
      waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.ownerOf(item, ref);
      if (!owner) dangling.push(ref);
      else if (isDeleting(owner, FINALIZER_FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // drop references to owners that are gone or waiting for us, or they would wait forever
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      return this.ignoreNotFound(() => this.patchOwnerRefs(resource, item, (r) => !drop.has(r.uid)));
    }
    if (waiting.length && this.api.dependents(item.metadata.uid!).length) {
      // our owner waits for us, and we have dependents of our own: delete them first too
      return this.deleteObject(resource, item, 'Foreground');
    }
    const f = item.metadata.finalizers ?? [];
    this.deleteObject(
      resource,
      item,
      f.includes(FINALIZER_ORPHAN) ? 'Orphan' : f.includes(FINALIZER_FOREGROUND) ? 'Foreground' : 'Background',
    );
  }

  /** processDeletingDependentsItem: the foreground finalizer goes once no dependent blocks the owner. */
  private processDeletingDependentsItem(resource: string, owner: KObject): void {
    const blocking = this.api
      .dependents(owner.metadata.uid!)
      .filter(([, dep]) =>
        dep.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion),
      );
    if (blocking.length === 0) return this.removeFinalizer(resource, owner, FINALIZER_FOREGROUND);
    for (const [r, dep] of blocking) if (!isDeleting(dep, FINALIZER_FOREGROUND)) this.attemptToDeleteItem(r, dep);
  }

  /** attemptToOrphan: the dependents lose their reference to the owner, then the owner its finalizer. */
  private attemptToOrphan(resource: string, owner: KObject): void {
    for (const [r, dep] of this.api.dependents(owner.metadata.uid!)) {
      this.ignoreNotFound(() => this.patchOwnerRefs(r, dep, (ref) => ref.uid !== owner.metadata.uid));
    }
    this.removeFinalizer(resource, owner, FINALIZER_ORPHAN);
  }

  /** isDangling: the owner named by the reference does not exist, or is another object with that name. */
  private ownerOf(item: KObject, ref: OwnerReference): KObject | undefined {
    const r = this.api.resources.forKind(ref.kind);
    if (!r) return undefined;
    const owner = this.api.tryGet(r.resource, r.namespaced ? item.metadata.namespace : undefined, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  private deleteObject(
    resource: string,
    item: KObject,
    propagationPolicy: 'Background' | 'Foreground' | 'Orphan',
  ): void {
    this.ignoreNotFound(() =>
      this.api.delete(resource, item.metadata.namespace, item.metadata.name!, {
        propagationPolicy,
        uid: item.metadata.uid,
      }),
    );
  }

  private patchOwnerRefs(resource: string, item: KObject, keep: (r: OwnerReference) => boolean): void {
    const latest = this.api.get(resource, item.metadata.namespace, item.metadata.name!);
    if (latest.metadata.uid !== item.metadata.uid) return;
    const o = clone(latest);
    const refs = (o.metadata.ownerReferences ?? []).filter(keep);
    if (refs.length === (latest.metadata.ownerReferences ?? []).length) return;
    if (refs.length) o.metadata.ownerReferences = refs;
    else delete o.metadata.ownerReferences;
    this.api.update(o);
  }

  private removeFinalizer(resource: string, item: KObject, finalizer: string): void {
    this.ignoreNotFound(() => {
      const latest = this.api.get(resource, item.metadata.namespace, item.metadata.name!);
      if (latest.metadata.uid !== item.metadata.uid || !latest.metadata.finalizers?.includes(finalizer)) return;
      const o = clone(latest);
      o.metadata.finalizers = o.metadata.finalizers!.filter((f) => f !== finalizer);
      if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
      this.api.update(o);
    });
  }

  private ignoreNotFound(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (
        !(
          isStatusError(e) &&
          (e.reason === 'NotFound' || (e.reason === 'Conflict' && e.message.includes('Precondition failed')))
        )
      )
        throw e;
    }
  }

  // ---- the graph builder: only keys

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (ev.type === 'DELETED') {
      if (this.api.dependents(o.metadata.uid!).length) this.enqueue(OWNER_DELETED + o.metadata.uid);
      // an owner waiting in the foreground may now be free of blocking dependents
      for (const ref of o.metadata.ownerReferences ?? []) {
        const owner = this.ownerOf(o, ref);
        if (owner && isDeleting(owner, FINALIZER_FOREGROUND))
          this.enqueue(itemKey(this.api.resources.forKind(ref.kind)!.resource, owner));
      }
      return;
    }
    if (isDeleting(o, FINALIZER_ORPHAN) || isDeleting(o, FINALIZER_FOREGROUND)) {
      if (
        ev.type === 'ADDED' ||
        (!isDeleting(ev.old!, FINALIZER_ORPHAN) && !isDeleting(ev.old!, FINALIZER_FOREGROUND))
      ) {
        // starts waiting: its dependents are examined too (processTransitions)
        for (const [r, dep] of this.api.dependents(o.metadata.uid!)) this.enqueue(itemKey(r, dep));
      }
      this.enqueue(itemKey(ev.resource, o));
      return;
    }
    // an object created, or re-referenced, with an owner that does not exist is garbage (a virtual owner node)
    const refs = o.metadata.ownerReferences;
    if (
      refs?.length &&
      (ev.type === 'ADDED' || !deepEqual(ev.old?.metadata.ownerReferences, refs)) &&
      refs.some((r) => !this.ownerOf(o, r))
    ) {
      this.enqueue(itemKey(ev.resource, o));
    }
  }
}

function isDeleting(o: KObject, finalizer: string): boolean {
  return !!o.metadata.deletionTimestamp && !!o.metadata.finalizers?.includes(finalizer);
}

function itemKey(resource: string, o: KObject): string {
  return `${resource}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
