// The recycler (pkg/volume/util/recyclerclient RecycleVolumeByWatchingPodUntilCompletion, and the hostPath and
// NFS plugins' Recycle): a pod `recycler-for-<pv>` in the default namespace, from the default recycler pod
// template, mounts the volume at /scrub and empties it (`find /scrub -mindepth 1 -delete`); once it has
// succeeded it is deleted and the volume is recycled. The pod is scheduled like any other, so a hostPath volume
// is scrubbed on whichever node the scheduler picks (in Kubernetes hostPath recycling is for single-node
// clusters). Its activeDeadlineSeconds is CalculateTimeoutForVolume's: the plugin's minimum (hostPath 60 s,
// NFS 300 s) or 30 s per Gi of the volume's capacity, whichever is larger.

import type { KObject } from '../../../api/meta';
import { parseQuantity } from '../../../api/quantity';

export const RECYCLER_IMAGE = 'registry.k8s.io/build-image/debian-base:bookworm-v1.0.2';
export const RECYCLER_POD_PREFIX = 'recycler-for-';
export const RECYCLER_NAMESPACE = 'default';

/** CalculateTimeoutForVolume */
export function recyclerTimeout(pv: KObject, minimum: number, increment = 30): number {
  const gi = Math.floor(parseQuantity(pv.spec?.capacity?.storage ?? '0') / 2 ** 30);
  return Math.max(minimum, gi * increment);
}

/** NewPersistentVolumeRecyclerPodTemplate with the volume's source, named for the volume; undefined if it has no recycler. */
export function recyclerPod(pv: KObject): KObject | undefined {
  const s = pv.spec ?? {};
  const source = s.hostPath
    ? { hostPath: { path: s.hostPath.path } }
    : s.nfs
      ? { nfs: { server: s.nfs.server, path: s.nfs.path } }
      : undefined;
  if (!source) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${RECYCLER_POD_PREFIX}${pv.metadata.name}`, namespace: RECYCLER_NAMESPACE },
    spec: {
      activeDeadlineSeconds: recyclerTimeout(pv, s.hostPath ? 60 : 300),
      restartPolicy: 'Never',
      volumes: [{ name: 'vol', ...source }],
      containers: [
        {
          name: 'pv-recycler',
          image: RECYCLER_IMAGE,
          command: ['/bin/sh'],
          args: ['-c', 'test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" || exit 1'],
          volumeMounts: [{ name: 'vol', mountPath: '/scrub' }],
        },
      ],
    },
  };
}
