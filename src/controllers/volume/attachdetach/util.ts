// The attach/detach controller's helpers: how VolumeAttachments are named (pkg/volume/csi csi_attacher.go
// getAttachmentName: `csi-` and the SHA-256 of volume handle, driver and node), single-node volumes, node health.

import type { NodeCondition, Taint } from '../../../api/types';
import { createHash } from 'node:crypto';
import type { KObject } from '../../../api/meta';

export function attachmentName(volumeHandle: string, driver: string, node: string): string {
  return `csi-${createHash('sha256').update(`${volumeHandle}${driver}${node}`).digest('hex')}`;
}

/** A volume that only one node may use at a time: ReadWriteOnce or ReadWriteOncePod without a shared mode. */
export function singleNode(pv: KObject): boolean {
  const modes: string[] = pv.spec?.accessModes ?? [];
  return !modes.includes('ReadOnlyMany') && !modes.includes('ReadWriteMany');
}

/** The node's Ready condition is True (the reconciler's nodeIsHealthy). */
export const nodeIsHealthy = (node: KObject | undefined): boolean =>
  !!node?.status?.conditions?.some((c: NodeCondition) => c.type === 'Ready' && c.status === 'True');

/** node.kubernetes.io/out-of-service (non-graceful node shutdown): volumes are detached without waiting. */
export const hasOutOfServiceTaint = (node: KObject | undefined): boolean =>
  !!node?.spec?.taints?.some((t: Taint) => t.key === 'node.kubernetes.io/out-of-service' && t.effect === 'NoExecute');
