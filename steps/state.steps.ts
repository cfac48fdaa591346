// State: an object matches a YAML subset (now, eventually, within a limit), does not exist, a count by label
// selector, and Events about an object. Failures show the differing field paths, the object and its history.
import { Then } from '@cucumber/cucumber';
import { load } from 'js-yaml';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import { resolveResource, type ResourceInfo } from '../src/api/kinds';
import type { KObject } from '../src/api/meta';
import { differences, Difference } from '../src/assert/match';
import { matchFailureMessage, existenceMessage, objectYaml } from '../src/assert/report';
import { formatGoDuration } from '../src/runtime/duration';
import { objectStatusLine, podStatusLine } from '../src/assert/pod-status';
import { podsOf } from '../src/assert/pods-of';

const DEFAULT_LIMIT = 5 * 60_000;
const EVENTS = resolveResource('events')!;

function expectation(yaml: string): unknown {
  try {
    return load(yaml);
  } catch (e) {
    throw new Error(`the expected state is not valid YAML: ${(e as Error).message}`);
  }
}

function history(world: KspecWorld, ref: ObjectRef) { return world.target.history(ref, 30); }

function start(world: KspecWorld): number { return world.target.start(); }

/** Checks until `check` holds: now, once settled (limit 0), or until the limit passes on the target's clock. */
function holds(world: KspecWorld, check: () => Promise<boolean>, limit: number): Promise<boolean> {
  return limit > 0 ? world.target.until(check, limit) : world.target.settled(check);
}

const limitNote = (world: KspecWorld, limit: number) => (limit > 0 ? `after ${formatGoDuration(limit)} of ${world.target.clockName}` : undefined);

/** Checks the object against the expectation, waiting up to `limit` (0: check once). */
async function assertMatches(world: KspecWorld, ref: ObjectRef, yaml: string, limit: number): Promise<void> {
  const expected = expectation(yaml);
  let last: { object?: KObject; diffs: Difference[] } = { diffs: [] };
  const check = async (): Promise<boolean> => {
    const object = await world.target.get(ref);
    last = { object, diffs: object ? differences(object, expected) : [] };
    return object !== undefined && last.diffs.length === 0;
  };
  if (await holds(world, check, limit)) return;
  const note = limitNote(world, limit);
  if (!last.object) throw new Error(existenceMessage(describeRef(ref), false, history(world, ref), start(world), note));
  world.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(last.object) };
  throw new Error(matchFailureMessage({
    subject: describeRef(ref), differences: last.diffs, object: last.object, history: history(world, ref), start: start(world), note,
    pods: podLines(world, ref),
  }));
}

/** The pods of a workload or Service whose state did not match, with why each is not running (on the model). */
function podLines(world: KspecWorld, ref: ObjectRef): string[] | undefined {
  if (ref.info.kind === 'Pod' || !world.hasCluster) return undefined;
  try { return podsOf(world.cluster.api, ref.info, ref.name, ref.namespace).map(podStatusLine); } catch { return undefined; }
}

