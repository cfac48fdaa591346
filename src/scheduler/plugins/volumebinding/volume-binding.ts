// VolumeBinding (framework/plugins/volumebinding/volume_binding.go): PreFilter rejects a pod whose claim is
// missing, being deleted, or unbound with Immediate binding; Filter checks a bound volume's node affinity and,
// through the storage binder (controllers/volume/scheduling/binder.ts FindPodVolumes), whether the node can
// serve the WaitForFirstConsumer claims; PreBind (BindPodVolumes) pre-binds or asks for provisioning and waits
// until the claims are Bound. The extension points are described in ../framework.ts.
import type { NodeSelectorTerm } from 'kubernetes-types/core/v1';
import type { ClusterEvent, FilterPlugin, PreBindPlugin, PreFilterPlugin } from '../../framework';
import { unresolvable } from '../../types';
import type { KObject } from '../../../api/meta';
import { termMatches } from '../../../api/scheduling/nodeaffinity';
import { bindPodVolumes, findPodVolumes } from './binder';

export const NAME = 'VolumeBinding';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = [
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'NodeAdd',
  'NodeLabel',
];

export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

function claimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

export const volumeBindingPreFilter: PreFilterPlugin = {
  name: NAME,
  preFilter(state, api) {
    const pod = state.pod;
    let unboundImmediate = false;
    for (const name of claimNames(pod)) {
      const pvc = api.tryGet('persistentvolumeclaims', pod.metadata.namespace, name);
      if (!pvc) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
      if (pvc.spec?.volumeName) continue;
      const className = pvc.spec?.storageClassName;
      const sc = className ? api.tryGet('storageclasses', undefined, className) : undefined;
      if (sc?.volumeBindingMode === 'WaitForFirstConsumer') continue;
      unboundImmediate = true;
    }
    return unboundImmediate ? unresolvable(ERR_UNBOUND_IMMEDIATE) : undefined;
  },
};

export const volumeBindingFilter: FilterPlugin = {
  name: NAME,
  skip: (state) => !claimNames(state.pod).length,
  filter(state, node, api) {
    const pod = state.pod;
    if (!pod.spec?.volumes?.length || !node.node) return undefined;
    for (const name of claimNames(pod)) {
      const pvc = api.tryGet('persistentvolumeclaims', pod.metadata.namespace, name);
      const pvName = pvc?.spec?.volumeName;
      if (!pvName) continue;
      const terms = api.tryGet('persistentvolumes', undefined, pvName)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms && !terms.some((t: NodeSelectorTerm) => termMatches(t, node.node!)))
        return unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    const conflict = findPodVolumes(api, pod, node.node);
    return conflict ? unresolvable(conflict) : undefined;
  },
};

export const volumeBindingPreBind: PreBindPlugin = {
  name: NAME,
  preBind: (state, node, api) => (bindPodVolumes(api, state.pod, node) ? 'Success' : 'Wait'),
};
