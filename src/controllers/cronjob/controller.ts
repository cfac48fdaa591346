// pkg/controller/cronjob/cronjob_controllerv2.go and utils.go: at each scheduled time a CronJob creates the
// Job <cronjob>-<minutes since the epoch>, honouring suspend, startingDeadlineSeconds and concurrencyPolicy,
// tracks its active Jobs, records the last schedule and last success, and deletes finished Jobs beyond the
// history limits. Schedules are evaluated on the virtual clock, in the CronJob's time zone.

import { Controller, type ControllerContext } from '../../client/controller';
import { clone, controllerOf, controllerRef, deepEqual, splitKey } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { formatTime, parseTime } from '../../runtime/clock';
import { isJobFinished, jobCondition } from '../job/util';
import { type Schedule, standardSchedule } from '../../util/cron';
import { CRONJOB_SCHEDULED_TIMESTAMP } from '../../api/well-known';
import type { CronJob, CronJobStatus, Draft, Job, JobSpec, ObjectReference } from '../../api/types';

/**
 * Kubernetes wakes 100ms after a scheduled time (nextScheduleDelta); the model wakes at the scheduled time
 * itself, so that `1 minute passes` includes the Job scheduled at its end.
 */
const NEXT_SCHEDULE_DELTA_MS = 0;

/** getJobName: the scheduled time in minutes since the epoch. */
export function getJobName(cj: Draft<CronJob>, scheduled: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
}

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export type MissedSchedules = 'none' | 'few' | 'many';

/**
 * mostRecentScheduleTime (pkg/controller/cronjob/utils.go, v1.30): the earliest time considered (the last schedule or
 * the creation, and with includeSDS no earlier than now minus startingDeadlineSeconds), the most recent schedule
 * time up to now, and whether few or more than 100 were missed. Past the second schedule it does not walk every
 * missed time: it takes the gap between the first two as the interval, estimates how many fit until now, and looks
 * for the most recent time only from two intervals before the estimate. For a schedule whose gaps differ (weekdays
 * only) the estimate can overshoot, and no time is found: v1.30 then creates no Job.
 */
export function mostRecentScheduleTime(
  cj: Draft<CronJob>,
  now: number,
  next: (t: number) => number,
  includeSDS: boolean,
): { earliest: number; time?: number; missed: MissedSchedules; error?: string } {
  let earliest = parseTime(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp);
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeSDS && sds !== undefined && sds !== null) earliest = Math.max(earliest, now - sds * 1000);
  const t1 = next(earliest),
    t2 = next(t1);
  if (!Number.isFinite(t1))
    return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  if (now < t1) return { earliest, missed: 'none' };
  if (now < t2) return { earliest, time: t1, missed: 'none' };
  // a schedule like "59 23 31 2 *" never comes round: no interval between its times
  const interval = Math.round((t2 - t1) / 1000);
  if (!(interval >= 1) || !Number.isFinite(t2))
    return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const count = Math.trunc(elapsed / interval) + 1;
  let time: number | undefined;
  for (let t = next(t1 + (count - 2) * interval * 1000); t <= now; t = next(t)) time = t;
  return { earliest, time, missed: count > 100 ? 'many' : 'few' };
}

/** nextScheduleTimeDuration: when to look again, from the most recent schedule time (or now, once times were missed). */
export function nextScheduleTimeDuration(cj: Draft<CronJob>, now: number, next: (t: number) => number): number {
  const r = mostRecentScheduleTime(cj, now, next, false);
  const from = r.error ? now : (r.time ?? (r.missed === 'none' ? r.earliest : now));
  return next(from) + NEXT_SCHEDULE_DELTA_MS - now;
}

