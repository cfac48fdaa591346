// Events about an object, on any target: an Event with a reason (and a message containing a text) is there, or
// none with that reason is. An Event is about the object its involvedObject names: kind, name and namespace.

import type { Cluster } from '../cluster';
import type { ObjectKey } from '../target/target';
import type { KObject } from '../api/meta';
import { resolveResource } from '../api/kinds';
import { type Scene, describeObject, sceneOf } from './scene';

const EVENTS = resolveResource('events')!;

/** The Events whose involvedObject is the object. */
export async function eventsAbout(on: Scene | Cluster, ref: ObjectKey): Promise<KObject[]> {
  return (await sceneOf(on).target.list(EVENTS, { namespace: ref.namespace })).filter((e) => {
    const io = e.involvedObject ?? {};
    return (
      io.kind === ref.info.kind &&
      io.name === ref.name &&
      (ref.namespace === undefined || (io.namespace ?? ref.namespace) === ref.namespace)
    );
  });
}

const eventLines = (events: KObject[]) => events.map((e) => `  ${e.type}  ${e.reason}  ${e.message ?? ''}`).join('\n');

/** An Event about the object has the reason and, when given, a message containing the text. */
export async function expectEvent(
  on: Scene | Cluster,
  ref: ObjectKey,
  reason: string,
  message?: string,
): Promise<void> {
  const scene = sceneOf(on);
  let events: KObject[] = [];
  const has = async () =>
    (events = await eventsAbout(scene, ref)).some(
      (e) => e.reason === reason && (message === undefined || String(e.message ?? '').includes(message)),
    );
  if (await scene.target.settled(has)) return;
  const want = `an event with reason "${reason}"${message === undefined ? '' : ` and a message containing ${JSON.stringify(message)}`}`;
  throw new Error(
    `expected ${describeObject(ref)} to have ${want}; ${events.length ? `its events:\n${eventLines(events)}` : 'it has no events'}`,
  );
}

/** No Event about the object has the reason. */
export async function expectNoEvent(on: Scene | Cluster, ref: ObjectKey, reason: string): Promise<void> {
  const scene = sceneOf(on);
  let hits: KObject[] = [];
  // a live cluster is read once: waiting could only find an event, never prove its absence
  await scene.target.settled(async () => {
    hits = (await eventsAbout(scene, ref)).filter((e) => e.reason === reason);
    return true;
  });
  if (hits.length)
    throw new Error(
      `expected ${describeObject(ref)} to have no event with reason "${reason}", but it has:\n${eventLines(hits)}`,
    );
}
