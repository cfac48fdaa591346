// pkg/controller/deployment/sync.go: finding and creating the new ReplicaSet, revisions, scaling (including
// proportional scaling while a rollout is under way), history cleanup and the status calculation.

import type { DeploymentStatus } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { EventType } from '../../client/recorder';
import { type KObject, clone, controllerOf, controllerRef, deepEqual } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { computeHash } from './hash';
import * as u from './util';
import { POD_TEMPLATE_HASH_LABEL } from '../../api/well-known';

/** What the sync functions need from the controller: the Go receiver `dc`. */
export interface DeploymentOps extends Scaler, ReplicaSetDeleter {
  readonly api: ApiServer;
  now(): number;
  event(obj: KObject, type: EventType, reason: string, message: string): void;
  /** requeue the Deployment after a delay (progress deadline checks) */
  enqueueAfter(key: string, delayMs: number): void;
  /** writes the Deployment's annotations and status as the status subresource does for apps/v1 */
  updateDeploymentStatus(d: KObject): KObject;
}

/** The part of DeploymentOps that scales: what rolling.ts's functions use, faked in unit tests. */
export interface Scaler {
  scaleReplicaSetAndRecordEvent(rs: KObject, newScale: number, d: KObject): { scaled: boolean; rs: KObject };
}

export function iso(ops: { now(): number; api: ApiServer }): string {
  return ops.api.clock.iso(ops.now());
}

/** getAllReplicaSetsAndSyncRevision: [new RS (maybe created), all old RSs]. */
export function getAllReplicaSetsAndSyncRevision(
  ops: DeploymentOps,
  d: KObject,
  rsList: KObject[],
  createIfNotExisted: boolean,
): [KObject | undefined, KObject[]] {
  const [, allOldRSs] = u.findOldReplicaSets(d, rsList, u.findNewReplicaSet(d, rsList));
  const newRS = getNewReplicaSet(ops, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * getNewReplicaSet: the RS whose template equals the Deployment's, its annotations and revision synced; created
 * as `<deployment>-<pod-template-hash>` when missing and createIfNotExisted. `d` is updated in place.
 */
export function getNewReplicaSet(
  ops: DeploymentOps,
  d: KObject,
  rsList: KObject[],
  oldRSs: KObject[],
  createIfNotExisted: boolean,
): KObject | undefined {
  const api = ops.api;
  const existing = u.findNewReplicaSet(d, rsList);
  const newRevision = u.maxRevision(oldRSs) + 1;

  if (existing) {
    const rsCopy = clone(existing);
    const annotationsUpdated = u.setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySecondsNeedsUpdate = u.minReadySeconds(rsCopy) !== u.minReadySeconds(d);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec.minReadySeconds = u.minReadySeconds(d);
      return api.update(rsCopy);
    }
    // the revision in the RS's annotation is the reliable one
    let needsUpdate = u.setDeploymentRevision(d, rsCopy.metadata.annotations?.[u.REVISION_ANNOTATION] ?? '');
    const cond = u.getDeploymentCondition(d.status, 'Progressing');
    if (u.hasProgressDeadline(d) && !cond) {
      d.status ??= {};
      u.setDeploymentCondition(
        d.status,
        u.newDeploymentCondition(
          'Progressing',
          'True',
          u.FOUND_NEW_RS_REASON,
          `Found new replica set "${rsCopy.metadata.name}"`,
          iso(ops),
        ),
      );
      needsUpdate = true;
    }
    if (needsUpdate) ops.updateDeploymentStatus(d);
    return existing;
  }

  if (!createIfNotExisted) return undefined;

  const template = clone(d.spec.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = clone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const newRS: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // deterministic, so a repeated create is idempotent
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [controllerRef(d)],
      labels: { ...template.metadata.labels },
    },
    spec: { replicas: 0, minReadySeconds: u.minReadySeconds(d), selector, template },
  };
  const newReplicasCount = u.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicasCount;
  u.setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: KObject;
  let alreadyExisted = false;
  try {
    created = api.create(newRS);
  } catch (e) {
    if (!isStatusError(e)) throw e;
    if (e.reason === 'AlreadyExists') {
      alreadyExisted = true;
      const rs = api.get('replicasets', d.metadata.namespace, newRS.metadata.name!);
      const ref = controllerOf(rs);
      if (ref && ref.uid === d.metadata.uid && u.equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
      } else {
        // a hash collision: bump collisionCount so the next sync computes another name
        d.status ??= {};
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        ops.updateDeploymentStatus(d);
        throw e;
      }
    } else if (e.message.includes('because it is being terminated')) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${e.message}`;
      if (u.hasProgressDeadline(d)) {
        d.status ??= {};
        u.setDeploymentCondition(
          d.status,
          u.newDeploymentCondition('Progressing', 'False', u.FAILED_RS_CREATE_REASON, msg, iso(ops)),
        );
        ops.updateDeploymentStatus(d);
      }
      ops.event(d, 'Warning', u.FAILED_RS_CREATE_REASON, msg);
      throw e;
    }
  }
  if (!alreadyExisted && newReplicasCount > 0) {
    ops.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name} to ${newReplicasCount}`,
    );
  }
  let needsUpdate = u.setDeploymentRevision(d, String(newRevision));
  if (!alreadyExisted && u.hasProgressDeadline(d)) {
    d.status ??= {};
    u.setDeploymentCondition(
      d.status,
      u.newDeploymentCondition(
        'Progressing',
        'True',
        u.NEW_RS_REASON,
        `Created new replica set "${created.metadata.name}"`,
        iso(ops),
      ),
    );
    needsUpdate = true;
  }
  if (needsUpdate) ops.updateDeploymentStatus(d);
  return created;
}

