// Assertions about objects on any target: an object matches a YAML subset, exists, is gone; a count of objects
// by label selector. Each checks once what is under way has settled, or until a limit passes on the target's
// clock (virtual time on the model, the wall clock live). A failure says what differed by field path, shows
// the object and its recent history and, on the model, why a workload's pods are not running.
//   await expectMatches(cluster, objectKey('deployment', 'web'), 'status: {readyReplicas: 3}', { within: '2m' })

import { load } from 'js-yaml';
import type { Cluster } from '../cluster';
import type { ObjectKey } from '../target/target';
import type { ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';
import { goDurationSeconds } from '../util/go/duration';
import { differences, type Difference } from './match';
import { matchFailureMessage, existenceMessage, objectYaml } from './report';
import { objectStatusLine, podStatusLine } from './pod-status';
import { podsOf } from '../scenario/pods-of';
import { type Scene, type Within, describeObject, holds, limitOf, resourceOf, sceneOf } from './scene';

/** How many history entries a failure shows. */
const HISTORY = 30;

function expectation(yaml: string): unknown {
  try {
    return load(yaml);
  } catch (e) {
    throw new Error(`the expected state is not valid YAML: ${(e as Error).message}`);
  }
}

/** `after 5m0s of virtual time`, for a check that waited. */
function limitNote(scene: Scene, within: Within): string | undefined {
  const limit = limitOf(within);
  return limit > 0 ? `after ${goDurationSeconds(limit)} of ${scene.target.clockName}` : undefined;
}

const history = (scene: Scene, ref: ObjectKey) => scene.target.history(ref, HISTORY);

/** The pods of a workload or Service, with why each is not running: only the model can say. */
function podLines(scene: Scene, ref: ObjectKey): string[] | undefined {
  if (ref.info.kind === 'Pod' || !scene.model) return undefined;
  try {
    return podsOf(scene.model.api, ref.info, ref.name, ref.namespace).map(podStatusLine);
  } catch {
    return undefined;
  }
}

/** The object matches the expectation (YAML text or a value): every field it gives, equal; others ignored. */
export async function expectMatches(
  on: Scene | Cluster,
  ref: ObjectKey,
  expected: string | object,
  opts: { within?: Within } = {},
): Promise<void> {
  const scene = sceneOf(on);
  const want = typeof expected === 'string' ? expectation(expected) : expected;
  let last: { object?: KObject; diffs: Difference[] } = { diffs: [] };
  const check = async (): Promise<boolean> => {
    const object = await scene.target.get(ref);
    last = { object, diffs: object ? differences(object, want) : [] };
    return object !== undefined && last.diffs.length === 0;
  };
  if (await holds(scene.target, check, opts.within)) return;
  const note = limitNote(scene, opts.within),
    start = scene.target.start();
  if (!last.object) throw new Error(existenceMessage(describeObject(ref), false, history(scene, ref), start, note));
  scene.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(last.object) };
  throw new Error(
    matchFailureMessage({
      subject: describeObject(ref),
      differences: last.diffs,
      object: last.object,
      history: history(scene, ref),
      start,
      note,
      pods: podLines(scene, ref),
    }),
  );
}

/** The object exists. */
export async function expectExists(on: Scene | Cluster, ref: ObjectKey, opts: { within?: Within } = {}): Promise<void> {
  const scene = sceneOf(on);
  if (await holds(scene.target, async () => (await scene.target.get(ref)) !== undefined, opts.within)) return;
  throw new Error(
    existenceMessage(
      describeObject(ref),
      false,
      history(scene, ref),
      scene.target.start(),
      limitNote(scene, opts.within),
    ),
  );
}

/** The object does not exist (it was never created, or it is gone). */
export async function expectGone(on: Scene | Cluster, ref: ObjectKey, opts: { within?: Within } = {}): Promise<void> {
  const scene = sceneOf(on);
  let object: KObject | undefined;
  if (await holds(scene.target, async () => (object = await scene.target.get(ref)) === undefined, opts.within)) return;
  scene.failedObject = { name: `${ref.info.singular}-${ref.name}`, yaml: objectYaml(object!) };
  const message = existenceMessage(
    describeObject(ref),
    true,
    history(scene, ref),
    scene.target.start(),
    limitNote(scene, opts.within),
  );
  throw new Error(`${message}\n\nit is now:\n${objectYaml(object!).replace(/^/gm, '  ')}`);
}

export interface CountOptions {
  /** a label selector (`app=web,tier!=db`); none counts every object of the kind */
  labelSelector?: string;
  /** where namespaced kinds are counted (default `default`); cluster-scoped kinds take none */
  namespace?: string;
  within?: Within;
}

/** There are exactly `n` objects of the kind (kubectl's name for it, `pods`, `rs`, or its ResourceInfo). */
export async function expectCount(
  on: Scene | Cluster,
  kind: ResourceInfo | string,
  n: number,
  opts: CountOptions = {},
): Promise<void> {
  const scene = sceneOf(on);
  const info = typeof kind === 'string' ? resourceOf(kind) : kind;
  if (!info.namespaced && opts.namespace)
    throw new Error(`${info.resource} are not namespaced: drop 'in namespace "${opts.namespace}"'`);
  const namespace = info.namespaced ? (opts.namespace ?? 'default') : undefined,
    selector = opts.labelSelector;
  let items: KObject[] = [];
  const check = async () =>
    (items = await scene.target.list(info, { namespace, labelSelector: selector })).length === n;
  if (await holds(scene.target, check, opts.within)) return;
  const where = `${selector === undefined ? '' : ` with labels "${selector}"`}${namespace ? ` in namespace "${namespace}"` : ''}`;
  const note = limitOf(opts.within) > 0 ? ` ${limitNote(scene, opts.within)}` : '';
  throw new Error(
    `expected ${n} ${info.resource}${where}, found ${items.length}${note}` +
      (items.length ? `:\n${items.map((o) => `  ${objectStatusLine(o)}`).join('\n')}` : ''),
  );
}
