// pkg/controller/statefulset/stateful_set.go: claims the set's pods, works out its current and update
// revisions (ControllerRevisions), runs one pass of the control loop, and writes the status.

import type { StatefulSetStatus } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, controllerOf, deepEqual, splitKey } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { ControllerRefManager } from '../util/controller-ref-manager';
import { ensureUpdateRevision, listRevisions, truncateHistory } from '../history/controller-history';
import { StatefulPodControl } from './pod-control';
import { requeueAfterMinReady } from '../util/min-ready';
import { computeReplicaStatus, updateStatefulSet } from './control';
import { getPodRevision, isMemberOf, revisionData } from './utils';

export class StatefulSetController extends Controller {
  readonly name = 'statefulset-controller';
  private readonly control: StatefulPodControl;

  constructor(ctx: ControllerContext) {
    super(ctx);
    const record = (o: KObject, t: 'Normal' | 'Warning', r: string, m: string) => this.event(o, t, r, m);
    this.control = new StatefulPodControl(ctx.api, record);
    // an orphan pod wakes the sets whose selector matches it (getStatefulSetsForPod)
    this.reconciles('statefulsets').owns('pods', {
      adoptOrphans: (set) => fromLabelSelector(set.spec?.selector),
      woke: (set, ev, orphan) => {
        if (!orphan) requeueAfterMinReady(this, set, ev);
      },
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const set = this.api.tryGet('statefulsets', namespace, name);
    if (!set) return;
    const selector = fromLabelSelector(set.spec?.selector);
    if (!selector || !selector.length) return;
    const pods = this.claimPods(set, selector);

    const revisions = listRevisions(this.api, set);
    const {
      revision: update,
      collisionCount,
      revisions: all,
    } = ensureUpdateRevision(this.api, set, revisions, set.spec?.template?.metadata?.labels, revisionData(set));
    const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;

    const record = (o: KObject, t: 'Normal' | 'Warning', r: string, m: string) => this.event(o, t, r, m);
    let err: unknown;
    try {
      updateStatefulSet(this.control, record, { set, pods, current, update, now: this.now() });
    } catch (e) {
      err = e;
    }

    // status from the pods as they are now
    const now = this.now();
    const live = this.api
      .select('pods', { namespace, ownerUid: set.metadata.uid })
      .filter((p) => controllerOf(p)?.uid === set.metadata.uid);
    const minReady = set.spec?.minReadySeconds ?? 0;
    const counts = computeReplicaStatus(live, minReady, now, current.metadata.name!, update.metadata.name!);
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      replicas: counts.replicas,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount,
      availableReplicas: counts.availableReplicas,
    };
    if (counts.readyReplicas) status.readyReplicas = counts.readyReplicas;
    if (counts.currentReplicas) status.currentReplicas = counts.currentReplicas;
    if (counts.updatedReplicas) status.updatedReplicas = counts.updatedReplicas;
    // completeRollingUpdate
    if (
      (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      counts.updatedReplicas === counts.replicas &&
      counts.readyReplicas === counts.replicas
    ) {
      status.currentRevision = update.metadata.name;
      if (counts.updatedReplicas) status.currentReplicas = counts.updatedReplicas;
      else delete status.currentReplicas;
    }
    if (set.status?.conditions) status.conditions = set.status.conditions;
    if (!deepEqual(set.status, status)) {
      const fresh = this.api.get('statefulsets', namespace, name);
      this.api.updateStatus({ ...fresh, status });
    }
    if (minReady > 0 && counts.readyReplicas > counts.availableReplicas) this.enqueueAfter(key, minReady * 1000);

    const inUse = new Set<string>([status.currentRevision!, update.metadata.name!]);
    for (const p of live) inUse.add(getPodRevision(p));
    truncateHistory(
      this.api,
      all.filter((r) => this.api.tryGet('controllerrevisions', r.metadata.namespace, r.metadata.name!)),
      inUse,
      set.spec?.revisionHistoryLimit ?? 10,
    );
    if (err) throw err;
  }

  /** The set's pods: owned ones, and orphans named after it that its selector matches (adopted). */
  private claimPods(set: KObject, selector: ReturnType<typeof fromLabelSelector>): KObject[] {
    const namespace = set.metadata.namespace;
    const owned = this.api.select('pods', { namespace, ownerUid: set.metadata.uid });
    const orphans = set.metadata.deletionTimestamp
      ? []
      : this.api
          .select('pods', { namespace, labelSelector: selector })
          .filter((p) => !controllerOf(p) && isMemberOf(set, p));
    return new ControllerRefManager(this.api, set, selector)
      .claim([...owned, ...orphans])
      .filter((p) => isMemberOf(set, p));
  }
}
