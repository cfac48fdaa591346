// AdmissionCheck (pkg/scheduler/eventhandlers.go): the scheduler's checks that a node agent repeats before it runs
// a pod, on a NodeInfo of the pods it has admitted: resources (fit.go Fits), the required node affinity, the node
// name and the host ports, every failure when asked for all. The kubelet's admission (src/kubelet/admission.ts)
// runs it, as pkg/kubelet/lifecycle/predicate.go does.
import type { KObject } from '../api/meta';
import { NodeInfo } from './types';
import { podState } from './schedule-one';
import { fits, type InsufficientResource } from './plugins/noderesources/fit';
import { ERR_REASON_POD } from './plugins/nodeaffinity/node-affinity';
import { requiredAffinityMatches } from '../api/scheduling/nodeaffinity';
import { ERR_REASON_NODE_NAME } from './plugins/nodename/node-name';
import { ERR_REASON_PORTS, fitsPorts, hostPorts } from './plugins/nodeports/node-ports';
import { nodeResources, podRequests } from './plugins/noderesources/resource-allocation';

export type AdmissionResult = { insufficientResource: InsufficientResource } | { name: string; reason: string };

/** framework.NewNodeInfo(pods...) with SetNode(node). */
export function nodeInfoOf(node: KObject, pods: KObject[]): NodeInfo {
  const info = new NodeInfo(node.metadata.name!);
  info.node = node;
  info.allocatable = nodeResources(node.status?.allocatable);
  for (const p of pods) {
    info.add({
      key: `${p.metadata.namespace}/${p.metadata.name}`,
      uid: p.metadata.uid!,
      node: info.name,
      requested: podRequests(p.spec),
      nonZero: podRequests(p.spec, true),
      priority: p.spec?.priority ?? 0,
      pod: p,
      ports: hostPorts(p),
    });
  }
  return info;
}

export function admissionCheck(pod: KObject, info: NodeInfo, includeAllFailures: boolean): AdmissionResult[] {
  const results: AdmissionResult[] = fits(podState(pod), info).map((i) => ({ insufficientResource: i }));
  if (results.length && !includeAllFailures) return results;
  const checks: Array<[string, string, () => boolean]> = [
    ['NodeAffinity', ERR_REASON_POD, () => requiredAffinityMatches(pod, info.node!)],
    ['NodeName', ERR_REASON_NODE_NAME, () => !pod.spec?.nodeName || pod.spec.nodeName === info.name],
    ['NodePorts', ERR_REASON_PORTS, () => fitsPorts(hostPorts(pod), info)],
  ];
  for (const [name, reason, ok] of checks) {
    if (ok()) continue;
    results.push({ name, reason });
    if (!includeAllFailures) return results;
  }
  return results;
}
