// State: an object matches a YAML subset (now, eventually, within a limit), does not exist, a count by label
// selector, and Events about an object. Failures show the differing field paths, the object and its history.
import { Then } from '@cucumber/cucumber';
import { load } from 'js-yaml';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import type { ResourceInfo } from '../src/api/kinds';
import type { KObject } from '../src/api/meta';
import { differences, Difference } from '../src/assert/match';
import { matchFailureMessage, existenceMessage, objectYaml } from '../src/assert/report';
import { formatGoDuration } from '../src/runtime/duration';
import { objectStatusLine, podStatusLine } from '../src/assert/pod-status';
import { podsOf } from '../src/assert/pods-of';

const DEFAULT_LIMIT = 5 * 60_000;

function expectation(yaml: string): unknown {
  try {
    return load(yaml);
  } catch (e) {
    throw new Error(`the expected state is not valid YAML: ${(e as Error).message}`);
  }
}

function history(world: KspecWorld, ref: ObjectRef) {
  return world.cluster.timelineOf(ref.info.resource, ref.name, ref.namespace, 30);
}

function start(world: KspecWorld): number { return world.cluster.timelineStart(); }

function lookup(world: KspecWorld, ref: ObjectRef): KObject | undefined {
  return world.cluster.tryGet(ref.info.resource, ref.name, ref.namespace);
}

/** Checks the object against the expectation, advancing virtual time up to `limit` (0: check once). */
function assertMatches(world: KspecWorld, ref: ObjectRef, yaml: string, limit: number): void {
  const expected = expectation(yaml);
  let last: { object?: KObject; diffs: Difference[] } = { diffs: [] };
  const check = (): boolean => {
    const object = lookup(world, ref);
    last = { object, diffs: object ? differences(object, expected) : [] };
    return object !== undefined && last.diffs.length === 0;
  };
  const ok = limit > 0 ? world.cluster.advanceUntil(check, limit) : (world.cluster.converge(), check());
  if (ok) return;
  const note = limit > 0 ? `after ${formatGoDuration(limit)} of virtual time` : undefined;
  if (!last.object) throw new Error(existenceMessage(describeRef(ref), false, history(world, ref), start(world), note));
  world.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(last.object) };
  throw new Error(matchFailureMessage({
    subject: describeRef(ref), differences: last.diffs, object: last.object, history: history(world, ref), start: start(world), note,
    pods: podLines(world, ref),
  }));
}

/** The pods of a workload or Service whose state did not match, with why each is not running. */
function podLines(world: KspecWorld, ref: ObjectRef): string[] | undefined {
  if (ref.info.kind === 'Pod') return undefined;
  try { return podsOf(world.cluster.api, ref.info, ref.name, ref.namespace).map(podStatusLine); } catch { return undefined; }
}

