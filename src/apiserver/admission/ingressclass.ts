// plugin/pkg/admission/network/defaultingressclass/admission.go: a new Ingress that names no class (neither
// spec.ingressClassName nor the kubernetes.io/ingress.class annotation) gets the default IngressClass: the newest
// of those annotated ingressclass.kubernetes.io/is-default-class=true, ties by name. Create only.

import type { KObject } from '../../api/meta';
import type { ApiServer } from '../apiserver';
import { newestDefault } from './default-class';
import { ANNOTATION_IS_DEFAULT_INGRESS_CLASS } from '../../api/well-known';

const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';

export function getDefaultIngressClass(api: ApiServer): KObject | undefined {
  return newestDefault(
    api.select('ingressclasses'),
    (c) => c.metadata.annotations?.[ANNOTATION_IS_DEFAULT_INGRESS_CLASS] === 'true',
  );
}

export function admitDefaultIngressClass(ingress: KObject, api: ApiServer): void {
  const spec = ingress.spec ?? (ingress.spec = {});
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
  if (ingress.metadata.annotations?.[ANNOTATION_INGRESS_CLASS] !== undefined) return;
  const def = getDefaultIngressClass(api);
  if (def) spec.ingressClassName = def.metadata.name;
}
