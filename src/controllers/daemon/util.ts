// pkg/controller/daemon/util/daemonset_util.go and the node predicate of daemon_controller.go: the pod a
// DaemonSet makes for a node (tolerations added, pinned by node affinity to the node's name), and whether a
// node should run it.

import type { PodSpec, PodTemplateSpec, Toleration } from '../../api/types';
import type { ObjectMeta } from '../../api/meta';
import type { KObject } from '../../api/meta';
import { requiredAffinityMatches } from '../../api/scheduling/nodeaffinity';
import { firstUntolerated } from '../../api/scheduling/taints';
import { CONTROLLER_REVISION_HASH } from '../../api/well-known';

export const POD_TEMPLATE_GENERATION = 'pod-template-generation';

/** AddOrUpdateDaemonPodTolerations, in its order; network-unavailable only for hostNetwork pods. */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const add = (key: string, effect: string) => {
    const t = { key, operator: 'Exists', effect };
    const list: Toleration[] = spec.tolerations ?? (spec.tolerations = []);
    const i = list.findIndex((x) => x.key === key && x.effect === effect);
    if (i >= 0) list[i] = t;
    else list.push(t);
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become `metadata.name In [node]`. */
export function pinToNode(spec: PodSpec, node: string): void {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const affinity = spec.affinity ?? (spec.affinity = {});
  const na = affinity.nodeAffinity ?? (affinity.nodeAffinity = {});
  na.requiredDuringSchedulingIgnoredDuringExecution = {
    ...(na.requiredDuringSchedulingIgnoredDuringExecution ?? {}),
    nodeSelectorTerms: [term],
  };
}

/** A DaemonSet's pod template as createPodTemplate completes it. */
export type DaemonPodTemplate = PodTemplateSpec & {
  metadata: ObjectMeta & { labels: Record<string, string> };
  spec: PodSpec & { tolerations: Toleration[] };
};

/** CreatePodTemplate: tolerations, the template generation and the revision hash labels. */
export function createPodTemplate(
  template: PodTemplateSpec | undefined,
  generation: number | undefined,
  hash: string,
): DaemonPodTemplate {
  // the fields are filled in below, in the order CreatePodTemplate sets them
  const t: DaemonPodTemplate = JSON.parse(JSON.stringify(template ?? {}));
  t.spec ??= {} as DaemonPodTemplate['spec'];
  addDaemonPodTolerations(t.spec);
  t.metadata = {
    ...(t.metadata ?? {}),
    labels: { ...(t.metadata?.labels ?? {}), [POD_TEMPLATE_GENERATION]: String(generation ?? 0) },
  };
  if (hash) t.metadata.labels[CONTROLLER_REVISION_HASH] = hash;
  return t;
}

/** GetTargetNodeName: spec.nodeName, or the node the affinity pins the pod to. */
export function targetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms)
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

/** The pod NodeShouldRunDaemonPod tests against nodes: the template's spec with the daemon tolerations. */
export function daemonPodView(ds: KObject): KObject {
  const spec = JSON.parse(JSON.stringify(ds.spec?.template?.spec ?? {}));
  addDaemonPodTolerations(spec);
  return { metadata: {}, spec };
}

/** NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]; `pod` from daemonPodView, built once per sync. */
export function nodeShouldRunDaemonPod(
  node: KObject,
  ds: KObject,
  pod: KObject = daemonPodView(ds),
): [boolean, boolean] {
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return [false, false];
  if (!requiredAffinityMatches(pod, node)) return [false, false];
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec.tolerations ?? [];
  const untolerated = firstUntolerated(taints, tolerations, (e) => e === 'NoSchedule' || e === 'NoExecute');
  if (!untolerated) return [true, true];
  return [false, !firstUntolerated(taints, tolerations, (e) => e === 'NoExecute')];
}

/** IsPodUpdated: the revision hash, or the template generation, matches. */
export function isPodUpdated(pod: KObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (
    labels[CONTROLLER_REVISION_HASH] === hash ||
    (generation !== undefined && labels[POD_TEMPLATE_GENERATION] === String(generation))
  );
}
