// Pods: one condition of an object's status.conditions (`Ready`, `Initialized`, ...), checked by type.
import { Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import type { ObjectRef } from './parameters';
import { expectCondition } from '../src/assert/conditions';
import { expectErrorOutputContains } from '../src/assert/output';

// The object's status.conditions has the type with the status; e.g. `Then the pod "web" has condition "Ready" with status "True"`
Then(
  'the {object} has condition {string} with status {string}',
  function (this: KspecWorld, ref: ObjectRef, type: string, status: string) {
    return expectCondition(this, ref, type, { status });
  },
);
// …and the reason; e.g. `Then the pod "once" has condition "Ready" with status "False" and reason "PodCompleted"`
Then(
  'the {object} has condition {string} with status {string} and reason {string}',
  function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string) {
    return expectCondition(this, ref, type, { status, reason });
  },
);
// …and the message; e.g. `Then the pod "web" has condition "Ready" with status "False", reason "ContainersNotReady" and message "containers with unready status: [web]"`
Then(
  'the {object} has condition {string} with status {string}, reason {string} and message {string}',
  function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string, message: string) {
    return expectCondition(this, ref, type, { status, reason, message });
  },
);

// kubectl's warnings on a command that succeeded (`Defaulted container ...`, `Found 3 pods, using ...`); e.g. `Then the error output contains "Found 2 pods, using pod/api-"`
Then('the error output contains {string}', function (this: KspecWorld, text: string) {
  expectErrorOutputContains(this.lastResult(), text);
});
