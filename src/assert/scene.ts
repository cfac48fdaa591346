// What an assertion asks of: the target for objects and time (the embedded model or a live cluster, see
// src/target), the model itself when there is one (for what only the model knows: why a workload's pods are not
// running), and where the object of a failed match is kept for the report. A library user passes a Cluster;
// the steps pass their World.

import type { Cluster } from '../cluster';
import type { Target, ObjectKey } from '../target/target';
import { EmbeddedTarget } from '../target/embedded';
import { resolveResource, type ResourceInfo } from '../api/kinds';
import { parseDuration } from '../runtime/duration';

export interface Scene {
  readonly target: Target;
  /** the model cluster, when the target is the embedded one and it exists */
  readonly model?: Cluster;
  /** the object of the last failed match, as a report attaches it */
  failedObject?: { name: string; yaml: string };
}

/** A Cluster as a scene: its embedded target and itself as the model. */
export function sceneOf(s: Scene | Cluster): Scene {
  if ('target' in s) return s;
  const cluster = s;
  return {
    target: new EmbeddedTarget({
      cluster,
      createCluster() {
        throw new Error('a scene over a cluster cannot create another');
      },
    }),
    model: cluster,
  };
}

/** How long an `eventually` assertion waits: five minutes of the target's clock. */
export const EVENTUALLY = 5 * 60_000;

/** A limit: milliseconds or a duration (`'30s'`, `'5 minutes'`); none or 0 checks once, when what is under way has settled. */
export type Within = number | string | undefined;

export const limitOf = (within: Within): number => (typeof within === 'string' ? parseDuration(within) : (within ?? 0));

/** Checks until `check` holds: once settled (limit 0), or until the limit passes on the target's clock. */
export function holds(target: Target, check: () => Promise<boolean>, within: Within): Promise<boolean> {
  const limit = limitOf(within);
  return limit > 0 ? target.until(check, limit) : target.settled(check);
}

/** A built-in kind by kubectl's name for it (`deployment`, `deploy`, `pvc`), with kubectl's error for an unknown one. */
export function resourceOf(kind: string): ResourceInfo {
  const info = resolveResource(kind);
  if (!info) throw new Error(`the server doesn't have a resource type "${kind}"`);
  return info;
}

/** A built-in object by kubectl's name for its kind (`deployment`, `deploy`, `pvc`), in `default` unless given. */
export function objectKey(kind: string, name: string, namespace?: string): ObjectKey {
  const info = resourceOf(kind);
  if (!info.namespaced && namespace)
    throw new Error(`${info.resource} are not namespaced: drop 'in namespace "${namespace}"'`);
  return { info, name, namespace: info.namespaced ? namespace || 'default' : undefined };
}

/** `deployment "web" in namespace "default"`, `persistentvolume "pv01"`: how messages name an object. */
export function describeObject(ref: ObjectKey): string {
  return `${ref.info.singular} "${ref.name}"${ref.namespace ? ` in namespace "${ref.namespace}"` : ''}`;
}
