// pkg/controller/volume/attachdetach: the attach/detach controller. Every scheduled, running pod whose claim
// is bound to an attachable (CSI) volume needs that volume attached to its node: a VolumeAttachment is created
// for it, and deleted when no pod on the node needs it. A single-node volume already attached elsewhere is not
// attached again: the pod gets the real `Multi-Attach error` event. Once the attacher marks it attached, the
// node's status.volumesAttached lists it (`kubernetes.io/csi/<driver>^<handle>`, nodeStatusUpdater) and the pods
// on that node get SuccessfulAttachVolume. A volume no pod needs is detached (removed from volumesAttached, then
// its VolumeAttachment deleted) only once the kubelet no longer reports it in status.volumesInUse, i.e. it is
// unmounted; from a node that is not Ready, after maxWaitForUnmountDuration (6 minutes), and at once from a node
// with the out-of-service taint. Pods are indexed by claim, attachments by volume and by node.

import type { AttachedVolume } from 'kubernetes-types/core/v1';
import { Controller, type ControllerContext } from '../../../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';
import { podClaimKeys } from '../pvcprotection/controller';
import { attachmentName, hasOutOfServiceTaint, nodeIsHealthy, singleNode } from './util';
import { isAttachable, uniqueVolumeName } from '../../../api/storage/util';

export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;

const active = (pod: KObject): boolean =>
  !!pod.spec?.nodeName &&
  !pod.metadata.deletionTimestamp &&
  pod.status?.phase !== 'Succeeded' &&
  pod.status?.phase !== 'Failed';

