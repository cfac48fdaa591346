// Taints and tolerations as every component reads them: Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1
// toleration.go) and FindMatchingUntoleratedTaint (component-helpers/scheduling/corev1/helpers.go), shared by the
// scheduler's TaintToleration plugin, the DaemonSet controller, taint eviction and the kubelet's admission.

import type { Toleration } from 'kubernetes-types/core/v1';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** FindMatchingUntoleratedTaint over the taints whose effect passes the filter. */
export function firstUntolerated(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: (e: string) => boolean,
): Taint | undefined {
  return taints.find((taint) => effects(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)));
}
