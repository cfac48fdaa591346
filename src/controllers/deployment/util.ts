// pkg/controller/deployment/util/deployment_util.go: annotations, revisions, rolling-update arithmetic,
// conditions and the predicates on status that the sync loop uses. Pure functions over objects.

import type { KObject } from '../../api/meta';
import type { Deployment, DeploymentCondition, DeploymentStatus, Draft } from '../../api/types';
import {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
  LAST_APPLIED_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  revision,
  skipCopyAnnotation,
  equalIgnoreHash,
} from '../../api/apps';
import { parseTime } from '../../runtime/clock';
import { getScaledValueFromIntOrPercent } from '../util/intstr';
import { byCreationTimestamp, creationTime } from '../util/sort';

// the revision annotations kubectl reads too live with the API (src/api/apps.ts)
export {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
  LAST_APPLIED_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  revision,
  skipCopyAnnotation,
  equalIgnoreHash,
};

/** maxRevHistoryLengthInChars in pkg/controller/deployment/sync.go */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
export const MAX_INT32 = 2147483647;

// Condition reasons (deployment_util.go consts).
export const NEW_RS_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const RS_UPDATED_REASON = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

// ---- spec accessors with the apps/v1 defaults (pkg/apis/apps/v1/defaults.go), for objects not yet defaulted

export function replicasOf(o: KObject | undefined): number {
  return o?.spec?.replicas ?? 1;
}
export function strategyType(d: KObject): string {
  return d.spec?.strategy?.type ?? 'RollingUpdate';
}
export function isRollingUpdate(d: KObject): boolean {
  return strategyType(d) === 'RollingUpdate';
}
function rollingUpdate(d: KObject): { maxSurge?: number | string; maxUnavailable?: number | string } {
  return d.spec?.strategy?.rollingUpdate ?? { maxSurge: '25%', maxUnavailable: '25%' };
}
export function revisionHistoryLimit(d: KObject): number {
  return d.spec?.revisionHistoryLimit ?? 10;
}
export function progressDeadlineSeconds(d: KObject): number {
  return d.spec?.progressDeadlineSeconds ?? 600;
}
export function minReadySeconds(o: KObject): number {
  return o.spec?.minReadySeconds ?? 0;
}
export function hasProgressDeadline(d: KObject): boolean {
  return progressDeadlineSeconds(d) !== MAX_INT32;
}
export function hasRevisionHistoryLimit(d: KObject): boolean {
  return revisionHistoryLimit(d) !== MAX_INT32;
}

// ---- revisions and annotations

export function maxRevision(rss: readonly KObject[]): number {
  let max = 0;
  for (const rs of rss) {
    const r = revision(rs);
    if (!Number.isNaN(r) && r > max) max = r;
  }
  return max;
}

/** LastRevision: the second highest revision. */
export function lastRevision(rss: readonly KObject[]): number {
  let max = 0,
    second = 0;
  for (const rs of rss) {
    const r = revision(rs);
    if (Number.isNaN(r)) continue;
    if (r >= max) {
      second = max;
      max = r;
    } else if (r > second) second = r;
  }
  return second;
}

/** copyDeploymentAnnotationsToReplicaSet: every Deployment annotation but the skipped ones flows to the RS. */
export function copyDeploymentAnnotationsToReplicaSet(d: KObject, rs: KObject): boolean {
  let changed = false;
  const a = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentAnnotationsTo: on rollback the RS's annotations (change-cause) come back to the Deployment. */
export function setDeploymentAnnotationsTo(d: KObject, rollbackTo: KObject): void {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) a[k] = v;
  for (const [k, v] of Object.entries(rollbackTo.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) a[k] = v;
  d.metadata.annotations = a;
}

/** SetNewReplicaSetAnnotations: copies annotations, raises the revision, keeps revision-history on rollback. */
export function setNewReplicaSetAnnotations(
  d: KObject,
  rs: KObject,
  newRevision: number,
  exists: boolean,
  limitInChars = MAX_REV_HISTORY_LENGTH_IN_CHARS,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const oldRevision = a[REVISION_ANNOTATION];
  const had = oldRevision !== undefined;
  let oldRevisionInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^-?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  if (oldRevisionInt < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
  }
  if (had && oldRevisionInt < newRevision) {
    const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
    let old = history.split(',');
    if (old[0].length === 0) a[REVISION_HISTORY_ANNOTATION] = oldRevision!;
    else {
      let total = history.length + oldRevision!.length + 1,
        start = 0;
      while (total > limitInChars && start < old.length) {
        total -= old[start].length + 1;
        start++;
      }
      if (total <= limitInChars) {
        old = [...old.slice(start), oldRevision!];
        a[REVISION_HISTORY_ANNOTATION] = old.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

export function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let updated = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    updated = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    updated = true;
  }
  return updated;
}

export function replicasAnnotationsNeedUpdate(rs: KObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

export function setDeploymentRevision(d: KObject, rev: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === rev) return false;
  a[REVISION_ANNOTATION] = rev;
  return true;
}

/** getIntFromAnnotation: the integer value, or undefined when missing or not an integer. */
export function intAnnotation(rs: KObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

// ---- rolling update arithmetic

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 means unavailable 1. */
export function resolveFenceposts(
  surgeV: number | string | undefined | null,
  unavailableV: number | string | undefined | null,
  desired: number,
): [number, number] {
  const surge = getScaledValueFromIntOrPercent(surgeV ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(unavailableV ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: KObject): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = rollingUpdate(d);
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d))[0];
}

export function maxUnavailable(d: KObject): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = rollingUpdate(d);
  const unavailable = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d))[1];
  return Math.min(unavailable, replicasOf(d));
}

