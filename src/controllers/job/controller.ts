// pkg/controller/job/job_controller.go (v1.30): runs a Job's pods to `completions` successes, `parallelism`
// at a time, counting finished pods through the batch.kubernetes.io/job-tracking finalizer and
// status.uncountedTerminatedPods, and finishes the Job as Complete or Failed (BackoffLimitExceeded,
// DeadlineExceeded, PodFailurePolicy after the FailureTarget condition, FailedIndexes,
// MaxFailedIndexesExceeded). Suspending deletes the active pods.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, controllerOf, deepEqual, keyOf, objKey, splitKey } from '../../api/meta';
import { isPodReady } from '../../api/pod';
import { isStatusError } from '../../api/errors';
import type { WatchEvent } from '../../client/controller';
import { PodControl } from '../util/pod-control';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../util/slow-start';
import { sortForDeletion } from '../replicaset/pods-to-delete';
import { parseTime } from '../../runtime/clock';
import {
  finishedAt,
  firstPendingIndexes,
  formatIndexes,
  getCompletionIndex,
  isIndexed,
  isJobFinished,
  isPodFailed,
  isTerminal,
  jobCondition,
  newJobPod,
  onlyReplaceFailedPods,
  parseIndexes,
  podFailureBackoff,
} from './util';
import { JOB_TRACKING_FINALIZER } from '../../api/well-known';
import type { Job, JobCondition, JobStatus, Pod } from '../../api/types';
import { matchPodFailurePolicy } from './pod-failure-policy';
import {
  calculateFailedIndexes,
  hasBackoffLimitPerIndex,
  indexFailureAnnotations,
  podsWithDelayedDeletion,
  remainingTimePerIndex,
} from './backoff-limit-per-index';

/** getFailJobMessage: the message of the first failed pod that a FailJob rule of the pod failure policy matches. */
function failJobMessage(job: Job, pods: Pod[]): string | undefined {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const { message } = matchPodFailurePolicy(policy, p);
    if (message) return message;
  }
  return undefined;
}

/** Keys of pods whose tracking finalizer may be orphaned. */
const ORPHAN_POD = 'orphan-pod/';
/** MaxPodCreateDeletePerSync */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

