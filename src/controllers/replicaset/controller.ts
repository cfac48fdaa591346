// pkg/controller/replicaset/replica_set.go: keeps spec.replicas active pods for each ReplicaSet, adopting
// orphans its selector matches and releasing pods it no longer selects, and reports the status. The replication
// controller (pkg/controller/replication) is the same controller run for ReplicationControllers, whose selector
// is a map: one controller, two kinds.
//
// Kubernetes guards each ReplicaSet with expectations (how many creates and deletes it still awaits from its
// informer cache) so that a stale cache does not cause double creates. Here the lister is the store itself and
// reconciles run one at a time, so every write is visible to the next read: there is nothing to expect.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, controllerOf, deepEqual, objKey, splitKey } from '../../api/meta';
import { type Selector, fromLabelSelector, fromMap } from '../../api/selectors';
import { isPodActive } from '../../api/pod';
import { isStatusError } from '../../api/errors';
import { ControllerRefManager } from '../util/controller-ref-manager';
import { PodControl } from '../util/pod-control';
import { requeueAfterMinReady } from '../util/min-ready';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../util/slow-start';
import { getPodsToDelete, indirectlyRelatedPods } from './pods-to-delete';
import { calculateStatus, statusNeedsUpdate } from './status';

/** BurstReplicas: at most this many creates or deletes per sync (replicaset.BurstReplicas). */
export const BURST_REPLICAS = 500;

/** What differs between the kinds the controller runs for. */
export interface ReplicatedKind {
  resource: string;
  kind: string;
  controllerName: string;
  selector(o: KObject): Selector;
}

export const REPLICA_SETS: ReplicatedKind = {
  resource: 'replicasets',
  kind: 'ReplicaSet',
  controllerName: 'replicaset-controller',
  selector: (o) => fromLabelSelector(o.spec?.selector),
};
/** NewReplicationManager: the ReplicaSet controller for v1 ReplicationControllers, its events from replication-controller. */
export const REPLICATION_CONTROLLERS: ReplicatedKind = {
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  controllerName: 'replication-controller',
  selector: (o) => fromMap(o.spec?.selector),
};

export class ReplicaSetController extends Controller {
  readonly name: string;
  private readonly podControl: PodControl;
  /** keys of ReplicaSets that may have orphans to adopt */
  private readonly orphanCheck = new Set<string>();

  constructor(
    ctx: ControllerContext,
    private readonly of: ReplicatedKind = REPLICA_SETS,
  ) {
    super(ctx);
    this.name = of.controllerName;
    this.podControl = new PodControl(ctx.api, (o, t, r, m) => this.event(o, t, r, m));
    this.reconciles(of.resource, (ev) => {
      const key = objKey(ev.object);
      if (ev.type === 'DELETED') this.orphanCheck.delete(key);
      else if (ev.type === 'ADDED' || !deepEqual(ev.old?.spec?.selector, ev.object.spec?.selector))
        this.orphanCheck.add(key);
      this.enqueue(key);
    }).owns('pods', {
      adoptOrphans: (rs) => of.selector(rs),
      woke: (rs, ev, orphan) => {
        if (orphan) this.orphanCheck.add(objKey(rs));
        else requeueAfterMinReady(this, rs, ev);
      },
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const rs = this.api.tryGet(this.of.resource, namespace, name);
    if (!rs) return;
    const selector = this.of.selector(rs);
    // Kubernetes lists every pod of the namespace; the owner and label indexes give the same candidates:
    // the pods this RS owns, and the orphans its selector matches (pods of other controllers are ignored).
    const owned = this.api.select('pods', { namespace, ownerUid: rs.metadata.uid });
    // Orphans are looked for only when one may exist: a new or changed ReplicaSet, or an orphan pod event
    // (the handlers mark the key), so a large ReplicaSet does not rescan its own pods by label on every sync.
    const lookForOrphans = this.orphanCheck.has(key);
    const orphans =
      lookForOrphans && selector && selector.length
        ? this.api.select('pods', { namespace, labelSelector: selector }).filter((p) => !controllerOf(p))
        : [];
    const active = [...owned, ...orphans].filter(isPodActive);
    const filteredPods = new ControllerRefManager(this.api, rs, selector).claim(active);
    if (lookForOrphans) this.orphanCheck.delete(key);

    let manageReplicasErr: unknown;
    if (!rs.metadata.deletionTimestamp) manageReplicasErr = this.manageReplicas(filteredPods, rs);

    const status = calculateStatus(rs, filteredPods, manageReplicasErr, this.now(), this.api.clock.iso());
    let updated = rs;
    if (statusNeedsUpdate(rs, status)) {
      status.observedGeneration = rs.metadata.generation;
      const current = this.api.get(this.of.resource, namespace, name);
      if (!deepEqual(current.status, status)) updated = this.api.updateStatus({ ...current, status });
    }
    // resync after minReadySeconds, when ready pods become available
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const replicas = updated.spec?.replicas ?? 1;
    if (
      !manageReplicasErr &&
      minReady > 0 &&
      (updated.status?.readyReplicas ?? 0) === replicas &&
      (updated.status?.availableReplicas ?? 0) !== replicas
    ) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (manageReplicasErr) throw manageReplicasErr;
  }

  /** manageReplicas: create (slow start) or delete (in getPodsToDelete order) up to burstReplicas pods. */
  private manageReplicas(filteredPods: KObject[], rs: KObject): unknown {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const { error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
        try {
          this.podControl.createPod(rs.spec.template, rs);
        } catch (e) {
          if (isStatusError(e) && e.message.includes('because it is being terminated')) return;
          throw e;
        }
      });
      return error;
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const related = indirectlyRelatedPods(this.api, rs);
      let first: unknown;
      for (const pod of getPodsToDelete(filteredPods, related, count, this.now())) {
        try {
          this.podControl.deletePod(pod.metadata.namespace, pod.metadata.name!, rs);
        } catch (e) {
          if (isStatusError(e) && e.reason === 'NotFound') continue;
          first ??= e;
        }
      }
      return first;
    }
    return undefined;
  }
}
