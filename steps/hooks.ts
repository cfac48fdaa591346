// Scenario set-up (seed, feature directory); after each scenario its virtual time (for the run's closing
// line), and on failure what makes it understandable without a rerun: the object that did not match, the
// cluster, its timeline, the last command and a diagram, Secret values redacted (src/report/attachments.ts).
import {
  BeforeAll,
  Before,
  BeforeStep,
  After,
  AfterStep,
  Status,
  type ITestCaseHookParameter,
  type ITestStepHookParameter,
} from '@cucumber/cucumber';
import * as path from 'node:path';
import type { FeatureChild, RuleChild, Step } from '@cucumber/messages';
import type { KspecWorld } from './world';
import { failureAttachments } from '../src/report/attachments';
import { VIRTUAL_TIME_MEDIA_TYPE, virtualTimeAttachment } from '../src/report/tally';
import { goDurationSeconds } from '../src/util/go/duration';
import { uncheckedFailuresMessage } from '../src/assert/commands';

// A failure says what went wrong in the scenario's terms; stack frames (kspec's files, absolute paths) only
// with KSPEC_DEBUG set. Set once the steps are loaded: Cucumber reads each step's location from a stack frame.
BeforeAll(() => {
  if (!process.env.KSPEC_DEBUG) Error.stackTraceLimit = 0;
});

Before(function (this: KspecWorld, { pickle }: ITestCaseHookParameter) {
  this.begin(pickle.uri, pickle.name);
});

// where the step's docstring is in the feature file (a manifest's YAML error names that line)
BeforeStep(function (this: KspecWorld, { pickle, pickleStep, gherkinDocument }: ITestStepHookParameter) {
  const step = astStep(gherkinDocument.feature?.children ?? [], pickleStep.astNodeIds[0]);
  const rel = path.relative(process.cwd(), path.resolve(pickle.uri)).split(path.sep).join('/');
  this.docString = step?.docString ? { uri: rel, line: step.docString.location.line + 1 } : undefined;
});

function astStep(children: readonly FeatureChild[] | readonly RuleChild[], id: string): Step | undefined {
  for (const c of children) {
    const steps = [...(c.background?.steps ?? []), ...('scenario' in c ? (c.scenario?.steps ?? []) : [])];
    const hit = steps.find((s) => s.id === id) ?? ('rule' in c && c.rule ? astStep(c.rule.children, id) : undefined);
    if (hit) return hit;
  }
  return undefined;
}

// attached from AfterStep, so reports show them under the step that failed
AfterStep(function (this: KspecWorld, { result, pickleStep }: ITestStepHookParameter) {
  if (result?.status !== Status.FAILED || !this.hasCluster) return;
  const context = {
    cluster: this.cluster,
    failedObject: this.failedObject,
    lastCommand: this.result,
    stepText: pickleStep.text,
  };
  for (const a of failureAttachments(context)) {
    this.attach(a.body, { mediaType: a.mediaType, fileName: a.fileName });
  }
});

// A failed kubectl command that no later step looked at fails the scenario here (see KspecWorld.ran)
After(function (this: KspecWorld, { result }: ITestCaseHookParameter) {
  if (result?.status !== Status.PASSED) return;
  const failures = this.uncheckedFailures();
  if (failures.length) throw new Error(uncheckedFailuresMessage(failures));
});

After(function (this: KspecWorld, _: ITestCaseHookParameter) {
  if (!this.hasCluster) return;
  // a JavaScript error inside the model is a bug, even when the scenario's assertions held
  const bugs = this.cluster.internalErrors;
  if (bugs.length) {
    const first = bugs[0].error;
    throw new Error(
      `the model met ${bugs.length} internal error(s), first in ${bugs[0].where}: ${first instanceof Error ? first.stack : String(first)}`,
    );
  }
  const elapsed = this.cluster.clock.now() - this.cluster.timelineStart();
  this.attach(virtualTimeAttachment(elapsed, goDurationSeconds(elapsed)), {
    mediaType: VIRTUAL_TIME_MEDIA_TYPE,
    fileName: 'virtual-time.txt',
  });
});
