// Scenario set-up (seed, feature directory); after each scenario its virtual time (for the run's closing
// line), and on failure what makes it understandable without a rerun: the object that did not match, the
// cluster, its timeline, the last command and a diagram, Secret values redacted (src/report/attachments.ts).
import { Before, After, AfterStep, Status, ITestCaseHookParameter, ITestStepHookParameter } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { failureAttachments } from '../src/report/attachments';
import { VIRTUAL_TIME_MEDIA_TYPE, virtualTimeAttachment } from '../src/report/tally';
import { formatGoDuration } from '../src/runtime/duration';

Before(function (this: KspecWorld, { pickle }: ITestCaseHookParameter) {
  this.begin(pickle.uri, pickle.name);
});

// attached from AfterStep, so reports show them under the step that failed
AfterStep(function (this: KspecWorld, { result, pickleStep }: ITestStepHookParameter) {
  if (result?.status !== Status.FAILED || !this.hasCluster) return;
  const context = { cluster: this.cluster, failedObject: this.failedObject, lastCommand: this.result, stepText: pickleStep.text };
  for (const a of failureAttachments(context)) {
    this.attach(a.body, { mediaType: a.mediaType, fileName: a.fileName });
  }
});

After(function (this: KspecWorld, _: ITestCaseHookParameter) {
  if (!this.hasCluster) return;
  // a JavaScript error inside the model is a bug, even when the scenario's assertions held
  const bugs = this.cluster.internalErrors;
  if (bugs.length) {
    const first = bugs[0].error;
    throw new Error(`the model met ${bugs.length} internal error(s), first in ${bugs[0].where}: ${first instanceof Error ? first.stack : String(first)}`);
  }
  const entries = this.cluster.timeline();
  const elapsed = this.cluster.clock.now() - (entries.length ? entries[0].time : this.cluster.clock.now());
  this.attach(virtualTimeAttachment(elapsed, formatGoDuration(elapsed)), VIRTUAL_TIME_MEDIA_TYPE);
});
