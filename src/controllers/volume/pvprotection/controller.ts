// pkg/controller/volume/pvprotection/pv_protection_controller.go: a volume carries the
// `kubernetes.io/pv-protection` finalizer (added at admission) until it is being deleted and is not Bound.

import { Controller, type ControllerContext } from '../../../client/controller';
import { clone } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export class PVProtectionController extends Controller {
  readonly name = 'pv-protection-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('persistentvolumes', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueue(ev.object.metadata.name!);
    });
  }

  sync(name: string): void {
    const pv = this.api.tryGet('persistentvolumes', undefined, name);
    if (!pv || !pv.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return;
    if (pv.status?.phase === 'Bound') return; // isVolumeInUse
    const next = clone(pv);
    next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== PV_PROTECTION_FINALIZER);
    try {
      this.api.update(next);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
}
