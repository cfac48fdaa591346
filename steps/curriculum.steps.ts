// Curriculum checkpoints (`kspec check <lab> --solution <dir>`): the learner's solution applied to the
// scenario's cluster, and the author's hint for a checkpoint, which the grader shows when it fails.
import { Given } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { applySolution } from '../src/cli/solution';
import { HINT_STEP, SOLUTION_PROBLEMS_MEDIA_TYPE } from '../src/cli/grade';
import { labSetup, isSessionFile, readSession, replaySession } from '../src/cli/lab-session';

// Runs the learner's solution in its order (src/cli/solution.ts), or replays their lab session (src/cli/lab-session.ts);
// a failing line does not stop the rest, the grader reports it with the checkpoints that fail; e.g. `When the learner's solution is applied`.
Given("the learner's solution is applied", async function (this: KspecWorld) {
  const params = this.parameters as { solution?: string; labSetup?: boolean };
  // `kspec lab start` builds the learner's cluster with the steps before this one, then serves it
  if (params.labSetup) {
    labSetup.receive?.(this.cluster);
    return 'skipped';
  }
  const dir = params.solution;
  if (!dir)
    throw new Error("this step runs under `kspec check <lab> --solution <dir>`, which names the learner's solution");
  if (isSessionFile(dir)) return replaySession(this.cluster, readSession(dir));
  const { last, problems } = await applySolution(this.target, dir);
  // the checkpoints judge what the solution achieved: its failures are the grader's to report, not this step's
  if (last) this.ran(last, { mustCheck: false });
  if (problems.length) this.attach(problems.join('\n\n'), SOLUTION_PROBLEMS_MEDIA_TYPE);
  return undefined;
});

// The hint shown when this checkpoint fails; it does nothing when run. e.g. `* hint: scale the Deployment to 5 replicas`.
Given(HINT_STEP, (_hint: string) => {
  /* read by the grader from the scenario */
});