export function minAvailable(d: KObject): number {
  return replicasOf(d) - maxUnavailable(d);
}

/** NewRSNewReplicas: how far the new RS may grow now. */
export function newRSNewReplicas(d: KObject, allRSs: readonly KObject[], newRS: KObject): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const newRSReplicas = replicasOf(newRS);
  const current = getReplicaCountForReplicaSets(allRSs);
  const ru = rollingUpdate(d);
  const surge = getScaledValueFromIntOrPercent(ru.maxSurge ?? 0, replicasOf(d), true);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return newRSReplicas;
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - newRSReplicas);
  return newRSReplicas + scaleUp;
}

export function getReplicaCountForReplicaSets(rss: readonly (KObject | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += replicasOf(rs);
  return n;
}
export function getActualReplicaCountForReplicaSets(rss: readonly (KObject | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.replicas ?? 0;
  return n;
}
export function getReadyReplicaCountForReplicaSets(rss: readonly (KObject | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.readyReplicas ?? 0;
  return n;
}
export function getAvailableReplicaCountForReplicaSets(rss: readonly (KObject | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.availableReplicas ?? 0;
  return n;
}

/** IsSaturated: the new RS has all replicas, desired, and they are available. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  return (
    replicasOf(rs) === replicasOf(d) &&
    desired === replicasOf(d) &&
    (rs.status?.availableReplicas ?? 0) === replicasOf(d)
  );
}

export function filterActiveReplicaSets(rss: readonly (KObject | undefined)[]): KObject[] {
  return rss.filter((rs): rs is KObject => !!rs && replicasOf(rs) > 0);
}

/** FindActiveOrLatest: the one active RS, else the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: KObject | undefined, oldRSs: readonly KObject[]): KObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sorted = [...oldRSs].sort((a, b) => -byCreationTimestamp(a, b));
  const all = [...(newRS ? [newRS] : []), ...sorted];
  const active = filterActiveReplicaSets(all);
  if (active.length === 0) return newRS ?? sorted[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** FindNewReplicaSet: the oldest RS whose template equals the Deployment's. */
export function findNewReplicaSet(d: KObject, rsList: readonly KObject[]): KObject | undefined {
  const sorted = [...rsList].sort(byCreationTimestamp);
  return sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: [old RSs with pods, all old RSs]. */
export function findOldReplicaSets(d: KObject, rsList: readonly KObject[], newRS?: KObject): [KObject[], KObject[]] {
  const all: KObject[] = [],
    required: KObject[] = [];
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    all.push(rs);
    if (replicasOf(rs) !== 0) required.push(rs);
  }
  void d;
  return [required, all];
}

/** ReplicaSetsByRevision: by revision, ties by creation time then name. */
export function byRevision(a: KObject, b: KObject): number {
  const ra = revision(a),
    rb = revision(b);
  if (ra === rb || Number.isNaN(ra) || Number.isNaN(rb)) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: KObject, b: KObject): number {
  if (replicasOf(a) === replicasOf(b)) return byCreationTimestamp(a, b);
  return replicasOf(b) - replicasOf(a);
}
/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: KObject, b: KObject): number {
  if (replicasOf(a) === replicasOf(b)) return creationTime(b) - creationTime(a);
  return replicasOf(b) - replicasOf(a);
}

/** GetProportion: the share of a scale change this RS takes (proportional scaling). */
export function getProportion(
  rs: KObject | undefined,
  d: KObject,
  deploymentReplicasToAdd: number,
  deploymentReplicasAdded: number,
): number {
  if (
    !rs ||
    replicasOf(rs) === 0 ||
    deploymentReplicasToAdd === 0 ||
    deploymentReplicasToAdd === deploymentReplicasAdded
  )
    return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  if (deploymentReplicasToAdd > 0) return Math.min(fraction, allowed);
  return Math.max(fraction, allowed);
}

/** getReplicaSetFraction: round(rs × (replicas + maxSurge) / max-replicas annotation) − rs. */
export function getReplicaSetFraction(rs: KObject, d: KObject): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  let before = intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
  if (!before) {
    // missing, or 0 after a scale from 0: fall back to the current size
    before = d.status?.replicas ?? 0;
    if (!before) return 0;
  }
  const newRSsize = (replicasOf(rs) * deploymentReplicas) / before;
  return goRound(newRSsize) - replicasOf(rs);
}

/** math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

// ---- conditions

export type { DeploymentCondition };

export function newDeploymentCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getDeploymentCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime when status is. */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status)
    condition = { ...condition, lastTransitionTime: current.lastTransitionTime };
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

// ---- status predicates

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Draft<Deployment>, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (
    (s.updatedReplicas ?? 0) === r &&
    (s.replicas ?? 0) === r &&
    (s.availableReplicas ?? 0) === r &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
export function deploymentProgressing(d: Draft<Deployment>, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: Draft<Deployment>, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getDeploymentCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  return parseTime(c.lastUpdateTime) + progressDeadlineSeconds(d) * 1000 < now;
}
