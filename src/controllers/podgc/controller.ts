// The pod garbage collector (pkg/controller/podgc/gc_controller.go, gcOrphaned): pods bound to a node that no
// longer exists are, once the node has stayed absent for the quarantine time (40s), marked Failed with the
// DisruptionTarget condition (PodDisruptionConditions) and force-deleted.
// Simplification: the check runs per node on the node's deletion, not on the controller's 20s tick; the
// terminated-pod threshold and out-of-service terminating pods are not modelled.
import type { PodCondition } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { clone } from '../../api/meta';

export const QUARANTINE_MS = 40_000;

export class PodGCController extends Controller {
  readonly name = 'pod-garbage-collector';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('nodes', (ev) => {
      if (ev.type === 'DELETED') this.enqueueAfter(ev.object.metadata.name!, QUARANTINE_MS);
    });
    this.watch('pods', (ev) => {
      const node = ev.object.spec?.nodeName;
      if (ev.type === 'ADDED' && node && !this.api.tryGet('nodes', undefined, node))
        this.enqueueAfter(node, QUARANTINE_MS);
    });
  }

  sync(node: string): void {
    if (this.api.tryGet('nodes', undefined, node)) return;
    for (const pod of this.api.select('pods', { nodeName: node })) {
      const p = clone(pod);
      const s = p.status ?? (p.status = {});
      if (s.phase !== 'Succeeded' && s.phase !== 'Failed') {
        s.phase = 'Failed';
        const conditions = (s.conditions ?? []).filter((c: PodCondition) => c.type !== 'DisruptionTarget');
        conditions.push({
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: this.api.clock.iso(),
          reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists',
        });
        s.conditions = conditions;
        this.api.updateStatus(p);
      }
      this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    }
  }
}
