// pkg/controller/disruption/disruption.go: each PodDisruptionBudget's status from the pods its selector
// matches. expectedPods is the number of pods (an integer minAvailable) or the sum of their controllers'
// scale (maxUnavailable or a percentage; a ReplicaSet of a Deployment counts as the Deployment); currentHealthy
// counts the Ready pods that are not being deleted nor listed in disruptedPods (evictions the API approved
// within DeletionTimeout, 2 min); disruptionsAllowed = currentHealthy - desiredHealthy, never below 0 and 0
// while no pod is expected. A failure (a pod whose controller has no scale) writes the fail-safe status:
// disruptionsAllowed 0, DisruptionAllowed=False/SyncFailed with the error. Pod changes wake the budgets
// that match the pod; disruptedPods entries wake it again when they expire.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, controllerOf, deepEqual, objKey, splitKey } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { groupResource } from '../../api/kinds';
import { isPodReady } from '../../api/pod';
import { isConflict, isStatusError } from '../../api/errors';
import { getScaledValueFromIntOrPercent } from '../util/intstr';
import {
  DELETION_TIMEOUT_MS,
  DISRUPTION_ALLOWED,
  SYNC_FAILED,
  conditionsAreUpToDate,
  pdbsForPod,
  updateDisruptionAllowedCondition,
} from '../../api/pdb';
import { setStatusCondition } from '../../api/conditions';
import { SCALABLE } from '../../apiserver/apiserver';

/** Kinds the controller reads the scale of (the finders, then the scale subresource). */

