import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import { standardSchedule } from '../src/util/cron';
import {
  getJobName,
  mostRecentScheduleTime,
  nextScheduleTimeDuration,
  rfc1123z,
  type MissedSchedules,
} from '../src/controllers/cronjob/controller';
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
  for (const [spec, after, tz, want] of rows)
    assert.equal(
      iso(standardSchedule(spec).next(after, tz)),
      iso(want),
      `${spec} after ${iso(after)} in ${tz ?? 'UTC'}`,
    );
});

test('schedule validation messages', () => {
  const rows: [string, string | undefined, string | undefined][] = [
    ['* * * * *', undefined, undefined],
    [
      'every minute',
      undefined,
      'spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]',
    ],
    ['@fortnightly', undefined, 'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly'],
    [
      'TZ=UTC * * * * *',
      undefined,
      'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    ['* * * * *', 'Mars/Olympus', 'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
  ];
  for (const [schedule, tz, want] of rows)
    assert.deepEqual(
      scheduleErrors(schedule, tz, 'spec').map((e) => e.text),
      want ? [want] : [],
      schedule,
    );
});

test('getJobName: minutes since the epoch', () => {
  const cj: KObject = { metadata: { name: 'hello' } };
  assert.equal(getJobName(cj, Date.UTC(2016, 4, 19, 10)), 'hello-24394200');
  assert.equal(getJobName(cj, T(0, 1)), 'hello-28401121');
  assert.equal(rfc1123z(T(0, 1)), 'Mon, 01 Jan 2024 00:01:00 +0000');
});

// TestMostRecentScheduleTime and TestNextScheduleTimeDuration (pkg/controller/cronjob/utils_test.go): v1.30 estimates
// the missed schedules from the first interval, so a weekday schedule after a weekend can find no time at all
test('mostRecentScheduleTime and nextScheduleTimeDuration: utils_test.go rows', () => {
  const top = Date.parse('2016-05-19T10:00:00Z'); // a Thursday
  const at = (ms: number) => top + ms;
  const S = 1000,
    M = 60 * S,
    H = 60 * M;
  const cj = (schedule: string, created: number, last?: number, sds?: number): KObject => ({
    metadata: { creationTimestamp: iso(created) },
    spec: { schedule, startingDeadlineSeconds: sds },
    status: last !== undefined ? { lastScheduleTime: iso(last) } : {},
  });
  const rows: Array<[string, KObject, boolean, number, number, number | undefined, MissedSchedules]> = [
    ['now before next schedule', cj('0 * * * *', top), false, at(30 * S), top, undefined, 'none'],
    ['now just after next schedule', cj('0 * * * *', top), false, at(61 * M), top, at(60 * M), 'none'],
    ['missed 5 schedules', cj('0 * * * *', at(10 * S)), false, at(301 * M), at(10 * S), at(300 * M), 'few'],
    [
      'complex schedule',
      cj('30 6-16/4 * * 1-5', top, at(30 * M)),
      false,
      at(24 * H + 31 * M),
      at(30 * M),
      at(24 * H + 30 * M),
      'few',
    ],
    [
      'another complex schedule',
      cj('30 10,11,12 * * 1-5', top, at(30 * M)),
      false,
      at(30 * H + 30 * M),
      at(30 * M),
      undefined,
      'few',
    ],
    [
      'complex schedule with longer diff between executions',
      cj('30 6-16/4 * * 1-5', top, at(30 * M)),
      false,
      at(96 * H + 31 * M),
      at(30 * M),
      at(96 * H + 30 * M),
      'few',
    ],
    [
      'complex schedule with shorter diff between executions',
      cj('30 6-16/4 * * 1-5', top),
      false,
      at(24 * H + 31 * M),
      top,
      at(24 * H + 30 * M),
      'few',
    ],
    [
      '@every schedule',
      cj('@every 1h', at(-59 * M), at(1 * M), 10),
      false,
      at(7 * 24 * H),
      at(1 * M),
      at(6 * 24 * H + 23 * H + 1 * M),
      'many',
    ],
    [
      'earliestTime being CreationTimestamp and LastScheduleTime',
      cj('0 * * * *', top, top),
      false,
      at(30 * S),
      top,
      undefined,
      'none',
    ],
    [
      'earliestTime being LastScheduleTime',
      cj('*/5 * * * *', top, at(30 * M)),
      false,
      at(31 * M),
      at(30 * M),
      undefined,
      'none',
    ],
    [
      'earliestTime being LastScheduleTime (within StartingDeadlineSeconds)',
      cj('*/5 * * * *', top, at(30 * M), 60),
      false,
      at(31 * M),
      at(30 * M),
      undefined,
      'none',
    ],
    [
      'earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)',
      cj('*/5 * * * *', top, at(30 * M), 60),
      true,
      at(32 * M),
      at(31 * M),
      undefined,
      'none',
    ],
  ];
  for (const [name, c, includeSDS, now, earliest, time, missed] of rows) {
    const s = standardSchedule(c.spec!.schedule);
    const got = mostRecentScheduleTime(c, now, (t) => s.next(t), includeSDS);
    assert.deepEqual([got.earliest, got.time, got.missed], [earliest, time, missed], name);
  }
  const durations: Array<[string, KObject, number, number]> = [
    [
      'complex schedule skipping weekend',
      cj('30 6-16/4 * * 1-5', top, at(30 * M)),
      at(24 * H + 31 * M),
      3 * H + 59 * M,
    ],
    [
      'another complex schedule skipping weekend',
      cj('30 10,11,12 * * 1-5', top, at(30 * M)),
      at(30 * H + 30 * M),
      66 * H,
    ],
    [
      'once a week cronjob, missed two runs',
      cj('0 12 * * 4', top, at(2 * H)),
      at(19 * 24 * H + 1 * H + 30 * M),
      48 * H + 30 * M,
    ],
    ['no previous run of a cronjob', cj('0 12 * * 5', top), at(6 * H), 20 * H],
  ];
  for (const [name, c, now, want] of durations) {
    const s = standardSchedule(c.spec!.schedule);
    assert.equal(
      nextScheduleTimeDuration(c, now, (t) => s.next(t)),
      want,
      name,
    );
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
    assert.deepEqual(
      c
        .list('jobs')
        .filter((j) => !j.metadata.deletionTimestamp)
        .map((j) => j.metadata.name),
      jobs,
      policy,
    );
    assert.equal(cj.status.lastScheduleTime, policy === 'Forbid' ? iso(T(0, 5)) : iso(T(0, 15)), policy);
  }
});

test('history limits keep the newest finished Jobs', () => {
  const c = createCluster({ nodes: 1, seed: 'history' });
  c.images.set('busybox', { exitCode: 0, exitAfterMs: 1000 });
  create(c, CJ('  successfulJobsHistoryLimit: 2'));
  c.advance('30m');
  // the 00:30 Job has just started; of the finished ones the newest two stay
  assert.deepEqual(
    c.list('jobs').map((j) => j.metadata.name),
    ['hello-28401140', 'hello-28401145', 'hello-28401150'],
  );
  const deleted = c
    .list('events')
    .filter((e) => e.reason === 'SuccessfulDelete')
    .map((e) => e.message);
  assert.deepEqual(deleted, ['Deleted job hello-28401125', 'Deleted job hello-28401130', 'Deleted job hello-28401135']);
});
