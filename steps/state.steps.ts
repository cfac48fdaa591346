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
  }));
}

// The object matches the YAML subset now; e.g. `Then the deployment "web" matches:` and `status: {readyReplicas: 3}`
Then('the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { return assertMatches(this, ref, yaml, 0); });
// Waits up to 5 minutes (of virtual time; of the wall clock on a live cluster) until the object matches; e.g. `Then eventually the pod "web-0" matches:`
Then('eventually the {object} matches:', function (this: KspecWorld, ref: ObjectRef, yaml: string) { return assertMatches(this, ref, yaml, DEFAULT_LIMIT); });
// The same with its own limit; e.g. `Then within 30 seconds the deployment "web" matches:`
Then('within {duration} the {object} matches:', function (this: KspecWorld, limit: number, ref: ObjectRef, yaml: string) {
  return assertMatches(this, ref, yaml, limit);
});

async function assertGone(world: KspecWorld, ref: ObjectRef, limit: number): Promise<void> {
  let object: KObject | undefined;
  const gone = async () => (object = await world.target.get(ref)) === undefined;
  if (await holds(world, gone, limit)) return;
  const note = limitNote(world, limit);
  world.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(object!) };
  throw new Error(`${existenceMessage(describeRef(ref), true, history(world, ref), start(world), note)}\n\nit is now:\n${objectYaml(object!).replace(/^/gm, '  ')}`);
}

// e.g. `Then the pod "web-0" does not exist`
Then('the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { return assertGone(this, ref, 0); });
// Waits up to 5 minutes (of virtual time; of the wall clock live) until it is gone; e.g. `Then eventually the pvc "data" does not exist`
Then('eventually the {object} does not exist', function (this: KspecWorld, ref: ObjectRef) { return assertGone(this, ref, DEFAULT_LIMIT); });

function summary(o: KObject): string {
  const phase = o.status?.phase ? ` (${o.status.phase}${o.metadata.deletionTimestamp ? ', terminating' : ''})` : o.metadata.deletionTimestamp ? ' (terminating)' : '';
  return `${o.metadata.name}${phase}`;
}

// Counts objects by label selector in namespace default; e.g. `Then there are 3 pods with labels "app=web"`
Then('there are {int} {kind} with labels {string}', async function (this: KspecWorld, n: number, info: ResourceInfo, selector: string) {
  const namespace = info.namespaced ? 'default' : undefined;
  let items: KObject[] = [];
  if (await this.target.settled(async () => (items = await this.target.list(info, { namespace, labelSelector: selector })).length === n)) return;
  const where = namespace ? ` in namespace "${namespace}"` : '';
  throw new Error(`expected ${n} ${info.resource} with labels "${selector}"${where}, found ${items.length}` +
    (items.length ? `:\n${items.map((o) => `  ${summary(o)}`).join('\n')}` : ''));
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
