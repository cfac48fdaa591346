import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Envelope } from '@cucumber/messages';
import {
  RunTally,
  summaryLine,
  progressLine,
  humanDuration,
  virtualTimeAttachment,
  parseVirtualTime,
  VIRTUAL_TIME_MEDIA_TYPE,
} from '../src/report/tally';

const ts = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** Messages of a run: each scenario a list of step statuses; `retried` marks an attempt that will be retried. */
function run(scenarios: Array<{ steps: string[]; retried?: boolean; virtualMs?: number; text?: string }>): Envelope[] {
  const out: any[] = [{ testRunStarted: { timestamp: ts(1_000) } }];
  scenarios.forEach((s, i) => {
    out.push({
      pickle: {
        id: `p${i}`,
        uri: 'f.feature',
        name: `s${i}`,
        steps: s.steps.map((_, j) => ({ id: `ps${i}.${j}`, text: s.text ?? `step ${j}` })),
      },
    });
    out.push({
      testCase: {
        id: `tc${i}`,
        pickleId: `p${i}`,
        testSteps: s.steps.map((_, j) => ({ id: `ts${i}.${j}`, pickleStepId: `ps${i}.${j}` })),
      },
    });
  });
  scenarios.forEach((s, i) => {
    out.push({ testCaseStarted: { id: `a${i}`, testCaseId: `tc${i}` } });
    s.steps.forEach((status, j) =>
      out.push({
        testStepFinished: { testCaseStartedId: `a${i}`, testStepId: `ts${i}.${j}`, testStepResult: { status } },
      }),
    );
    if (s.virtualMs !== undefined)
      out.push({ attachment: { mediaType: VIRTUAL_TIME_MEDIA_TYPE, body: virtualTimeAttachment(s.virtualMs, 'x') } });
    out.push({ testCaseFinished: { testCaseStartedId: `a${i}`, willBeRetried: !!s.retried } });
  });
  out.push({ testRunFinished: { timestamp: ts(3_500) } });
  return out as Envelope[];
}

const cases: Array<[string, Parameters<typeof run>[0], Partial<RunTally>]> = [
  [
    'all passed',
    [{ steps: ['PASSED', 'PASSED'] }, { steps: ['PASSED'] }],
    { passed: 2, failed: 0, skipped: 0, total: 2 },
  ],
  [
    'a failure then skipped steps is one failure',
    [{ steps: ['PASSED', 'FAILED', 'SKIPPED'] }],
    { passed: 0, failed: 1 },
  ],
  ['undefined and ambiguous fail', [{ steps: ['UNDEFINED'] }, { steps: ['AMBIGUOUS'] }], { failed: 2 }],
  ['pending fails (strict)', [{ steps: ['PENDING'] }], { failed: 1 }],
  ['a skipped scenario', [{ steps: ['SKIPPED', 'SKIPPED'] }], { skipped: 1, passed: 0 }],
  [
    'a retried attempt does not count',
    [{ steps: ['FAILED'], retried: true }, { steps: ['PASSED'] }],
    { passed: 1, failed: 0 },
  ],
  [
    'virtual time adds up',
    [
      { steps: ['PASSED'], virtualMs: 60_000 },
      { steps: ['PASSED'], virtualMs: 30_000 },
    ],
    { virtualMs: 90_000 },
  ],
  ['wall time from the run messages', [{ steps: ['PASSED'] }], { wallMs: 2_500 }],
];
for (const [name, scenarios, want] of cases) {
  test(`tally: ${name}`, () => {
    const t = new RunTally();
    for (const e of run(scenarios)) t.add(e);
    for (const [k, v] of Object.entries(want)) assert.equal((t as any)[k], v, k);
  });
}

test('tally: undefined steps are listed with their scenario', () => {
  const t = new RunTally();
  for (const e of run([{ steps: ['PASSED', 'UNDEFINED'], text: 'there are 3 pod' }])) t.add(e);
  assert.deepEqual(t.undefinedSteps, [{ text: 'there are 3 pod', uri: 'f.feature', scenario: 's0' }]);
});

const durations: Array<[number, string]> = [
  [0, '0ms'],
  [450, '450ms'],
  [1_400, '1.4s'],
  [90_000, '1m30s'],
  [3_725_000, '1h2m5s'],
];
for (const [ms, want] of durations) test(`humanDuration ${ms}`, () => assert.equal(humanDuration(ms), want));

test('summaryLine', () => {
  assert.equal(
    summaryLine({ passed: 12, failed: 1, skipped: 0, virtualMs: 90_000, wallMs: 3_200 }),
    '12 passed, 1 failed; virtual time 1m30s, wall time 3.2s',
  );
  assert.equal(
    summaryLine({ passed: 1, failed: 0, skipped: 2, virtualMs: 0, wallMs: 10 }),
    '1 passed, 0 failed (2 skipped); virtual time 0ms, wall time 10ms',
  );
  assert.equal(
    summaryLine({ passed: 1, failed: 0, skipped: 0, virtualMs: 0, wallMs: 97 }, 812.4),
    '1 passed, 0 failed; virtual time 0ms, wall time 97ms (process 812ms)',
  );
});

const progress: Array<[number, number, number, string | undefined]> = [
  [10, 100, 0, '[10/100 scenarios, 0 failed]'],
  [11, 100, 0, undefined],
  [100, 100, 0, undefined],
  [5, 20, 0, undefined],
  [60, 300, 2, '[60/300 scenarios, 2 failed]'],
];
for (const [done, total, failed, want] of progress)
  test(`progressLine ${done}/${total}`, () => assert.equal(progressLine(done, total, failed), want));

test('virtual time attachment round trip', () =>
  assert.equal(parseVirtualTime(virtualTimeAttachment(12_345, '12s')), 12_345));