const hasFinalizer = (p: KObject) => (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

export class JobController extends Controller {
  readonly name = 'job-controller';
  private readonly podControl: PodControl;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.podControl = new PodControl(ctx.api, (o, t, r, m) => this.event(o, t, r, m));
    this.reconciles('jobs').owns('pods');
    this.watch('pods', (ev) => this.onOrphanPod(ev));
  }

  sync(key: string): void {
    if (key.startsWith(ORPHAN_POD)) return this.removeOrphanFinalizer(key.slice(ORPHAN_POD.length));
    const [namespace, name] = splitKey(key);
    let job = this.api.tryGet<Job>('jobs', namespace, name);
    if (!job) return;
    const pods = this.api
      .select<Pod>('pods', { namespace, ownerUid: job.metadata.uid })
      .filter((p) => controllerOf(p)?.uid === job!.metadata.uid);
    job = this.trackFinishedPods(job, pods);
    if (isJobFinished(job) || job.metadata.deletionTimestamp) return;

    const now = this.now(),
      nowIso = this.api.clock.iso();
    const status: JobStatus = clone(job.status ?? {});
    const live = this.api
      .select<Pod>('pods', { namespace, ownerUid: job.metadata.uid })
      .filter((p) => controllerOf(p)?.uid === job!.metadata.uid);
    let active = live.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    const suspended = !!job.spec?.suspend;
    if (!suspended && !status.startTime) status.startTime = nowIso;

    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const failed = status.failed ?? 0,
      succeeded = status.succeeded ?? 0;
    // finished.target: the FailureTarget condition goes first, to keep the message while finalizers go
    let finished: { reason: string; message: string; target?: boolean } | undefined;
    const failureTarget = jobCondition(job, 'FailureTarget');
    if (failureTarget?.status === 'True') finished = { reason: failureTarget.reason!, message: failureTarget.message! };
    else {
      // the pods as the sync found them: one counted just now may be gone with its finalizer
      const message = failJobMessage(job, pods);
      if (message) finished = { reason: 'PodFailurePolicy', message, target: true };
    }
    if (!finished && (failed > backoffLimit || this.pastBackoffLimitOnFailure(job, active))) {
      finished = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    } else if (!finished && this.pastActiveDeadline(job, status)) {
      finished = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    }

    const completions = job.spec?.completions;
    const indexed = isIndexed(job);
    const succeededIndexes = parseIndexes(status.completedIndexes);
    const doneCount = indexed ? succeededIndexes.size : succeeded;
    const perIndex = hasBackoffLimitPerIndex(job);
    // from the pods as the sync found them, like the FailJob message: a counted pod may be gone since
    const failedIndexes = perIndex ? calculateFailedIndexes(job, pods) : new Set<number>();
    if (perIndex) {
      status.failedIndexes = formatIndexes(failedIndexes);
      const maxFailed = job.spec?.maxFailedIndexes;
      if (!finished && maxFailed !== undefined && maxFailed !== null && failedIndexes.size > maxFailed) {
        finished = {
          reason: 'MaxFailedIndexesExceeded',
          message: 'Job has exceeded the specified maximal number of failed indexes',
        };
      } else if (!finished && failedIndexes.size > 0 && failedIndexes.size + succeededIndexes.size >= completions!) {
        finished = { reason: 'FailedIndexes', message: 'Job has failed indexes' };
      }
    }
    let err: unknown;
    if (finished) {
      this.deletePods(job, active);
      active = [];
    } else if (suspended) {
      if (active.length) this.deletePods(job, active);
      active = [];
    } else {
      try {
        active = this.manageJob(job, active, live, doneCount, succeededIndexes, failedIndexes, status, key);
      } catch (e) {
        err = e;
      }
    }

    const complete =
      !finished &&
      (completions === undefined || completions === null
        ? succeeded > 0 && active.length === 0
        : doneCount >= completions && active.length === 0);
    status.active = active.length;
    status.ready = active.filter(isPodReady).length;
    status.terminating = live.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
    status.uncountedTerminatedPods ??= {};
    let conditions: JobCondition[] = [...(status.conditions ?? [])];
    const setCondition = (type: string, s: string, reason?: string, message?: string) => {
      const existing = conditions.find((c) => c.type === type);
      if (existing && existing.status === s && existing.reason === reason) return false;
      const c: JobCondition = {
        type,
        status: s,
        lastProbeTime: nowIso,
        lastTransitionTime: existing?.status === s ? existing.lastTransitionTime : nowIso,
      };
      if (reason) c.reason = reason;
      if (message) c.message = message;
      conditions = existing ? conditions.map((x) => (x === existing ? c : x)) : [...conditions, c];
      return true;
    };
    if (finished) {
      if (finished.target) setCondition('FailureTarget', 'True', finished.reason, finished.message);
      setCondition('Failed', 'True', finished.reason, finished.message);
      this.event(job, 'Warning', finished.reason, finished.message);
    } else if (complete) {
      setCondition('Complete', 'True');
      status.completionTime = nowIso;
      this.event(job, 'Normal', 'Completed', 'Job completed');
    } else if (suspended) {
      if (setCondition('Suspended', 'True', 'JobSuspended', 'Job suspended')) {
        this.event(job, 'Normal', 'Suspended', 'Job suspended');
        delete status.startTime;
      }
    } else if (jobCondition(job, 'Suspended')?.status === 'True') {
      setCondition('Suspended', 'False', 'JobResumed', 'Job resumed');
      this.event(job, 'Normal', 'Resumed', 'Job resumed');
    }
    if (conditions.length) status.conditions = conditions;
    if (!deepEqual(job.status, status))
      this.api.updateStatus({ ...this.api.get<Job>('jobs', namespace, name), status });
    if (err) throw err;
  }

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods still holding the finalizer are recorded in
   * uncountedTerminatedPods, their finalizers removed, then moved into succeeded / failed. A failure that
   * a pod failure policy Ignore rule matches is not counted; with backoffLimitPerIndex the last failed pod
   * of an index to be retried keeps its finalizer until its replacement exists (canRemoveFinalizer).
   */
  private trackFinishedPods(job: Job, pods: Pod[]): Job {
    let newlyFinished = pods.filter((p) => hasFinalizer(p) && (isTerminal(p) || isPodFailed(p, job)));
    if (
      newlyFinished.length &&
      hasBackoffLimitPerIndex(job) &&
      !isJobFinished(job) &&
      !job.metadata.deletionTimestamp
    ) {
      const active = new Set(
        pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp).map(getCompletionIndex),
      );
      const succeeded = parseIndexes(job.status?.completedIndexes);
      for (const p of pods) if (p.status?.phase === 'Succeeded') succeeded.add(getCompletionIndex(p));
      const delayed = new Set([
        ...podsWithDelayedDeletion(job, pods, {
          succeeded,
          failed: calculateFailedIndexes(job, pods),
          active,
        }).values(),
      ]);
      newlyFinished = newlyFinished.filter((p) => !delayed.has(p));
    }
    if (!newlyFinished.length) return job;
    const status: JobStatus = clone(job.status ?? {});
    const uncounted = status.uncountedTerminatedPods ?? (status.uncountedTerminatedPods = {});
    const succeededPods = newlyFinished.filter((p) => p.status?.phase === 'Succeeded');
    const policy = job.spec?.podFailurePolicy;
    const failedPods = newlyFinished.filter(
      (p) => p.status?.phase !== 'Succeeded' && matchPodFailurePolicy(policy, p).countFailed,
    );
    if (succeededPods.length)
      uncounted.succeeded = [...(uncounted.succeeded ?? []), ...succeededPods.map((p) => p.metadata.uid)];
    if (failedPods.length) uncounted.failed = [...(uncounted.failed ?? []), ...failedPods.map((p) => p.metadata.uid)];
    job = this.api.updateStatus({ ...job, status });
    for (const p of newlyFinished) {
      const next = clone(p);
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f: string) => f !== JOB_TRACKING_FINALIZER);
      if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
      try {
        this.api.update(next);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
    const s: JobStatus = clone(job.status ?? {});
    const completions = job.spec?.completions ?? Infinity;
    if (isIndexed(job)) {
      const done = parseIndexes(s.completedIndexes);
      for (const p of succeededPods) {
        const i = getCompletionIndex(p);
        if (i >= 0 && i < completions) done.add(i);
      }
      const text = formatIndexes(done);
      if (text) s.completedIndexes = text;
      s.succeeded = done.size || undefined;
    } else if (succeededPods.length) s.succeeded = (s.succeeded ?? 0) + succeededPods.length;
    if (failedPods.length) s.failed = (s.failed ?? 0) + failedPods.length;
    s.uncountedTerminatedPods = {};
    for (const k of ['succeeded', 'failed'] as const) if (s[k] === undefined) delete s[k];
    return this.api.updateStatus({ ...job, status: s });
  }

  /** manageJob: create or delete pods towards the active target; returns the active pods after. */
  private manageJob(
    job: Job,
    active: Pod[],
    live: Pod[],
    doneCount: number,
    succeededIndexes: Set<number>,
    failedIndexes: Set<number>,
    status: JobStatus,
    key: string,
  ): Pod[] {
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions;
    let wantActive: number;
    if (completions === undefined || completions === null) wantActive = doneCount > 0 ? active.length : parallelism;
    else wantActive = Math.max(0, Math.min(completions - doneCount, parallelism));
    const excess = active.length - wantActive;
    if (excess > 0) {
      const victims = sortForDeletion(active, [], this.now()).slice(
        0,
        Math.min(excess, MAX_POD_CREATE_DELETE_PER_SYNC),
      );
      this.deletePods(job, victims);
      const gone = new Set(victims.map((p) => p.metadata.uid));
      return active.filter((p) => !gone.has(p.metadata.uid));
    }
    // onlyReplaceFailedPods: a terminating pod is replaced only once it has failed
    const terminating = onlyReplaceFailedPods(job)
      ? live.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length
      : 0;
    let diff = Math.min(wantActive - active.length - terminating, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (diff <= 0) return active;
    const perIndex = hasBackoffLimitPerIndex(job);
    // the failure back-off: replacements wait 10s x 2^(failures since the last success - 1); with
    // backoffLimitPerIndex each index waits after its own last failure instead
    const wait = perIndex ? 0 : this.remainingBackoff(job, status);
    if (wait > 0) {
      this.enqueueAfter(key, wait);
      return active;
    }
    const activeIndexes = new Set(active.map(getCompletionIndex));
    let indexes = isIndexed(job)
      ? firstPendingIndexes(completions!, new Set([...succeededIndexes, ...failedIndexes]), activeIndexes, diff)
      : undefined;
    let replaced = new Map<number, Pod>();
    if (indexes && perIndex) {
      replaced = podsWithDelayedDeletion(job, live, {
        succeeded: succeededIndexes,
        failed: failedIndexes,
        active: activeIndexes,
      });
      const now = this.now();
      const waits = indexes.map((i) => remainingTimePerIndex(replaced.get(i), now));
      const ready = indexes.filter((_, j) => waits[j] === 0);
      if (!ready.length && waits.length) {
        this.enqueueAfter(key, Math.min(...waits));
        return active;
      }
      indexes = ready;
    }
    if (indexes) diff = indexes.length;
    const created: Pod[] = [];
    const { error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const index = indexes?.shift();
      const pod = newJobPod(job, index);
      if (perIndex && index !== undefined)
        Object.assign(pod.metadata.annotations!, indexFailureAnnotations(job, replaced.get(index)));
      try {
        const p = this.api.create(pod) as Pod;
        this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        created.push(p);
      } catch (e) {
        if (isStatusError(e)) this.event(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
        throw e;
      }
    });
    if (error) throw error;
    return [...active, ...created];
  }

  private remainingBackoff(job: Job, status: JobStatus): number {
    const failures = status.failed ?? 0;
    if (!failures) return 0;
    // the failures since the last success, from the pods that finished last (getNewFinishedPods' times)
    const since = this.lastFailure(job);
    if (!since) return 0;
    const lastSuccess = this.lastSuccess(job);
    const count = this.api
      .select<Pod>('pods', { namespace: job.metadata.namespace, ownerUid: job.metadata.uid })
      .filter((p) => isPodFailed(p, job) && finishedAt(p) > lastSuccess).length;
    return Math.max(0, since + podFailureBackoff(count) - this.now());
  }

  private lastFailure(job: Job): number {
    let t = 0;
    for (const p of this.api.select<Pod>('pods', { namespace: job.metadata.namespace, ownerUid: job.metadata.uid }))
      if (isPodFailed(p, job)) t = Math.max(t, finishedAt(p));
    return t;
  }

  private lastSuccess(job: Job): number {
    let t = 0;
    for (const p of this.api.select<Pod>('pods', { namespace: job.metadata.namespace, ownerUid: job.metadata.uid }))
      if (p.status?.phase === 'Succeeded') t = Math.max(t, finishedAt(p));
    return t;
  }

  /** pastBackoffLimitOnFailure: with OnFailure, the restarts of the running pods count against the limit. */
  private pastBackoffLimitOnFailure(job: Job, active: Pod[]): boolean {
    if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const p of active) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
      for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])])
        restarts += c.restartCount ?? 0;
    }
    const limit = job.spec?.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  private pastActiveDeadline(job: Job, status: JobStatus): boolean {
    const d = job.spec?.activeDeadlineSeconds;
    if (d === undefined || d === null || !status.startTime || job.spec?.suspend) return false;
    const deadline = parseTime(status.startTime) + d * 1000;
    if (this.now() >= deadline) return true;
    this.enqueueAfter(keyOf(job.metadata.namespace, job.metadata.name!), deadline - this.now());
    return false;
  }

  private deletePods(job: Job, pods: Pod[]): void {
    for (const p of pods) {
      try {
        this.podControl.deletePod(p.metadata.namespace, p.metadata.name!, job);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
  }

  /** enqueueOrphanPod: a pod still tracked by a Job that is gone (or that orphaned it) loses the finalizer. */
  private onOrphanPod(ev: WatchEvent): void {
    const pod = ev.object,
      ref = controllerOf(pod);
    if (ev.type === 'DELETED' || !hasFinalizer(pod) || (ref && ref.kind !== 'Job')) return;
    if (ref && this.api.tryGet<Job>('jobs', pod.metadata.namespace, ref.name)?.metadata.uid === ref.uid) return;
    this.enqueue(ORPHAN_POD + objKey(pod));
  }

  /** The tracking finalizer of a pod whose Job no longer exists (or no longer owns it) is removed. */
  private removeOrphanFinalizer(podKey: string): void {
    const [namespace, name] = splitKey(podKey);
    const pod = this.api.tryGet<Pod>('pods', namespace, name);
    if (!pod || !hasFinalizer(pod)) return;
    const ref = controllerOf(pod);
    const job = ref?.kind === 'Job' ? this.api.tryGet<Job>('jobs', namespace, ref.name) : undefined;
    if (job && job.metadata.uid === ref!.uid) return;
    const next = clone(pod);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f: string) => f !== JOB_TRACKING_FINALIZER);
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    this.api.update(next);
  }
}
