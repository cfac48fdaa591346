// kube-scheduler (pkg/scheduler): the scheduling queue (queue.ts), the cache, the default profile's plugins,
// binding and the failure handler. Watch events become the queue's cluster events (eventhandlers.go): a node
// added, a node's allocatable, labels or taints changed, an assigned pod added, changed or gone, a claim,
// volume or class changed; each moves the unschedulable pods whose rejecting plugins registered it.
import { Controller, type ControllerContext } from '../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../api/meta';
import type { WatchEvent } from '../client/controller';
import { SchedulerCache } from './cache';
import { Algorithm, type Profile, podState } from './schedule-one';
import type { ReservePlugin } from './framework';
import type { PodState, PodUsage } from './types';
import { NO_NODE_AVAILABLE, fitErrorMessage } from './fit-error';
import { type Candidate, preempt } from './preemption';
import { ActiveQueue, UnschedulablePods } from './queue';
import type { ClusterEvent } from './framework';
import { PLUGIN_EVENTS, defaultProfile } from './plugins/registry';
import { hostPorts } from './plugins/nodeports/node-ports';

export const DEFAULT_SCHEDULER = 'default-scheduler';
const NONE: PodUsage[] = [];
/** the key prefix of a flushUnschedulablePodsLeftover timer: `flush:<time>:<pod key>` */
const FLUSH = 'flush:';
/** the key of a flushBackoffQCompleted tick: `backoff:<time>`; the pods whose back-off ended go to the active queue together */
const BACKOFF = 'backoff:';
/** a work item that pops the next pod from the active queue (when it holds more pods than items wait) */
const NEXT = 'next';

