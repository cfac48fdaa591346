// pkg/controller/daemon/daemon_controller.go and update.go: one pod per node that should run the DaemonSet,
// pinned to it by node affinity and bound by the scheduler; pods leave nodes that should not run them;
// RollingUpdate replaces old pods within maxUnavailable (or surges within maxSurge); OnDelete waits for the
// user. The status counts nodes, as updateDaemonSetStatus does.

import type { DaemonSetStatus } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, controllerOf, deepEqual, objKey, splitKey } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { isPodAvailable, isPodReady } from '../../api/pod';
import { isStatusError } from '../../api/errors';
import { PodControl } from '../util/pod-control';
import { requeueAfterMinReady } from '../util/min-ready';
import { ControllerRefManager } from '../util/controller-ref-manager';
import { creationTime } from '../util/sort';
import { getScaledValueFromIntOrPercent as scaledValue } from '../util/intstr';
import { ensureUpdateRevision, listRevisions, truncateHistory } from '../history/controller-history';
import { CONTROLLER_REVISION_HASH } from '../../api/well-known';
import { TEMPLATE_GENERATION_ANNOTATION } from '../../apiserver/registry/daemonset';
import {
  createPodTemplate,
  daemonPodView,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  pinToNode,
  targetNodeName,
} from './util';

