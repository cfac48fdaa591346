// Where dynamic provisioning plugs in (pv_controller.go provisionClaim, provisionClaimOperation). A provisioner
// creates the volume for a claim of its class; without one for the class's provisioner, the claim is left to an
// external provisioner, as Kubernetes does for CSI drivers.

import type { KObject } from '../../../api/meta';

export interface ProvisionResult {
  volume: KObject;
}

export interface Provisioner {
  /** the StorageClass provisioner it serves, e.g. `rancher.io/local-path` */
  readonly name: string;
  /** The PersistentVolume to create for the claim (named `pvc-<claim uid>`), or a failure message. */
  provision(claim: KObject, storageClass: KObject, volumeName: string): ProvisionResult | { error: string };
}

export class ProvisionerRegistry {
  private byName = new Map<string, Provisioner>();
  register(p: Provisioner): void {
    this.byName.set(p.name, p);
  }
  find(name: string): Provisioner | undefined {
    return this.byName.get(name);
  }
}

/** getProvisionedVolumeNameForClaim */
export const provisionedVolumeNameForClaim = (claim: KObject): string => `pvc-${claim.metadata.uid}`;
