// pkg/controller/history/controller_history.go: ControllerRevisions, the snapshots of a StatefulSet's or a
// DaemonSet's pod template. A revision is named <parent>-<hash of its data>, owned by its parent, and numbered
// 1 + the highest existing revision; an equal revision is reused (renumbered when it is not the latest, as a
// rollback does), and a hash collision bumps the parent's collisionCount.

import type { ApiServer } from '../../apiserver/apiserver';
import { type KObject, clone, controllerOf, controllerRef, deepEqual } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { computeHash } from '../deployment/hash';
import { CONTROLLER_REVISION_HASH } from '../../api/well-known';
import { sortRevisions } from '../../api/apps';

/** ControllerRevisionName: the prefix is cut to 223 characters so the name stays a valid subdomain. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** HashControllerRevision: FNV-32a of the data with the collision count, safe-encoded. */
export function hashControllerRevision(data: unknown, probe?: number | null): string {
  return computeHash(data, probe);
}

/**
 * NewControllerRevision: labels from the template, a controllerRef to the parent, name from the hash; the
 * StatefulSet and DaemonSet controllers copy the parent's annotations (so its change-cause shows in history).
 */
export function newControllerRevision(
  parent: KObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount?: number | null,
): KObject {
  const hash = hashControllerRevision(data, collisionCount);
  const rev: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name!, hash),
      namespace: parent.metadata.namespace,
      labels: { ...(templateLabels ?? {}), [CONTROLLER_REVISION_HASH]: hash },
      ownerReferences: [controllerRef(parent)],
    },
    data: clone(data),
    revision,
  };
  if (parent.metadata.annotations) rev.metadata.annotations = { ...parent.metadata.annotations };
  return rev;
}

/** The revisions the parent controls (the owner index, not a scan). */
export function listRevisions(api: ApiServer, parent: KObject): KObject[] {
  return api
    .select('controllerrevisions', { namespace: parent.metadata.namespace, ownerUid: parent.metadata.uid })
    .filter((r) => controllerOf(r)?.uid === parent.metadata.uid);
}

export { sortRevisions };

export function nextRevision(revs: readonly KObject[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
}

/**
 * The update revision for the parent's current template (getStatefulSetRevisions / constructHistory): an equal
 * revision is reused, renumbered to the top when older; otherwise a new one is created (CreateControllerRevision),
 * probing past hash collisions. Returns the revision and the collision count to store in the parent's status.
 */
export function ensureUpdateRevision(
  api: ApiServer,
  parent: KObject,
  revisions: KObject[],
  templateLabels: Record<string, string> | undefined,
  data: unknown,
): { revision: KObject; collisionCount: number; revisions: KObject[] } {
  let collisionCount = parent.status?.collisionCount ?? 0;
  const sorted = sortRevisions(revisions);
  const equal = sorted.filter((r) => deepEqual(r.data, data));
  const next = nextRevision(sorted);
  if (equal.length) {
    const latest = equal[equal.length - 1];
    if (latest === sorted[sorted.length - 1]) return { revision: latest, collisionCount, revisions: sorted };
    const bumped = api.update({ ...clone(latest), revision: next });
    return {
      revision: bumped,
      collisionCount,
      revisions: sortRevisions(sorted.map((r) => (r === latest ? bumped : r))),
    };
  }
  for (;;) {
    const rev = newControllerRevision(parent, templateLabels, data, next, collisionCount);
    try {
      const created = api.create(rev);
      return { revision: created, collisionCount, revisions: [...sorted, created] };
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
      const existing = api.get('controllerrevisions', rev.metadata.namespace, rev.metadata.name!);
      if (deepEqual(existing.data, data) && controllerOf(existing)?.uid === parent.metadata.uid) {
        return { revision: existing, collisionCount, revisions: [...sorted, existing] };
      }
      collisionCount++;
    }
  }
}

/** Deletes the oldest revisions not in use until at most `limit` unused ones remain (truncateHistory). */
export function truncateHistory(api: ApiServer, revisions: readonly KObject[], live: Set<string>, limit: number): void {
  const unused = sortRevisions(revisions.filter((r) => !live.has(r.metadata.name!)));
  for (const r of unused.slice(0, Math.max(0, unused.length - limit))) {
    try {
      api.delete('controllerrevisions', r.metadata.namespace, r.metadata.name!);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
}
