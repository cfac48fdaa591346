// Pod predicates shared by controllers (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go).

import type { KObject } from './meta';
import { parseTime } from '../runtime/clock';

export function podCondition(pod: KObject, type: string): any | undefined {
  return pod.status?.conditions?.find((c: any) => c.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isPodTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: KObject): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** IsPodAvailable: ready for at least minReadySeconds (pkg/api/v1/pod/util.go). */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const since = parseTime(c.lastTransitionTime);
  return since > 0 && since + minReadySeconds * 1000 <= now;
}
