// PersistentVolume, PersistentVolumeClaim (pkg/apis/core/validation/validation.go: ValidatePersistentVolumeSpec,
// ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate) and StorageClass
// (pkg/apis/storage/validation/validation.go).

import { type FieldError, GoLiteral, field } from '../errors';
import { canonicalQuantity, parseQuantity } from '../quantity';
import { dns1123Subdomain, qualifiedName } from './meta';
import { deepEq, immutable, validateLabelSelector } from './common';
import { specDiff } from './diff';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_RECLAIM = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'hostPath',
  'glusterfs',
  'nfs',
  'rbd',
  'quobyte',
  'iscsi',
  'cinder',
  'cephfs',
  'fc',
  'flocker',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

function accessModes(modes: string[] | undefined, f: string, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes?.length) errs.push(field.required(f, requiredDetail));
  let rwop = false,
    other = false;
  for (const m of modes ?? []) {
    if (!ACCESS_MODES.includes(m)) errs.push(field.notSupported(f, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(field.forbidden(f, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** ValidatePositiveQuantityValue */
function positiveQuantity(q: unknown, f: string): FieldError[] {
  return parseQuantity(q as string) <= 0
    ? [field.invalid(f, canonicalQuantity(q as string), 'must be greater than zero')]
    : [];
}

export function validatePersistentVolume(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...accessModes(spec.accessModes, 'spec.accessModes', ''));
  const cap = spec.capacity;
  const keys = Object.keys(cap ?? {});
  if (!keys.length) errs.push(field.required('spec.capacity', ''));
  if (!keys.includes('storage') || keys.length > 1) {
    const shown = cap
      ? `core.ResourceList{${keys
          .sort()
          .map((k) => `${JSON.stringify(k)}:resource.Quantity{...}`)
          .join(', ')}}`
      : 'core.ResourceList(nil)';
    errs.push(field.notSupported('spec.capacity', new GoLiteral(shown), ['storage']));
  }
  for (const k of keys) errs.push(...positiveQuantity(cap[k], `spec.capacity[${k}]`));
  if (spec.persistentVolumeReclaimPolicy && !PV_RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(field.notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, PV_RECLAIM));
  }
  if (spec.storageClassName) errs.push(...dns1123Subdomain('spec.storageClassName', spec.storageClassName));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode))
    errs.push(field.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  let n = 0;
  for (const s of PV_SOURCES) {
    if (!spec[s]) continue;
    if (n++ > 0) {
      errs.push(field.forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
      continue;
    }
    if (s === 'hostPath' && !spec.hostPath.path) errs.push(field.required('spec.hostPath.path', ''));
    if (s === 'nfs') {
      if (!spec.nfs.server) errs.push(field.required('spec.nfs.server', ''));
      if (!spec.nfs.path) errs.push(field.required('spec.nfs.path', ''));
    }
    if (s === 'local') {
      if (!spec.local.path) errs.push(field.required('spec.local.path', ''));
      if (!spec.nodeAffinity) errs.push(field.required('spec.nodeAffinity', 'Local volume requires node affinity'));
    }
    if (s === 'csi') {
      if (!spec.csi.driver) errs.push(field.required('spec.csi.driver', ''));
      if (!spec.csi.volumeHandle) errs.push(field.required('spec.csi.volumeHandle', ''));
    }
  }
  if (n === 0) errs.push(field.required('spec', 'must specify a volume type'));
  if (spec.hostPath?.path === '/' && spec.persistentVolumeReclaimPolicy === 'Recycle') {
    errs.push(
      field.forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"),
    );
  }
  if (old) {
    const src = (s: any) => Object.fromEntries(PV_SOURCES.filter((k) => s?.[k]).map((k) => [k, s[k]]));
    const a = src(old.spec),
      b = src(spec);
    if (!deepEq(a, b))
      errs.push(
        field.forbidden(
          'spec.persistentvolumesource',
          `spec.persistentvolumesource is immutable after creation\n${specDiff(a, b, 'core.PersistentVolumeSource')}`,
        ),
      );
    errs.push(...immutable(spec.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  }
  return errs;
}

export function validatePersistentVolumeClaim(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.accessModes?.length) errs.push(field.required('spec.accessModes', 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  errs.push(...accessModes(spec.accessModes, 'spec.accessModes', '').filter((e) => e.type !== 'FieldValueRequired'));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined || storage === null) errs.push(field.required('spec.resources[storage]', ''));
  else errs.push(...positiveQuantity(storage, 'spec.resources[storage]'));
  if (spec.storageClassName) errs.push(...dns1123Subdomain('spec.storageClassName', spec.storageClassName));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode))
    errs.push(field.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  if (old) errs.push(...validateClaimUpdate(obj, old));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: volumeName may be set once; a bound claim may change its storage request. */
function validateClaimUpdate(obj: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  const a = { ...(old.spec ?? {}) },
    b = { ...(obj.spec ?? {}) };
  if (!a.volumeName) a.volumeName = b.volumeName;
  // a class may be set once on a claim that had none (validateStorageClassUpgradeFromNil)
  if ((a.storageClassName === undefined || a.storageClassName === null) && !old.spec?.volumeName)
    a.storageClassName = b.storageClassName;
  if (obj.status?.phase === 'Bound' && b.resources?.requests) {
    b.resources = { ...b.resources, requests: { ...b.resources.requests, storage: a.resources?.requests?.storage } };
  }
  if (!deepEq(a, b)) {
    errs.push(
      field.forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff(a, b, 'core.PersistentVolumeClaimSpec')}`,
      ),
    );
  }
  const oldSize = old.spec?.resources?.requests?.storage,
    newSize = obj.spec?.resources?.requests?.storage;
  try {
    if (oldSize !== undefined && newSize !== undefined && parseQuantity(newSize) < parseQuantity(oldSize)) {
      errs.push(field.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
    }
  } catch {
    /* reported above */
  }
  return errs;
}

const SC_RECLAIM = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

export function validateStorageClass(obj: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if (!obj.provisioner) errs.push(field.required('provisioner', ''));
  else errs.push(...qualifiedName('provisioner', String(obj.provisioner).toLowerCase()));
  const params = obj.parameters ?? {};
  if (Object.keys(params).length > 512)
    errs.push(field.tooLong('parameters', 'Provisioner Parameters exceeded max allowed', 512));
  if (obj.reclaimPolicy && !SC_RECLAIM.includes(obj.reclaimPolicy))
    errs.push(field.notSupported('reclaimPolicy', obj.reclaimPolicy, SC_RECLAIM));
  if (!obj.volumeBindingMode) errs.push(field.required('volumeBindingMode', ''));
  else if (!BINDING_MODES.includes(obj.volumeBindingMode))
    errs.push(field.notSupported('volumeBindingMode', obj.volumeBindingMode, BINDING_MODES));
  if (old) {
    if (!deepEq(old.parameters ?? null, obj.parameters ?? null))
      errs.push(field.forbidden('parameters', 'updates to parameters are forbidden.'));
    if ((obj.provisioner ?? '') !== (old.provisioner ?? ''))
      errs.push(field.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy)
      errs.push(field.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  }
  return errs;
}
