// Which pods a ReplicaSet deletes first when it scales down: getPodsToDelete (replica_set.go) and
// ActivePodsWithRanks.Less (pkg/controller/controller_utils.go), with PodDeletionCost and
// LogarithmicScaleDown on, as in v1.30.

import type { Container } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';

/** What choosing pods to delete reads: the API server, or a snapshot of a live cluster's objects (src/live/snapshot.ts). */
export type ObjectReader = Pick<ApiServer, 'get' | 'select' | 'info'> & { readonly clock: { now(): number } };
import { type KObject, controllerOf } from '../../api/meta';
import { fromLabelSelector } from '../../api/selectors';
import { isPodActive, isPodReady, podCondition } from '../../api/pod';
import { parseTime } from '../../runtime/clock';
import { POD_DELETION_COST_ANNOTATION } from '../../api/well-known';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined) return 0;
  // GetDeletionCostFromPodAnnotations: an int32; invalid values are rejected by validation, count as 0 here
  return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : 0;
}

function readyTime(pod: KObject): number {
  return isPodReady(pod) ? parseTime(podCondition(pod, 'Ready')?.lastTransitionTime) : 0;
}

/** maxContainerRestarts: [regular containers, restartable init (sidecar) containers]. */
function maxContainerRestarts(pod: KObject): [number, number] {
  let regular = 0,
    sidecar = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set(
    (pod.spec?.initContainers ?? [])
      .filter((c: Container) => c.restartPolicy === 'Always')
      .map((c: Container) => c.name),
  );
  for (const c of pod.status?.initContainerStatuses ?? [])
    if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** afterOrZero: a zero time counts as the latest. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** logarithmicRankDiff: compares int(log2(now - t)) in nanoseconds, so times within a power of two tie. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6,
    d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

function uidLess(a: KObject, b: KObject): boolean {
  return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
}

/** Compares two times as rules 6 and 8 do: newer first, on a log2 scale with the UID as tie-break. */
function newerFirst(ti: number, tj: number, a: KObject, b: KObject, now: number): boolean {
  if (now === 0 || ti === 0 || tj === 0) return afterOrZero(ti, tj);
  const diff = logarithmicRankDiff(ti, tj, now);
  if (diff === 0) return uidLess(a, b);
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. */
export function podLess(a: KObject, rankA: number, b: KObject, rankB: number, now: number): boolean {
  const na = a.spec?.nodeName ?? '',
    nb = b.spec?.nodeName ?? '';
  // 1. unassigned < assigned
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running
  const pa = PHASE_ORDINAL[a.status?.phase] ?? 0,
    pb = PHASE_ORDINAL[b.status?.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. not ready < ready
  const ra = isPodReady(a),
    rb = isPodReady(b);
  if (ra !== rb) return !ra;
  // 4. lower pod-deletion-cost first
  const ca = deletionCost(a),
    cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. doubled up (more related pods on the same node) first
  if (rankA !== rankB) return rankA > rankB;
  // 6. ready for less time first
  if (ra && rb) {
    const ta = readyTime(a),
      tb = readyTime(b);
    if (ta !== tb) return newerFirst(ta, tb, a, b, now);
  }
  // 7. higher restart count first
  const [ga, sa] = maxContainerRestarts(a),
    [gb, sb] = maxContainerRestarts(b);
  if (ga !== gb) return ga > gb;
  if (sa !== sb) return sa > sb;
  // 8. newer first
  const cta = parseTime(a.metadata.creationTimestamp),
    ctb = parseTime(b.metadata.creationTimestamp);
  if (cta !== ctb) return newerFirst(cta, ctb, a, b, now);
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode: a pod's rank is the number of active related pods on its node. */
export function rankPods(pods: readonly KObject[], related: readonly KObject[]): number[] {
  const onNode = new Map<string, number>();
  for (const p of related)
    if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  return pods.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
}

/** Sorts pods into deletion order (a stable sort; Go's sort.Sort is not, ties are rare once UIDs decide). */
export function sortForDeletion<P extends KObject>(pods: readonly P[], related: readonly KObject[], now: number): P[] {
  const ranks = rankPods(pods, related);
  const idx = pods.map((_, i) => i);
  idx.sort((i, j) =>
    podLess(pods[i], ranks[i], pods[j], ranks[j], now)
      ? -1
      : podLess(pods[j], ranks[j], pods[i], ranks[i], now)
        ? 1
        : 0,
  );
  return idx.map((i) => pods[i]);
}

/** getPodsToDelete: the first `diff` pods in deletion order; all of them, unsorted, when diff covers them all. */
export function getPodsToDelete(
  filteredPods: readonly KObject[],
  relatedPods: readonly KObject[],
  diff: number,
  now: number,
): KObject[] {
  if (diff < filteredPods.length) return sortForDeletion(filteredPods, relatedPods, now).slice(0, diff);
  return filteredPods.slice(0, diff);
}

/** The active pods a ReplicaSet controls (owned through its controllerRef). */
export function activePodsOf(api: ObjectReader, rs: KObject): KObject[] {
  return api
    .select('pods', { namespace: rs.metadata.namespace, ownerUid: rs.metadata.uid })
    .filter((p) => isPodActive(p) && controllerOf(p)?.uid === rs.metadata.uid);
}

/** getReplicaSetsWithSameController: the RSs sharing this RS's controller (the Deployment's RSs), itself included. */
export function replicaSetsWithSameController(api: ObjectReader, rs: KObject): KObject[] {
  const ref = controllerOf(rs);
  if (!ref) return [];
  return api
    .select('replicasets', { namespace: rs.metadata.namespace, ownerUid: ref.uid })
    .filter((o) => controllerOf(o)?.uid === ref.uid);
}

/** getIndirectlyRelatedPods: the pods selected by any RS with the same controller, each once. */
export function indirectlyRelatedPods(api: ObjectReader, rs: KObject): KObject[] {
  const seen = new Set<string>();
  const out: KObject[] = [];
  for (const related of replicaSetsWithSameController(api, rs)) {
    const sel = fromLabelSelector(related.spec?.selector);
    for (const p of api.select('pods', { namespace: related.metadata.namespace, labelSelector: sel })) {
      if (seen.has(p.metadata.uid!)) continue;
      seen.add(p.metadata.uid!);
      out.push(p);
    }
  }
  return out;
}

/**
 * The pods the owner controls, through its ReplicaSets for a Deployment, in the order the ReplicaSet controller
 * would delete them: for a step that deletes "the pod the ReplicaSet controller would delete first".
 */
export function podsToDeleteFirst(
  api: ObjectReader,
  kind: 'deployment' | 'replicaset',
  name: string,
  namespace: string,
  n = 1,
): KObject[] {
  const owner = api.get(kind === 'deployment' ? 'deployments' : 'replicasets', namespace, name);
  const rss =
    kind === 'deployment'
      ? api
          .select('replicasets', { namespace, ownerUid: owner.metadata.uid })
          .filter((rs) => controllerOf(rs)?.uid === owner.metadata.uid)
      : [owner];
  const pods = rss.flatMap((rs) => activePodsOf(api, rs));
  // a ReplicaSet without a controller has no related pods: every rank is 0, as in Kubernetes
  const related = rss.length ? indirectlyRelatedPods(api, rss[0]) : [];
  return sortForDeletion(pods, related, api.clock.now()).slice(0, n);
}
