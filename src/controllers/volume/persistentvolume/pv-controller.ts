// pkg/controller/volume/persistentvolume/pv_controller.go: syncClaim and syncVolume, the two halves of binding.
// A claim without a volume gets the best match from the index (or a provisioner, or an event saying why not);
// binding writes the volume's claimRef and phase first, then the claim's volumeName, annotations and status.
// A volume whose claim has gone is Released and reclaimed by its policy.

import type { PersistentVolumeStatus, Volume } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../../apiserver/apiserver';
import type { EventType } from '../../../client/recorder';
import { type KObject, clone, deepEqual } from '../../../api/meta';
import { compareQuantity } from '../../../api/quantity';
import {
  ANN_BETA_STORAGE_CLASS,
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_STORAGE_PROVISIONER,
  checkVolumeSatisfyClaim,
  claimClass,
  hasAnnotation,
  isVolumeBoundToClaim,
  volumeModeMismatch,
} from '../../../api/storage/volume';
import type { PersistentVolumeOrderedIndex } from './index';
import { ProvisionerRegistry, provisionedVolumeNameForClaim } from './provisioner';
import { getDefaultClass } from '../../../apiserver/admission/storageclass';
import { canRecycle, deleteVolumeError } from './volume-plugins';
import { RECYCLER_NAMESPACE, recyclerPod } from './recycler';

export type Recorder = (obj: KObject, type: EventType, reason: string, message: string) => void;

export class PVController {
  constructor(
    private api: ApiServer,
    private volumes: PersistentVolumeOrderedIndex,
    private record: Recorder,
    private enqueueClaim: (key: string) => void,
    readonly provisioners = new ProvisionerRegistry(),
  ) {}

  syncClaim(claim: KObject): boolean {
    return hasAnnotation(claim, ANN_BIND_COMPLETED) ? this.syncBoundClaim(claim) : this.syncUnboundClaim(claim);
  }

