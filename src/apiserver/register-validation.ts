// Validation (pkg/apis/*/validation), registered per resource. ValidateObjectMeta runs in the apiserver
// itself (./meta.ts); these add each kind's own rules, with `old` set on updates.
import type { ApiServer } from './apiserver';
import type { KObject } from '../api/meta';
import type { FieldError } from '../api/errors';
import { validatePodSpec } from '../api/validation/pod';
import { validatePodUpdate } from '../api/validation/pod-update';
import { validateDeployment, validateReplicaSet, validateReplicationController } from '../api/validation/apps';
import { validateDaemonSet, validateStatefulSet } from '../api/validation/apps-sets';
import { validateCronJob, validateJob } from '../api/validation/batch';
import { validateService } from '../api/validation/service';
import { validateNetworkPolicy } from '../api/validation/networkpolicy';
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validateStorageClass,
} from '../api/validation/storage';
import {
  validateConfigMap,
  validateEndpoints,
  validateNamespace,
  validateNode,
  validateSecret,
} from '../api/validation/core';
import { validateIngress, validateIngressClass } from '../api/validation/networking';
import { validatePodDisruptionBudget } from '../api/validation/policy';
import { validateResourceQuota } from '../api/validation/quota';
import { validateRoleBinding } from '../api/validation/rbac';

type Validator = (obj: KObject, old: KObject | undefined, api: ApiServer) => FieldError[];

export function validatePod(pod: KObject, old?: KObject): FieldError[] {
  const errs = validatePodSpec(pod.spec ?? {}, 'spec');
  if (old) errs.push(...validatePodUpdate(pod, old));
  return errs;
}

export const VALIDATORS: Record<string, Validator> = {
  pods: validatePod,
  deployments: validateDeployment,
  replicasets: validateReplicaSet,
  statefulsets: validateStatefulSet,
  daemonsets: validateDaemonSet,
  jobs: validateJob,
  cronjobs: validateCronJob,
  services: validateService,
  networkpolicies: validateNetworkPolicy,
  persistentvolumes: validatePersistentVolume,
  persistentvolumeclaims: validatePersistentVolumeClaim,
  storageclasses: validateStorageClass,
  configmaps: validateConfigMap,
  secrets: validateSecret,
  nodes: validateNode,
  namespaces: validateNamespace,
  endpoints: validateEndpoints,
  ingresses: validateIngress,
  ingressclasses: validateIngressClass,
  poddisruptionbudgets: validatePodDisruptionBudget,
  resourcequotas: validateResourceQuota,
  replicationcontrollers: (o) => validateReplicationController(o),
  rolebindings: (o, old) => validateRoleBinding(o, old, true),
  clusterrolebindings: (o, old) => validateRoleBinding(o, old, false),
};

export function registerValidation(api: ApiServer): void {
  // strict decoding of the built-in kinds is the decoder's (src/apiserver/decode); custom resources check their schema
  for (const [resource, v] of Object.entries(VALIDATORS))
    api.strategies.register(resource, { validate: (obj, old, a) => v(obj, old, a) });
}
