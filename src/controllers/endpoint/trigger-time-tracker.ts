// pkg/controller/util/endpoint/trigger_time_tracker.go: the `endpoints.kubernetes.io/last-change-trigger-time`
// of an Endpoints object is the earliest change (a pod's Ready transition, the service's creation) not yet
// reflected in it; a service seen for the first time reports its creationTimestamp.

import type { PodCondition } from '../../api/types';
import type { KObject } from '../../api/meta';
import { parseTime } from '../../runtime/clock';

interface State {
  pods: Map<string, number>;
  service: number;
}

export class TriggerTimeTracker {
  private states = new Map<string, State>();

  /** ComputeEndpointLastChangeTriggerTime: ms since the epoch, 0 for none. */
  compute(key: string, svc: KObject, pods: KObject[]): number {
    const state = this.states.get(key);
    let min = 0;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = parseTime(pod.status?.conditions?.find((c: PodCondition) => c.type === 'Ready')?.lastTransitionTime);
      if (!t) continue;
      podTimes.set(pod.metadata.name!, t);
      if (t > (state?.pods.get(pod.metadata.name!) ?? 0)) min = min ? Math.min(min, t) : t;
    }
    const serviceTime = parseTime(svc.metadata.creationTimestamp);
    if (serviceTime > (state?.service ?? 0)) min = min ? Math.min(min, serviceTime) : serviceTime;
    this.states.set(key, { pods: podTimes, service: serviceTime });
    return state ? min : serviceTime;
  }

  deleteService(key: string): void {
    this.states.delete(key);
  }
}
