// The built-in PriorityClasses the apiserver creates at start (pkg/registry/scheduling/rest/storage_scheduling.go
// AddSystemPriorityClasses, pkg/apis/scheduling/types.go): system-node-critical and system-cluster-critical.
import type { ApiServer } from './apiserver';

export const SYSTEM_PRIORITY_CLASSES = [
  {
    name: 'system-node-critical',
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: 2000000000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

export function bootstrapPriorityClasses(api: ApiServer): void {
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    api.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: pc.name },
      value: pc.value,
      description: pc.description,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  }
}
