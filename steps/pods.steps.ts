// Pods: one condition of an object's status.conditions (`Ready`, `Initialized`, ...), checked by type.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import { conditionMismatch } from '../src/assert/conditions';

function assertCondition(world: KspecWorld, ref: ObjectRef, type: string, want: { status: string; reason?: string; message?: string }): void {
  world.cluster.converge();
  const obj = world.cluster.tryGet(ref.info.resource, ref.name, ref.namespace);
  if (!obj) throw new Error(`${describeRef(ref)} does not exist`);
  const problem = conditionMismatch(obj, type, want);
  if (problem) throw new Error(`${describeRef(ref)}: ${problem}`);
}

Then('the {object} has condition {string} with status {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string) {
  assertCondition(this, ref, type, { status });
});
Then('the {object} has condition {string} with status {string} and reason {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string) {
  assertCondition(this, ref, type, { status, reason });
});
Then('the {object} has condition {string} with status {string}, reason {string} and message {string}', function (this: KspecWorld, ref: ObjectRef, type: string, status: string, reason: string, message: string) {
  assertCondition(this, ref, type, { status, reason, message });
});

// kubectl's warnings on a command that succeeded (`Defaulted container ...`, `Found 3 pods, using ...`)
Then('the error output contains {string}', function (this: KspecWorld, text: string) {
  const r = this.lastResult();
  if (!r.stderr.includes(text)) throw new Error(`expected the error output of "${r.command}" to contain ${JSON.stringify(text)}; it is:\n${r.stderr || '(empty)'}`);
});
