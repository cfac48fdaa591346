// pkg/controller/volume/persistentvolume/pv_controller_base.go: the informer side. Volumes are kept in the
// access-mode index; claim and volume keys go to one queue (`pvc:<ns>/<name>`, `pv:<name>`). Claims still
// waiting for a volume are synced again on the 15 s resync period (pvClaimBinderSyncPeriod), as in Kubernetes.

import { Controller, type ControllerContext } from '../../../client/controller';
import { objKey } from '../../../api/meta';
import { PersistentVolumeOrderedIndex } from './index';
import { PVController } from './pv-controller';
import { RECYCLER_NAMESPACE, RECYCLER_POD_PREFIX } from './recycler';

export const RESYNC_PERIOD_MS = 15_000;

export class PersistentVolumeController extends Controller {
  readonly name = 'persistentvolume-controller';
  readonly volumes = new PersistentVolumeOrderedIndex();
  readonly binder: PVController;
  private readonly waiting = new Set<string>();
  private resyncAt: number | undefined;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.binder = new PVController(
      ctx.api,
      this.volumes,
      (o, t, r, m) => this.event(o, t, r, m),
      (k) => this.enqueue(`pvc:${k}`),
    );
    this.watch('persistentvolumes', (ev) => {
      const pv = ev.object;
      if (ev.type === 'DELETED') {
        this.volumes.remove(pv.metadata.name!);
        // deleteVolume: the claim it was bound to learns of it
        const ref = pv.spec?.claimRef;
        if (ref?.name) this.enqueue(`pvc:${ref.namespace}/${ref.name}`);
        return;
      }
      this.volumes.store(pv);
      this.enqueue(`pv:${pv.metadata.name}`);
    });
    this.watch('persistentvolumeclaims', (ev) => {
      const claim = ev.object;
      if (ev.type === 'DELETED') {
        this.waiting.delete(objKey(claim));
        // deleteClaim: its volume is synced, to be released
        if (claim.spec?.volumeName) this.enqueue(`pv:${claim.spec.volumeName}`);
        return;
      }
      this.enqueue(`pvc:${objKey(claim)}`);
    });
    // a recycler pod that ends (or goes) lets its volume's recycling go on
    this.watch('pods', (ev) => {
      const m = ev.object.metadata;
      if (
        m.namespace !== RECYCLER_NAMESPACE ||
        !m.name!.startsWith(RECYCLER_POD_PREFIX) ||
        ev.old?.status?.phase === ev.object.status?.phase
      )
        return;
      this.enqueue(`pv:${m.name!.slice(RECYCLER_POD_PREFIX.length)}`);
    });
  }

  sync(key: string): void {
    const i = key.indexOf(':');
    const kind = key.slice(0, i),
      name = key.slice(i + 1);
    if (kind === 'pv') {
      const pv = this.api.tryGet('persistentvolumes', undefined, name);
      if (pv) this.binder.syncVolume(pv);
      return;
    }
    const [namespace, claimName] = name.split('/');
    const claim = this.api.tryGet('persistentvolumeclaims', namespace, claimName);
    if (!claim) {
      this.waiting.delete(name);
      return;
    }
    if (this.binder.syncClaim(claim)) this.waitForResync(name);
    else this.waiting.delete(name);
  }

  /** The periodic resync, on the controller's 15 s ticker, only while some claim waits. */
  private waitForResync(claimKey: string): void {
    this.waiting.add(claimKey);
    if (this.resyncAt !== undefined) return;
    const now = this.now();
    const at = (Math.floor(now / RESYNC_PERIOD_MS) + 1) * RESYNC_PERIOD_MS;
    this.resyncAt = at;
    this.api.clock.after(at - now, () => {
      this.resyncAt = undefined;
      const keys = [...this.waiting];
      this.waiting.clear();
      for (const k of keys) this.enqueue(`pvc:${k}`);
    });
  }
}
