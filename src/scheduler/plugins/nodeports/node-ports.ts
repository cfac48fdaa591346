// NodePorts (framework/plugins/nodeports/node_ports.go): a pod's host ports must be free on the node. Ports
// conflict on the same protocol and port when either host IP is 0.0.0.0 or both are the same
// (framework/types.go HostPortInfo.CheckConflict).
import type { ClusterEvent, FilterPlugin } from '../../framework';
import { type HostPort, type NodeInfo, unschedulable } from '../../types';
import type { KObject } from '../../../api/meta';

export const NAME = 'NodePorts';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['AssignedPodDelete', 'NodeAdd'];

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
const ANY = '0.0.0.0';

/** The host ports the pod's containers (and init containers) ask for; containerPort-only ports claim nothing. */
export function hostPorts(pod: KObject | undefined): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort > 0) out.push({ protocol: p.protocol || 'TCP', hostIP: p.hostIP || ANY, port: p.hostPort });
    }
  }
  return out;
}

export function portsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.protocol === b.protocol && a.port === b.port && (a.hostIP === ANY || b.hostIP === ANY || a.hostIP === b.hostIP)
  );
}

export function fitsPorts(want: HostPort[], node: NodeInfo): boolean {
  for (const u of node.pods.values())
    for (const used of u.ports ?? []) if (want.some((w) => portsConflict(w, used))) return false;
  return true;
}

export const nodePortsPlugin: FilterPlugin = {
  name: NAME,
  skip: (state) => !hostPorts(state.pod).length,
  filter(state, node) {
    return fitsPorts(hostPorts(state.pod), node) ? undefined : unschedulable(ERR_REASON_PORTS);
  },
};