export class AttachDetachController extends Controller {
  readonly name = 'attachdetach-controller';
  private podsByClaim = new Map<string, Set<string>>();
  /** volume -> its attachments' names */
  private attachments = new Map<string, Set<string>>();
  /** `<pod uid>/<pv>` already told of a successful attach */
  private reported = new Set<string>();
  /** node -> the volumes with an attachment to it */
  private byNode = new Map<string, Set<string>>();
  /** `<pv>/<node>` -> when the volume was first found still mounted while it should be detached */
  private waitingSince = new Map<string, number>();
  /** pv -> its unique volume name, kept to detach a volume whose PV is gone */
  private uniqueNames = new Map<string, string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('pods', (ev) => {
      const key = objKey(ev.object);
      for (const c of ev.old ? podClaimKeys(ev.old) : []) this.podsByClaim.get(c)?.delete(key);
      if (ev.type !== 'DELETED')
        for (const c of podClaimKeys(ev.object)) {
          let s = this.podsByClaim.get(c);
          if (!s) this.podsByClaim.set(c, (s = new Set()));
          s.add(key);
        }
      const changed =
        !ev.old ||
        ev.type === 'DELETED' ||
        active(ev.old) !== active(ev.object) ||
        ev.old.spec?.nodeName !== ev.object.spec?.nodeName;
      if (changed) for (const c of podClaimKeys(ev.object)) this.enqueueClaim(c);
    });
    this.watch('persistentvolumeclaims', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.spec?.volumeName) this.enqueue(ev.object.spec.volumeName);
    });
    this.watch('volumeattachments', (ev) => {
      const pv = ev.object.spec?.source?.persistentVolumeName;
      if (!pv) return;
      let s = this.attachments.get(pv);
      if (!s) this.attachments.set(pv, (s = new Set()));
      if (ev.type === 'DELETED') s.delete(ev.object.metadata.name!);
      else s.add(ev.object.metadata.name!);
      const node = ev.object.spec.nodeName;
      let n = this.byNode.get(node);
      if (!n) this.byNode.set(node, (n = new Set()));
      if (ev.type === 'DELETED') n.delete(pv);
      else n.add(pv);
      this.enqueue(pv);
    });
    // a volume unmounted (gone from volumesInUse), or the node's health or taints changed, may let a detach go on
    this.watch('nodes', (ev) => {
      const o = ev.old,
        n = ev.object;
      if (
        ev.type === 'DELETED' ||
        !o ||
        (deepEqual(o.status?.volumesInUse, n.status?.volumesInUse) &&
          nodeIsHealthy(o) === nodeIsHealthy(n) &&
          hasOutOfServiceTaint(o) === hasOutOfServiceTaint(n))
      )
        return;
      for (const pv of this.byNode.get(n.metadata.name!) ?? []) this.enqueue(pv);
    });
  }

  private enqueueClaim(claimKey: string): void {
    const [ns, name] = splitKey(claimKey);
    const pv = this.api.tryGet('persistentvolumeclaims', ns, name)?.spec?.volumeName;
    if (pv) this.enqueue(pv);
  }

  /** The nodes that need the volume, with the pods on each, in scheduling order. */
  private desired(pv: KObject): Map<string, KObject[]> {
    const ref = pv.spec?.claimRef;
    const out = new Map<string, KObject[]>();
    if (!ref?.name) return out;
    for (const podKey of this.podsByClaim.get(`${ref.namespace}/${ref.name}`) ?? []) {
      const [ns, name] = splitKey(podKey);
      const pod = this.api.tryGet('pods', ns, name);
      if (!pod || !active(pod)) continue;
      out.set(pod.spec.nodeName, [...(out.get(pod.spec.nodeName) ?? []), pod]);
    }
    return out;
  }

  sync(pvName: string): void {
    const pv = this.api.tryGet('persistentvolumes', undefined, pvName);
    const existing = [...(this.attachments.get(pvName) ?? [])]
      .map((n) => this.api.tryGet('volumeattachments', undefined, n))
      .filter((v): v is KObject => !!v);
    const desired = pv && isAttachable(pv) ? this.desired(pv) : new Map<string, KObject[]>();
    if (pv && isAttachable(pv)) this.uniqueNames.set(pvName, uniqueVolumeName(pv));
    const unique = this.uniqueNames.get(pvName);
    // detach from nodes no pod needs it on, once unmounted there
    for (const va of existing) {
      if (desired.has(va.spec.nodeName)) continue;
      if (unique && !this.mayDetach(va, pvName, unique)) continue;
      if (unique) this.setAttached(va.spec.nodeName, unique, false);
      try {
        this.api.delete('volumeattachments', undefined, va.metadata.name!);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
    if (!pv || !desired.size) return;
    const attachedTo = new Set(existing.filter((va) => desired.has(va.spec.nodeName)).map((va) => va.spec.nodeName));
    for (const [node, pods] of desired) {
      const va = existing.find((v) => v.spec.nodeName === node);
      if (va) {
        if (va.status?.attached) {
          this.setAttached(node, uniqueVolumeName(pv), true);
          this.reportAttached(pods, pvName);
        }
        continue;
      }
      const elsewhere = [...attachedTo].filter((n) => n !== node);
      if (singleNode(pv) && elsewhere.length) {
        this.multiAttach(
          pv,
          pods,
          elsewhere.flatMap((n) => desired.get(n) ?? []),
        );
        continue;
      }
      this.api.create({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: { name: attachmentName(pv.spec.csi.volumeHandle, pv.spec.csi.driver, node) },
        spec: { attacher: pv.spec.csi.driver, nodeName: node, source: { persistentVolumeName: pvName } },
      });
      attachedTo.add(node);
    }
  }

  /**
   * The reconciler's detach check: not while the node reports the volume in use, unless the node is out of
   * service, or is not Ready and the volume has waited maxWaitForUnmountDuration.
   */
  private mayDetach(va: KObject, pvName: string, unique: string): boolean {
    const nodeName = va.spec.nodeName,
      key = `${pvName}/${nodeName}`;
    const node = this.api.tryGet('nodes', undefined, nodeName);
    const inUse = !!node && (node.status?.volumesInUse ?? []).includes(unique);
    if (!inUse || hasOutOfServiceTaint(node)) {
      this.waitingSince.delete(key);
      return true;
    }
    const since = this.waitingSince.get(key) ?? this.now();
    this.waitingSince.set(key, since);
    if (nodeIsHealthy(node)) return false;
    const left = since + MAX_WAIT_FOR_UNMOUNT_MS - this.now();
    if (left > 0) {
      this.enqueueAfter(pvName, left);
      return false;
    }
    this.waitingSince.delete(key);
    return true;
  }

  /** nodeStatusUpdater: the node's status.volumesAttached lists the volume while it is attached there. */
  private setAttached(nodeName: string, name: string, attached: boolean): void {
    const node = this.api.tryGet('nodes', undefined, nodeName);
    if (!node) return;
    const list: AttachedVolume[] = node.status?.volumesAttached ?? [];
    if (list.some((v) => v.name === name) === attached) return;
    const next = clone(node);
    const rest = list.filter((v) => v.name !== name);
    const volumes = attached
      ? [...rest, { name, devicePath: '' }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : rest;
    if (volumes.length) next.status.volumesAttached = volumes;
    else delete next.status.volumesAttached;
    this.api.updateStatus(next);
  }

  private reportAttached(pods: KObject[], pvName: string): void {
    for (const pod of pods) {
      const k = `${pod.metadata.uid}/${pvName}`;
      if (this.reported.has(k)) continue;
      this.reported.add(k);
      this.event(
        pod,
        'Normal',
        'SuccessfulAttachVolume',
        `AttachVolume.Attach succeeded for volume ${JSON.stringify(pvName)} `,
      );
    }
  }

  /** reportMultiAttachError: the pods elsewhere in the pod's namespace by name, the others as a count. */
  private multiAttach(pv: KObject, pods: KObject[], users: KObject[]): void {
    for (const pod of pods) {
      const same = users
        .filter((u) => u.metadata.namespace === pod.metadata.namespace)
        .map((u) => u.metadata.name!)
        .sort();
      const others = users.length - same.length;
      let msg = `Multi-Attach error for volume ${JSON.stringify(pv.metadata.name)} `;
      if (same.length) msg += `Volume is already used by pod(s) ${same.join(', ')}`;
      if (others)
        msg += `${same.length ? ' and' : 'Volume is already used by'} ${others} pod(s) in different namespaces`;
      if (!users.length) msg += "Volume is already exclusively attached to one node and can't be attached to another";
      this.event(pod, 'Warning', 'FailedAttachVolume', msg);
    }
  }
}
