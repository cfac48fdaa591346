// staging/src/k8s.io/component-helpers/storage/volume/{helpers.go,pv_helpers.go} and pkg/apis/core/v1/helper:
// annotations, classes, access-mode sets and the binding predicates shared by the PV controller and the scheduler's binder.

import type { KObject } from '../meta';
import { fromLabelSelector, matches } from '../selectors';
import { compareQuantity, parseQuantity } from '../quantity';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_DEFAULT_STORAGE_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_STORAGE_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export const hasAnnotation = (o: KObject, key: string): boolean => o.metadata.annotations?.[key] !== undefined;

/** GetPersistentVolumeClaimClass: the beta annotation, then spec.storageClassName, else "". */
export function claimClass(claim: KObject): string {
  const ann = claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass */
export function volumeClass(pv: KObject): string {
  const ann = pv.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, whatever the order given. */
export function accessModesKey(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  return [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
    .filter(([full]) => m.has(full))
    .map(([, short]) => short)
    .join(',');
}

const SHORT: Record<string, string> = {
  RWO: 'ReadWriteOnce',
  ROX: 'ReadOnlyMany',
  RWX: 'ReadWriteMany',
  RWOP: 'ReadWriteOncePod',
};
export const accessModesFromKey = (key: string): string[] => (key ? key.split(',').map((s) => SHORT[s]) : []);

export const containsAllAccessModes = (indexed: string[], requested: string[] | undefined): boolean =>
  (requested ?? []).every((m) => indexed.includes(m));

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export const checkAccessModes = (claim: KObject, pv: KObject): boolean =>
  containsAllAccessModes(pv.spec?.accessModes ?? [], claim.spec?.accessModes);

/** CheckVolumeModeMismatches: unset means Filesystem on both sides. */
export const volumeModeMismatch = (claim: KObject, pv: KObject): boolean =>
  (claim.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem');

/** IsVolumeBoundToClaim: claimRef names the claim, with its UID or none. */
export function isVolumeBoundToClaim(pv: KObject, claim: KObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

export const requestOf = (claim: KObject): string | number => claim.spec?.resources?.requests?.storage ?? 0;
export const capacityOf = (pv: KObject): string | number => pv.spec?.capacity?.storage ?? 0;

/** checkVolumeSatisfyClaim (pv_controller.go): why a named volume cannot take the claim, or undefined. */
export function checkVolumeSatisfyClaim(pv: KObject, claim: KObject): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion ${JSON.stringify(pv.metadata.name)}`;
  if (parseQuantity(capacityOf(pv)) < parseQuantity(requestOf(claim))) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, pv)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, pv)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume (pv_helpers.go) over one access-mode set: a volume pre-bound to the claim wins at once;
 * otherwise the smallest Available volume of the claim's class whose labels its selector matches.
 */
export function findMatchingVolume(claim: KObject, volumes: KObject[], delayBinding: boolean): KObject | undefined {
  const requested = requestOf(claim);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector ? fromLabelSelector(claim.spec.selector) : undefined;
  let smallest: KObject | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    if (compareQuantity(capacityOf(pv), requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) return pv;
    if (delayBinding) continue; // the scheduler binds these
    if (pv.status?.phase !== 'Available') continue;
    if (selector && !matches(selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!smallest || compareQuantity(capacityOf(smallest), capacityOf(pv)) > 0) smallest = pv;
  }
  return smallest;
}

/** The namespaced keys of the claims a pod's persistentVolumeClaim volumes name (the scheduler's NodeInfo.PVCRefCounts). */
export function pvcRefs(pod: KObject): string[] {
  return (pod.spec?.volumes ?? [])
    .filter((v: any) => v?.persistentVolumeClaim?.claimName)
    .map((v: any) => `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
}