  /** Returns true while the claim waits for a periodic resync (no volume yet). */
  private syncUnboundClaim(claim: KObject): boolean {
    if (this.assignDefaultStorageClass(claim)) return false; // the update syncs the claim again
    if (!claim.spec?.volumeName) {
      const delayBinding = this.isDelayBindingMode(claim);
      const volume = this.volumes.findBestMatchForClaim(claim, delayBinding);
      if (volume) {
        this.bind(volume, claim);
        return false;
      }
      if (delayBinding && !hasAnnotation(claim, 'volume.kubernetes.io/selected-node'))
        this.emitEventForUnboundDelayBindingClaim(claim);
      else if (claimClass(claim) !== '') {
        this.provisionClaim(claim);
        return true;
      } else
        this.record(
          claim,
          'Normal',
          'FailedBinding',
          'no persistent volumes available for this claim and no storage class is set',
        );
      this.updateClaimStatus(claim, 'Pending', undefined);
      return true;
    }
    // the user asked for a specific volume
    const volume = this.api.tryGet('persistentvolumes', undefined, claim.spec.volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, 'Pending', undefined);
      return true;
    }
    if (!volume.spec?.claimRef) {
      const why = checkVolumeSatisfyClaim(volume, claim);
      if (why) {
        this.record(
          claim,
          'Warning',
          'VolumeMismatch',
          `Cannot bind to requested volume ${JSON.stringify(volume.metadata.name)}: ${why}`,
        );
        this.updateClaimStatus(claim, 'Pending', undefined);
        return true;
      }
      this.bind(volume, claim);
      return false;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return false;
    }
    if (!hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) {
      this.record(
        claim,
        'Warning',
        'FailedBinding',
        `volume ${JSON.stringify(volume.metadata.name)} already bound to a different claim.`,
      );
      this.updateClaimStatus(claim, 'Pending', undefined);
      return true;
    }
    return false; // invalid binding: someone removed bind-completed; Kubernetes reports an error and waits
  }

  private syncBoundClaim(claim: KObject): boolean {
    if (!claim.spec?.volumeName) {
      this.updateClaimStatusWithEvent(
        claim,
        'Lost',
        undefined,
        'Warning',
        'ClaimLost',
        'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
      );
      return false;
    }
    const volume = this.api.tryGet('persistentvolumes', undefined, claim.spec.volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(
        claim,
        'Lost',
        undefined,
        'Warning',
        'ClaimLost',
        'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
      );
      return false;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata.uid) {
      this.bind(volume, claim);
      return false;
    }
    this.updateClaimStatusWithEvent(
      claim,
      'Lost',
      undefined,
      'Warning',
      'ClaimMisbound',
      'Two claims are bound to the same volume, this one is bound incorrectly',
    );
    return false;
  }

  syncVolume(volume: KObject): void {
    const ref = volume.spec?.claimRef;
    if (!ref || !ref.uid) {
      // unused, or reserved for a claim whose own sync will bind it
      this.updateVolumePhase(volume, 'Available', '');
      return;
    }
    let claim = this.api.tryGet('persistentvolumeclaims', ref.namespace, ref.name);
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined; // deleted, and another made with the same name
    if (!claim) {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released', '');
      this.reclaimVolume(v);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.record(
          volume,
          'Warning',
          'VolumeMismatch',
          `Cannot bind PersistentVolume to requested PersistentVolumeClaim ${JSON.stringify(claim.metadata.name)} due to incompatible volumeMode.`,
        );
        this.record(
          claim,
          'Warning',
          'VolumeMismatch',
          `Cannot bind PersistentVolume ${JSON.stringify(volume.metadata.name)} to requested PersistentVolumeClaim due to incompatible volumeMode.`,
        );
        return;
      }
      // bound on the volume side only: the claim's sync finishes the binding
      this.enqueueClaim(`${claim.metadata.namespace}/${claim.metadata.name}`);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.updateVolumePhase(volume, 'Bound', '');
      return;
    }
    // the claim is bound to another volume
    if (hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released', '');
      this.reclaimVolume(v);
      return;
    }
    this.unbindVolume(volume);
  }

  /** bind: volume claimRef, volume phase, claim volumeName and annotations, claim status. */
  private bind(volume: KObject, claim: KObject): void {
    let v = this.bindVolumeToClaim(volume, claim);
    v = this.updateVolumePhase(v, 'Bound', '');
    const c = this.bindClaimToVolume(claim, v);
    this.updateClaimStatus(c, 'Bound', v);
  }

  /** GetBindVolumeToClaim: claimRef with the claim's UID; bound-by-controller unless it was pre-bound. */
  private bindVolumeToClaim(volume: KObject, claim: KObject): KObject {
    const next = clone(volume);
    const ref = volume.spec?.claimRef;
    if (
      !ref ||
      ref.name !== claim.metadata.name ||
      ref.namespace !== claim.metadata.namespace ||
      ref.uid !== claim.metadata.uid
    ) {
      next.spec.claimRef = {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      };
    }
    if (!isVolumeBoundToClaim(volume, claim) && !hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) {
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    }
    return deepEqual(next, volume) ? volume : this.api.update(next);
  }

  private bindClaimToVolume(claim: KObject, volume: KObject): KObject {
    const next = clone(claim);
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (volume.metadata.name !== claim.spec?.volumeName && annotations[ANN_BOUND_BY_CONTROLLER] === undefined)
      annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    if (annotations[ANN_BIND_COMPLETED] === undefined) annotations[ANN_BIND_COMPLETED] = 'yes';
    next.metadata.annotations = annotations;
    next.spec = { ...next.spec, volumeName: volume.metadata.name };
    return deepEqual(next, claim) ? claim : this.api.update(next);
  }

  /** unbindVolume: a controller binding is undone entirely; a user's pre-binding keeps its name, loses the UID. */
  private unbindVolume(volume: KObject): void {
    const next = clone(volume);
    if (hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)) {
      delete next.spec.claimRef;
      delete next.metadata.annotations![ANN_BOUND_BY_CONTROLLER];
      if (!Object.keys(next.metadata.annotations!).length) delete next.metadata.annotations;
    } else {
      delete next.spec.claimRef.uid;
    }
    this.updateVolumePhase(this.api.update(next), 'Available', '');
  }

  /** reclaimVolume by policy: Retain keeps it Released; Delete needs a deleter plugin; Recycle is gone in the model. */
  private reclaimVolume(volume: KObject): void {
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case 'Retain':
        return;
      case 'Delete':
        return this.deleteVolumeOperation(volume);
      case 'Recycle':
        return this.recycleVolumeOperation(volume);
      default:
        this.updateVolumePhaseWithEvent(
          volume,
          'Failed',
          'Warning',
          'VolumeUnknownReclaimPolicy',
          'Volume has unrecognized PersistentVolumeReclaimPolicy',
        );
    }
  }

  /**
   * deleteVolumeOperation: a volume provisioned by a registered provisioner is deleted; one from an external
   * provisioner is left to it; any other has no deleter plugin and fails.
   */
  private deleteVolumeOperation(volume: KObject): void {
    const by = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (by && this.provisioners.find(by)) {
      this.api.delete('persistentvolumes', undefined, volume.metadata.name!);
      return;
    }
    if (by && !by.startsWith('kubernetes.io/')) return; // an external deleter's job
    const message = deleteVolumeError(volume);
    if (message) {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedDelete', message);
      return;
    }
    // the plugin deleted the storage: the PersistentVolume object goes too
    this.api.delete('persistentvolumes', undefined, volume.metadata.name!);
  }

  /**
   * recycleVolumeOperation: a recyclable volume gets its recycler pod (recycler.ts); when the pod has succeeded
   * it is deleted and the volume made Available again. A volume without a recycler plugin, or whose pod failed,
   * is Failed.
   */
  private recycleVolumeOperation(volume: KObject): void {
    if (!canRecycle(volume)) {
      this.updateVolumePhaseWithEvent(
        volume,
        'Failed',
        'Warning',
        'VolumeFailedRecycle',
        'No recycler plugin found for the volume!',
      );
      return;
    }
    const want = recyclerPod(volume)!;
    const pod = this.api.tryGet('pods', RECYCLER_NAMESPACE, want.metadata.name!);
    if (!pod) {
      this.api.create(want);
      return;
    }
    const phase = pod.status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') return; // the pod's changes sync the volume again
    this.api.delete('pods', RECYCLER_NAMESPACE, pod.metadata.name!, { gracePeriodSeconds: 0 });
    if (phase === 'Failed') {
      this.updateVolumePhaseWithEvent(
        volume,
        'Failed',
        'Warning',
        'VolumeFailedRecycle',
        `Recycle failed: ${pod.status?.message || 'pod failed, pod.Status.Message unknown'}`,
      );
      return;
    }
    this.record(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
    this.unbindVolume(volume);
  }

  /** provisionClaim: a registered provisioner creates the volume; otherwise an external one is awaited. */
  private provisionClaim(claim: KObject): void {
    const className = claimClass(claim);
    const sc = this.api.tryGet('storageclasses', undefined, className);
    if (!sc) {
      this.record(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io ${JSON.stringify(className)} not found`,
      );
      return;
    }
    const provisioner = this.provisioners.find(sc.provisioner);
    if (!provisioner) {
      const ann = claim.metadata.annotations ?? {};
      let c = claim;
      if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
        const next = clone(claim);
        next.metadata.annotations = {
          ...ann,
          [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner,
          [ANN_STORAGE_PROVISIONER]: sc.provisioner,
        };
        c = this.api.update(next);
      }
      this.record(
        c,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
      return;
    }
    const name = provisionedVolumeNameForClaim(claim);
    if (this.api.tryGet('persistentvolumes', undefined, name)) return; // already provisioned: the volume's sync binds it
    const result = provisioner.provision(claim, sc, name);
    if ('error' in result) {
      this.record(claim, 'Warning', 'ProvisioningFailed', result.error);
      return;
    }
    const pv = clone(result.volume);
    pv.metadata = {
      ...pv.metadata,
      name,
      annotations: {
        ...(pv.metadata?.annotations ?? {}),
        [ANN_BOUND_BY_CONTROLLER]: 'yes',
        [ANN_DYNAMICALLY_PROVISIONED]: sc.provisioner,
      },
    };
    pv.spec = {
      ...pv.spec,
      storageClassName: className,
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      claimRef: {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      },
    };
    this.api.create(pv);
    this.record(
      claim,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${name} using ${sc.provisioner}`,
    );
  }

  /** assignDefaultStorageClass (RetroactiveDefaultStorageClass, GA in 1.28): a claim with no class gets the default. */
  private assignDefaultStorageClass(claim: KObject): boolean {
    if (claim.spec?.storageClassName !== undefined && claim.spec?.storageClassName !== null) return false;
    if (hasAnnotation(claim, ANN_BETA_STORAGE_CLASS)) return false;
    const def = getDefaultClass(this.api);
    if (!def) return false;
    this.api.update({ ...claim, spec: { ...claim.spec, storageClassName: def.metadata.name } });
    return true;
  }

  private isDelayBindingMode(claim: KObject): boolean {
    const className = claimClass(claim);
    if (!className) return false;
    return this.api.tryGet('storageclasses', undefined, className)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private emitEventForUnboundDelayBindingClaim(claim: KObject): void {
    const pods = this.api
      .select('pods', { namespace: claim.metadata.namespace })
      .filter(
        (p) =>
          !p.spec?.nodeName &&
          (p.spec?.volumes ?? []).some((v: Volume) => v?.persistentVolumeClaim?.claimName === claim.metadata.name),
      )
      .map((p) => p.metadata.name!)
      .sort();
    if (!pods.length)
      this.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else
      this.record(
        claim,
        'Normal',
        'WaitForPodScheduled',
        pods.length > 1
          ? `waiting for pods ${pods.join(',')} to be scheduled`
          : `waiting for pod ${pods[0]} to be scheduled`,
      );
  }

  /** updateClaimStatus: phase, and the volume's access modes and (on becoming Bound) capacity. */
  private updateClaimStatus(claim: KObject, phase: string, volume: KObject | undefined): KObject {
    const status = clone(claim.status ?? {});
    status.phase = phase;
    if (!volume) {
      delete status.accessModes;
      delete status.capacity;
    } else {
      if (!deepEqual(status.accessModes, volume.spec?.accessModes))
        status.accessModes = clone(volume.spec?.accessModes);
      const cap = volume.spec?.capacity?.storage;
      if (claim.status?.phase !== phase && cap !== undefined) {
        const have = status.capacity?.storage;
        if (have === undefined || compareQuantity(cap, have) !== 0) status.capacity = clone(volume.spec.capacity);
      }
    }
    if (deepEqual(status, claim.status ?? {})) return claim;
    return this.api.updateStatus({ ...claim, status });
  }

  private updateClaimStatusWithEvent(
    claim: KObject,
    phase: string,
    volume: KObject | undefined,
    type: EventType,
    reason: string,
    message: string,
  ): void {
    if (claim.status?.phase === phase) return;
    const c = this.updateClaimStatus(claim, phase, volume);
    this.record(c, type, reason, message);
  }

  /** updateVolumePhase; lastPhaseTransitionTime moves with the phase (PersistentVolumeLastPhaseTransitionTime). */
  private updateVolumePhase(volume: KObject, phase: string, message: string): KObject {
    if (volume.status?.phase === phase) return volume;
    const status: PersistentVolumeStatus = {
      ...clone(volume.status ?? {}),
      phase,
      lastPhaseTransitionTime: this.api.clock.iso(),
    };
    if (message) status.message = message;
    else delete status.message;
    return this.api.updateStatus({ ...volume, status });
  }

  private updateVolumePhaseWithEvent(
    volume: KObject,
    phase: string,
    type: EventType,
    reason: string,
    message: string,
  ): void {
    if (volume.status?.phase === phase) return;
    const v = this.updateVolumePhase(volume, phase, message);
    this.record(v, type, reason, message);
  }
}
