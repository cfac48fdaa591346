// pkg/controller/volume/pvcprotection/pvc_protection_controller.go: a claim carries the
// `kubernetes.io/pvc-protection` finalizer (added at admission) until it is being deleted and no scheduled pod
// uses it; then the finalizer goes and the claim with it. Pods are found through a claim -> pods index kept from
// the pod watch (Kubernetes indexes its pod informer the same way).

import { Controller, type ControllerContext } from '../../../client/controller';
import { type KObject, clone, objKey, splitKey } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/** The claims a pod's volumes name, as `<ns>/<claim>` (ephemeral volumes: `<pod>-<volume>`). */
export function podClaimKeys(pod: KObject): string[] {
  const ns = pod.metadata.namespace;
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v?.persistentVolumeClaim?.claimName) out.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
    else if (v?.ephemeral) out.push(`${ns}/${pod.metadata.name}-${v.name}`);
  }
  return out;
}

export class PVCProtectionController extends Controller {
  readonly name = 'pvc-protection-controller';
  private readonly podsByClaim = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('persistentvolumeclaims', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueue(objKey(ev.object));
    });
    this.watch('pods', (ev) => {
      const key = objKey(ev.object);
      for (const c of ev.old ? podClaimKeys(ev.old) : []) this.podsByClaim.get(c)?.delete(key);
      if (ev.type !== 'DELETED') {
        for (const c of podClaimKeys(ev.object)) {
          let s = this.podsByClaim.get(c);
          if (!s) this.podsByClaim.set(c, (s = new Set()));
          s.add(key);
        }
      } else {
        for (const c of podClaimKeys(ev.object)) this.podsByClaim.get(c)?.delete(key);
      }
      // a pod that goes, or stops being scheduled, may free a claim being deleted
      if (ev.type === 'DELETED' || (ev.old && ev.old.spec?.nodeName !== ev.object.spec?.nodeName)) {
        for (const c of podClaimKeys(ev.object)) this.enqueue(c);
      }
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pvc = this.api.tryGet('persistentvolumeclaims', namespace, name);
    if (!pvc || !pvc.metadata.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
    if (this.isBeingUsed(pvc)) return;
    const next = clone(pvc);
    next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION_FINALIZER);
    try {
      this.api.update(next);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }

  /** podUsesPVC: only scheduled pods count; the kubelet will not start a pod whose claim is being deleted. */
  private isBeingUsed(pvc: KObject): boolean {
    for (const podKey of this.podsByClaim.get(objKey(pvc)) ?? []) {
      const [ns, podName] = splitKey(podKey);
      const pod = this.api.tryGet('pods', ns, podName);
      if (pod?.spec?.nodeName) return true;
    }
    return false;
  }
}
