// pkg/controller/deployment/deployment_controller.go: watches Deployments, their ReplicaSets and pods, and
// turns each change into the Deployment's key; syncDeployment picks the path (status only, paused, rollback,
// scaling event, or a rollout step by strategy).

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, controllerOf, deepEqual, splitKey } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { ControllerRefManager } from '../util/controller-ref-manager';
import {
  type DeploymentOps,
  scaleReplicaSetAndRecordEvent,
  sync,
  syncStatusOnly,
  checkPausedConditions,
  getRollbackTo,
  isScalingEvent,
} from './sync';
import { rolloutRolling } from './rolling';
import { rolloutRecreate } from './recreate';
import { rollback } from './rollback';
import { strategyType } from './util';

export class DeploymentController extends Controller implements DeploymentOps {
  readonly name = 'deployment-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    // getDeploymentsForReplicaSet: an orphan ReplicaSet wakes every Deployment whose selector matches it
    this.reconciles('deployments').owns('replicasets', { adoptOrphans: (d) => fromLabelSelector(d.spec?.selector) });
    this.watch('pods', (ev) => {
      if (ev.type === 'DELETED') this.onPodDeleted(ev.object);
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const stored = this.api.tryGet('deployments', namespace, name);
    if (!stored) return;
    this.syncDeployment(clone(stored));
  }

  /** syncDeployment (deployment_controller.go). `d` is a private copy the steps update as they go. */
  syncDeployment(d: KObject): void {
    const sel = d.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.event(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        this.updateDeploymentStatus(d);
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this, d, rsList);
    checkPausedConditions(this, d);
    if (d.spec?.paused) return sync(this, d, rsList);
    if (getRollbackTo(d) !== undefined) return rollback(this, d, rsList);
    if (isScalingEvent(this, d, rsList)) return sync(this, d, rsList);
    switch (strategyType(d)) {
      case 'Recreate':
        return rolloutRecreate(this, d, rsList, this.getPodMapForDeployment(rsList));
      case 'RollingUpdate':
        return rolloutRolling(this, d, rsList);
    }
  }

  /**
   * getReplicaSetsForDeployment: the RSs this Deployment owns after adoption and release. Kubernetes lists the
   * namespace; the owner and label indexes give the same candidates (owned, or matching the selector).
   */
  getReplicaSetsForDeployment(d: KObject): KObject[] {
    const ns = d.metadata.namespace;
    const selector = fromLabelSelector(d.spec?.selector);
    const candidates = new Map<string, KObject>();
    for (const rs of this.api.select('replicasets', { namespace: ns, ownerUid: d.metadata.uid }))
      candidates.set(rs.metadata.name!, rs);
    for (const rs of this.api.select('replicasets', { namespace: ns, labelSelector: selector ?? [] })) {
      if (selector) candidates.set(rs.metadata.name!, rs);
    }
    return new ControllerRefManager(this.api, d, selector).claim([...candidates.values()]);
  }

  /** getPodMapForDeployment: pods by the uid of the RS that controls them. */
  getPodMapForDeployment(rsList: KObject[]): Map<string, KObject[]> {
    const m = new Map<string, KObject[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid!;
      m.set(
        uid,
        this.api
          .select('pods', { namespace: rs.metadata.namespace, ownerUid: uid })
          .filter((p) => controllerOf(p)?.uid === uid),
      );
    }
    return m;
  }

  // ---- DeploymentOps

  scaleReplicaSetAndRecordEvent(rs: KObject, newScale: number, d: KObject): { scaled: boolean; rs: KObject } {
    return scaleReplicaSetAndRecordEvent(this, rs, newScale, d);
  }

  deleteReplicaSet(rs: KObject): void {
    try {
      this.api.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
    } catch (e) {
      if ((e as { reason?: unknown } | undefined)?.reason !== 'NotFound') throw e;
    }
  }

  /**
   * The apps/v1 status strategy resets spec and labels but keeps annotations, so the controller's UpdateStatus
   * also records the revision annotation. Here that is an update of the annotations, then of the status.
   */
  updateDeploymentStatus(d: KObject): KObject {
    let stored = this.api.get('deployments', d.metadata.namespace, d.metadata.name!);
    if (!deepEqual(stored.metadata.annotations ?? {}, d.metadata.annotations ?? {})) {
      const next = clone(stored);
      next.metadata.annotations = clone(d.metadata.annotations);
      stored = this.api.update(next);
    }
    if (!deepEqual(stored.status ?? {}, d.status ?? {}))
      stored = this.api.updateStatus({ ...stored, status: d.status ?? {} });
    d.metadata.resourceVersion = stored.metadata.resourceVersion;
    return stored;
  }

  // ---- event handlers: only keys

  /** deletePod: a Recreate rollout waits for old pods to go. */
  private onPodDeleted(pod: KObject): void {
    const rsRef = controllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.api.tryGet('replicasets', pod.metadata.namespace, rsRef.name);
    const dRef = rs && rs.metadata.uid === rsRef.uid ? controllerOf(rs) : undefined;
    if (dRef?.kind !== 'Deployment') return;
    const d = this.api.tryGet('deployments', pod.metadata.namespace, dRef.name);
    if (d && d.metadata.uid === dRef.uid && strategyType(d) === 'Recreate') this.enqueueObject(d);
  }
}
