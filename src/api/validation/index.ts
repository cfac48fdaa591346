// Validation (pkg/apis/*/validation), registered per resource. ValidateObjectMeta runs in the apiserver
// itself (./meta.ts); these add each kind's own rules, with `old` set on updates.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../meta';
import type { FieldError } from '../errors';
import { validatePodSpec } from './pod';
import { validatePodUpdate } from './pod-update';
import { validateDeployment, validateReplicaSet, validateReplicationController } from './apps';
import { validateDaemonSet, validateStatefulSet } from './apps-sets';
import { validateCronJob, validateJob } from './batch';
import { validateService } from './service';
import { validateNetworkPolicy } from './networkpolicy';
import { validatePersistentVolume, validatePersistentVolumeClaim, validateStorageClass } from './storage';
import { validateConfigMap, validateEndpoints, validateNamespace, validateNode, validateSecret } from './core';
import { validateIngress, validateIngressClass } from './networking';
import { validatePodDisruptionBudget } from './policy';
import { validateResourceQuota } from './quota';
import { validateRoleBinding } from './rbac';

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
  for (const [resource, v] of Object.entries(VALIDATORS)) api.strategies.register(resource, { validate: (obj, old, a) => v(obj, old, a) });
}