// The object matches the YAML subset now; e.g. `Then the deployment "web" matches:` and `status: {readyReplicas: 3}`
Then('the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { assertMatches(this, ref, yaml, 0); });
// Advances virtual time (up to 5 minutes) until the object matches; e.g. `Then eventually the pod "web-0" matches:`
Then('eventually the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { assertMatches(this, ref, yaml, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 30 seconds the deployment "web" matches:`
Then('within {duration} the {object} matches:', function (this: KspecWorld, limit: number, ref: ObjectRef, yaml: string) {
  assertMatches(this, ref, yaml, limit);
});

function assertExists(world: KspecWorld, ref: ObjectRef, limit: number): void {
  const found = () => lookup(world, ref) !== undefined;
  if (limit > 0 ? world.cluster.advanceUntil(found, limit) : (world.cluster.converge(), found())) return;
  const note = limit > 0 ? `after ${formatGoDuration(limit)} of virtual time` : undefined;
  throw new Error(existenceMessage(describeRef(ref), false, history(world, ref), start(world), note));
}

// The object exists now; e.g. `Then the pod "web" exists`
Then('the {object} exists', function (this: KspecWorld, ref: ObjectRef) { assertExists(this, ref, 0); });
// Advances virtual time (up to 5 minutes) until it exists; e.g. `Then eventually the job "backup-28000000" exists`
Then('eventually the {object} exists', function (this: KspecWorld, ref: ObjectRef) { assertExists(this, ref, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 2 minutes the pod "web" exists`
Then('within {duration} the {object} exists', function (this: KspecWorld, limit: number, ref: ObjectRef) { assertExists(this, ref, limit); });

function assertGone(world: KspecWorld, ref: ObjectRef, limit: number): void {
  const gone = () => lookup(world, ref) === undefined;
  const ok = limit > 0 ? world.cluster.advanceUntil(gone, limit) : (world.cluster.converge(), gone());
  if (ok) return;
  const object = lookup(world, ref)!;
  const note = limit > 0 ? `after ${formatGoDuration(limit)} of virtual time` : undefined;
  world.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(object) };
  throw new Error(`${existenceMessage(describeRef(ref), true, history(world, ref), start(world), note)}\n\nit is now:\n${objectYaml(object).replace(/^/gm, '  ')}`);
}

// e.g. `Then the pod "web-0" does not exist`
Then('the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { assertGone(this, ref, 0); });
// Advances virtual time (up to 5 minutes) until it is gone; e.g. `Then eventually the pvc "data" does not exist`
Then('eventually the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { assertGone(this, ref, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 90 seconds the pod "web" does not exist`
Then('within {duration} the {object} does not exist', function (this: KspecWorld, limit: number, ref: ObjectRef) { assertGone(this, ref, limit); });

/** Counts objects by label selector (namespaced kinds in `namespace`), advancing virtual time up to `limit` (0: now). */
function assertCount(world: KspecWorld, n: number, info: ResourceInfo, selector: string | undefined, ns: string | undefined, limit: number): void {
  const namespace = info.namespaced ? ns ?? 'default' : undefined;
  if (!info.namespaced && ns) throw new Error(`${info.resource} are not namespaced: drop 'in namespace "${ns}"'`);
  let items: KObject[] = [];
  const check = () => (items = world.cluster.list(info.resource, { namespace, labelSelector: selector })).length === n;
  if (limit > 0 ? world.cluster.advanceUntil(check, limit) : (world.cluster.converge(), check())) return;
  const where = `${selector === undefined ? '' : ` with labels "${selector}"`}${namespace ? ` in namespace "${namespace}"` : ''}`;
  const note = limit > 0 ? ` after ${formatGoDuration(limit)} of virtual time` : '';
  throw new Error(`expected ${n} ${info.resource}${where}, found ${items.length}${note}` +
    (items.length ? `:\n${items.map((o) => `  ${objectStatusLine(o)}`).join('\n')}` : ''));
}

// Counts objects by label selector in namespace default; e.g. `Then there are 3 pods with labels "app=web"`
Then('there are {int} {kind} with labels {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
  assertCount(this, n, info, selector, undefined, 0);
});
// …in another namespace; e.g. `Then there are 2 pods with labels "app=api" in namespace "prod"`
Then('there are {int} {kind} with labels {string} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
  assertCount(this, n, info, selector, ns, 0);
});
// Every object of the kind in the namespace; e.g. `Then there are 2 deployments in namespace "kube-system"`
Then('there are {int} {kind} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, ns: string) {
  assertCount(this, n, info, undefined, ns, 0);
});
// Advances virtual time (up to 5 minutes) until the count holds; e.g. `Then eventually there are 3 pods with labels "app=web"`
Then('eventually there are {int} {kind} with labels {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
  assertCount(this, n, info, selector, undefined, DEFAULT_LIMIT);
});
// …in another namespace; e.g. `Then eventually there are 0 pods with labels "app=api" in namespace "prod"`
Then('eventually there are {int} {kind} with labels {string} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
  assertCount(this, n, info, selector, ns, DEFAULT_LIMIT);
});
// The same with its own limit; e.g. `Then within 2 minutes there are 5 pods with labels "app=web"`
Then('within {duration} there are {int} {kind} with labels {string}', function (this: KspecWorld, limit: number, n: number, info: ResourceInfo, selector: string) {
  assertCount(this, n, info, selector, undefined, limit);
});

function eventsAbout(world: KspecWorld, ref: ObjectRef): KObject[] {
  return world.cluster.list('events', { namespace: ref.namespace }).filter((e) => {
    const io = e.involvedObject ?? {};
    return io.kind === ref.info.kind && io.name === ref.name && (ref.namespace === undefined || (io.namespace ?? ref.namespace) === ref.namespace);
  });
}

function assertEvent(world: KspecWorld, ref: ObjectRef, reason: string, message?: string): void {
  world.cluster.converge();
  const events = eventsAbout(world, ref);
  if (events.some((e) => e.reason === reason && (message === undefined || String(e.message ?? '').includes(message)))) return;
  const want = `an event with reason "${reason}"${message === undefined ? '' : ` and a message containing ${JSON.stringify(message)}`}`;
  const found = events.length
    ? `its events:\n${events.map((e) => `  ${e.type}  ${e.reason}  ${e.message ?? ''}`).join('\n')}`
    : 'it has no events';
  throw new Error(`expected ${describeRef(ref)} to have ${want}; ${found}`);
}

// An Event about the object has the reason; e.g. `Then the pod "web" has an event with reason "Scheduled"`
Then('the {object} has an event with reason {string}', function (this: KspecWorld, ref: ObjectRef, reason: string) {
  assertEvent(this, ref, reason);
});
// …and its message contains the text; e.g. `Then the pod "web" has an event with reason "Failed" and message "ErrImagePull"`
Then('the {object} has an event with reason {string} and message {string}', function (this: KspecWorld, ref: ObjectRef, reason: string, message: string) {
  assertEvent(this, ref, reason, message);
});
// No Event about the object has the reason; e.g. `Then the service "web" has no event with reason "UpdatedLoadBalancer"`
Then('the {object} has no event with reason {string}', function (this: KspecWorld, ref: ObjectRef, reason: string) {
  this.cluster.converge();
  const hits = eventsAbout(this, ref).filter((e) => e.reason === reason);
  if (hits.length) throw new Error(`expected ${describeRef(ref)} to have no event with reason "${reason}", but it has:\n${hits.map((e) => `  ${e.type}  ${e.reason}  ${e.message ?? ''}`).join('\n')}`);
});
