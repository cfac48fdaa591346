// Small helpers over object metadata shared by every component.

import type { ObjectMeta as ApiObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/** kubernetes-types marks server-set fields readonly; the model is the server, so it may set them. */
export type ObjectMeta = { -readonly [K in keyof ApiObjectMeta]: ApiObjectMeta[K] };

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: any;
}

export function keyOf(namespace: string | undefined, name: string): string { return namespace ? `${namespace}/${name}` : name; }
export function objKey(o: KObject): string { return keyOf(o.metadata.namespace, o.metadata.name!); }
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function controllerOf(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function controllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** A deep copy to modify: objects read from the store are frozen. */
export function clone<T>(o: T): T {
  if (o === null || typeof o !== 'object') return o;
  if (Array.isArray(o)) return o.map(clone) as T;
  const out: any = {};
  for (const k in o) out[k] = clone((o as any)[k]);
  return out;
}

export function deepFreeze<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  Object.freeze(o);
  for (const k in o) deepFreeze((o as any)[k]);
  return o;
}

/** Structural equality of JSON-like values; a key whose value is undefined counts as absent. Allocates nothing. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  let defined = 0;
  for (const k in a as any) {
    const v = (a as any)[k];
    if (v === undefined) continue;
    defined++;
    if (!deepEqual(v, (b as any)[k])) return false;
  }
  for (const k in b as any) if ((b as any)[k] !== undefined) defined--;
  return defined === 0;
}
