// The scheduler's volume binder for WaitForFirstConsumer claims (pkg/scheduler/framework/plugins/volumebinding
// binder.go): FindPodVolumes says whether a node can serve the pod's unbound claims (a static volume whose node
// affinity admits the node, or a class that provisions), and BindPodVolumes, at PreBind, pre-binds the chosen
// volume to the claim or marks the claim `volume.kubernetes.io/selected-node` for its provisioner. The pod is
// bound to the node only once its claims are Bound; the PV controller and the provisioner finish the work.

import type { NodeSelectorTerm } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../../apiserver/apiserver';
import { type KObject, clone } from '../../../api/meta';
import { termMatches } from '../../../api/scheduling/nodeaffinity';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  claimClass,
  findMatchingVolume,
} from '../../../api/storage/volume';

export const ERR_REASON_BINDING_CONFLICT = "node(s) didn't find available persistent volumes to bind";
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The pod's claims that wait for a consumer: unbound, of a WaitForFirstConsumer class. */
export function unboundDelayedClaims(api: ApiServer, pod: KObject): { claim: KObject; sc: KObject }[] {
  const out: { claim: KObject; sc: KObject }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const claim = api.tryGet('persistentvolumeclaims', pod.metadata.namespace, name);
    if (!claim || claim.spec?.volumeName) continue;
    const sc = api.tryGet('storageclasses', undefined, claimClass(claim));
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') out.push({ claim, sc });
  }
  return out;
}

const admits = (pv: KObject, node: KObject): boolean => {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || terms.some((t: NodeSelectorTerm) => termMatches(t, node));
};

/** findMatchingVolumes: the smallest fitting Available volume of the claim's class that the node may use. */
function staticVolumeFor(api: ApiServer, claim: KObject, node: KObject, taken: Set<string>): KObject | undefined {
  const cls = claimClass(claim);
  const candidates = api
    .select('persistentvolumes')
    .filter((pv) => (pv.spec?.storageClassName ?? '') === cls && !taken.has(pv.metadata.name!) && admits(pv, node))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  return findMatchingVolume(claim, candidates, false);
}

/** FindPodVolumes, as the VolumeBinding Filter uses it: a reason the node cannot serve the claims, or undefined. */
export function findPodVolumes(api: ApiServer, pod: KObject, node: KObject): string | undefined {
  const taken = new Set<string>();
  for (const { claim, sc } of unboundDelayedClaims(api, pod)) {
    const pv = staticVolumeFor(api, claim, node, taken);
    if (pv) {
      taken.add(pv.metadata.name!);
      continue;
    }
    if (sc.provisioner === NO_PROVISIONER) return ERR_REASON_BINDING_CONFLICT;
  }
  return undefined;
}

/** BindPodVolumes: pre-binds or asks for provisioning; true when every claim of the pod is Bound already. */
export function bindPodVolumes(api: ApiServer, pod: KObject, node: KObject): boolean {
  const waiting = unboundDelayedClaims(api, pod);
  const taken = new Set<string>();
  for (const { claim } of waiting) {
    const pv = staticVolumeFor(api, claim, node, taken);
    if (pv) {
      taken.add(pv.metadata.name!);
      const next = clone(pv);
      next.spec.claimRef = {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      api.update(next);
      continue;
    }
    if (claim.metadata.annotations?.[ANN_SELECTED_NODE] === node.metadata.name) continue;
    const next = clone(claim);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: node.metadata.name! };
    api.update(next);
  }
  return waiting.length === 0;
}
