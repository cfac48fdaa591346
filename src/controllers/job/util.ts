// Helpers of pkg/controller/job: conditions, finished state, indexes (indexed_job_utils.go), the pod
// failure back-off (backoff_utils.go) and the pod a Job creates.

import { type KObject, controllerRef } from '../../api/meta';
import type { Draft, Job, JobCondition, Pod, PodSpec } from '../../api/types';
import { getPodFromTemplate } from '../util/pod-control';
import { parseTime } from '../../runtime/clock';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER } from '../../api/well-known';

export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export function jobCondition(job: Draft<Job>, type: string): JobCondition | undefined {
  return (job.status?.conditions ?? []).find((c) => c.type === type);
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function isJobFinished(job: Draft<Job>): boolean {
  return (job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/** The time a finished Job finished: its completionTime, or the Failed condition's transition. */
export function finishTime(job: Draft<Job>): number | undefined {
  if (job.status?.completionTime) return parseTime(job.status.completionTime);
  const c = (job.status?.conditions ?? []).find(
    (x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  return c ? parseTime(c.lastTransitionTime) : undefined;
}

export function isIndexed(job: Draft<Job>): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export const isTerminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export const onlyReplaceFailedPods = (job: Draft<Job>): boolean =>
  job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;

/**
 * isPodFailed: a Failed pod; with podReplacementPolicy TerminatingOrFailed also a deleted pod that did not
 * succeed. onlyReplaceFailedPods: podReplacementPolicy Failed, or a podFailurePolicy.
 */
export function isPodFailed(p: KObject, job: Draft<Job>): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** When a pod finished: its last container's finish time, else its deletion time. */
export function finishedAt(p: KObject): number {
  let t = 0;
  for (const c of p.status?.containerStatuses ?? []) t = Math.max(t, parseTime(c.state?.terminated?.finishedAt));
  return t || parseTime(p.metadata.deletionTimestamp);
}

/** getCompletionIndex: the index annotation (or label), -1 when absent or invalid. */
export function getCompletionIndex(pod: KObject): number {
  const v =
    pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ??
    pod.metadata.labels?.[JOB_COMPLETION_INDEX_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/** The `1,3-5` form of status.completedIndexes (orderedIntervals.String): two consecutive indexes are `3,4`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',').filter((x) => x)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor running. */
export function firstPendingIndexes(
  completions: number,
  succeeded: Set<number>,
  active: Set<number>,
  count: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!succeeded.has(i) && !active.has(i)) out.push(i);
  return out;
}

/** The pod failure back-off: 10s doubled per failure since the last success, at most 10 minutes. */
export function podFailureBackoff(failuresSinceSuccess: number): number {
  if (failuresSinceSuccess <= 0) return 0;
  return Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failuresSinceSuccess - 1), MAX_POD_FAILURE_BACKOFF_MS);
}

/** The pod the Job creates: the template, the tracking finalizer, and for Indexed Jobs the index. */
export function newJobPod(job: Draft<Job>, index: number | undefined): Draft<Pod> & { spec: PodSpec } {
  const pod = getPodFromTemplate(job.spec?.template, job);
  pod.metadata.ownerReferences = [controllerRef(job)];
  pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
  if (index !== undefined) {
    const i = String(index);
    pod.metadata.generateName = `${job.metadata.name}-${i}-`;
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [JOB_COMPLETION_INDEX_ANNOTATION]: i };
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [JOB_COMPLETION_INDEX_ANNOTATION]: i };
    if (!pod.spec.hostname) pod.spec.hostname = `${job.metadata.name}-${i}`;
    const env = {
      name: JOB_COMPLETION_INDEX_ENV,
      valueFrom: {
        fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` },
      },
    };
    for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
      if (!(c.env ?? []).some((e) => e.name === JOB_COMPLETION_INDEX_ENV)) c.env = [...(c.env ?? []), env];
    }
  }
  return pod;
}