/** Each node with NodeShouldRunDaemonPod's answer, worked out once per sync. */
interface NodeRun {
  node: KObject;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

export class DaemonSetsController extends Controller {
  readonly name = 'daemonset-controller';
  private readonly podControl: PodControl;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.podControl = new PodControl(ctx.api, (o, t, r, m) => this.event(o, t, r, m));
    this.reconciles('daemonsets').owns('pods', { woke: (ds, ev) => requeueAfterMinReady(this, ds, ev) });
    // a node that joins, leaves or changes labels or taints may change where every DaemonSet runs
    this.watch('nodes', (ev) => {
      if (
        ev.type === 'MODIFIED' &&
        deepEqual(ev.old?.metadata.labels, ev.object.metadata.labels) &&
        deepEqual(ev.old?.spec, ev.object.spec)
      )
        return;
      for (const ds of this.api.select('daemonsets')) this.enqueueObject(ds);
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const ds = this.api.tryGet('daemonsets', namespace, name);
    if (!ds) return;
    const selector = fromLabelSelector(ds.spec?.selector);
    if (!selector || !selector.length || ds.metadata.deletionTimestamp) return;
    const data = { spec: { template: { ...(ds.spec?.template ?? {}), $patch: 'replace' } } };
    const { revision, collisionCount, revisions } = ensureUpdateRevision(
      this.api,
      ds,
      listRevisions(this.api, ds),
      ds.spec?.template?.metadata?.labels,
      data,
    );
    const hash = revision.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
    const generation = templateGeneration(ds);
    const view = daemonPodView(ds);
    const nodes: NodeRun[] = this.api.list('nodes').map((node) => {
      const [shouldRun, shouldContinueRunning] = nodeShouldRunDaemonPod(node, ds, view);
      return { node, shouldRun, shouldContinueRunning };
    });

    let byNode = this.nodeToDaemonPods(ds, selector);
    const { toDelete, toCreate } = this.manage(ds, nodes, byNode, hash);
    if (
      (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      !toDelete.length &&
      !toCreate.length
    ) {
      const ru = this.rollingUpdate(ds, nodes, byNode, hash);
      toDelete.push(...ru.toDelete);
      toCreate.push(...ru.toCreate);
    }
    this.syncNodes(ds, toDelete, toCreate, hash, generation);

    byNode = this.nodeToDaemonPods(ds, selector);
    this.updateStatus(ds, nodes, byNode, hash, generation, collisionCount);
    const live = new Set<string>([revision.metadata.name!]);
    for (const pods of byNode.values())
      for (const p of pods) {
        const r = revisions.find(
          (x) => x.metadata.labels?.[CONTROLLER_REVISION_HASH] === p.metadata.labels?.[CONTROLLER_REVISION_HASH],
        );
        if (r) live.add(r.metadata.name!);
      }
    truncateHistory(
      this.api,
      revisions.filter((r) => this.api.tryGet('controllerrevisions', r.metadata.namespace, r.metadata.name!)),
      live,
      ds.spec?.revisionHistoryLimit ?? 10,
    );
  }

  /** getNodesToDaemonPods: the claimed pods by target node, without terminal pods already being deleted. */
  private nodeToDaemonPods(ds: KObject, selector: ReturnType<typeof fromLabelSelector>): Map<string, KObject[]> {
    const namespace = ds.metadata.namespace;
    const owned = this.api.select('pods', { namespace, ownerUid: ds.metadata.uid });
    const orphans = this.api.select('pods', { namespace, labelSelector: selector }).filter((p) => !controllerOf(p));
    const pods = new ControllerRefManager(this.api, ds, selector).claim([...owned, ...orphans]);
    const out = new Map<string, KObject[]>();
    for (const p of pods) {
      if ((p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') && p.metadata.deletionTimestamp) continue;
      const n = targetNodeName(p);
      if (n === undefined) continue;
      (out.get(n) ?? out.set(n, []).get(n)!).push(p);
    }
    return out;
  }

  /** manage / podsShouldBeOnNode. */
  private manage(
    ds: KObject,
    nodes: NodeRun[],
    byNode: Map<string, KObject[]>,
    hash: string,
  ): { toDelete: KObject[]; toCreate: string[] } {
    const toDelete: KObject[] = [],
      toCreate: string[] = [];
    const maxSurge = this.maxSurge(ds, nodes.length);
    const known = new Set(nodes.map((n) => n.node.metadata.name!));
    for (const { node, shouldRun, shouldContinueRunning } of nodes) {
      const pods = byNode.get(node.metadata.name!) ?? [];
      if (shouldRun && !pods.length) {
        toCreate.push(node.metadata.name!);
        continue;
      }
      if (!shouldContinueRunning) {
        toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
        continue;
      }
      // a failed or succeeded pod is deleted; it is replaced once it is gone
      const running: KObject[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          this.event(
            ds,
            'Warning',
            'FailedDaemonPod',
            `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`,
          );
          toDelete.push(p);
        } else if (p.status?.phase === 'Succeeded') {
          this.event(
            ds,
            'Normal',
            'SucceededDaemonPod',
            `Found succeeded daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to delete it`,
          );
          toDelete.push(p);
        } else running.push(p);
      }
      if (running.length <= 1) continue;
      running.sort(byCreationTimestampAndPhase);
      if (maxSurge === 0) {
        toDelete.push(...running.slice(1));
        continue;
      }
      // with surge, an old pod is kept only while the new one is not yet available
      let oldestNew: KObject | undefined, oldestOld: KObject | undefined;
      for (const p of running) {
        const isNew = p.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash;
        if (isNew && !oldestNew) oldestNew = p;
        else if (!isNew && !oldestOld) oldestOld = p;
        else toDelete.push(p);
      }
      if (
        oldestNew &&
        oldestOld &&
        (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, this.now()))
      )
        toDelete.push(oldestOld);
    }
    // pods pinned to nodes that no longer exist
    for (const [n, pods] of byNode)
      if (!known.has(n)) toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    return { toDelete, toCreate };
  }

  /** rollingUpdate (update.go), with and without surge. */
  private rollingUpdate(
    ds: KObject,
    nodes: NodeRun[],
    byNode: Map<string, KObject[]>,
    hash: string,
  ): { toDelete: KObject[]; toCreate: string[] } {
    const now = this.now(),
      minReady = ds.spec?.minReadySeconds ?? 0;
    const desired = nodes.filter((n) => n.shouldRun).length;
    const maxSurge = this.maxSurge(ds, desired);
    const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
    const maxUnavailable =
      maxSurge === 0
        ? Math.max(scaledValue(ru.maxUnavailable ?? 1, desired, true), 1)
        : scaledValue(ru.maxUnavailable ?? 0, desired, true);
    const toDelete: KObject[] = [],
      toCreate: string[] = [];
    // nodeToDaemonPods: nodes with any pod, terminating ones included; a node whose only pod is terminating counts
    // as unavailable (findUpdatedPodsOnNode skips terminating pods)
    const entries = nodes
      .map(({ node: n }) => [n.metadata.name!, byNode.get(n.metadata.name!) ?? []] as const)
      .filter(([, p]) => p.length);
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const allowed: KObject[] = [],
        candidates: KObject[] = [];
      for (const [, pods] of entries) {
        const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash);
        if (!ok) {
          numUnavailable++;
          continue;
        }
        if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
        else if (newPod) {
          if (!isPodAvailable(newPod, minReady, now)) numUnavailable++;
        } else if (!isPodAvailable(oldPod!, minReady, now)) allowed.push(oldPod!);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod!);
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
      toDelete.push(...allowed, ...candidates.slice(0, remaining));
      return { toDelete, toCreate };
    }
    let numSurge = 0;
    const allowedNew: string[] = [],
      candidateNew: string[] = [];
    for (const [node, pods] of entries) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash);
      if (!ok) {
        numSurge++;
        continue;
      }
      if (!oldPod) continue;
      if (!newPod) {
        if (!isPodAvailable(oldPod, minReady, now)) allowedNew.push(node);
        else if (numSurge < maxSurge) candidateNew.push(node);
      } else if (!isPodAvailable(newPod, minReady, now)) numSurge++;
      else toDelete.push(oldPod);
    }
    const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
    toCreate.push(...allowedNew, ...candidateNew.slice(0, remaining));
    return { toDelete, toCreate };
  }

  private maxSurge(ds: KObject, desired: number): number {
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate' || !ru) return 0;
    return scaledValue(ru.maxSurge ?? 0, desired, true);
  }

  /** syncNodes: deletes, then creates pinned pods (slow start is not needed: one per node). */
  private syncNodes(
    ds: KObject,
    toDelete: KObject[],
    toCreate: string[],
    hash: string,
    generation: number | undefined,
  ): void {
    for (const p of toDelete) {
      try {
        this.podControl.deletePod(p.metadata.namespace, p.metadata.name!, ds);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
    if (!toCreate.length) return;
    const template = createPodTemplate(ds.spec?.template, generation, hash);
    for (const node of toCreate) {
      const t = JSON.parse(JSON.stringify(template));
      pinToNode(t.spec, node);
      this.podControl.createPod(t, ds);
    }
  }

  private updateStatus(
    ds: KObject,
    nodes: NodeRun[],
    byNode: Map<string, KObject[]>,
    hash: string,
    generation: number | undefined,
    collisionCount: number,
  ): void {
    const now = this.now(),
      minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0,
      current = 0,
      misscheduled = 0,
      ready = 0,
      available = 0,
      updated = 0;
    for (const { node, shouldRun } of nodes) {
      const pods = [...(byNode.get(node.metadata.name!) ?? [])].sort(byCreationTimestampAndPhase);
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
    };
    if (updated) status.updatedNumberScheduled = updated;
    if (available) status.numberAvailable = available;
    if (desired - available) status.numberUnavailable = desired - available;
    if (collisionCount) status.collisionCount = collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    if (!deepEqual(ds.status ?? {}, status))
      this.api.updateStatus({ ...this.api.get('daemonsets', ds.metadata.namespace, ds.metadata.name!), status });
    if (minReady > 0 && ready > available) this.enqueueAfter(objKey(ds), minReady * 1000);
  }
}

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, ties by name. */
function byCreationTimestampAndPhase(a: KObject, b: KObject): number {
  const sa = !!a.spec?.nodeName,
    sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  return (
    creationTime(a) - creationTime(b) ||
    (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0)
  );
}

/** findUpdatedPodsOnNode: at most one new and one old pod, else not ok. */
function findUpdatedPodsOnNode(
  pods: readonly KObject[],
  hash: string,
): { newPod?: KObject; oldPod?: KObject; ok: boolean } {
  let newPod: KObject | undefined, oldPod: KObject | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (p.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

function templateGeneration(ds: KObject): number | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}
