// Grading a lab: each checkpoint scenario is worth its `@points:N` (1 without one), earned when it passes. A
// failed checkpoint shows the author's hint (a `* hint: ...` step, or a `@hint:words-joined-by-dashes` tag) and
// what the failing step found.
import type { Envelope, Pickle } from '@cucumber/messages';
import { UsageError } from './errors';

export interface Checkpoint {
  name: string;
  uri: string;
  points: number;
  earned: number;
  passed: boolean;
  hint?: string;
  /** the failing step and its message */
  found?: string;
}

export interface Grade {
  lab: string;
  score: number;
  total: number;
  checkpoints: Checkpoint[];
}

export const HINT_STEP = /^hint: (.+)$/;

/** The media type of the attachment listing the solution's failed lines (steps/curriculum.steps.ts). */
export const SOLUTION_PROBLEMS_MEDIA_TYPE = 'text/x.kspec.solution-problems+plain';

/** Points and hint from a scenario's tags (feature tags included, the scenario's own last). */
export function tagsOf(tags: readonly string[], where: string): { points: number; hint?: string } {
  let points = 1,
    hint: string | undefined;
  for (const tag of tags) {
    const p = tag.match(/^@points:(.*)$/);
    if (p) {
      if (!/^\d+$/.test(p[1]))
        throw new UsageError(`${where}: @points takes a whole number, as in @points:3, not "${tag}"`);
      points = Number(p[1]);
    }
    const h = tag.match(/^@hint:(.+)$/);
    if (h) hint = h[1].replace(/-/g, ' ');
  }
  return { points, hint };
}

const MAX_FOUND_LINES = 12;

/** The first paragraph of a failure (what was expected and found; the object and its history follow in reports), without the stack. */
export function shortened(message: string): string {
  const lines = message
    .replace(/\s+$/, '')
    .replace(/^(Error|AssertionError): /, '')
    .split('\n\n')[0]
    .split('\n');
  const cut = lines.findIndex((l) => /^\s+at .+\(.*:\d+:\d+\)$/.test(l));
  const kept = cut > 0 ? lines.slice(0, cut) : lines;
  return kept.length > MAX_FOUND_LINES
    ? [...kept.slice(0, MAX_FOUND_LINES), `  ... (${kept.length - MAX_FOUND_LINES} more lines)`].join('\n')
    : kept.join('\n');
}

/** Collects a run's messages and grades it. */
export class Grader {
  private readonly pickles = new Map<string, Pickle>();
  private readonly testCases = new Map<string, { pickleId: string; steps: Map<string, string | undefined> }>();
  private readonly attempts = new Map<string, string>();
  private readonly results = new Map<string, { passed: boolean; found?: string }>();
  /** the solution's failed lines, per checkpoint */
  private readonly problems = new Map<string, string>();

  add(e: Envelope): void {
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.testCase)
      this.testCases.set(e.testCase.id, {
        pickleId: e.testCase.pickleId,
        steps: new Map(e.testCase.testSteps.map((s) => [s.id, s.pickleStepId])),
      });
    if (e.testCaseStarted) {
      this.attempts.set(e.testCaseStarted.id, e.testCaseStarted.testCaseId);
      this.results.set(e.testCaseStarted.testCaseId, { passed: true });
    }
    if (e.attachment?.mediaType === SOLUTION_PROBLEMS_MEDIA_TYPE && e.attachment.testCaseStartedId) {
      this.problems.set(this.attempts.get(e.attachment.testCaseStartedId)!, e.attachment.body);
    }
    if (e.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = e.testStepFinished;
      const testCaseId = this.attempts.get(testCaseStartedId)!;
      const result = this.results.get(testCaseId)!;
      if (!result.passed || ['PASSED', 'SKIPPED'].includes(testStepResult.status)) return;
      const tc = this.testCases.get(testCaseId)!;
      const pickle = this.pickles.get(tc.pickleId)!;
      const step = pickle.steps.find((s) => s.id === tc.steps.get(testStepId));
      const what = step ? `the step "${step.text}"` : 'a hook';
      const message =
        testStepResult.status === 'UNDEFINED'
          ? 'no step definition matches it (`kspec steps` lists them)'
          : shortened(testStepResult.message ?? testStepResult.status);
      this.results.set(testCaseId, { passed: false, found: `${what} failed:\n${message}` });
    }
  }

  grade(lab: string): Grade {
    const checkpoints: Checkpoint[] = [];
    for (const [testCaseId, tc] of this.testCases) {
      const pickle = this.pickles.get(tc.pickleId)!;
      const { points, hint: tagHint } = tagsOf(
        pickle.tags.map((t) => t.name),
        `${pickle.uri} "${pickle.name}"`,
      );
      const hintStep = pickle.steps.map((s) => s.text.match(HINT_STEP)?.[1]).find(Boolean);
      const result = this.results.get(testCaseId) ?? { passed: false, found: 'it did not run' };
      // a failed checkpoint also says what in the solution failed: often the reason
      const problems = this.problems.get(testCaseId);
      if (!result.passed && problems) result.found = `${result.found}\n\nin your solution:\n${problems}`;
      checkpoints.push({
        name: pickle.name,
        uri: pickle.uri,
        points,
        earned: result.passed ? points : 0,
        passed: result.passed,
        ...(result.passed ? {} : { hint: hintStep ?? tagHint, found: result.found }),
      });
    }
    return {
      lab,
      score: checkpoints.reduce((n, c) => n + c.earned, 0),
      total: checkpoints.reduce((n, c) => n + c.points, 0),
      checkpoints,
    };
  }
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

/** The grade for a terminal: the score, a line per checkpoint, and the hint and findings of each failed one. */
export function gradeText(g: Grade): string {
  const width = String(g.total).length;
  const out = [`${g.lab}: ${g.score}/${g.total} points`];
  for (const c of g.checkpoints) {
    out.push(`  ${c.passed ? '✔' : '✘'} ${String(c.earned).padStart(width)}/${c.points}  ${c.name}`);
    if (c.passed) continue;
    if (c.hint) out.push(`        hint: ${c.hint}`);
    if (c.found) out.push(indent(`found: ${c.found}`, '        '));
  }
  return out.join('\n') + '\n';
}