/** scaleReplicaSet: sets spec.replicas and the replicas annotations; the event says up or down and from what. */
export function scaleReplicaSet(
  ops: DeploymentOps,
  rs: KObject,
  newScale: number,
  d: KObject,
  operation?: 'up' | 'down',
): { scaled: boolean; rs: KObject } {
  const oldScale = u.replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const desired = u.replicasOf(d),
    max = desired + u.maxSurge(d);
  if (!sizeNeedsUpdate && !u.replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const rsCopy = clone(rs);
  rsCopy.spec.replicas = newScale;
  u.setReplicasAnnotations(rsCopy, desired, max);
  const updated = ops.api.update(rsCopy);
  if (sizeNeedsUpdate) {
    const op = operation ?? (oldScale < newScale ? 'up' : 'down');
    ops.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${op} replica set ${updated.metadata.name} to ${newScale} from ${oldScale}`,
    );
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

export function scaleReplicaSetAndRecordEvent(
  ops: DeploymentOps,
  rs: KObject,
  newScale: number,
  d: KObject,
): { scaled: boolean; rs: KObject } {
  if (u.replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ops, rs, newScale, d, u.replicasOf(rs) < newScale ? 'up' : 'down');
}

/** scale: a scaling event outside a rollout step; spreads the change proportionally over active RSs. */
export function scale(ops: DeploymentOps, d: KObject, newRS: KObject | undefined, oldRSs: KObject[]): void {
  const replicas = u.replicasOf(d);
  const activeOrLatest = u.findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (u.replicasOf(activeOrLatest) === replicas) return;
    scaleReplicaSetAndRecordEvent(ops, activeOrLatest, replicas, d);
    return;
  }
  if (u.isSaturated(d, newRS)) {
    for (const old of u.filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(ops, old, 0, d);
    return;
  }
  if (!u.isRollingUpdate(d)) return;
  const sizes = proportionalSizes(d, newRS, oldRSs);
  for (const [rs, size, op] of sizes) scaleReplicaSet(ops, rs, size, d, op);
}

/** The sizes `scale` gives each active RS, in the order it writes them (exported for the TestScale rows). */
export function proportionalSizes(
  d: KObject,
  newRS: KObject | undefined,
  oldRSs: KObject[],
): [KObject, number, 'up' | 'down' | undefined][] {
  const allRSs = u.filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = u.replicasOf(d) > 0 ? u.replicasOf(d) + u.maxSurge(d) : 0;
  const toAdd = allowedSize - u.getReplicaCountForReplicaSets(allRSs);
  let op: 'up' | 'down' | undefined;
  if (toAdd > 0) {
    allRSs.sort(u.bySizeNewer);
    op = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(u.bySizeOlder);
    op = 'down';
  }
  let added = 0;
  const size = new Map<KObject, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = u.getProportion(rs, d, toAdd, added);
      size.set(rs, u.replicasOf(rs) + proportion);
      added += proportion;
    } else size.set(rs, u.replicasOf(rs));
  }
  return allRSs.map((rs, i) => {
    let n = size.get(rs)!;
    if (i === 0 && toAdd !== 0) n = Math.max(0, n + toAdd - added); // leftovers to the largest
    return [rs, n, op];
  });
}

/** isScalingEvent: an active RS's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(ops: DeploymentOps, d: KObject, rsList: KObject[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, false);
  for (const rs of u.filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = u.intAnnotation(rs, u.DESIRED_REPLICAS_ANNOTATION);
    if (desired === undefined) continue;
    if (desired !== u.replicasOf(d)) return true;
  }
  return false;
}

/** sync: scaling events and paused Deployments; no rollout step. */
export function sync(ops: DeploymentOps, d: KObject, rsList: KObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, false);
  scale(ops, d, newRS, oldRSs);
  if (d.spec?.paused && !getRollbackTo(d)) cleanupDeployment(ops, oldRSs, d);
  syncDeploymentStatus(ops, [...oldRSs, newRS], newRS, d);
}

export function getRollbackTo(d: KObject): number | undefined {
  const v = d.metadata.annotations?.[u.ROLLBACK_TO_ANNOTATION];
  if (v === undefined) return undefined;
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** checkPausedConditions: Progressing=Unknown while paused, and on resume. */
export function checkPausedConditions(ops: DeploymentOps, d: KObject): void {
  if (!u.hasProgressDeadline(d)) return;
  const cond = u.getDeploymentCondition(d.status, 'Progressing');
  if (cond?.reason === u.TIMED_OUT_REASON) return;
  const pausedCondExists = cond?.reason === u.PAUSED_DEPLOY_REASON;
  d.status ??= {};
  if (d.spec?.paused && !pausedCondExists) {
    u.setDeploymentCondition(
      d.status,
      u.newDeploymentCondition('Progressing', 'Unknown', u.PAUSED_DEPLOY_REASON, 'Deployment is paused', iso(ops)),
    );
  } else if (!d.spec?.paused && pausedCondExists) {
    u.setDeploymentCondition(
      d.status,
      u.newDeploymentCondition('Progressing', 'Unknown', u.RESUMED_DEPLOY_REASON, 'Deployment is resumed', iso(ops)),
    );
  } else return;
  ops.updateDeploymentStatus(d);
}

export interface ReplicaSetDeleter {
  deleteReplicaSet(rs: KObject): void;
}

/** cleanupDeployment: keeps revisionHistoryLimit old RSs, deleting the oldest revisions that are fully scaled down. */
export function cleanupDeployment(ops: ReplicaSetDeleter, oldRSs: KObject[], d: KObject): void {
  if (!u.hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - u.revisionHistoryLimit(d);
  if (diff <= 0) return;
  cleanable.sort(u.byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      u.replicasOf(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp
    )
      continue;
    ops.deleteReplicaSet(rs);
  }
}

/**
 * calculateStatus. The integer fields are omitempty in apps/v1 DeploymentStatus, so zeros are left out,
 * as the API serves them.
 */
export function calculateStatus(
  allRSs: (KObject | undefined)[],
  newRS: KObject | undefined,
  d: KObject,
  now: string,
): DeploymentStatus {
  const available = u.getAvailableReplicaCountForReplicaSets(allRSs);
  const total = u.getReplicaCountForReplicaSets(allRSs);
  const status: DeploymentStatus = {};
  type Count = Exclude<keyof DeploymentStatus, 'conditions'>;
  const set = (k: Count, v: number | undefined) => {
    if (v) status[k] = v;
  };
  set('observedGeneration', d.metadata.generation);
  set('replicas', u.getActualReplicaCountForReplicaSets(allRSs));
  set('updatedReplicas', u.getActualReplicaCountForReplicaSets([newRS]));
  set('readyReplicas', u.getReadyReplicaCountForReplicaSets(allRSs));
  set('availableReplicas', available);
  set('unavailableReplicas', Math.max(0, total - available));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = clone(d.status.conditions);
  if (available >= u.replicasOf(d) - u.maxUnavailable(d)) {
    u.setDeploymentCondition(
      status,
      u.newDeploymentCondition(
        'Available',
        'True',
        u.MINIMUM_REPLICAS_AVAILABLE,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    u.setDeploymentCondition(
      status,
      u.newDeploymentCondition(
        'Available',
        'False',
        u.MINIMUM_REPLICAS_UNAVAILABLE,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}

/** syncDeploymentStatus: writes the calculated status when it differs. */
export function syncDeploymentStatus(
  ops: DeploymentOps,
  allRSs: (KObject | undefined)[],
  newRS: KObject | undefined,
  d: KObject,
): void {
  const status = calculateStatus(allRSs, newRS, d, iso(ops));
  if (deepEqual(d.status ?? {}, status)) return;
  d.status = status;
  ops.updateDeploymentStatus(d);
}

/** syncStatusOnly: a Deployment being deleted only has its status refreshed. */
export function syncStatusOnly(ops: DeploymentOps, d: KObject, rsList: KObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, false);
  syncDeploymentStatus(ops, [...oldRSs, newRS], newRS, d);
}
