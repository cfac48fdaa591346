// Admission that behaves like defaulting for pods: Priority (plugin/pkg/admission/priority/admission.go) and
// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds/admission.go), plus the pod
// strategy's initial status (pkg/registry/core/pod/strategy.go PrepareForCreate: phase Pending, qosClass).

import { forbidden } from '../errors';
import type { ResourceInfo } from '../kinds';
import { podQOSClass } from './pod';

/** The built-in classes (pkg/apis/scheduling/types.go); no global default class exists in a fresh cluster. */
const SYSTEM_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export const DEFAULT_TOLERATION_SECONDS = 300;

export function admitPodPriority(
  pod: any,
  r: ResourceInfo,
  lookup: (name: string) => any | undefined,
  globalDefault: () => any | undefined = () => undefined,
): void {
  const spec = pod.spec ?? (pod.spec = {});
  const name = spec.priorityClassName;
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  if (!name) {
    // getDefaultPriority: the class marked globalDefault, whose name the pod then carries
    const def = globalDefault();
    if (def) {
      priority = def.value ?? 0;
      spec.priorityClassName = def.metadata.name;
      if (def.preemptionPolicy) policy = def.preemptionPolicy;
    }
  } else {
    if (name in SYSTEM_CLASSES) priority = SYSTEM_CLASSES[name];
    else {
      const pc = lookup(name);
      if (!pc)
        throw forbidden(
          r,
          pod.metadata?.name || pod.metadata?.generateName || '',
          `no PriorityClass with name ${name} was found`,
        );
      priority = pc.value ?? 0;
      if (pc.preemptionPolicy) policy = pc.preemptionPolicy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw forbidden(
      r,
      pod.metadata?.name || pod.metadata?.generateName || '',
      'the integer value of priority must not be provided in pod spec; priority admission controller computed ' +
        priority +
        ' from the given PriorityClass name',
    );
  }
  spec.priority = priority;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = policy;
}

export function admitDefaultTolerations(pod: any): void {
  const spec = pod.spec ?? (pod.spec = {});
  const tolerations: any[] = spec.tolerations ?? [];
  const tolerates = (key: string) =>
    tolerations.some((t) => (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const add: any[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key))
      add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (add.length) spec.tolerations = [...tolerations, ...add];
}

export function initialPodStatus(pod: any): void {
  const status = pod.status ?? (pod.status = {});
  if (!status.phase) status.phase = 'Pending';
  if (!status.qosClass) status.qosClass = podQOSClass(pod.spec ?? {});
}
