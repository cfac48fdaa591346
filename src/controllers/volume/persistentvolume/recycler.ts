// The recycler pod's work (pkg/volume/util/recyclerclient, the default recycler pod template: busybox running
// `rm -rf /scrub/..?* /scrub/.[!.]* /scrub/*` with the volume at /scrub): everything in the volume goes, the
// directory stays. NFS volumes are scrubbed on their server; a hostPath volume on the node it was used on is
// not known to the controller, so only its NFS form is modelled.

import type { KObject } from '../../../api/meta';
import { Disks, cleanPath, nfsHost } from '../../../kubelet/volumes/disks';

export function scrubVolume(disks: Disks, pv: KObject): void {
  const nfs = pv.spec?.nfs;
  if (!nfs) return;
  const dir = cleanPath(nfs.path ?? '/');
  for (const name of disks.list(nfsHost(nfs.server), dir) ?? []) disks.remove(nfsHost(nfs.server), cleanPath(dir, name));
}
