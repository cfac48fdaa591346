// plugin/pkg/admission/storage/storageclass/setdefault/admission.go: a claim that names no class gets the
// default StorageClass, if there is one (pkg/volume/util/storageclass.go GetDefaultClass: the newest of the
// classes marked default, ties by name). An explicit "" asks for no class and is left alone.

import type { KObject } from '../../api/meta';
import type { ApiServer } from '../apiserver';
import { newestDefault } from './default-class';

const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function getDefaultClass(api: ApiServer): KObject | undefined {
  return newestDefault(api.select('storageclasses'), (sc) =>
    DEFAULT_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true'),
  );
}

export function admitDefaultStorageClass(pvc: KObject, api: ApiServer): void {
  const spec = pvc.spec ?? (pvc.spec = {});
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const def = getDefaultClass(api);
  if (def) spec.storageClassName = def.metadata.name;
}
