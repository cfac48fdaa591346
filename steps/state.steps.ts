// State: an object matches a YAML subset (now, eventually, within a limit), does not exist, a count by label
// selector, and Events about an object. Each step parses its phrase and calls src/assert (object.ts, events.ts),
// which say in a failure what differed, show the object and its history.
import { Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import type { ObjectRef } from './parameters';
import type { ResourceInfo } from '../src/api/kinds';
import { expectCount, expectExists, expectGone, expectMatches } from '../src/assert/object';
import { expectEvent, expectNoEvent } from '../src/assert/events';
import { EVENTUALLY } from '../src/assert/scene';

// The object matches the YAML subset now; e.g. `Then the deployment "web" matches:` and `status: {readyReplicas: 3}`
Then('the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) {
  return expectMatches(this, ref, yaml);
});
// Waits up to 5 minutes (of virtual time; of the wall clock on a live cluster) until the object matches; e.g. `Then eventually the pod "web-0" matches:`
Then('eventually the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) {
  return expectMatches(this, ref, yaml, { within: EVENTUALLY });
});
// The same with its own limit; e.g. `Then within 30 seconds the deployment "web" matches:`
Then(
  'within {duration} the {object} matches:',
  function (this: KspecWorld, limit: number, ref: ObjectRef, yaml: string) {
    return expectMatches(this, ref, yaml, { within: limit });
  },
);

// The object exists now; e.g. `Then the pod "web" exists`
Then('the {object} exists', function (this: KspecWorld, ref: ObjectRef) {
  return expectExists(this, ref);
});
// Waits up to 5 minutes (of virtual time; of the wall clock live) until it exists; e.g. `Then eventually the job "backup-28000000" exists`
Then('eventually the {object} exists', function (this: KspecWorld, ref: ObjectRef) {
  return expectExists(this, ref, { within: EVENTUALLY });
});
// The same with its own limit; e.g. `Then within 2 minutes the pod "web" exists`
Then('within {duration} the {object} exists', function (this: KspecWorld, limit: number, ref: ObjectRef) {
  return expectExists(this, ref, { within: limit });
});

// e.g. `Then the pod "web-0" does not exist`
Then('the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) {
  return expectGone(this, ref);
});
// Waits up to 5 minutes (of virtual time; of the wall clock live) until it is gone; e.g. `Then eventually the pvc "data" does not exist`
Then('eventually the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) {
  return expectGone(this, ref, { within: EVENTUALLY });
});
// The same with its own limit; e.g. `Then within 90 seconds the pod "web" does not exist`
Then('within {duration} the {object} does not exist', function (this: KspecWorld, limit: number, ref: ObjectRef) {
  return expectGone(this, ref, { within: limit });
});

// Counts objects by label selector in namespace default; e.g. `Then there are 3 pods with labels "app=web"`
Then(
  'there are {int} {kind} with labels {string}',
  function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
    return expectCount(this, info, n, { labelSelector: selector });
  },
);
// …in another namespace; e.g. `Then there are 2 pods with labels "app=api" in namespace "prod"`
Then(
  'there are {int} {kind} with labels {string} in namespace {string}',
  function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
    return expectCount(this, info, n, { labelSelector: selector, namespace: ns });
  },
);
// Every object of the kind in the namespace; e.g. `Then there are 2 deployments in namespace "kube-system"`
Then(
  'there are {int} {kind} in namespace {string}',
  function (this: KspecWorld, n: number, info: ResourceInfo, ns: string) {
    return expectCount(this, info, n, { namespace: ns });
  },
);
// Advances virtual time (up to 5 minutes) until the count holds; e.g. `Then eventually there are 3 pods with labels "app=web"`
Then(
  'eventually there are {int} {kind} with labels {string}',
  function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
    return expectCount(this, info, n, { labelSelector: selector, within: EVENTUALLY });
  },
);
// …in another namespace; e.g. `Then eventually there are 0 pods with labels "app=api" in namespace "prod"`
Then(
  'eventually there are {int} {kind} with labels {string} in namespace {string}',
  function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
    return expectCount(this, info, n, { labelSelector: selector, namespace: ns, within: EVENTUALLY });
  },
);
// The same with its own limit; e.g. `Then within 2 minutes there are 5 pods with labels "app=web"`
Then(
  'within {duration} there are {int} {kind} with labels {string}',
  function (this: KspecWorld, limit: number, n: number, info: ResourceInfo, selector: string) {
    return expectCount(this, info, n, { labelSelector: selector, within: limit });
  },
);

// An Event about the object has the reason; e.g. `Then the pod "web" has an event with reason "Scheduled"`
Then('the {object} has an event with reason {string}', function (this: KspecWorld, ref: ObjectRef, reason: string) {
  return expectEvent(this, ref, reason);
});
// …and its message contains the text; e.g. `Then the pod "web" has an event with reason "Failed" and message "ErrImagePull"`
Then(
  'the {object} has an event with reason {string} and message {string}',
  function (this: KspecWorld, ref: ObjectRef, reason: string, message: string) {
    return expectEvent(this, ref, reason, message);
  },
);
// No Event about the object has the reason; e.g. `Then the service "web" has no event with reason "UpdatedLoadBalancer"`
Then('the {object} has no event with reason {string}', function (this: KspecWorld, ref: ObjectRef, reason: string) {
  return expectNoEvent(this, ref, reason);
});
