// PersistentVolume and PersistentVolumeClaim defaults (pkg/apis/core/v1/defaults.go) and StorageClass
// defaults (pkg/apis/storage/v1/defaults.go).

export function defaultPersistentVolume(pv: any, now: string): void {
  const spec = pv.spec ?? (pv.spec = {});
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
  const status = pv.status ?? (pv.status = {});
  if (!status.phase) {
    status.phase = 'Pending';
    // PersistentVolumeLastPhaseTransitionTime (beta, on in v1.30): the strategy stamps a new volume
    if (!status.lastPhaseTransitionTime) status.lastPhaseTransitionTime = now;
  }
}

export function defaultPersistentVolumeClaim(pvc: any): void {
  const spec = pvc.spec ?? (pvc.spec = {});
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  const status = pvc.status ?? (pvc.status = {});
  if (!status.phase) status.phase = 'Pending';
}

export function defaultStorageClass(sc: any): void {
  if (!sc.reclaimPolicy) sc.reclaimPolicy = 'Delete';
  if (!sc.volumeBindingMode) sc.volumeBindingMode = 'Immediate';
}
