// pkg/controller/statefulset/stateful_set_utils.go: a StatefulSet pod's identity (name, hostname, subdomain,
// pod-name and pod-index labels), its storage (one claim per volumeClaimTemplate), its revision, and the
// health predicates the control loop waits on.

import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { ObjectMeta } from '../../api/meta';
import type { PodTemplateSpec, Volume } from '../../api/types';
import { type KObject, clone, controllerRef } from '../../api/meta';
import { isPodAvailable, isPodReady } from '../../api/pod';
import { CONTROLLER_REVISION_HASH, POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL } from '../../api/well-known';

const STATEFUL_POD_REGEX = /^(.*)-([0-9]+)$/;

export function getPodName(set: KObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getParentNameAndOrdinal: ordinal -1 when the name is not <parent>-<n>. */
export function getParentNameAndOrdinal(pod: KObject): [string, number] {
  const m = STATEFUL_POD_REGEX.exec(pod.metadata.name ?? '');
  return m ? [m[1], Number(m[2])] : ['', -1];
}
export function getOrdinal(pod: KObject): number {
  return getParentNameAndOrdinal(pod)[1];
}

/** getStartOrdinal (StatefulSetStartOrdinal, beta and on). */
export function getStartOrdinal(set: KObject): number {
  return set.spec?.ordinals?.start ?? 0;
}
export function getEndOrdinal(set: KObject): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}
export function podInOrdinalRange(pod: KObject, set: KObject): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

export function isMemberOf(set: KObject, pod: KObject): boolean {
  return getParentNameAndOrdinal(pod)[0] === set.metadata.name;
}

export function getPersistentVolumeClaimName(set: KObject, claim: { metadata?: ObjectMeta }, ordinal: number): string {
  return `${claim.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims of one ordinal, labelled with the set's matchLabels. */
export function getPersistentVolumeClaims(set: KObject, pod: KObject): Map<string, KObject> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, KObject>();
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...clone(t.metadata ?? {}),
        name: getPersistentVolumeClaimName(set, t, ordinal),
        namespace: set.metadata.namespace,
      },
      spec: clone(t.spec ?? {}),
    };
    const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    if (Object.keys(labels).length) claim.metadata.labels = labels;
    claims.set(t.metadata?.name ?? '', claim);
  }
  return claims;
}

/** updateStorage: each claim template becomes a persistentVolumeClaim volume, replacing a volume of that name. */
export function updateStorage(set: KObject, pod: KObject): void {
  const claims = getPersistentVolumeClaims(set, pod);
  if (!claims.size) return;
  const volumes: Volume[] = [];
  for (const [name, claim] of claims)
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name! } });
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec.volumes = volumes;
}

/** initIdentity / updateIdentity: name, hostname, subdomain and the two identity labels. */
export function updateIdentity(set: KObject, pod: KObject): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [STATEFULSET_POD_NAME_LABEL]: pod.metadata.name,
    [POD_INDEX_LABEL]: String(ordinal),
  };
  pod.spec.hostname = pod.metadata.name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

/** newStatefulSetPod: the template with identity, storage and a controllerRef. */
export function newStatefulSetPod(set: KObject, template: PodTemplateSpec | undefined, ordinal: number): KObject {
  const m = template?.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: getPodName(set, ordinal),
      namespace: set.metadata.namespace,
      ownerReferences: [controllerRef(set)],
    },
    spec: clone(template?.spec ?? {}),
  };
  if (m.labels) pod.metadata.labels = { ...m.labels };
  if (m.annotations) pod.metadata.annotations = { ...m.annotations };
  if (m.finalizers) pod.metadata.finalizers = [...m.finalizers];
  updateIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition of a RollingUpdate are made at the current
 * revision, the others at the update revision.
 */
export function newVersionedStatefulSetPod(set: KObject, current: KObject, update: KObject, ordinal: number): KObject {
  const ru = set.spec?.updateStrategy?.type === 'RollingUpdate' || !set.spec?.updateStrategy?.type;
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const rev =
    ru && current.metadata.name !== update.metadata.name && ordinal < getStartOrdinal(set) + partition
      ? current
      : update;
  const pod = newStatefulSetPod(set, rev.data?.spec?.template, ordinal);
  pod.metadata.labels = { ...pod.metadata.labels, [CONTROLLER_REVISION_HASH]: rev.metadata.name! };
  return pod;
}

export function getPodRevision(pod: KObject): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
}

/** getPatch: the part of the set a revision records, the template replaced whole. */
export function revisionData(set: KObject): unknown {
  return { spec: { template: { ...clone(set.spec?.template ?? {}), $patch: 'replace' } } };
}

export function isCreated(pod: KObject): boolean {
  return !!pod.status?.phase;
}
export function isFailed(pod: KObject): boolean {
  return pod.status?.phase === 'Failed';
}
export function isSucceeded(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded';
}
export function isTerminating(pod: KObject): boolean {
  return !!pod.metadata.deletionTimestamp;
}
export function isRunningAndReady(pod: KObject): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}
export function isRunningAndAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}
export function isHealthy(pod: KObject): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
export function isUnavailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  return !isRunningAndAvailable(pod, minReadySeconds, now) || isTerminating(pod);
}

/** The persistentVolumeClaimRetentionPolicy with its defaults (Retain, Retain). */
export function retentionPolicy(set: KObject): { whenDeleted: string; whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: p.whenDeleted ?? 'Retain', whenScaled: p.whenScaled ?? 'Retain' };
}

/**
 * claimOwnerMatchesSetAndPod / updateClaimOwnerRefForSetAndPod: the ownerReferences a claim should carry
 * under the retention policy. The set owns it when whenDeleted is Delete (while its ordinal is in range),
 * the pod owns it once its ordinal is condemned and whenScaled is Delete.
 */
export function desiredClaimOwners(
  set: KObject,
  claim: KObject,
  pod: KObject | undefined,
  condemned: boolean,
): OwnerReference[] {
  const { whenDeleted, whenScaled } = retentionPolicy(set);
  const others: OwnerReference[] = (claim.metadata.ownerReferences ?? []).filter(
    (r) => r.uid !== set.metadata.uid && (!pod || r.uid !== pod.metadata.uid),
  );
  const ref = (o: KObject) => ({
    apiVersion: o.apiVersion!,
    kind: o.kind!,
    name: o.metadata.name!,
    uid: o.metadata.uid!,
  });
  const refs = [...others];
  if (condemned && whenScaled === 'Delete') {
    if (pod) refs.push(ref(pod));
  } else if (whenDeleted === 'Delete') refs.push(ref(set));
  return refs;
}
