// Curriculum checkpoints (`kspec check <lab> --solution <dir>`): the learner's solution applied to the
// scenario's cluster, and the author's hint for a checkpoint, which the grader shows when it fails.
import { Given } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { applySolution } from '../src/cli/solution';
import { HINT_STEP } from '../src/cli/grade';

// Applies the learner's manifests, then runs their kubectl commands; e.g. `When the learner's solution is applied`.
Given("the learner's solution is applied", async function (this: KspecWorld) {
  const dir = (this.parameters as { solution?: string }).solution;
  if (!dir) throw new Error("this step runs under `kspec check <lab> --solution <dir>`, which names the learner's solution");
  this.result = (await applySolution(this.target, dir)) ?? this.result;
});

// The hint shown when this checkpoint fails; it does nothing when run. e.g. `* hint: scale the Deployment to 5 replicas`.
Given(HINT_STEP, function (_hint: string) { /* read by the grader from the scenario */ });
