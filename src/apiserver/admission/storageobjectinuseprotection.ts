// plugin/pkg/admission/storage/storageobjectinuseprotection/admission.go: new claims and volumes get the
// protection finalizers that their controllers remove once nothing uses them.

import type { KObject } from '../../api/meta';

export function addFinalizer(obj: KObject, finalizer: string): void {
  const f = obj.metadata.finalizers ?? [];
  if (!f.includes(finalizer)) obj.metadata.finalizers = [...f, finalizer];
}