/** The generated String() of a *metav1.LabelSelector, as `%v` prints it in events. */
export function goSelectorString(sel: LabelSelector | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export interface Counts {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

/** getExpectedPodCount: the pods expected and how many must be healthy; throws the controller's error. */
export function expectedPodCount(
  pdb: KObject,
  pods: KObject[],
  scaleOf: (pod: KObject) => { uid: string; scale: number },
): Counts {
  const spec = pdb.spec ?? {};
  const expectedScale = () => {
    const scales = new Map<string, number>();
    const unmanagedPods: string[] = [];
    for (const p of pods) {
      const ref = controllerOf(p);
      if (!ref) {
        unmanagedPods.push(p.metadata.name!);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const s = scaleOf(p);
      scales.set(s.uid, s.scale);
    }
    return { expected: [...scales.values()].reduce((a, b) => a + b, 0), unmanagedPods };
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expected, unmanagedPods } = expectedScale();
    const maxUnavailable = getScaledValueFromIntOrPercent(spec.maxUnavailable, expected, true);
    return { expectedCount: expected, desiredHealthy: Math.max(0, expected - maxUnavailable), unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number')
      return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { expected, unmanagedPods } = expectedScale();
    return {
      expectedCount: expected,
      desiredHealthy: getScaledValueFromIntOrPercent(spec.minAvailable, expected, true),
      unmanagedPods,
    };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** buildDisruptedPodMap: the entries of pods not yet being deleted and not expired, and the earliest expiry. */
export function buildDisruptedPodMap(
  pdb: KObject,
  pods: KObject[],
  now: number,
): { disrupted: Record<string, string>; recheckAt?: number; notDeleted: KObject[] } {
  const old: Record<string, string> = pdb.status?.disruptedPods ?? {};
  const disrupted: Record<string, string> = {};
  const notDeleted: KObject[] = [];
  let recheckAt: number | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const t = old[p.metadata.name!];
    if (t === undefined) continue;
    const expectedDeletion = Date.parse(t) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      notDeleted.push(p);
      continue;
    }
    if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
    disrupted[p.metadata.name!] = t;
  }
  return { disrupted, recheckAt, notDeleted };
}

/** countHealthyPods */
export function countHealthyPods(pods: KObject[], disrupted: Record<string, string>, now: number): number {
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const t = disrupted[p.metadata.name!];
    if (t !== undefined && Date.parse(t) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(p)) n++;
  }
  return n;
}

export class DisruptionController extends Controller {
  readonly name = 'disruption-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('poddisruptionbudgets', (ev) => this.enqueueObject(ev.object));
    // addPod/updatePod/deletePod: the budgets that select the pod
    this.watch('pods', (ev) => {
      for (const pdb of pdbsForPod(this.api, ev.object)) this.enqueueObject(pdb);
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pdb = this.api.tryGet('poddisruptionbudgets', namespace, name);
    if (!pdb) return;
    try {
      this.trySync(pdb);
    } catch (e) {
      if (isConflict(e)) {
        this.enqueue(key);
        return;
      }
      if (!(e instanceof Error) || isStatusError(e)) throw e;
      this.failSafe(pdb, e.message);
    }
  }

  private trySync(pdb: KObject): void {
    const pods = this.api.select('pods', {
      namespace: pdb.metadata.namespace,
      labelSelector: fromLabelSelector(pdb.spec?.selector),
    });
    if (!pods.length) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let counts: Counts;
    try {
      counts = expectedPodCount(pdb, pods, (p) => this.scaleOf(p));
    } catch (e) {
      this.event(
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${(e as Error).message}`,
      );
      throw e;
    }
    if (counts.unmanagedPods.length) {
      this.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${goSelectorString(pdb.spec?.selector)}) were found ` +
          'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
          'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      );
    }
    const now = this.now();
    const { disrupted, recheckAt, notDeleted } = buildDisruptedPodMap(pdb, pods, now);
    for (const p of notDeleted) {
      // the source prints the namespace twice
      this.event(
        p,
        'Warning',
        'NotDeleted',
        `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`,
      );
    }
    const currentHealthy = countHealthyPods(pods, disrupted, now);
    this.updatePdbStatus(pdb, currentHealthy, counts.desiredHealthy, counts.expectedCount, disrupted);
    if (recheckAt !== undefined) this.enqueueAfter(objKey(pdb), Math.max(0, recheckAt - now));
  }

  /** The disruption controller's recorder reports as `controllermanager`. */
  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, 'controllermanager');
  }

  /** The finders: the pod's controller and its scale, or the error getScaleController gives. */
  private scaleOf(pod: KObject): { uid: string; scale: number } {
    const ref = controllerOf(pod)!;
    const ns = pod.metadata.namespace;
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
      const rs = this.api.tryGet('replicasets', ns, ref.name);
      if (rs && rs.metadata.uid === ref.uid) {
        const owner = controllerOf(rs);
        if (owner?.kind === 'Deployment') {
          const d = this.api.tryGet('deployments', ns, owner.name);
          if (d && d.metadata.uid === owner.uid) return { uid: d.metadata.uid!, scale: d.spec?.replicas ?? 1 };
        } else return { uid: rs.metadata.uid!, scale: rs.spec?.replicas ?? 1 };
      }
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const ss = this.api.tryGet('statefulsets', ns, ref.name);
      if (ss && ss.metadata.uid === ref.uid) return { uid: ss.metadata.uid!, scale: ss.spec?.replicas ?? 1 };
    }
    // getScaleController
    // RESTMapping(groupKind, version): a custom resource too (the model serves no scale subresource for them)
    const r = this.api.resources.forKind(ref.kind);
    if (!r || r.group !== group) throw new Error(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    if (!SCALABLE.has(r.resource)) throw new Error(`${groupResource(r)} does not implement the scale subresource`);
    const o = this.api.tryGet(r.resource, ns, ref.name);
    if (o && o.metadata.uid === ref.uid) return { uid: o.metadata.uid!, scale: o.spec?.replicas ?? 1 };
    throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
  }

  private updatePdbStatus(
    pdb: KObject,
    currentHealthy: number,
    desiredHealthy: number,
    expectedPods: number,
    disrupted: Record<string, string>,
  ): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = pdb.status ?? {};
    if (
      (s.currentHealthy ?? 0) === currentHealthy &&
      (s.desiredHealthy ?? 0) === desiredHealthy &&
      (s.expectedPods ?? 0) === expectedPods &&
      (s.disruptionsAllowed ?? 0) === disruptionsAllowed &&
      deepEqual(s.disruptedPods ?? {}, disrupted) &&
      (s.observedGeneration ?? 0) === pdb.metadata.generation &&
      conditionsAreUpToDate(pdb)
    )
      return;
    const next = clone(pdb);
    next.status = {
      observedGeneration: pdb.metadata.generation,
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: s.conditions ?? [],
    };
    updateDisruptionAllowedCondition(next.status, this.api.clock.iso());
    this.api.updateStatus(next);
  }

  /** failSafe: disruptionsAllowed 0 and DisruptionAllowed=False/SyncFailed; not retried (the model settles). */
  private failSafe(pdb: KObject, message: string): void {
    const next = clone(pdb);
    const s = next.status ?? {};
    next.status = {
      ...s,
      disruptionsAllowed: 0,
      currentHealthy: s.currentHealthy ?? 0,
      desiredHealthy: s.desiredHealthy ?? 0,
      expectedPods: s.expectedPods ?? 0,
      conditions: setStatusCondition(
        s.conditions ?? [],
        {
          type: DISRUPTION_ALLOWED,
          status: 'False',
          reason: SYNC_FAILED,
          message,
          observedGeneration: s.observedGeneration,
        },
        this.api.clock.iso(),
      ),
    };
    if (deepEqual(next.status, pdb.status)) return;
    this.api.updateStatus(next);
  }
}
