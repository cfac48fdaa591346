// The kubelet's node heartbeats: every nodeStatusUpdateFrequency (10s) it renews its Lease in kube-node-lease
// (component-helpers/apimachinery/lease, renewInterval = 0.25 x leaseDurationSeconds 40) and computes its node
// status, which it writes only when something changed or nodeStatusReportFrequency (5m) has passed since the last
// report (pkg/kubelet/kubelet_node_status.go tryUpdateNodeStatus). One timer per kubelet; a stopped kubelet (a
// failed node) renews nothing and posts nothing until it starts again.
import { Controller, type ControllerContext } from '../client/controller';
import { type KObject, clone, deepEqual } from '../api/meta';
import type { WatchEvent } from '../client/controller';
import { parseTime } from '../runtime/clock';

export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
export const NODE_LEASE_DURATION_SECONDS = 40;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** What a healthy kubelet reports (pkg/kubelet/nodestatus/setters.go), with the event each transition records. */
export const HEALTHY_CONDITIONS: { type: string; status: string; reason: string; message: string }[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];
const TRANSITION_EVENT: Record<string, string> = {
  MemoryPressure: 'NodeHasSufficientMemory',
  DiskPressure: 'NodeHasNoDiskPressure',
  PIDPressure: 'NodeHasSufficientPID',
  Ready: 'NodeReady',
};

/** metav1.MicroTime as it serialises: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  if (ms !== lastMicro.ms) {
    lastMicro.ms = ms;
    lastMicro.text = `${new Date(ms).toISOString().slice(0, -1)}000Z`;
  }
  return lastMicro.text;
}
/** the last answer: every node's heartbeat at one instant asks for the same time */
const lastMicro = { ms: NaN, text: '' };

/**
 * The node's conditions as this kubelet would post them now, or undefined when nothing changed and the last
 * report is younger than nodeStatusReportFrequency. Heartbeats move to now; a transition time only on a change.
 */
export function nextNodeConditions(
  current: any[] | undefined,
  now: number,
  nowIso: string,
  force = false,
): { conditions: any[]; transitions: string[] } | undefined {
  // the usual heartbeat: nothing changed and the last report is recent, known before building anything
  if (!force && current?.length === HEALTHY_CONDITIONS.length) {
    let same = true,
      ready: any;
    for (let i = 0; i < current.length && same; i++) {
      const want = HEALTHY_CONDITIONS[i],
        old = current.find((c) => c.type === want.type);
      if (!old || old.status !== want.status || old.reason !== want.reason || old.message !== want.message)
        same = false;
      if (want.type === 'Ready') ready = old;
    }
    if (same && ready && now - parseTime(ready.lastHeartbeatTime) < NODE_STATUS_REPORT_FREQUENCY_MS) return undefined;
  }
  const byType = new Map<string, any>((current ?? []).map((c) => [c.type, c]));
  const transitions: string[] = [];
  let changed = (current ?? []).length !== HEALTHY_CONDITIONS.length;
  const conditions = HEALTHY_CONDITIONS.map((want) => {
    const old = byType.get(want.type);
    if (!old || old.status !== want.status || old.reason !== want.reason || old.message !== want.message)
      changed = true;
    const moved = !old || old.status !== want.status;
    if (old && moved) transitions.push(want.type);
    return { ...want, lastHeartbeatTime: nowIso, lastTransitionTime: moved ? nowIso : old.lastTransitionTime };
  });
  const ready = byType.get('Ready');
  if (!changed && !force && ready && now - parseTime(ready.lastHeartbeatTime) < NODE_STATUS_REPORT_FREQUENCY_MS)
    return undefined;
  // the order of the conditions a kubelet posts: the pressure conditions, then Ready
  return {
    conditions: conditions.map(({ type, status, lastHeartbeatTime, lastTransitionTime, reason, message }) => ({
      type,
      status,
      lastHeartbeatTime,
      lastTransitionTime,
      reason,
      message,
    })),
    transitions,
  };
}

/** A node's status.images as its kubelet would report them (nodestatus.Images); the same array while unchanged. */
export type ImagesOf = (node: string) => readonly { names: string[]; sizeBytes: number }[];

/** `images` is the list last written to the node's status */
interface Agent {
  running: boolean;
  nextAt: number;
  images?: ReturnType<ImagesOf>;
}

export class NodeStatusReporter extends Controller {
  readonly name = 'kubelet';
  private agents = new Map<string, Agent>();

  constructor(
    ctx: ControllerContext,
    private readonly imagesOf: ImagesOf = () => [],
  ) {
    super(ctx);
    this.watch('nodes', (ev) => this.onNode(ev));
  }

  private onNode(ev: WatchEvent): void {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') {
      this.agents.delete(name);
      return;
    }
    if (this.agents.has(name)) return;
    this.agents.set(name, { running: true, nextAt: 0 });
    this.enqueue(name);
  }

  /** Whether the node's kubelet runs (false after `stop`). */
  running(name: string): boolean {
    return this.agents.get(name)?.running ?? false;
  }

  /** The kubelet stops: no more leases or status. */
  stop(name: string): void {
    const a = this.agents.get(name);
    if (a) a.running = false;
  }

  /** The kubelet starts again and reports at once. */
  start(name: string): void {
    const a = this.agents.get(name);
    if (!a || a.running) return;
    a.running = true;
    a.nextAt = 0;
    this.enqueue(name);
  }

  sync(name: string): void {
    const a = this.agents.get(name);
    if (!a || !a.running) return;
    // woken before the next report is due (a timer set before a stop, or an enqueue): wait for it again
    if (this.now() < a.nextAt) {
      this.enqueueAfter(name, a.nextAt - this.now());
      return;
    }
    const node = this.api.tryGet('nodes', undefined, name);
    if (!node) return;
    a.nextAt = this.now() + NODE_STATUS_UPDATE_FREQUENCY_MS;
    this.renewLease(node);
    this.updateNodeStatus(node, a);
    this.enqueueAfter(name, NODE_STATUS_UPDATE_FREQUENCY_MS);
  }

  private renewLease(node: KObject): void {
    const name = node.metadata.name!;
    const renewTime = microTime(this.now());
    const lease = this.api.tryGet('leases', NODE_LEASE_NAMESPACE, name);
    if (lease) {
      this.api.update({ ...lease, spec: { ...lease.spec, renewTime } });
      return;
    }
    this.api.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: NODE_LEASE_NAMESPACE,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
      },
      spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
    });
  }

  private updateNodeStatus(node: KObject, a: Agent): void {
    const images = this.imagesOf(node.metadata.name!);
    // a pull changes the status: the images (the list is compared by identity, built again only after a pull)
    const imagesChanged = images !== a.images && !deepEqual(images, node.status?.images ?? []);
    const next = nextNodeConditions(node.status?.conditions, this.now(), this.api.clock.iso(), imagesChanged);
    if (!next) return;
    // a status write copies only what is not stored already (the unchanged images are the stored list)
    const status = { ...node.status, conditions: next.conditions };
    if (!images.length) delete status.images;
    else if (imagesChanged || !deepEqual(images, node.status?.images)) status.images = clone(images);
    const n = { ...node, status };
    a.images = images;
    const stored = this.api.updateStatus(n);
    // recordNodeStatusEvent: "Node <name> status is now: <event>"
    for (const type of next.transitions) {
      const reason = TRANSITION_EVENT[type];
      this.ctx.recorder.event(
        stored,
        'Normal',
        reason,
        `Node ${node.metadata.name} status is now: ${reason}`,
        'kubelet',
        node.metadata.name,
      );
    }
  }
}