export class Scheduler extends Controller {
  readonly name = DEFAULT_SCHEDULER;
  readonly cache = new SchedulerCache();
  readonly unschedulable: UnschedulablePods;
  /** activeQ: each of the scheduler's work items schedules the pod it pops (PrioritySort), not the item's own */
  readonly active = new ActiveQueue();
  /** backoffQ: the pods each flushBackoffQCompleted tick will move to the active queue */
  private readonly backoffDue = new Map<number, Set<string>>();
  private readonly backoffAt = new Map<string, number>();
  readonly algorithm: Algorithm;
  readonly profile: Profile;
  /** pods nominated to a node by preemption, until they are bound or gone or their nomination is cleared (the nominator) */
  private readonly nominated = new Map<string, PodUsage>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.profile = defaultProfile(this.cache, ctx.api);
    this.unschedulable = new UnschedulablePods(
      (key, delay) => (delay > 0 ? this.backoff(key, delay) : this.activate(key)),
      () => this.now(),
      PLUGIN_EVENTS,
    );
    this.algorithm = new Algorithm(
      this.profile,
      ctx.api,
      (node, state) => {
        if (!this.nominated.size) return NONE;
        const out: PodUsage[] = [];
        const priority = state.pod.spec?.priority ?? 0,
          uid = state.pod.metadata.uid;
        for (const u of this.nominated.values())
          if (u.node === node && u.uid !== uid && u.priority >= priority) out.push(u);
        return out;
      },
      () => this.nominated.size > 0,
    );
    this.watch('pods', (ev) => this.onPod(ev));
    this.watch('nodes', (ev) => this.onNode(ev));
    const events: [string, ClusterEvent][] = [
      ['persistentvolumeclaims', 'PersistentVolumeClaim'],
      ['persistentvolumes', 'PersistentVolume'],
      ['storageclasses', 'StorageClass'],
    ];
    for (const [r, event] of events)
      this.watch(r, (ev) => {
        if (ev.type !== 'DELETED') this.unschedulable.move(event);
      });
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object,
      key = objKey(pod);
    const assigned = !!pod.spec?.nodeName;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (assigned || ev.type === 'DELETED') {
      this.nominated.delete(key);
      this.active.delete(key);
    }
    if (assigned) {
      this.unschedulable.forget(key);
      if (ev.type === 'DELETED' || terminal) {
        if (this.cache.removePod(key)) this.unschedulable.move('AssignedPodDelete');
        return;
      }
      const wasAssigned = !!ev.old?.spec?.nodeName;
      this.cache.addPod(pod);
      if (!wasAssigned) this.unschedulable.move('AssignedPodAdd');
      else if (!deepEqual(ev.old?.metadata.labels, pod.metadata.labels)) this.unschedulable.move('AssignedPodUpdate');
      return;
    }
    if (ev.type === 'DELETED') {
      this.unschedulable.forget(key);
      return;
    }
    if (!this.responsibleFor(pod) || pod.metadata.deletionTimestamp) return;
    // status-only updates (our own) do not requeue a pod (queue.isPodUpdated strips status)
    if (
      ev.type === 'MODIFIED' &&
      ev.old &&
      deepEqual(ev.old.spec, pod.spec) &&
      deepEqual(ev.old.metadata.labels, pod.metadata.labels) &&
      deepEqual(ev.old.metadata.annotations, pod.metadata.annotations)
    )
      return;
    // an update to the pod itself sends it to be tried again, its back-off kept (queue.Update)
    this.unschedulable.forget(key, true);
    this.activate(key, pod);
  }

  /** The pod enters the active queue with its priority and queue timestamp (its last failure, else now). */
  private activate(key: string, pod = this.getPod(key)): void {
    if (!pod) return;
    this.active.add(key, pod.spec?.priority ?? 0, this.unschedulable.lastFailure(key) ?? this.now());
    this.enqueue(key);
  }

  /** The backoff queue: the pod leaves it at the flush tick `delay` from now, with the others due then. */
  private backoff(key: string, delay: number): void {
    const at = this.now() + delay;
    const before = this.backoffAt.get(key);
    if (before !== undefined) this.backoffDue.get(before)?.delete(key);
    this.backoffAt.set(key, at);
    const due = this.backoffDue.get(at);
    if (due) {
      due.add(key);
      return;
    }
    this.backoffDue.set(at, new Set([key]));
    this.enqueueAfter(`${BACKOFF}${at}`, delay);
  }

  private getPod(key: string): KObject | undefined {
    const [ns, name] = splitKey(key);
    return this.api.tryGet('pods', ns, name);
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object;
    if (ev.type === 'DELETED') {
      this.cache.removeNode(node.metadata.name!);
      return;
    }
    this.cache.setNode(node);
    const o = ev.old;
    if (!o) return this.unschedulable.move('NodeAdd');
    // nodeSchedulingPropertiesChange
    if (!deepEqual(o.status?.allocatable, node.status?.allocatable)) this.unschedulable.move('NodeAllocatable');
    if (!deepEqual(o.metadata.labels, node.metadata.labels)) this.unschedulable.move('NodeLabel');
    if (!deepEqual(o.spec?.taints, node.spec?.taints) || o.spec?.unschedulable !== node.spec?.unschedulable)
      this.unschedulable.move('NodeTaint');
  }

  private responsibleFor(pod: KObject): boolean {
    return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER;
  }

  sync(key: string): void {
    if (key.startsWith(FLUSH)) {
      const i = key.indexOf(':', FLUSH.length);
      return this.unschedulable.flush(key.slice(i + 1), Number(key.slice(FLUSH.length, i)));
    }
    if (key.startsWith(BACKOFF)) {
      const at = Number(key.slice(BACKOFF.length));
      // a pod that failed again since it was moved here waits for an event instead
      for (const podKey of this.backoffDue.get(at) ?? []) {
        this.backoffAt.delete(podKey);
        if (!this.unschedulable.has(podKey)) this.activate(podKey);
      }
      this.backoffDue.delete(at);
    }
    for (let next = this.active.pop(); next; next = this.active.pop()) {
      const pod = this.getPod(next);
      if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || !this.responsibleFor(pod)) {
        this.unschedulable.forget(next);
        continue;
      }
      // an API error fails the work item, which the runtime retries: the pod goes back to the active queue for it
      try {
        this.scheduleOne(next, pod);
      } catch (e) {
        this.active.add(next, pod.spec?.priority ?? 0, this.unschedulable.lastFailure(next) ?? this.now());
        throw e;
      }
      break;
    }
    if (this.active.size) this.enqueue(NEXT);
  }

  /** scheduleOne for the pod popped from the active queue. */
  private scheduleOne(key: string, pod: KObject): void {
    if (pod.spec?.schedulingGates?.length) {
      // SchedulingGates PreEnqueue: the pod waits, marked SchedulingGated, with no event
      this.unschedulable.park(key, 'SchedulingGates');
      this.setScheduledCondition(
        pod,
        'False',
        'SchedulingGated',
        'Scheduling is blocked due to non-empty scheduling gates',
      );
      return;
    }
    const nodes = this.cache.nodeList;
    if (!nodes.length) return this.fail(key, pod, NO_NODE_AVAILABLE, [], '');
    const state = podState(pod);
    const result = this.algorithm.schedule(state, nodes);
    if ('node' in result) return this.bind(state, result.node);
    const d = result.diagnosis;
    const post = preempt(state, d.nodeToStatus, (n) => this.cache.info(n), this.profile.filters, this.api);
    if ('message' in post) d.postFilterMsg = post.message;
    else {
      this.prepareCandidate(pod, post);
      this.nominated.set(key, {
        key,
        uid: pod.metadata.uid!,
        node: post.node,
        requested: state.requests,
        nonZero: state.nonZero,
        priority: pod.spec?.priority ?? 0,
        pod,
        ports: hostPorts(pod),
      });
    }
    const plugins = new Set<string>();
    for (const st of d.nodeToStatus.values()) if (st.plugin) plugins.add(st.plugin);
    this.fail(
      key,
      pod,
      fitErrorMessage(result.numAllNodes, d),
      plugins,
      'message' in post ? (post.clearNomination ? '' : undefined) : post.node,
    );
  }

  /** PrepareCandidate: each victim gets the DisruptionTarget condition, is deleted, and gets a Preempted event. */
  private prepareCandidate(pod: KObject, c: Candidate): void {
    for (const v of c.victims) {
      const [ns, name] = splitKey(v.key);
      const victim = this.api.tryGet('pods', ns, name);
      if (!victim || victim.metadata.uid !== v.uid) continue;
      const p = clone(victim);
      const conditions: any[] = (p.status?.conditions ?? []).filter((x: any) => x.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.api.clock.iso(),
        reason: 'PreemptionByScheduler',
        message: `${pod.spec?.schedulerName ?? DEFAULT_SCHEDULER}: preempting to accommodate a higher priority pod`,
      });
      p.status = { ...p.status, conditions };
      this.api.updateStatus(p);
      this.api.delete('pods', ns, name);
      this.event(victim, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${c.node}`);
    }
    // lower-priority pods nominated to this node may no longer fit there: their nomination is cleared
    const priority = pod.spec?.priority ?? 0;
    for (const u of [...this.nominated.values()]) {
      if (u.node !== c.node || u.priority >= priority) continue;
      this.nominated.delete(u.key);
      const other = this.getPod(u.key);
      if (other?.status?.nominatedNodeName) {
        const p = clone(other);
        delete p.status.nominatedNodeName;
        this.api.updateStatus(p);
      }
    }
  }

  /** The binding cycle: Reserve, PreBind, then the binding subresource (spec.nodeName and PodScheduled=True). */
  private bind(state: PodState, nodeName: string): void {
    const pod = state.pod,
      key = objKey(pod);
    const node = this.cache.info(nodeName)?.node ?? this.api.get('nodes', undefined, nodeName);
    const reserved: ReservePlugin[] = [];
    const undo = () => {
      for (const r of reserved.reverse()) r.unreserve?.(state, node, this.api);
    };
    for (const r of this.profile.reserves ?? []) {
      const s = r.reserve(state, node, this.api);
      if (s) {
        undo();
        return this.fail(key, pod, s.reasons.join(', '), [r.name], '');
      }
      reserved.push(r);
    }
    for (const p of this.profile.preBinds ?? []) {
      const s = p.preBind(state, node, this.api);
      if (s === 'Success') continue;
      undo();
      // waiting for the plugin's own writes (claims being bound): parked until its events move the pod
      if (s === 'Wait') {
        this.unschedulable.park(key, p.name);
        return;
      }
      return this.fail(key, pod, s.reasons.join(', '), [p.name], '');
    }
    this.cache.assumed = { uid: pod.metadata.uid!, requested: state.requests, nonZero: state.nonZero };
    try {
      this.api.bind(pod.metadata.namespace!, pod.metadata.name!, nodeName);
    } finally {
      this.cache.assumed = undefined;
    }
    this.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
    );
  }

  /** handleSchedulingFailure: back to the unschedulable pods, PodScheduled=False, a FailedScheduling event;
   *  `nominatedNode` sets the pod's nominatedNodeName ('' clears it, undefined leaves it). */
  private fail(key: string, pod: KObject, message: string, plugins: Iterable<string>, nominatedNode?: string): void {
    if (nominatedNode === '') this.nominated.delete(key);
    const flushAt = this.unschedulable.add(key, plugins);
    this.enqueueAfter(`${FLUSH}${flushAt}:${key}`, flushAt - this.now());
    this.setScheduledCondition(pod, 'False', 'Unschedulable', message, nominatedNode);
    this.event(pod, 'Warning', 'FailedScheduling', message);
  }

  private setScheduledCondition(
    pod: KObject,
    status: string,
    reason?: string,
    message?: string,
    nominatedNode?: string,
  ): void {
    const p = clone(pod);
    const st = p.status ?? (p.status = {});
    if (nominatedNode) st.nominatedNodeName = nominatedNode;
    else if (nominatedNode === '') delete st.nominatedNodeName;
    const conditions: any[] = st.conditions ?? (st.conditions = []);
    const i = conditions.findIndex((c) => c.type === 'PodScheduled');
    const old = conditions[i];
    const c: any = {
      type: 'PodScheduled',
      status,
      lastProbeTime: null,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : this.api.clock.iso(),
    };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    if (i < 0) conditions.push(c);
    else conditions[i] = c;
    this.api.updateStatus(p);
  }
}
