// The kubelet's admission of a pod bound to its node (kubelet.go HandlePodAdditions, canAdmitPod, rejectPod):
// the predicate admit handler (pkg/kubelet/lifecycle/predicate.go, v1.30) checks the pod against the node and
// the pods the kubelet has already admitted and that are still active. A pod bound with spec.nodeName skips the
// scheduler, so this is where it fails to fit: a Warning event with the reason, and the status
// `phase: Failed, reason: OutOfcpu, message: "Pod was rejected: ..."`. The kubelet never runs it.
import type { KObject } from '../api/meta';
import type { ControllerContext } from '../client/controller';
import { admissionCheck, nodeInfoOf } from '../scheduler/admission-check';
import { firstUntolerated } from '../api/scheduling/taints';
import { isQualifiedName } from '../api/validation/meta';

export interface Rejection {
  reason: string;
  message: string;
}

/** The OS the kubelet runs on (runtime.GOOS). */
const GOOS = 'linux';

/** predicateAdmitHandler.Admit: undefined when the pod is admitted. */
export function admit(pod: KObject, node: KObject, activePods: KObject[]): Rejection | undefined {
  // the checks preemption cannot help come first
  const podOS = pod.metadata.labels?.['kubernetes.io/os'];
  if (podOS !== undefined && podOS !== GOOS) {
    return {
      reason: 'PodOSSelectorNodeLabelDoesNotMatch',
      message: "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label",
    };
  }
  if (pod.spec?.os && pod.spec.os.name !== GOOS)
    return { reason: 'PodOSNotSupported', message: "Failed to admit pod as the OS field doesn't match node OS" };
  const info = nodeInfoOf(node, activePods);
  const reasons = generalFilter(withoutMissingExtendedResources(pod, node), info);
  // only the first failure is reported
  const r = reasons[0];
  if (!r) return undefined;
  if ('insufficientResource' in r) {
    const i = r.insufficientResource;
    return {
      reason: `OutOf${i.resourceName}`,
      message: `Node didn't have enough resource: ${i.resourceName}, requested: ${i.requested}, used: ${i.used}, capacity: ${i.capacity}`,
    };
  }
  // PredicateFailureError.Error() in v1.30 names the predicate only
  return { reason: r.name, message: `Predicate ${r.name} failed` };
}

/** generalFilter: every AdmissionCheck failure, then an untolerated NoExecute taint (the only effect the kubelet minds). */
export function generalFilter(pod: KObject, info: ReturnType<typeof nodeInfoOf>) {
  const reasons = admissionCheck(pod, info, true);
  if (firstUntolerated(info.node?.spec?.taints ?? [], pod.spec?.tolerations ?? [], (e) => e === 'NoExecute')) {
    reasons.push({ name: 'TaintToleration', reason: "node(s) had taints that the pod didn't tolerate" });
  }
  return reasons;
}

/**
 * removeMissingExtendedResources: requests of extended resources the node does not list are dropped (cluster-level
 * resources unknown to nodes), so they never fail admission.
 */
export function withoutMissingExtendedResources(pod: KObject, node: KObject): KObject {
  const allocatable = node.status?.allocatable ?? {};
  const filter = (cs: any[] | undefined) =>
    cs?.map((c) => {
      const requests = c.resources?.requests;
      if (!requests) return c;
      const kept = Object.fromEntries(
        Object.entries(requests).filter(([k]) => !isExtendedResourceName(k) || k in allocatable),
      );
      return { ...c, resources: { ...c.resources, requests: kept } };
    });
  return {
    ...pod,
    spec: { ...pod.spec, containers: filter(pod.spec?.containers), initContainers: filter(pod.spec?.initContainers) },
  };
}

/** v1helper.IsExtendedResourceName: not native (no `/`, or in kubernetes.io), not `requests.`, a qualified name as `requests.<name>`. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/**
 * HandlePodAdditions for a pod new to the kubelet: admitted (true), or rejected (false) as rejectPod does it: a
 * Warning event, and the status manager's `Failed` status (its startTime set, the scheduler's condition kept).
 * `active` tells the pods the kubelet admitted and still runs (filterOutInactivePods).
 */
export function admitOrReject(
  ctx: ControllerContext,
  pod: KObject,
  nodeName: string,
  active: (p: KObject) => boolean,
): boolean {
  const node = ctx.api.tryGet('nodes', undefined, nodeName);
  const others = ctx.api.select('pods', { nodeName }).filter((p) => p.metadata.uid !== pod.metadata.uid && active(p));
  const rejection = node
    ? admit(pod, node, others)
    : { reason: 'InvalidNodeInfo', message: 'Kubelet cannot get node info.' };
  if (!rejection) return true;
  ctx.recorder.event(pod, 'Warning', rejection.reason, rejection.message, 'kubelet', nodeName);
  // mergePodStatus keeps the conditions the kubelet does not own (PodScheduled, when a scheduler bound the pod)
  const conditions = (pod.status?.conditions ?? []).filter((c: any) => !KUBELET_CONDITIONS.has(c.type));
  const status = {
    phase: 'Failed',
    reason: rejection.reason,
    message: `Pod was rejected: ${rejection.message}`,
    startTime: pod.status?.startTime ?? ctx.api.clock.iso(),
    ...(conditions.length ? { conditions } : {}),
  };
  ctx.api.updateStatus({ ...pod, status });
  return false;
}

/** kubetypes.PodConditionByKubelet */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);