// The object matches the YAML subset now; e.g. `Then the deployment "web" matches:` and `status: {readyReplicas: 3}`
Then('the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { return assertMatches(this, ref, yaml, 0); });
// Waits up to 5 minutes (of virtual time; of the wall clock on a live cluster) until the object matches; e.g. `Then eventually the pod "web-0" matches:`
Then('eventually the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { return assertMatches(this, ref, yaml, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 30 seconds the deployment "web" matches:`
Then('within {duration} the {object} matches:', function (this: KspecWorld, limit: number, ref: ObjectRef, yaml: string) {
  return assertMatches(this, ref, yaml, limit);
});

async function assertExists(world: KspecWorld, ref: ObjectRef, limit: number): Promise<void> {
  if (await holds(world, async () => (await world.target.get(ref)) !== undefined, limit)) return;
  throw new Error(existenceMessage(describeRef(ref), false, history(world, ref), start(world), limitNote(world, limit)));
}

// The object exists now; e.g. `Then the pod "web" exists`
Then('the {object} exists', function (this: KspecWorld, ref: ObjectRef) { return assertExists(this, ref, 0); });
// Waits up to 5 minutes (of virtual time; of the wall clock live) until it exists; e.g. `Then eventually the job "backup-28000000" exists`
Then('eventually the {object} exists', function (this: KspecWorld, ref: ObjectRef) { return assertExists(this, ref, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 2 minutes the pod "web" exists`
Then('within {duration} the {object} exists', function (this: KspecWorld, limit: number, ref: ObjectRef) { return assertExists(this, ref, limit); });

async function assertGone(world: KspecWorld, ref: ObjectRef, limit: number): Promise<void> {
  let object: KObject | undefined;
  if (await holds(world, async () => (object = await world.target.get(ref)) === undefined, limit)) return;
  world.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(object!) };
  throw new Error(`${existenceMessage(describeRef(ref), true, history(world, ref), start(world), limitNote(world, limit))}\n\nit is now:\n${objectYaml(object!).replace(/^/gm, '  ')}`);
}

// e.g. `Then the pod "web-0" does not exist`
Then('the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { return assertGone(this, ref, 0); });
// Waits up to 5 minutes (of virtual time; of the wall clock live) until it is gone; e.g. `Then eventually the pvc "data" does not exist`
Then('eventually the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { return assertGone(this, ref, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 90 seconds the pod "web" does not exist`
Then('within {duration} the {object} does not exist', function (this: KspecWorld, limit: number, ref: ObjectRef) { return assertGone(this, ref, limit); });

/** Counts objects by label selector (namespaced kinds in `namespace`), waiting up to `limit` (0: now). */
async function assertCount(world: KspecWorld, n: number, info: ResourceInfo, selector: string | undefined, ns: string | undefined, limit: number): Promise<void> {
  const namespace = info.namespaced ? ns ?? 'default' : undefined;
  if (!info.namespaced && ns) throw new Error(`${info.resource} are not namespaced: drop 'in namespace "${ns}"'`);
  let items: KObject[] = [];
  const check = async () => (items = await world.target.list(info, { namespace, labelSelector: selector })).length === n;
  if (await holds(world, check, limit)) return;
  const where = `${selector === undefined ? '' : ` with labels "${selector}"`}${namespace ? ` in namespace "${namespace}"` : ''}`;
  const note = limit > 0 ? ` ${limitNote(world, limit)}` : '';
  throw new Error(`expected ${n} ${info.resource}${where}, found ${items.length}${note}` +
    (items.length ? `:\n${items.map((o) => `  ${objectStatusLine(o)}`).join('\n')}` : ''));
}

// Counts objects by label selector in namespace default; e.g. `Then there are 3 pods with labels "app=web"`
Then('there are {int} {kind} with labels {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
  return assertCount(this, n, info, selector, undefined, 0);
});
// …in another namespace; e.g. `Then there are 2 pods with labels "app=api" in namespace "prod"`
Then('there are {int} {kind} with labels {string} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
  return assertCount(this, n, info, selector, ns, 0);
});
// Every object of the kind in the namespace; e.g. `Then there are 2 deployments in namespace "kube-system"`
Then('there are {int} {kind} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, ns: string) {
  return assertCount(this, n, info, undefined, ns, 0);
});
// Advances virtual time (up to 5 minutes) until the count holds; e.g. `Then eventually there are 3 pods with labels "app=web"`
Then('eventually there are {int} {kind} with labels {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
  return assertCount(this, n, info, selector, undefined, DEFAULT_LIMIT);
});
// …in another namespace; e.g. `Then eventually there are 0 pods with labels "app=api" in namespace "prod"`
Then('eventually there are {int} {kind} with labels {string} in namespace {string}', function (this: KspecWorld, n: number, info: ResourceInfo, selector: string, ns: string) {
  return assertCount(this, n, info, selector, ns, DEFAULT_LIMIT);
});
// The same with its own limit; e.g. `Then within 2 minutes there are 5 pods with labels "app=web"`
Then('within {duration} there are {int} {kind} with labels {string}', function (this: KspecWorld, limit: number, n: number, info: ResourceInfo, selector: string) {
  return assertCount(this, n, info, selector, undefined, limit);
});

async function eventsAbout(world: KspecWorld, ref: ObjectRef): Promise<KObject[]> {
  return (await world.target.list(EVENTS, { namespace: ref.namespace })).filter((e) => {
    const io = e.involvedObject ?? {};
    return io.kind === ref.info.kind && io.name === ref.name && (ref.namespace === undefined || (io.namespace ?? ref.namespace) === ref.namespace);
  });
}

async function assertEvent(world: KspecWorld, ref: ObjectRef, reason: string, message?: string): Promise<void> {
  let events: KObject[] = [];
  const has = async () => (events = await eventsAbout(world, ref)).some((e) => e.reason === reason && (message === undefined || String(e.message ?? '').includes(message)));
  if (await world.target.settled(has)) return;
  const want = `an event with reason "${reason}"${message === undefined ? '' : ` and a message containing ${JSON.stringify(message)}`}`;
  const found = events.length
    ? `its events:\n${events.map((e) => `  ${e.type}  ${e.reason}  ${e.message ?? ''}`).join('\n')}`
    : 'it has no events';
  throw new Error(`expected ${describeRef(ref)} to have ${want}; ${found}`);
}

// An Event about the object has the reason; e.g. `Then the pod "web" has an event with reason "Scheduled"`
Then('the {object} has an event with reason {string}', function (this: KspecWorld, ref: ObjectRef, reason: string) {
  return assertEvent(this, ref, reason);
});
// …and its message contains the text; e.g. `Then the pod "web" has an event with reason "Failed" and message "ErrImagePull"`
Then('the {object} has an event with reason {string} and message {string}', function (this: KspecWorld, ref: ObjectRef, reason: string, message: string) {
  return assertEvent(this, ref, reason, message);
});
// No Event about the object has the reason; e.g. `Then the service "web" has no event with reason "UpdatedLoadBalancer"`
Then('the {object} has no event with reason {string}', async function (this: KspecWorld, ref: ObjectRef, reason: string) {
  let hits: KObject[] = [];
  // a live cluster is read once: waiting could only find an event, never prove its absence
  await this.target.settled(async () => { hits = (await eventsAbout(this, ref)).filter((e) => e.reason === reason); return true; });
  if (hits.length) throw new Error(`expected ${describeRef(ref)} to have no event with reason "${reason}", but it has:\n${hits.map((e) => `  ${e.type}  ${e.reason}  ${e.message ?? ''}`).join('\n')}`);
});
