// plugin/pkg/admission/namespace/lifecycle/admission.go: the namespaces a cluster cannot work without may not
// be deleted. (Creating content in a missing or terminating namespace is refused by the API server itself.)

import { forbidden } from '../../api/errors';
import { infoFor } from '../../api/kinds';
import type { KObject } from '../../api/meta';

export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export function admitNamespaceDelete(ns: KObject): void {
  if (IMMORTAL_NAMESPACES.has(ns.metadata.name!))
    throw forbidden(infoFor('namespaces'), ns.metadata.name!, 'this namespace may not be deleted');
}
