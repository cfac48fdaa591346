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
  const elapsed = this.cluster.clock.now() - this.cluster.timelineStart();
  this.attach(virtualTimeAttachment(elapsed, formatGoDuration(elapsed)), VIRTUAL_TIME_MEDIA_TYPE);
});
