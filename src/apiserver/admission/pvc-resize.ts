// plugin/pkg/admission/storage/persistentvolume/resize: a bound claim may grow only when its StorageClass
// says `allowVolumeExpansion: true`.

import { forbidden } from '../../api/errors';
import { infoFor } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import { compareQuantity } from '../../api/quantity';
import type { ApiServer } from '../apiserver';

export function admitClaimResize(pvc: KObject, old: KObject, api: ApiServer): void {
  const want = pvc.spec?.resources?.requests?.storage,
    had = old.spec?.resources?.requests?.storage;
  if (want === undefined || had === undefined || compareQuantity(want, had) <= 0) return;
  const className = pvc.spec?.storageClassName;
  const sc = className ? api.tryGet('storageclasses', undefined, className) : undefined;
  if (sc?.allowVolumeExpansion) return;
  throw forbidden(
    infoFor('persistentvolumeclaims'),
    pvc.metadata.name!,
    'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
  );
}
