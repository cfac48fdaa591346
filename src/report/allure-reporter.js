// kspec's Allure reporter: allure-cucumberjs's, with
// - suites by feature folder: parentSuite is the folder under features/ (`workloads`), suite the Feature's name;
// - a scenario whose After hook fails (a failed kubectl command no step checked, steps/hooks.ts) is failed:
//   allure-cucumberjs takes a test's status from its steps only, so the hook's failure becomes a step;
// - a failed expectation counted as failed, not broken: allure-cucumberjs calls an error "broken" unless its
//   class is named like an assertion, but every kspec step failure is a failed expectation (a state that did
//   not converge, a command that failed); only JavaScript's own errors (a TypeError in a suite's steps) stay
//   broken.
// Plain JavaScript: Cucumber loads formatters with import(), before any TypeScript loader.
'use strict';
const path = require('node:path');
const reporter = require('allure-cucumberjs/reporter');
const AllureCucumberReporter = reporter.default || reporter;

const BUGS = /^(TypeError|ReferenceError|RangeError|SyntaxError|EvalError|URIError|InternalError)$/;

/**
 * The suite labels of a feature file: its folder under features/ (the project's folder for one directly in
 * features/, its own folder elsewhere), then the Feature's name.
 */
function suiteLabels(uri, featureName) {
  const parts = path.resolve(uri).split(/[\\/]/).slice(0, -1);
  const under = parts.lastIndexOf('features');
  const folder =
    under >= 0 ? parts.slice(under + 1).join('/') || parts[under - 1] || 'features' : parts[parts.length - 1];
  return [
    { name: 'parentSuite', value: folder },
    { name: 'suite', value: featureName || path.basename(uri) },
  ];
}

class KspecAllureReporter extends AllureCucumberReporter {
  onTestCaseStarted(data) {
    super.onTestCaseStarted(data);
    const uuid = this.testResultUuids.get(data.id);
    const testCase = this.testCaseMap.get(data.testCaseId);
    const pickle = testCase && this.pickleMap.get(testCase.pickleId);
    if (!uuid || !pickle) return;
    const doc = this.documentMap.get(pickle.uri);
    this.allureRuntime.updateTest(uuid, (result) => {
      result.labels = result.labels.filter((l) => !['parentSuite', 'suite', 'subSuite'].includes(l.name));
      result.labels.push(...suiteLabels(pickle.uri, doc && doc.feature && doc.feature.name));
    });
  }

  onTestStepFinished(data) {
    const step = this.testStepMap.get(data.testStepId);
    const result = data.testStepResult;
    if (step && step.hookId && result.status === 'FAILED') {
      const failed = this.failedHooks || (this.failedHooks = new Map());
      failed.set(data.testCaseStartedId, {
        message: result.message || (result.exception && result.exception.message) || '',
        name: this.getHookName(step.hookId),
      });
    }
    super.onTestStepFinished(data);
  }

  onTestCaseFinished(data) {
    const hook = this.failedHooks && this.failedHooks.get(data.testCaseStartedId);
    const uuid = this.testResultUuids.get(data.testCaseStartedId);
    if (hook && uuid) {
      this.failedHooks.delete(data.testCaseStartedId);
      this.allureRuntime.updateTest(uuid, (r) => {
        const at = r.steps.length ? r.steps[r.steps.length - 1].stop : r.start;
        r.steps.push({
          name: `${hook.name || 'After'} (the scenario's end)`,
          status: this.parseStatus({ status: 'FAILED', exception: { type: 'Error' } }),
          stage: 'finished',
          statusDetails: { message: hook.message },
          steps: [],
          attachments: [],
          parameters: [],
          start: at,
          stop: at,
        });
      });
    }
    super.onTestCaseFinished(data);
  }

  parseStatus(stepResult) {
    const status = super.parseStatus(stepResult);
    if (status === 'broken' && !BUGS.test((stepResult.exception && stepResult.exception.type) || '')) return 'failed';
    return status;
  }
}

module.exports = KspecAllureReporter;
module.exports.default = KspecAllureReporter;
module.exports.suiteLabels = suiteLabels;
