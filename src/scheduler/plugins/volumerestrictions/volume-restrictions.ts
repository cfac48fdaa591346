// VolumeRestrictions (framework/plugins/volumerestrictions/volume_restrictions.go), its ReadWriteOncePod half:
// PreFilter reads the pod's claims (a missing one rejects the pod for every node) and keeps those with the
// ReadWriteOncePod access mode; Filter refuses every node while any scheduled pod in the cluster uses one of
// them (the snapshot's PVC reference counts). The count is cluster-wide, so each node fails alike; preemption,
// removing the holder from its node's trial NodeInfo (RemovePod), finds that node a candidate. The disk
// conflicts of the in-tree GCE PD, AWS EBS, RBD and ISCSI volumes are not modelled.
import type { ClusterEvent, FilterPlugin, PreFilterPlugin } from '../../framework';
import type { SchedulerCache } from '../../cache';
import { type NodeInfo, type PodState, unresolvable, unschedulable } from '../../types';
import type { ApiServer } from '../../../apiserver/apiserver';
import { pvcRefs } from '../../../api/storage/volume';

export const NAME = 'VolumeRestrictions';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['AssignedPodDelete', 'NodeAdd', 'PersistentVolumeClaim'];

export const ERR_REASON_RWOP_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const usersOn = (info: NodeInfo | undefined, claim: string): number => {
  let n = 0;
  for (const u of info?.pods.values() ?? []) if (u.pod) for (const c of pvcRefs(u.pod)) if (c === claim) n++;
  return n;
};

export function volumeRestrictionsPlugins(cache: SchedulerCache): { preFilter: PreFilterPlugin; filter: FilterPlugin } {
  /** readWriteOncePodPVCs of the attempt (CycleState) */
  const rwop = new WeakMap<PodState, string[]>();
  const claimsOf = (state: PodState, api: ApiServer): string[] | string => {
    const out: string[] = [];
    for (const key of pvcRefs(state.pod)) {
      const name = key.slice(key.indexOf('/') + 1);
      const pvc = api.tryGet('persistentvolumeclaims', state.pod.metadata.namespace, name);
      if (!pvc) return `persistentvolumeclaim "${name}" not found`;
      if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod') && !out.includes(key)) out.push(key);
    }
    return out;
  };
  return {
    preFilter: {
      name: NAME,
      preFilter(state, api) {
        const claims = claimsOf(state, api);
        if (typeof claims === 'string') return unresolvable(claims);
        rwop.set(state, claims);
        return undefined;
      },
    },
    filter: {
      name: NAME,
      skip: (state) => !rwop.get(state)?.length,
      filter(state, node, api) {
        let claims = rwop.get(state);
        if (!claims) {
          const c = claimsOf(state, api);
          claims = typeof c === 'string' ? [] : c;
          rwop.set(state, claims);
        }
        // the cluster's users, less those a preemption trial removed from this node (plus those it added)
        const base = cache.info(node.name);
        for (const claim of claims) {
          const total = cache.pvcUsers(claim);
          const count = node === base ? total : total - usersOn(base, claim) + usersOn(node, claim);
          if (count > 0) return unschedulable(ERR_REASON_RWOP_CONFLICT);
        }
        return undefined;
      },
    },
  };
}
