// sig-storage-lib-external-provisioner's ProvisionController, for the provisioners the model simulates. The
// PV controller marks a claim `volume.kubernetes.io/storage-provisioner: <name>`; the provisioner serving
// that name creates the volume `pvc-<claim uid>` pre-bound to the claim (the PV controller then binds it),
// with events Provisioning and ProvisioningSucceeded; a Released volume it provisioned with policy Delete is
// deleted, storage first. An nfs-subdir provisioner serves while one of its pods runs (a Running pod with
// PROVISIONER_NAME, NFS_SERVER and NFS_PATH, as the seeds' Deployment has); `rancher.io/local-path` is always
// there, as in kind clusters, and so is the CSI sample driver `hostpath.csi.k8s.io`. Claims are found by provisioner name through an index kept from the watch.

import { Controller, type ControllerContext } from '../../../client/controller';
import { type KObject, objKey, splitKey } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';
import type { Disks } from '../../../world/disks';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_STORAGE_PROVISIONER,
  ANN_BETA_STORAGE_PROVISIONER,
  claimClass,
} from '../../../api/storage/volume';
import { provisionedVolumeNameForClaim } from '../persistentvolume/provisioner';
import { HOSTPATH_CSI, type ProvisionerPlugin, hostpathCSI, localPath, nfsSubdir } from './plugins';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

const envOf = (pod: KObject): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const c of pod.spec?.containers ?? [])
    for (const e of c.env ?? []) if (e.value !== undefined) out[e.name] = e.value;
  return out;
};

export class ExternalProvisioners extends Controller {
  readonly name = 'external-provisioner';
  /** provisioner name -> the pods serving it (nfs-subdir) */
  private servers = new Map<string, Map<string, { server: string; path: string }>>();
  /** provisioner name -> claims waiting for it */
  private claims = new Map<string, Set<string>>();

  constructor(
    ctx: ControllerContext,
    private readonly disks: Disks,
  ) {
    super(ctx);
    this.watch('pods', (ev) => {
      const pod = ev.object,
        env = envOf(pod),
        key = objKey(pod);
      const name = env.PROVISIONER_NAME ?? (ev.old ? envOf(ev.old).PROVISIONER_NAME : undefined);
      if (!name) return;
      let m = this.servers.get(name);
      if (!m) this.servers.set(name, (m = new Map()));
      const running =
        ev.type !== 'DELETED' &&
        pod.status?.phase === 'Running' &&
        !pod.metadata.deletionTimestamp &&
        env.NFS_SERVER &&
        env.NFS_PATH;
      if (running && !m.has(key)) {
        m.set(key, { server: env.NFS_SERVER, path: env.NFS_PATH });
        this.enqueue(`provisioner:${name}`);
      } else if (!running) m.delete(key);
    });
    this.watch('persistentvolumeclaims', (ev) => {
      const key = objKey(ev.object);
      for (const s of this.claims.values()) s.delete(key);
      const p =
        ev.object.metadata.annotations?.[ANN_STORAGE_PROVISIONER] ??
        ev.object.metadata.annotations?.[ANN_BETA_STORAGE_PROVISIONER];
      if (ev.type === 'DELETED' || !p || ev.object.spec?.volumeName) return;
      let s = this.claims.get(p);
      if (!s) this.claims.set(p, (s = new Set()));
      s.add(key);
      this.enqueue(`claim:${key}`);
    });
    this.watch('persistentvolumes', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.status?.phase === 'Released')
        this.enqueue(`volume:${ev.object.metadata.name}`);
    });
  }

  /** The plugin serving a provisioner name now, if any. */
  private plugin(name: string): ProvisionerPlugin | undefined {
    if (name === LOCAL_PATH_PROVISIONER) return localPath;
    if (name === HOSTPATH_CSI) return hostpathCSI;
    const first = [...(this.servers.get(name)?.values() ?? [])][0];
    return first ? nfsSubdir(first.server, first.path) : undefined;
  }

  sync(item: string): void {
    const i = item.indexOf(':');
    const kind = item.slice(0, i),
      key = item.slice(i + 1);
    if (kind === 'provisioner') {
      for (const c of this.claims.get(key) ?? []) this.enqueue(`claim:${c}`);
      return;
    }
    if (kind === 'volume') return this.deleteVolume(key);
    const [ns, name] = splitKey(key);
    const claim = this.api.tryGet('persistentvolumeclaims', ns, name);
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) return;
    this.provisionClaim(claim);
  }

  /** provisionClaimOperation */
  private provisionClaim(claim: KObject): void {
    const name = (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] ??
      claim.metadata.annotations?.[ANN_BETA_STORAGE_PROVISIONER]) as string;
    const plugin = this.plugin(name);
    if (!plugin) return; // not running: the claim waits, as with a provisioner that is down
    const sc = this.api.tryGet('storageclasses', undefined, claimClass(claim));
    if (!sc || sc.provisioner !== name) return;
    const pvName = provisionedVolumeNameForClaim(claim);
    if (this.api.tryGet('persistentvolumes', undefined, pvName)) return;
    this.event(
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim ${JSON.stringify(objKey(claim))}`,
    );
    const r = plugin.provision(claim, sc, pvName, this.disks);
    if ('error' in r) {
      this.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass ${JSON.stringify(sc.metadata.name)}: ${r.error}`,
      );
      return;
    }
    this.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: name } },
      spec: {
        ...r.spec,
        storageClassName: sc.metadata.name,
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace,
          name: claim.metadata.name,
          uid: claim.metadata.uid,
          apiVersion: 'v1',
          resourceVersion: claim.metadata.resourceVersion,
        },
      },
    });
    this.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  /** deleteVolumeOperation: the storage, then the PersistentVolume object. */
  private deleteVolume(pvName: string): void {
    const pv = this.api.tryGet('persistentvolumes', undefined, pvName);
    if (!pv || pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    const by = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    const plugin = by ? this.plugin(by) : undefined;
    if (!plugin) return;
    plugin.delete(pv, this.api.tryGet('storageclasses', undefined, pv.spec?.storageClassName ?? ''), this.disks);
    try {
      this.api.delete('persistentvolumes', undefined, pvName);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
}
