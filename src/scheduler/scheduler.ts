// kube-scheduler (pkg/scheduler): the scheduling queue, the cache, the default profile's plugins, binding and
// the failure handler. The runtime's work queue is the active queue; pods that failed wait in `unschedulable`
// until a cluster event that may help (a node added or changed, an assigned pod gone, a claim or volume
// changed) moves them back (internal/queue/scheduling_queue.go MoveAllToActiveOrBackoffQueue).
// Simplifications: no backoff queue and no periodic flush of unschedulable pods (5m); no PodTopologySpread,
// InterPodAffinity, NodePorts or ImageLocality yet.
import { Controller, ControllerContext } from '../controllers/controller';
import { KObject, clone, deepEqual, objKey, splitKey } from '../api/meta';
import type { WatchEvent } from '../store/store';
import { SchedulerCache } from './cache';
import { Algorithm, Profile, podState } from './schedule-one';
import { NO_NODE_AVAILABLE, fitErrorMessage } from './fit-error';
import { preemptionMessage } from './preemption';
import { nodeNamePlugin } from './plugins/node-name';
import { nodeUnschedulablePlugin } from './plugins/node-unschedulable';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/node-affinity';
import { nodeResourcesFitFilter } from './plugins/noderesources-fit';
import { leastAllocatedPlugin } from './plugins/least-allocated';
import { balancedAllocationPlugin } from './plugins/balanced-allocation';
import { volumeBindingFilter, volumeBindingPreFilter } from './plugins/volume-binding';
import { bindPodVolumes } from '../controllers/volume/scheduling/binder';

export const DEFAULT_SCHEDULER = 'default-scheduler';

/** The default profile, in default_plugins.go order. */
export const DEFAULT_PROFILE: Profile = {
  preFilters: [volumeBindingPreFilter],
  filters: [nodeUnschedulablePlugin, nodeNamePlugin, taintTolerationFilter, nodeAffinityFilter, nodeResourcesFitFilter, volumeBindingFilter],
  scores: [taintTolerationScore, nodeAffinityScore, leastAllocatedPlugin, balancedAllocationPlugin],
};

export class Scheduler extends Controller {
  readonly name = DEFAULT_SCHEDULER;
  readonly cache = new SchedulerCache();
  readonly unschedulable = new Set<string>();
  readonly algorithm: Algorithm;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.algorithm = new Algorithm(DEFAULT_PROFILE, ctx.api);
    this.watch('pods', (ev) => this.onPod(ev));
    this.watch('nodes', (ev) => this.onNode(ev));
    for (const r of ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses']) {
      this.watch(r, (ev) => { if (ev.type !== 'DELETED') this.moveAllToActive(); });
    }
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object, key = objKey(pod);
    const assigned = !!pod.spec?.nodeName;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (assigned) {
      this.unschedulable.delete(key);
      if (ev.type === 'DELETED' || terminal) { if (this.cache.removePod(key)) this.moveAllToActive(); }
      else this.cache.addPod(pod);
      return;
    }
    if (ev.type === 'DELETED') { this.unschedulable.delete(key); return; }
    if (!this.responsibleFor(pod) || pod.metadata.deletionTimestamp) return;
    // status-only updates (our own) do not requeue a pod (queue.isPodUpdated strips status)
    if (ev.type === 'MODIFIED' && ev.old && deepEqual(ev.old.spec, pod.spec) && deepEqual(ev.old.metadata.labels, pod.metadata.labels)
      && deepEqual(ev.old.metadata.annotations, pod.metadata.annotations)) return;
    this.unschedulable.delete(key);
    this.enqueue(key);
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object;
    if (ev.type === 'DELETED') { this.cache.removeNode(node.metadata.name!); return; }
    this.cache.setNode(node);
    const o = ev.old;
    if (!o || !deepEqual(o.status?.allocatable, node.status?.allocatable) || !deepEqual(o.metadata.labels, node.metadata.labels)
      || !deepEqual(o.spec?.taints, node.spec?.taints) || o.spec?.unschedulable !== node.spec?.unschedulable) this.moveAllToActive();
  }

  private moveAllToActive(): void {
    if (!this.unschedulable.size) return;
    const keys = [...this.unschedulable];
    this.unschedulable.clear();
    for (const k of keys) this.enqueue(k);
  }

  private responsibleFor(pod: KObject): boolean { return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER; }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.api.tryGet('pods', ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || !this.responsibleFor(pod)) { this.unschedulable.delete(key); return; }
    if (pod.spec?.schedulingGates?.length) {
      // SchedulingGates PreEnqueue: the pod waits, marked SchedulingGated, with no event
      this.unschedulable.add(key);
      this.setScheduledCondition(pod, 'False', 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
      return;
    }
    const nodes = this.cache.nodeList;
    if (!nodes.length) return this.fail(key, pod, NO_NODE_AVAILABLE);
    const state = podState(pod);
    const result = this.algorithm.schedule(state, nodes);
    if ('node' in result) return this.bind(pod, result.node);
    const d = result.diagnosis;
    d.postFilterMsg = preemptionMessage(state, d.nodeToStatus, (n) => this.cache.info(n), DEFAULT_PROFILE.filters, this.api);
    this.fail(key, pod, fitErrorMessage(result.numAllNodes, d));
  }

  /** The binding subresource: spec.nodeName and PodScheduled=True (pkg/registry/core/pod/storage assignPod). */
  private bind(pod: KObject, node: string): void {
    // VolumeBinding PreBind: WaitForFirstConsumer claims are bound (or provisioned) first; their update requeues the pod
    if (!bindPodVolumes(this.api, pod, this.cache.info(node)?.node ?? this.api.get('nodes', undefined, node))) { this.unschedulable.add(objKey(pod)); return; }
    this.api.bind(pod.metadata.namespace!, pod.metadata.name!, node);
    this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`);
  }

  /** handleSchedulingFailure: back to the unschedulable pods, PodScheduled=False, a FailedScheduling event. */
  private fail(key: string, pod: KObject, message: string): void {
    this.unschedulable.add(key);
    this.setScheduledCondition(pod, 'False', 'Unschedulable', message);
    this.event(pod, 'Warning', 'FailedScheduling', message);
  }

  private setScheduledCondition(pod: KObject, status: string, reason?: string, message?: string): void {
    const p = clone(pod);
    const st = p.status ?? (p.status = {});
    const conditions: any[] = st.conditions ?? (st.conditions = []);
    const i = conditions.findIndex((c) => c.type === 'PodScheduled');
    const old = conditions[i];
    const c: any = { type: 'PodScheduled', status, lastProbeTime: null,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : this.api.clock.iso() };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    if (i < 0) conditions.push(c); else conditions[i] = c;
    this.api.updateStatus(p);
  }
}
