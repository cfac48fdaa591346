// Which volumes need attaching to a node and how their VolumeAttachments are named (pkg/volume/csi
// csi_attacher.go getAttachmentName: `csi-` and the SHA-256 of volume handle, driver and node).

import { createHash } from 'node:crypto';
import type { KObject } from '../../../api/meta';

/** CSI volumes are attached (the model has no CSIDriver objects saying attachRequired: false). */
export const isAttachable = (pv: KObject | undefined): boolean => !!pv?.spec?.csi;

export function attachmentName(volumeHandle: string, driver: string, node: string): string {
  return `csi-${createHash('sha256').update(`${volumeHandle}${driver}${node}`).digest('hex')}`;
}

/** A volume that only one node may use at a time: ReadWriteOnce or ReadWriteOncePod without a shared mode. */
export function singleNode(pv: KObject): boolean {
  const modes: string[] = pv.spec?.accessModes ?? [];
  return !modes.includes('ReadOnlyMany') && !modes.includes('ReadWriteMany');
}
