import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import { standardSchedule } from '../src/controllers/cronjob/schedule';
import { getJobName, mostRecentScheduleTime, rfc1123z } from '../src/controllers/cronjob/controller';
import { scheduleErrors } from '../src/api/validation/batch';
import { create } from './replicaset.helpers';

const T = (h: number, m = 0, s = 0) => Date.UTC(2024, 0, 1, h, m, s);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

test('schedules: five fields, descriptors, @every, time zones', () => {
  const rows: [string, number, string | undefined, number][] = [
    ['* * * * *', T(0), undefined, T(0, 1)],
    ['*/15 * * * *', T(0, 7), undefined, T(0, 15)],
    ['0 * * * *', T(0, 0, 1), undefined, T(1)],
    ['@hourly', T(0, 30), undefined, T(1)],
    ['@daily', T(0, 30), undefined, Date.UTC(2024, 0, 2)],
    ['@every 90s', T(0, 0, 0), undefined, T(0, 1, 30)],
    ['0 9 * * *', T(0), 'Asia/Shanghai', T(1)],
    ['0 9 * * *', T(0), 'America/New_York', T(14)],
  ];
  for (const [spec, after, tz, want] of rows) assert.equal(iso(standardSchedule(spec).next(after, tz)), iso(want), `${spec} after ${iso(after)} in ${tz ?? 'UTC'}`);
});

test('schedule validation messages', () => {
  const rows: [string, string | undefined, string | undefined][] = [
    ['* * * * *', undefined, undefined],
    ['every minute', undefined, 'spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'],
    ['@fortnightly', undefined, 'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly'],
    ['TZ=UTC * * * * *', undefined, 'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ['* * * * *', 'Mars/Olympus', 'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
  ];
  for (const [schedule, tz, want] of rows) assert.deepEqual(scheduleErrors(schedule, tz, 'spec').map((e) => e.text), want ? [want] : [], schedule);
});

test('getJobName: minutes since the epoch', () => {
  const cj: KObject = { metadata: { name: 'hello' } };
  assert.equal(getJobName(cj, Date.UTC(2016, 4, 19, 10)), 'hello-24394200');
  assert.equal(getJobName(cj, T(0, 1)), 'hello-28401121');
  assert.equal(rfc1123z(T(0, 1)), 'Mon, 01 Jan 2024 00:01:00 +0000');
});

test('mostRecentScheduleTime: the latest missed time, how many were missed, startingDeadlineSeconds', () => {
  const next = (t: number) => standardSchedule('* * * * *').next(t);
  const cj = (last?: number, sds?: number): KObject => ({
    metadata: { creationTimestamp: iso(T(0)) }, spec: { startingDeadlineSeconds: sds }, status: last ? { lastScheduleTime: iso(last) } : {},
  });
  const rows: [string, KObject, number, number | undefined, number][] = [
    ['nothing due yet', cj(), T(0, 0, 59), undefined, 0],
    ['the first', cj(), T(0, 1), T(0, 1), 1],
    ['already scheduled', cj(T(0, 1)), T(0, 1, 30), undefined, 0],
    ['three missed', cj(T(0, 1)), T(0, 4, 10), T(0, 4), 3],
    ['a deadline limits the look back', cj(T(0, 1), 90), T(0, 4, 10), T(0, 4), 2],
    ['two hours missed', cj(), T(2), T(2), 120],
  ];
  for (const [name, c, now, time, missed] of rows) {
    const got = mostRecentScheduleTime(c, now, next);
    assert.deepEqual([got.time, got.missed], [time, missed], name);
  }
});

const CJ = (extra: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: hello}
spec:
  schedule: "*/5 * * * *"
${extra}
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c, image: busybox, command: [sleep, "3600"]}]
          restartPolicy: OnFailure
`;

test('concurrencyPolicy: Allow runs Jobs side by side, Forbid skips, Replace replaces', () => {
  const rows: [string, number, string[]][] = [
    ['Allow', 3, ['hello-28401125', 'hello-28401130', 'hello-28401135']],
    ['Forbid', 1, ['hello-28401125']],
    ['Replace', 1, ['hello-28401135']],
  ];
  for (const [policy, active, jobs] of rows) {
    const c = createCluster({ nodes: 1, seed: policy });
    create(c, CJ(`  concurrencyPolicy: ${policy}`));
    c.advance('15m');
    const cj = c.get('cronjobs', 'hello');
    assert.equal(cj.status.active.length, active, policy);
    assert.deepEqual(c.list('jobs').filter((j) => !j.metadata.deletionTimestamp).map((j) => j.metadata.name), jobs, policy);
    assert.equal(cj.status.lastScheduleTime, policy === 'Forbid' ? iso(T(0, 5)) : iso(T(0, 15)), policy);
  }
});

test('history limits keep the newest finished Jobs', () => {
  const c = createCluster({ nodes: 1, seed: 'history' });
  c.images.set('busybox', { exitCode: 0, exitAfterMs: 1000 });
  create(c, CJ('  successfulJobsHistoryLimit: 2'));
  c.advance('30m');
  // the 00:30 Job has just started; of the finished ones the newest two stay
  assert.deepEqual(c.list('jobs').map((j) => j.metadata.name), ['hello-28401140', 'hello-28401145', 'hello-28401150']);
  const deleted = c.list('events').filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
  assert.deepEqual(deleted, ['Deleted job hello-28401125', 'Deleted job hello-28401130', 'Deleted job hello-28401135']);
});
