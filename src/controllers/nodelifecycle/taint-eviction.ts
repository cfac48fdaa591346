// Taint-based eviction (pkg/controller/tainteviction/taint_eviction.go, v1.30's taint-eviction-controller): a pod on
// a node with NoExecute taints is deleted at once when it does not tolerate them all, after the smallest
// tolerationSeconds of the tolerations used when it does, and never when none of those has tolerationSeconds.
// Scheduled deletions are cancelled when the taints go or the pod goes. Deletion adds the DisruptionTarget
// condition and deletes the pod gracefully; on an unreachable node it then stays Terminating.
import type { PodCondition, Toleration } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual, keyOf, splitKey } from '../../api/meta';
import type { WatchEvent } from '../../client/controller';
import { toleratesTaint } from '../../api/scheduling/taints';
import type { Taint } from './taints';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

const noExecute = (taints: Taint[] | undefined) => (taints ?? []).filter((t) => t.effect === 'NoExecute');

/** v1helper.GetMatchingTolerations: whether every taint is tolerated, and the first toleration used for each. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[]): [boolean, Toleration[]] {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return [false, []];
    used.push(t);
  }
  return [true, used];
}

/** getMinTolerationTime in ms: 0 for none or any <= 0, -1 (forever) when none has tolerationSeconds. */
export function minTolerationTime(tolerations: Toleration[]): number {
  if (!tolerations.length) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

interface Work {
  createdAt: number;
  fireAt: number;
}

const NODE = 'node:',
  POD = 'pod:',
  FIRE = 'fire:';

export class TaintEvictionController extends Controller {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private taintedNodes = new Map<string, Taint[]>();
  /** the TimedWorkerQueue: pod key -> its scheduled deletion */
  private work = new Map<string, Work>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('nodes', (ev) => this.onNode(ev));
    this.watch('pods', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    if (
      ev.type === 'MODIFIED' &&
      ev.old &&
      deepEqual(noExecute(ev.old.spec?.taints), noExecute(ev.object.spec?.taints))
    )
      return;
    this.enqueue(NODE + ev.object.metadata.name);
  }

  private onPod(ev: WatchEvent): void {
    const o = ev.old,
      p = ev.object;
    if (
      ev.type === 'MODIFIED' &&
      o &&
      deepEqual(o.spec?.tolerations, p.spec?.tolerations) &&
      o.spec?.nodeName === p.spec?.nodeName
    )
      return;
    if (ev.type !== 'DELETED' && !p.spec?.nodeName) return;
    const key = keyOf(p.metadata.namespace, p.metadata.name!);
    // on an untainted node with no deletion scheduled there is nothing to do (a node tainted later lists its pods)
    if (ev.type !== 'DELETED' && !this.taintedNodes.has(p.spec.nodeName) && !this.work.has(key)) return;
    this.enqueue(POD + key);
  }

  sync(key: string): void {
    if (key.startsWith(NODE)) return this.handleNodeUpdate(key.slice(NODE.length));
    if (key.startsWith(POD)) return this.handlePodUpdate(key.slice(POD.length));
    if (key.startsWith(FIRE)) return this.fire(key.slice(FIRE.length));
  }

  private handleNodeUpdate(name: string): void {
    const node = this.api.tryGet('nodes', undefined, name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecute(node.spec?.taints);
    if (taints.length) this.taintedNodes.set(name, taints);
    else this.taintedNodes.delete(name);
    const pods = this.api.select('pods', { nodeName: name });
    for (const pod of pods) {
      const key = keyOf(pod.metadata.namespace, pod.metadata.name!);
      if (!taints.length) this.cancel(key);
      else this.processPodOnNode(key, pod, taints);
    }
  }

  private handlePodUpdate(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.api.tryGet('pods', ns, name);
    if (!pod) {
      this.cancel(key);
      return;
    }
    const taints = this.taintedNodes.get(pod.spec?.nodeName);
    if (taints) this.processPodOnNode(key, pod, taints);
  }

  private processPodOnNode(key: string, pod: KObject, taints: Taint[]): void {
    const now = this.now();
    const [all, used] = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      this.cancel(key);
      return this.addWork(key, now, now);
    }
    const min = minTolerationTime(used);
    if (min < 0) return this.cancel(key);
    let start = now;
    const scheduled = this.work.get(key);
    if (scheduled) {
      start = scheduled.createdAt;
      // already due sooner than a new start would make it (or at the same time: nothing to redo)
      if (start + min < now + min || scheduled.fireAt === start + min) return;
      this.cancel(key);
    }
    this.addWork(key, start, start + min);
  }

  private addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return; // AddWork keeps the existing worker
    this.work.set(key, { createdAt, fireAt });
    this.enqueueAfter(FIRE + key, fireAt - this.now());
  }

  private cancel(key: string): void {
    if (!this.work.delete(key)) return;
    const [ns, name] = splitKey(key);
    this.podEvent(ns!, name, `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then a graceful delete. */
  private fire(key: string): void {
    const w = this.work.get(key);
    if (!w || w.fireAt > this.now()) return; // cancelled, or a timer of an earlier schedule
    this.work.delete(key);
    const [ns, name] = splitKey(key);
    this.podEvent(ns!, name, `Marking for deletion Pod ${key}`);
    const pod = this.api.tryGet('pods', ns, name);
    if (!pod) return;
    const conditions: PodCondition[] = pod.status?.conditions ?? [];
    const has = conditions.find((c) => c.type === 'DisruptionTarget');
    if (!has || has.status !== 'True' || has.reason !== 'DeletionByTaintManager') {
      const p = clone(pod);
      const c = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.api.clock.iso(),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      };
      p.status = { ...p.status, conditions: [...conditions.filter((x) => x.type !== 'DisruptionTarget'), c] };
      this.api.updateStatus(p);
    }
    this.api.delete('pods', ns, name);
  }

  /** The event names the pod by a reference without a uid, as emitPodDeletionEvent does. */
  private podEvent(namespace: string, name: string, message: string): void {
    this.event(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } },
      'Normal',
      'TaintManagerEviction',
      message,
    );
  }
}
