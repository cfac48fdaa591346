// apiextensions-apiserver pkg/controller/finalizer/crd_finalizer.go: a deleted CRD first deletes every
// instance of its resource, in every namespace, and only then loses the customresourcecleanup finalizer.
// Instances held by finalizers of their own keep the CRD Terminating; it is checked again every 5 s.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import {
  CLEANUP_FINALIZER,
  type CRDCondition,
  condition,
  isEstablished,
  setCRDCondition,
} from '../../apiserver/apiextensions/crd-strategy';

const RECHECK_MS = 5_000;

export class CRDFinalizer extends Controller {
  readonly name = 'crd-finalizer';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('customresourcedefinitions', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueueObject(ev.object);
    });
  }

  sync(key: string): void {
    const crd = this.api.tryGet('customresourcedefinitions', undefined, key);
    if (!crd?.metadata.deletionTimestamp || !crd.metadata.finalizers?.includes(CLEANUP_FINALIZER)) return;
    let current = this.setCondition(crd, {
      type: 'Terminating',
      status: 'True',
      reason: 'InstanceDeletionInProgress',
      message: 'CustomResource deletion is in progress',
    });
    if (isEstablished(current)) {
      const left = this.deleteInstances(current);
      if (left > 0) {
        this.enqueueAfter(key, RECHECK_MS);
        return;
      }
      current = this.setCondition(current, {
        type: 'Terminating',
        status: 'False',
        reason: 'InstanceDeletionCompleted',
        message: 'removed all instances',
      });
    } else {
      current = this.setCondition(current, {
        type: 'Terminating',
        status: 'False',
        reason: 'NeverEstablished',
        message: 'resource was never established',
      });
    }
    const o = clone(current);
    o.metadata.finalizers = o.metadata.finalizers!.filter((f) => f !== CLEANUP_FINALIZER);
    this.api.update(o);
  }

  /** deleteInstances: a delete of every instance (per namespace, as DeleteCollection); how many are left. */
  private deleteInstances(crd: KObject): number {
    const r = this.api.resources.customResources().find((x) => x.custom!.crd === crd.metadata.name);
    if (!r) return 0;
    for (const item of this.api.select(r.resource)) {
      if (item.metadata.deletionTimestamp) continue;
      try {
        this.api.delete(r.resource, item.metadata.namespace, item.metadata.name!);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
    return this.api.select(r.resource).length;
  }

  private setCondition(crd: KObject, c: CRDCondition): KObject {
    const old = condition(crd, c.type);
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message) return crd;
    const o = clone(crd);
    setCRDCondition(o, c, this.api.clock.iso());
    return this.api.updateStatus(o);
  }
}
