// The shape every control loop shares: a name, watches that turn changes into keys, and sync(key).
// Controllers read through the API server (select = a lister) and write through it, like any client.
// The watches of a controller that owns what it creates are declared in controller-runtime's words:
//   this.reconciles('deployments').owns('replicasets', { adoptOrphans: (d) => fromLabelSelector(d.spec?.selector) })
// (builder.For(...).Owns(...) with EnqueueRequestForOwner{OnlyControllerOwner}, plus pkg/controller's orphan
// adoption: an object without a controller wakes the owners whose selector matches it, as getPodReplicaSets does).

import type { ApiServer } from '../apiserver/apiserver';
import type { Runtime } from '../runtime/runtime';
import type { EventRecorder, EventType } from './recorder';
import type { WatchEvent } from '../store/store';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { type KObject, controllerOf, deepEqual, keyOf, objKey } from '../api/meta';
import { type Selector, matches } from '../api/selectors';
import { resolveResource } from '../api/kinds';

export type { WatchEvent };

export interface ControllerContext {
  api: ApiServer;
  runtime: Runtime;
  recorder: EventRecorder;
}

export abstract class Controller {
  abstract readonly name: string;

  constructor(protected readonly ctx: ControllerContext) {}

  get api(): ApiServer {
    return this.ctx.api;
  }
  now(): number {
    return this.ctx.api.clock.now();
  }

  abstract sync(key: string): void;

  enqueue(key: string): void {
    this.ctx.runtime.enqueue(this, key);
  }
  enqueueObject(o: KObject): void {
    this.enqueue(objKey(o));
  }
  enqueueAfter(key: string, delayMs: number): void {
    this.ctx.runtime.enqueueAfter(this, key, delayMs);
  }

  /** Registers a watch; the handler should only enqueue keys. */
  watch(resource: string, handler: (ev: WatchEvent) => void): void {
    this.ctx.api.watch(resource, handler);
  }

  /** The resource this controller reconciles (controller-runtime's For): each change enqueues the object's key. */
  reconciles(resource: string, onChange: (ev: WatchEvent) => void = (ev) => this.enqueueObject(ev.object)): Reconciles {
    this.watch(resource, onChange);
    return new Reconciles(this, resource);
  }

  event(obj: KObject, type: EventType, reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, this.name);
  }
}

/** What a change of an owned object wakes besides its controller. */
export interface OwnsOptions {
  /** the owner's selector: an orphan whose labels it matches (added, released, or relabelled) wakes the owner to adopt it */
  adoptOrphans?: (owner: KObject) => Selector;
  /** told of each owner a change woke, and whether as an orphan's match (a minReadySeconds timer, an orphan check) */
  woke?: (owner: KObject, ev: WatchEvent, orphan: boolean) => void;
}

/** The builder `reconciles(...)` returns: `.owns(resource)` for each kind the controller creates and controls. */
export class Reconciles {
  private readonly kind: string;

  constructor(
    private readonly c: Controller,
    private readonly resource: string,
  ) {
    this.kind = resolveResource(resource)!.kind;
  }

  /** Each change of an object the owner controls enqueues the owner (and its former owner when the reference changed). */
  owns(resource: string, opts: OwnsOptions = {}): this {
    this.c.watch(resource, (ev) => this.changed(ev, opts));
    return this;
  }

  private changed(ev: WatchEvent, opts: OwnsOptions): void {
    const o = ev.object,
      ref = controllerOf(o);
    if (ev.type === 'MODIFIED' && ev.old) {
      const oldRef = controllerOf(ev.old);
      if (oldRef && oldRef.uid !== ref?.uid) this.wakeOwner(ev.old, oldRef, ev, opts);
      if (ref) this.wakeOwner(o, ref, ev, opts);
      else if (oldRef || !deepEqual(ev.old.metadata.labels, o.metadata.labels)) this.wakeMatching(o, ev, opts);
      return;
    }
    if (ref) this.wakeOwner(o, ref, ev, opts);
    else if (ev.type === 'ADDED' && !o.metadata.deletionTimestamp) this.wakeMatching(o, ev, opts);
  }

  /** resolveControllerRef: the owner of that kind, name and uid, if it still exists. */
  private wakeOwner(o: KObject, ref: OwnerReference, ev: WatchEvent, opts: OwnsOptions): void {
    if (ref.kind !== this.kind) return;
    const owner = this.c.api.tryGet(this.resource, o.metadata.namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return;
    this.c.enqueue(keyOf(o.metadata.namespace, ref.name));
    opts.woke?.(owner, ev, false);
  }

  private wakeMatching(o: KObject, ev: WatchEvent, opts: OwnsOptions): void {
    if (!opts.adoptOrphans) return;
    for (const owner of this.c.api.select(this.resource, { namespace: o.metadata.namespace })) {
      const sel = opts.adoptOrphans(owner);
      if (!sel || sel.length === 0 || !matches(sel, o.metadata.labels)) continue;
      opts.woke?.(owner, ev, true);
      this.c.enqueue(objKey(owner));
    }
  }
}
