// Which Ingresses the modelled ingress-nginx serves: those of an IngressClass whose spec.controller is
// k8s.io/ingress-nginx, named by spec.ingressClassName or by the deprecated kubernetes.io/ingress.class
// annotation (whose value ingress-nginx compares with its --ingress-class, `nginx`). An Ingress with no class
// at all is not served (--watch-ingress-without-class=false); the DefaultIngressClass admission plugin gives
// new Ingresses the default class, if one is marked.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';

export const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
export const NGINX_CLASS = 'nginx';
const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';

/** The controller's namespace and the labels of its pods, as the ingress-nginx manifests deploy it. */
export const CONTROLLER_NAMESPACE = 'ingress-nginx';
export const CONTROLLER_SELECTOR = 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller';

export function isNginxClass(cls: KObject | undefined): boolean {
  return cls?.spec?.controller === NGINX_CONTROLLER;
}

/** Whether ingress-nginx serves this Ingress. */
export function servedByNginx(api: ApiServer, ing: KObject): boolean {
  const className = ing.spec?.ingressClassName;
  if (className) return isNginxClass(api.tryGet('ingressclasses', undefined, className));
  const annotation = ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS];
  if (annotation !== undefined) return annotation === NGINX_CLASS && installed(api);
  return false;
}

/** Some IngressClass names the ingress-nginx controller. */
export function installed(api: ApiServer): boolean {
  return api.select('ingressclasses').some(isNginxClass);
}
