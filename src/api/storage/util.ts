// pkg/volume/util as the kubelet and the attach/detach controller share it: whether a volume is attached to a
// node before use, and the unique name node status lists it by.

import type { KObject } from '../meta';

/** CSI volumes are attached (the model has no CSIDriver objects saying attachRequired: false). */
export const isAttachable = (pv: KObject | undefined): boolean => !!pv?.spec?.csi;

/** GetUniqueVolumeNameFromSpec for CSI: `kubernetes.io/csi/<driver>^<volume handle>`, as node status lists it. */
export const uniqueVolumeName = (pv: KObject): string =>
  `kubernetes.io/csi/${pv.spec.csi.driver}^${pv.spec.csi.volumeHandle}`;
