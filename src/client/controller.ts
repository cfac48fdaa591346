// The shape every control loop shares: a name, watches that turn changes into keys, and sync(key).
// Controllers read through the API server (select = a lister) and write through it, like any client.

import type { ApiServer } from '../apiserver/apiserver';
import type { Runtime } from '../runtime/runtime';
import type { EventRecorder, EventType } from './recorder';
import type { KObject } from '../api/meta';
import type { WatchEvent } from '../store/store';

export type { WatchEvent };
import { objKey } from '../api/meta';

export interface ControllerContext {
  api: ApiServer;
  runtime: Runtime;
  recorder: EventRecorder;
}

export abstract class Controller {
  abstract readonly name: string;

  constructor(protected readonly ctx: ControllerContext) {}

  get api(): ApiServer { return this.ctx.api; }
  now(): number { return this.ctx.api.clock.now(); }

  abstract sync(key: string): void;

  enqueue(key: string): void { this.ctx.runtime.enqueue(this, key); }
  enqueueObject(o: KObject): void { this.enqueue(objKey(o)); }
  enqueueAfter(key: string, delayMs: number): void { this.ctx.runtime.enqueueAfter(this, key, delayMs); }

  /** Registers a watch; the handler should only enqueue keys. */
  watch(resource: string, handler: (ev: WatchEvent) => void): void { this.ctx.api.watch(resource, handler); }

  event(obj: KObject, type: EventType, reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, this.name);
  }
}
