// Pods: one condition of an object's status.conditions (`Ready`, `Initialized`, ...), checked by type.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import { conditionMismatch } from '../src/assert/conditions';
import type { KObject } from '../src/api/meta';

async function assertCondition(world: KspecWorld, ref: ObjectRef, type: string, want: { status: string; reason?: string; message?: string }): Promise<void> {
  let obj: KObject | undefined, problem: string | undefined;
  if (await world.target.settled(async () => !(problem = (obj = await world.target.get(ref)) ? conditionMismatch(obj, type, want) : 'missing'))) return;
  if (!obj) throw new Error(`${describeRef(ref)} does not exist`);
  throw new Error(`${describeRef(ref)}: ${problem}`);
}

// The object's status.conditions has the type with the status; e.g. `Then the pod "web" has condition "Ready" with status "True"`
Then('the {object} has condition {string} with status {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string) {
  return assertCondition(this, ref, type, { status });
});
// …and the reason; e.g. `Then the pod "once" has condition "Ready" with status "False" and reason "PodCompleted"`
Then('the {object} has condition {string} with status {string} and reason {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string) {
  return assertCondition(this, ref, type, { status, reason });
});
// …and the message; e.g. `Then the pod "web" has condition "Ready" with status "False", reason "ContainersNotReady" and message "containers with unready status: [web]"`
Then('the {object} has condition {string} with status {string}, reason {string} and message {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string, message: string) {
  return assertCondition(this, ref, type, { status, reason, message });
});

// kubectl's warnings on a command that succeeded (`Defaulted container ...`, `Found 3 pods, using ...`); e.g. `Then the error output contains "Found 2 pods, using pod/api-"`
Then('the error output contains {string}', function (this: KspecWorld, text: string) {
  const r = this.lastResult();
  if (!r.stderr.includes(text)) throw new Error(`expected the error output of "${r.command}" to contain ${JSON.stringify(text)}; it is:\n${r.stderr || '(empty)'}`);
});
