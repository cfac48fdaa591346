// The Node object a kubelet registers.
import type { KObject } from '../api/meta';
import type { VirtualClock } from '../runtime/clock';

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string | number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

export function nodeObject(spec: NodeSpec, index: number, clock: VirtualClock): KObject {
  void clock;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: spec.name, labels: { 'kubernetes.io/hostname': spec.name, ...spec.labels } }, spec: { podCIDR: `10.244.${index}.0/24` } };
}
