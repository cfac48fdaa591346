// plugin/pkg/admission/storage/storageclass/setdefault/admission.go: a claim that names no class gets the
// default StorageClass, if there is one (pkg/volume/util/storageclass.go GetDefaultClass: the newest of the
// classes marked default, ties by name). An explicit "" asks for no class and is left alone.

import type { KObject } from '../../api/meta';
import type { ApiServer } from '../apiserver';

const DEFAULT_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export function getDefaultClass(api: ApiServer): KObject | undefined {
  const defaults = api.select('storageclasses').filter((sc) => DEFAULT_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true'));
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? '';
    if (ta === tb) return a.metadata.name! < b.metadata.name! ? -1 : 1;
    return ta > tb ? -1 : 1;
  });
  return defaults[0];
}

export function admitDefaultStorageClass(pvc: KObject, api: ApiServer): void {
  const spec = pvc.spec ?? (pvc.spec = {});
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const def = getDefaultClass(api);
  if (def) spec.storageClassName = def.metadata.name;
}
