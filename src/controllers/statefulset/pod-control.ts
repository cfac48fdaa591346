// pkg/controller/statefulset/stateful_pod_control.go: creates a pod's claims and then the pod, deletes pods,
// keeps the claims' ownerReferences in line with the retention policy, and records the StatefulSet's events
// in their v1.30 words ("create Pod web-0 in StatefulSet web successful").

import type { ApiServer } from '../../apiserver/apiserver';
import { type KObject, clone, deepEqual } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import type { Recorder } from '../util/pod-control';
import { desiredClaimOwners, getPersistentVolumeClaims } from './utils';

const title = (verb: string) => verb[0].toUpperCase() + verb.slice(1);

export class StatefulPodControl {
  constructor(
    private api: ApiServer,
    private record: Recorder,
  ) {}

  private podEvent(verb: string, set: KObject, pod: KObject, err?: unknown): void {
    if (err === undefined)
      this.record(
        set,
        'Normal',
        `Successful${title(verb)}`,
        `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      );
    else
      this.record(
        set,
        'Warning',
        `Failed${title(verb)}`,
        `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`,
      );
  }

  private claimEvent(verb: string, set: KObject, pod: KObject, claim: KObject, err?: unknown): void {
    if (err === undefined)
      this.record(
        set,
        'Normal',
        `Successful${title(verb)}`,
        `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`,
      );
    else
      this.record(
        set,
        'Warning',
        `Failed${title(verb)}`,
        `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`,
      );
  }

  /** createPersistentVolumeClaims: the missing claims; one being deleted is an error until it is gone. */
  createPersistentVolumeClaims(set: KObject, pod: KObject): void {
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const existing = this.api.tryGet('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!);
      if (existing) {
        if (existing.metadata.deletionTimestamp) throw new Error(`pvc ${claim.metadata.name} is being deleted`);
        continue;
      }
      const refs = desiredClaimOwners(set, claim, undefined, false);
      if (refs.length) claim.metadata.ownerReferences = refs;
      try {
        this.api.create(claim);
      } catch (e) {
        if (isStatusError(e) && e.reason === 'AlreadyExists') continue;
        this.claimEvent('create', set, pod, claim, e);
        throw e;
      }
      this.claimEvent('create', set, pod, claim);
    }
  }

  /** CreateStatefulPod: claims first, then the pod. */
  createStatefulPod(set: KObject, pod: KObject): KObject {
    this.createPersistentVolumeClaims(set, pod);
    try {
      const created = this.api.create(pod);
      this.podEvent('create', set, pod);
      return created;
    } catch (e) {
      if (isStatusError(e) && e.reason === 'AlreadyExists')
        return this.api.get('pods', pod.metadata.namespace, pod.metadata.name!);
      this.podEvent('create', set, pod, e);
      throw e;
    }
  }

  deleteStatefulPod(set: KObject, pod: KObject): void {
    try {
      this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') return;
      this.podEvent('delete', set, pod, e);
      throw e;
    }
    this.podEvent('delete', set, pod);
  }

  /** UpdatePodClaimForRetentionPolicy: sets the ownerReferences of the pod's claims. */
  updateClaimOwners(set: KObject, pod: KObject, condemned: boolean): void {
    for (const c of getPersistentVolumeClaims(set, pod).values()) {
      const claim = this.api.tryGet('persistentvolumeclaims', c.metadata.namespace, c.metadata.name!);
      if (!claim || claim.metadata.deletionTimestamp) continue;
      const refs = desiredClaimOwners(set, claim, pod, condemned);
      if (deepEqual(refs, claim.metadata.ownerReferences ?? [])) continue;
      const next = clone(claim);
      if (refs.length) next.metadata.ownerReferences = refs;
      else delete next.metadata.ownerReferences;
      this.api.update(next);
    }
  }
}
