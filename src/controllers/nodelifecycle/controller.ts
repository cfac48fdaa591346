// The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go): a node whose kubelet
// has neither renewed its Lease nor posted status for nodeMonitorGracePeriod (40s) gets its conditions set to
// Unknown ("Kubelet stopped posting node status."); taints follow the conditions (unreachable/not-ready NoExecute
// and NoSchedule, the pressure taints, unschedulable for a cordoned node); when Ready leaves True the node gets a
// NodeNotReady event and its pods Ready=False (MarkPodsNotReady).
// Instead of monitorNodeHealth's scan of every node each nodeMonitorPeriod (5s), each node has one check timer,
// due at the first 5s tick after its probe time (last lease renewal or heartbeat) plus the grace period.
import type { NodeCondition, Pod } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone } from '../../api/meta';
import type { WatchEvent } from '../../client/controller';
import { parseTime } from '../../runtime/clock';
import { reconcileTaints } from './taints';

export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** the conditions set to Unknown when the kubelet goes quiet (NetworkUnavailable is left alone) */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** The first monitor tick strictly after probe + grace: when the controller sees the node as gone quiet. */
export function staleAt(
  probe: number,
  graceMs = NODE_MONITOR_GRACE_PERIOD_MS,
  periodMs = NODE_MONITOR_PERIOD_MS,
): number {
  return (Math.floor((probe + graceMs) / periodMs) + 1) * periodMs;
}

/** tryUpdateNodeHealth's Unknown pass: the conditions with status Unknown, or undefined if they already are. */
export function unknownConditions(node: KObject, nowIso: string): NodeCondition[] | undefined {
  const conditions: NodeCondition[] = clone(node.status?.conditions ?? []);
  let changed = false;
  for (const type of MONITORED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: nowIso,
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, {
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: nowIso,
      });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

const readyOf = (node: KObject) => (node.status?.conditions ?? []).find((c: NodeCondition) => c.type === 'Ready');

export class NodeLifecycleController extends Controller {
  readonly name = 'node-controller';
  /** the Ready status last seen per node, to notice a transition once */
  private observedReady = new Map<string, string | undefined>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('nodes', (ev) => this.onNode(ev));
  }

  private onNode(ev: WatchEvent): void {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') {
      this.observedReady.delete(name);
      return;
    }
    this.enqueue(name);
  }

  sync(name: string): void {
    let node = this.api.tryGet('nodes', undefined, name);
    if (!node) return;
    const now = this.now();
    const before = this.observedReady.has(name) ? this.observedReady.get(name) : readyOf(node)?.status;
    const lease = this.api.tryGet('leases', NODE_LEASE_NAMESPACE, name);
    const probe = Math.max(
      parseTime(lease?.spec?.renewTime),
      parseTime(readyOf(node)?.lastHeartbeatTime),
      parseTime(node.metadata.creationTimestamp),
    );
    const due = staleAt(probe);
    if (now >= due) {
      const conditions = unknownConditions(node, this.api.clock.iso());
      if (conditions) node = this.api.updateStatus({ ...clone(node), status: { ...clone(node.status), conditions } });
    } else this.scheduleCheck(name, due);
    const ready = readyOf(node)?.status;
    this.observedReady.set(name, ready);
    const taints = reconcileTaints(node.spec?.taints, node, ready, this.api.clock.iso());
    if (taints) {
      const n = clone(node);
      n.spec = { ...n.spec, taints };
      if (!taints.length) delete n.spec.taints;
      node = this.api.update(n);
    }
    if (before === 'True' && ready !== 'True') this.markNotReady(node);
  }

  /** An earlier check already set will look again (the queue keeps the earliest time per key). */
  private scheduleCheck(name: string, at: number): void {
    this.enqueueAfter(name, at - this.now());
  }

  /** RecordNodeStatusChange and MarkPodsNotReady (pkg/controller/util/node/controller_utils.go). */
  private markNotReady(node: KObject): void {
    const name = node.metadata.name!;
    this.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    const nowIso = this.api.clock.iso();
    for (const pod of this.api.select<Pod>('pods', { nodeName: name })) {
      const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const p = clone(pod);
      p.status!.conditions = p.status!.conditions!.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: nowIso } : c,
      );
      const stored = this.api.updateStatus(p);
      this.event(stored, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }
}
