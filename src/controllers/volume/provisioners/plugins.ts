// What two external provisioners do with their storage, as their source does it:
// - nfs-subdir-external-provisioner (kubernetes-sigs, provisioner.go): a directory `<ns>-<claim>-<pv>` under
//   NFS_PATH on NFS_SERVER; on delete it is renamed `archived-<dir>` unless the class says
//   `archiveOnDelete: "false"`, which removes it.
// - hostpath.csi.k8s.io (below): CSI volumes that need attaching.
// - rancher local-path-provisioner (provisioner.go): a directory `<pv>_<ns>_<claim>` under
//   /opt/local-path-provisioner on the selected node, a hostPath volume with node affinity to that node; it
//   needs a node, so its classes are WaitForFirstConsumer.

import { createHash } from 'node:crypto';
import type { KObject } from '../../../api/meta';
import { type Disks, cleanPath, nfsHost, nodeHost } from '../../../world/disks';
import { ANN_SELECTED_NODE } from '../../../api/storage/volume';

export interface ProvisionerPlugin {
  /** The volume's spec for the claim (without claimRef and class), or an error message. */
  provision(claim: KObject, sc: KObject, pvName: string, disks: Disks): { spec: any } | { error: string };
  delete(pv: KObject, sc: KObject | undefined, disks: Disks): void;
}

const baseSpec = (claim: KObject, sc: KObject) => ({
  persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
  accessModes: [...(claim.spec?.accessModes ?? [])],
  capacity: { storage: claim.spec?.resources?.requests?.storage },
  ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
  volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
});

export function nfsSubdir(server: string, exportPath: string): ProvisionerPlugin {
  return {
    provision(claim, sc, pvName, disks) {
      const path = cleanPath(exportPath, `${claim.metadata.namespace}-${claim.metadata.name}-${pvName}`);
      disks.mkdir(nfsHost(server), path);
      return { spec: { ...baseSpec(claim, sc), nfs: { server, path } } };
    },
    delete(pv, sc, disks) {
      const { server: s, path } = pv.spec.nfs;
      if (sc?.parameters?.archiveOnDelete !== undefined && !parseBool(sc.parameters.archiveOnDelete)) {
        disks.remove(nfsHost(s), path);
        return;
      }
      const dir = path.split('/').pop();
      disks.move(nfsHost(s), path, cleanPath(path, '..', `archived-${dir}`));
    },
  };
}

/** strconv.ParseBool */
const parseBool = (v: string): boolean => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);

export const LOCAL_PATH_DIR = '/opt/local-path-provisioner';

export const localPath: ProvisionerPlugin = {
  provision(claim, sc, pvName, disks) {
    const node = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (!node) return { error: 'configuration error, no node was specified' };
    const path = cleanPath(LOCAL_PATH_DIR, `${pvName}_${claim.metadata.namespace}_${claim.metadata.name}`);
    disks.mkdir(nodeHost(node), path);
    return {
      spec: {
        ...baseSpec(claim, sc),
        hostPath: { path, type: 'DirectoryOrCreate' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
            ],
          },
        },
      },
    };
  },
  delete(pv, _sc, disks) {
    const node = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0];
    if (node && pv.spec?.hostPath?.path) disks.remove(nodeHost(node), pv.spec.hostPath.path);
  },
};

/**
 * The Kubernetes CSI sample driver (kubernetes-csi/csi-driver-host-path), as e2e tests run it: CSI volumes
 * with a UUID handle, attached to a node through a VolumeAttachment before they are mounted.
 */
export const HOSTPATH_CSI = 'hostpath.csi.k8s.io';

export const hostpathCSI: ProvisionerPlugin = {
  provision(claim, sc, pvName) {
    const h = createHash('sha256').update(`${claim.metadata.uid}`).digest('hex');
    const volumeHandle = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    void pvName;
    return {
      spec: {
        ...baseSpec(claim, sc),
        csi: {
          driver: HOSTPATH_CSI,
          volumeHandle,
          fsType: sc.parameters?.['csi.storage.k8s.io/fstype'] ?? 'ext4',
          volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `1700000000000-8081-${HOSTPATH_CSI}` },
        },
      },
    };
  },
  delete(pv, _sc, disks) {
    disks.remove(`pv/${pv.metadata.name}`, '/');
  },
};
