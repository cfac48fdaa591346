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

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
export function objKey(o: KObject): string {
  return keyOf(o.metadata.namespace, o.metadata.name!);
}
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function controllerOf(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function controllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

import { setKey, hasKey } from '../util/object';

export { setKey, hasKey };

/** A deep copy to modify: objects read from the store are frozen. */
export function clone<T>(o: T): T {
  if (o === null || typeof o !== 'object') return o;
  if (Array.isArray(o)) {
    const a = new Array(o.length);
    for (let i = 0; i < o.length; i++) {
      const v = o[i];
      a[i] = typeof v === 'object' && v !== null ? clone(v) : v;
    }
    return a as T;
  }
  const out: any = {};
  for (const k in o) {
    const v = (o as any)[k],
      c = typeof v === 'object' && v !== null ? clone(v) : v;
    if (k === '__proto__') setKey(out, k, c);
    else out[k] = c;
  }
  return out;
}

export function deepFreeze<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  Object.freeze(o);
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const v = o[i];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  } else {
    for (const k in o) {
      const v = (o as any)[k];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  }
  return o;
}

/**
 * Replaces the parts of `next` (a fresh, unfrozen copy) that equal `prev`'s with `prev`'s own, which are frozen:
 * a write then shares what it left unchanged with the version before it, so the store freezes and indexes only
 * what changed (labels and owner references keep their identity) and old and new versions share memory.
 * Returns whether `next` equals `prev` as deepEqual judges.
 */
export function shareUnchanged(next: any, prev: any): boolean {
  if (next === prev) return true;
  if (typeof next !== 'object' || typeof prev !== 'object' || next === null || prev === null) return false;
  if (Array.isArray(next) !== Array.isArray(prev)) return false;
  if (Object.isFrozen(next)) return deepEqual(next, prev);
  let same = true,
    defined = 0;
  for (const k in next) {
    const v = next[k];
    if (v === undefined) continue;
    defined++;
    const p = prev[k];
    if (v === p) continue;
    if (typeof v === 'object' && v !== null && typeof p === 'object' && p !== null && shareUnchanged(v, p))
      setKey(next, k, p);
    else same = false;
  }
  if (!same) return false;
  for (const k in prev) if (prev[k] !== undefined) defined--;
  return defined === 0;
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
