// The backoff limit per index of an Indexed Job (JobBackoffLimitPerIndex, beta and on in v1.30;
// pkg/controller/job/indexed_job_utils.go and backoff_utils.go): each index counts its own failures in the
// batch.kubernetes.io/job-index-failure-count annotation of the pod that replaces a failed one; an index
// whose failed pod had already used backoffLimitPerIndex retries (or that a FailIndex rule matched) fails,
// and goes into status.failedIndexes instead of being retried.

import type { KObject } from '../../api/meta';
import { matchPodFailurePolicy } from './pod-failure-policy';
import { finishedAt, getCompletionIndex, isPodFailed, parseIndexes, podFailureBackoff } from './util';
import { JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION } from '../../api/well-known';

export function hasBackoffLimitPerIndex(job: KObject): boolean {
  const v = job.spec?.backoffLimitPerIndex;
  return job.spec?.completionMode === 'Indexed' && v !== undefined && v !== null;
}

const countAnnotation = (pod: KObject, key: string): number => {
  const v = pod.metadata.annotations?.[key];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
};
/** getIndexFailureCount: the failures of the index before this pod. */
export const indexFailureCount = (pod: KObject): number => countAnnotation(pod, JOB_INDEX_FAILURE_COUNT_ANNOTATION);
/** getIndexAbsoluteFailureCount: counted and ignored failures of the index before this pod. */
export const indexAbsoluteFailureCount = (pod: KObject): number =>
  indexFailureCount(pod) + countAnnotation(pod, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);

/**
 * isIndexFailed: the failed pod was the index's last allowed try (its failure counted, and the index had
 * failed backoffLimitPerIndex times before it), or it matched a FailIndex rule.
 */
export function isIndexFailed(job: KObject, pod: KObject): boolean {
  if (!isPodFailed(pod, job)) return false;
  const m = matchPodFailurePolicy(job.spec?.podFailurePolicy, pod);
  if (m.action === 'FailIndex') return true;
  return m.countFailed && indexFailureCount(pod) >= job.spec.backoffLimitPerIndex;
}

/** calculateFailedIndexes: status.failedIndexes and the indexes of the pods that failed them since. */
export function calculateFailedIndexes(job: KObject, pods: KObject[]): Set<number> {
  const completions = job.spec?.completions ?? 0;
  const failed = new Set([...parseIndexes(job.status?.failedIndexes)].filter((i) => i < completions));
  for (const p of pods) {
    const ix = getCompletionIndex(p);
    if (ix >= 0 && ix < completions && isIndexFailed(job, p)) failed.add(ix);
  }
  return failed;
}

/**
 * getPodsWithDelayedDeletionPerIndex: for each index still to be retried (not succeeded, failed or
 * active), its last failed pod (the highest failure count, the latest finish). That pod keeps its tracking
 * finalizer, so it is counted only once its replacement, which carries its failure count on, exists.
 */
export function podsWithDelayedDeletion<P extends KObject>(
  job: KObject,
  pods: P[],
  done: { succeeded: Set<number>; failed: Set<number>; active: Set<number> },
): Map<number, P> {
  const out = new Map<number, P>();
  const completions = job.spec?.completions ?? 0;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const ix = getCompletionIndex(p);
    if (ix < 0 || ix >= completions || done.succeeded.has(ix) || done.failed.has(ix) || done.active.has(ix)) continue;
    const last = out.get(ix);
    if (!last || (indexAbsoluteFailureCount(last) <= indexAbsoluteFailureCount(p) && finishedAt(p) >= finishedAt(last)))
      out.set(ix, p);
  }
  return out;
}

/** getNewIndexFailureCounts: the failure counts the replacement of `replaced` starts with. */
export function newIndexFailureCounts(
  job: KObject,
  replaced: KObject | undefined,
): { failures: number; ignored: number } {
  if (!replaced) return { failures: 0, ignored: 0 };
  const failures = indexFailureCount(replaced),
    ignored = countAnnotation(replaced, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
  return matchPodFailurePolicy(job.spec?.podFailurePolicy, replaced).countFailed
    ? { failures: failures + 1, ignored }
    : { failures, ignored: ignored + 1 };
}

/** The annotations the replacement pod of an index gets (addIndexFailureCountAnnotation). */
export function indexFailureAnnotations(job: KObject, replaced: KObject | undefined): Record<string, string> {
  const { failures, ignored } = newIndexFailureCounts(job, replaced);
  const out: Record<string, string> = { [JOB_INDEX_FAILURE_COUNT_ANNOTATION]: String(failures) };
  if (ignored > 0) out[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(ignored);
  return out;
}

/** getRemainingTimePerIndex: the index's own back-off after its last failed pod. */
export function remainingTimePerIndex(lastFailed: KObject | undefined, now: number): number {
  if (!lastFailed) return 0;
  const backoff = podFailureBackoff(indexAbsoluteFailureCount(lastFailed) + 1);
  return Math.max(0, finishedAt(lastFailed) + backoff - now);
}
