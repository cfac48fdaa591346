// A run's tally from Cucumber's messages: scenarios passed, failed and skipped (the last attempt of a retried
// one counts), the virtual time the scenarios spent (each attaches it, see steps/hooks.ts), wall time from
// the run's own start and finish messages, and the steps no definition matched.
import type { Envelope, Pickle, Timestamp } from '@cucumber/messages';

/** The media type of the per-scenario virtual-time attachment. */
export const VIRTUAL_TIME_MEDIA_TYPE = 'text/x.kspec.virtual-time+plain';

export function virtualTimeAttachment(ms: number, shown: string): string {
  return `virtual time elapsed: ${shown} (${ms} ms)`;
}

export function parseVirtualTime(body: string): number {
  const m = body.match(/\((\d+) ms\)/);
  return m ? Number(m[1]) : 0;
}

export interface UndefinedStep {
  text: string;
  uri: string;
  scenario: string;
}

const FAILING = new Set(['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING']);

const millis = (t: Timestamp) => Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6);

export class RunTally {
  passed = 0;
  failed = 0;
  skipped = 0;
  total = 0;
  virtualMs = 0;
  wallMs = 0;
  undefinedSteps: UndefinedStep[] = [];
  /** `uri:line name` of each failed scenario */
  failures: string[] = [];
  private startedAt?: number;
  private readonly pickles = new Map<string, Pickle>();
  private readonly testCases = new Map<string, { pickleId: string; steps: Map<string, string | undefined> }>();
  private readonly attempts = new Map<string, { testCaseId: string; worst: string }>();

  get done(): number {
    return this.passed + this.failed + this.skipped;
  }

  /** Reads one message; returns true when a scenario finished. */
  add(e: Envelope): boolean {
    if (e.testRunStarted) this.startedAt = millis(e.testRunStarted.timestamp);
    if (e.testRunFinished && this.startedAt !== undefined)
      this.wallMs = millis(e.testRunFinished.timestamp) - this.startedAt;
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) {
      this.total++;
      this.testCases.set(e.testCase.id, {
        pickleId: e.testCase.pickleId,
        steps: new Map(e.testCase.testSteps.map((s) => [s.id, s.pickleStepId])),
      });
    }
    if (e.testCaseStarted)
      this.attempts.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, worst: 'PASSED' });
    if (e.attachment?.mediaType === VIRTUAL_TIME_MEDIA_TYPE) this.virtualMs += parseVirtualTime(e.attachment.body);
    if (e.testStepFinished)
      this.stepFinished(
        e.testStepFinished.testCaseStartedId,
        e.testStepFinished.testStepId,
        e.testStepFinished.testStepResult.status,
      );
    if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      const worst = this.attempts.get(e.testCaseFinished.testCaseStartedId)?.worst ?? 'PASSED';
      if (FAILING.has(worst)) {
        this.failed++;
        this.failures.push(this.nameOf(e.testCaseFinished.testCaseStartedId));
      } else if (worst === 'SKIPPED') this.skipped++;
      else this.passed++;
      return true;
    }
    return false;
  }

  private nameOf(attemptId: string): string {
    const testCase = this.testCases.get(this.attempts.get(attemptId)?.testCaseId ?? '');
    const pickle = testCase && this.pickles.get(testCase.pickleId);
    return pickle ? `${pickle.uri}:${pickle.location?.line ?? 0} ${pickle.name}` : attemptId;
  }

  private stepFinished(attemptId: string, stepId: string, status: string): void {
    const attempt = this.attempts.get(attemptId);
    if (!attempt) return;
    if (FAILING.has(status) && !FAILING.has(attempt.worst)) attempt.worst = status;
    else if (status === 'SKIPPED' && attempt.worst === 'PASSED') attempt.worst = 'SKIPPED';
    if (status !== 'UNDEFINED') return;
    const testCase = this.testCases.get(attempt.testCaseId);
    const pickle = testCase && this.pickles.get(testCase.pickleId);
    const pickleStepId = testCase?.steps.get(stepId);
    const step = pickle?.steps.find((s) => s.id === pickleStepId);
    if (pickle && step) this.undefinedSteps.push({ text: step.text, uri: pickle.uri, scenario: pickle.name });
  }
}

/** `3m20s` for virtual time, `1.4s` for wall time. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000),
    h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    sec = s % 60;
  return h ? `${h}h${m}m${sec}s` : `${m}m${sec}s`;
}

/**
 * The closing line: `12 passed, 1 failed (1 skipped); virtual time 42m10s, wall time 3.2s (process 4.0s)`: the
 * scenarios' wall time from the run's messages, and the whole process's from its start (loading included).
 */
export function summaryLine(
  t: Pick<RunTally, 'passed' | 'failed' | 'skipped' | 'virtualMs' | 'wallMs'>,
  processMs?: number,
): string {
  const process = processMs === undefined ? '' : ` (process ${humanDuration(Math.round(processMs))})`;
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? ` (${t.skipped} skipped)` : ''}; virtual time ${humanDuration(t.virtualMs)}, wall time ${humanDuration(t.wallMs)}${process}`;
}

/** A progress line at each tenth of a run of at least `min` scenarios: `[120/450 scenarios, 2 failed]`. */
export function progressLine(done: number, total: number, failed: number, min = 50): string | undefined {
  if (total < min || done === total) return undefined;
  const step = Math.ceil(total / 10);
  if (done % step !== 0) return undefined;
  return `[${done}/${total} scenarios, ${failed} failed]`;
}