export class CronJobController extends Controller {
  readonly name = 'cronjob-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.reconciles('cronjobs', (ev) => {
      if (ev.type === 'DELETED') this.schedules.delete(ev.object.metadata.uid!);
      this.enqueueObject(ev.object);
    }).owns('jobs');
  }

  /** The CronJob's parsed schedule, kept until its spec.schedule changes (or it goes). */
  private readonly schedules = new Map<string, { text: string; schedule: Schedule }>();

  private scheduleOf(cj: CronJob): Schedule {
    const text: string = cj.spec?.schedule ?? '',
      uid = cj.metadata.uid!;
    let s = this.schedules.get(uid);
    if (!s || s.text !== text) this.schedules.set(uid, (s = { text, schedule: standardSchedule(text) }));
    return s.schedule;
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const cj = this.api.tryGet<CronJob>('cronjobs', namespace, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const jobs = this.api
      .select<Job>('jobs', { namespace, ownerUid: cj.metadata.uid })
      .filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const status: CronJobStatus = clone(cj.status ?? {});
    this.reconcileActive(cj, jobs, status);
    this.syncSchedule(cj, key, status);
    this.cleanupFinishedJobs(cj);
    if (status.active && !status.active.length) delete status.active;
    if (!deepEqual(cj.status ?? {}, status))
      this.api.updateStatus({ ...this.api.get<CronJob>('cronjobs', namespace, name), status });
  }

  /** The active list against the Jobs that exist: finished ones leave it, unknown running ones join it. */
  private reconcileActive(cj: CronJob, jobs: Job[], status: CronJobStatus): void {
    const active = status.active ?? [];
    const byUid = new Map<string | undefined, Job>(jobs.map((j) => [j.metadata.uid, j]));
    for (const j of jobs) {
      const listed = active.some((a) => a.uid === j.metadata.uid);
      if (listed && isJobFinished(j)) {
        const type = jobCondition(j, 'Failed')?.status === 'True' ? 'Failed' : 'Complete';
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${type}`);
        status.active = (status.active ?? []).filter((a) => a.uid !== j.metadata.uid);
      } else if (!listed && !isJobFinished(j)) {
        this.event(
          cj,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        );
        status.active = [...(status.active ?? []), jobRef(j)];
      }
      if (type(j) === 'Complete' && j.status?.completionTime) {
        const t = parseTime(j.status.completionTime);
        if (!status.lastSuccessfulTime || parseTime(status.lastSuccessfulTime) < t)
          status.lastSuccessfulTime = j.status.completionTime;
      }
    }
    for (const a of [...(status.active ?? [])]) {
      if (byUid.has(a.uid)) continue;
      this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${a.name}`);
      status.active = (status.active ?? []).filter((x) => x.uid !== a.uid);
    }
  }

  private syncSchedule(cj: CronJob, key: string, status: CronJobStatus): void {
    if (cj.spec?.suspend) return;
    const schedule = this.scheduleOf(cj);
    if (schedule.error) {
      this.event(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${schedule.error}`,
      );
      return;
    }
    const tz = cj.spec?.timeZone ?? 'UTC';
    const next = (t: number) => schedule.next(t, tz);
    const now = this.now();
    const view = { ...cj, status };
    const requeue = () => this.enqueueAfter(key, Math.max(0, nextScheduleTimeDuration(view, now, next)));
    // nextScheduleTime
    const { time: scheduled, missed, error } = mostRecentScheduleTime(view, now, next, true);
    if (error) {
      this.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${error}`);
      return;
    }
    if (scheduled === undefined || scheduled > now) return requeue();
    if (missed === 'many')
      this.event(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && scheduled + sds * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return requeue();
    }
    const jobName = getJobName(cj, scheduled);
    if ((status.active ?? []).some((a) => a.name === jobName)) return requeue();
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length) {
      this.event(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return requeue();
    }
    if (policy === 'Replace') {
      for (const a of [...(status.active ?? [])]) {
        const j = this.api.tryGet<Job>('jobs', a.namespace, a.name!);
        if (j && j.metadata.uid === a.uid) this.deleteJob(cj, j);
        status.active = (status.active ?? []).filter((x) => x.uid !== a.uid);
      }
    }
    let job: Job;
    try {
      job = this.api.create(this.jobFromTemplate(cj, jobName, scheduled, tz)) as Job;
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.reason !== 'AlreadyExists') {
        this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
        throw e;
      }
      // the Job of this schedule exists: ours (already counted), or someone else's
      job = this.api.get<Job>('jobs', cj.metadata.namespace, jobName);
      if (controllerOf(job)?.uid !== cj.metadata.uid || isJobFinished(job)) {
        status.lastScheduleTime = formatTime(scheduled);
        return requeue();
      }
    }
    status.active = [...(status.active ?? []).filter((a) => a.uid !== job.metadata.uid), jobRef(job)];
    status.lastScheduleTime = formatTime(scheduled);
    requeue();
  }

  /** getJobFromTemplate2: the template's labels and annotations, the scheduled-timestamp annotation, a controllerRef. */
  private jobFromTemplate(cj: CronJob, name: string, scheduled: number, tz: string): Draft<Job> {
    const t = cj.spec?.jobTemplate ?? {};
    const annotations = { ...(t.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP]: rfc3339In(scheduled, tz) };
    const job: Draft<Job> = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: cj.metadata.namespace, annotations, ownerReferences: [controllerRef(cj)] },
      spec: clone(t.spec ?? ({} as JobSpec)),
    };
    if (t.metadata?.labels) job.metadata.labels = { ...t.metadata.labels };
    return job;
  }

  /** cleanupFinishedJobs: the oldest finished Jobs past successfulJobsHistoryLimit / failedJobsHistoryLimit. */
  private cleanupFinishedJobs(cj: CronJob): void {
    const jobs = this.api
      .select<Job>('jobs', { namespace: cj.metadata.namespace, ownerUid: cj.metadata.uid })
      .filter((j) => controllerOf(j)?.uid === cj.metadata.uid && !j.metadata.deletionTimestamp);
    const prune = (list: Job[], limit: number | undefined | null) => {
      if (limit === undefined || limit === null || list.length <= limit) return;
      list.sort(
        (a, b) =>
          parseTime(a.status?.startTime) - parseTime(b.status?.startTime) ||
          (a.metadata.name! < b.metadata.name! ? -1 : 1),
      );
      for (const j of list.slice(0, list.length - limit)) this.deleteJob(cj, j);
    };
    prune(
      jobs.filter((j) => type(j) === 'Complete'),
      cj.spec?.successfulJobsHistoryLimit,
    );
    prune(
      jobs.filter((j) => type(j) === 'Failed'),
      cj.spec?.failedJobsHistoryLimit,
    );
  }

  private deleteJob(cj: CronJob, job: Job): void {
    try {
      this.api.delete('jobs', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
      this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') return;
      if (isStatusError(e)) this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`);
      throw e;
    }
  }
}

function type(j: Job): 'Complete' | 'Failed' | undefined {
  if (jobCondition(j, 'Complete')?.status === 'True') return 'Complete';
  if (jobCondition(j, 'Failed')?.status === 'True') return 'Failed';
  return undefined;
}

/** The ObjectReference in status.active (ref.GetReference). */
function jobRef(j: Job): ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: j.metadata.name,
    namespace: j.metadata.namespace,
    resourceVersion: j.metadata.resourceVersion,
    uid: j.metadata.uid,
  };
}

/** time.RFC3339 of the scheduled time in the CronJob's zone (`2024-01-01T09:00:00+08:00`, `Z` for UTC). */
function rfc3339In(ms: number, tz: string): string {
  if (tz === 'UTC' || tz === 'Etc/UTC') return formatTime(ms);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(new Date(ms))
    .reduce((m: Record<string, string>, p) => ((m[p.type] = p.value), m), {});
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const off = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = off < 0 ? '-' : '+',
    a = Math.abs(off);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off === 0 ? 'Z' : `${sign}${p(Math.floor(a / 60))}:${p(a % 60)}`}`;
}
