// The in-tree volume plugins kube-controller-manager probes for the PV controller
// (cmd/kube-controller-manager/app/plugins.go ProbeControllerVolumePlugins), as far as reclaiming goes:
// hostPath deletes (only under /tmp/) and recycles, NFS recycles, CSI is found but deletes nothing itself.
// FindDeletablePluginBySpec / FindRecyclablePluginBySpec texts come from pkg/volume/plugins.go.

import type { KObject } from '../../../api/meta';

/** The error a Delete reclaim ends in, or undefined when the volume's storage is deleted. */
export function deleteVolumeError(pv: KObject): string | undefined {
  const spec = pv.spec ?? {};
  const name = JSON.stringify(pv.metadata.name);
  if (spec.hostPath) {
    // hostPathDeleter.Delete (pkg/volume/hostpath/host_path.go)
    const path: string = spec.hostPath.path ?? '';
    return /\/tmp\/.+/.test(path) ? undefined : `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  }
  if (spec.nfs || spec.csi || spec.iscsi || spec.fc)
    return `error getting deleter volume plugin for volume ${name}: no deletable volume plugin matched`;
  return `error getting deleter volume plugin for volume ${name}: no volume plugin matched`;
}

/** Whether a recycler plugin takes the volume (hostPath and NFS: a recycler pod scrubs it). */
export const canRecycle = (pv: KObject): boolean => !!(pv.spec?.hostPath || pv.spec?.nfs);
