// Rollouts over time: invariants that must hold at every moment of a Deployment's latest rollout (never fewer
// than N available replicas, never more than N pods), and the rollout's steps as a table of replica counts.
// Each step first lets the rollout finish (up to 10 minutes of virtual time), then replays it from the timeline.
import { Then, DataTable } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { ObjectRef, describeRef } from './parameters';
import { Rollout, SampleColumn, SAMPLE_COLUMNS, replayRollout, rolloutSteps, rolloutTable, firstOutside, waitForRollout } from '../src/assert/rollout';

const ROLLOUT_LIMIT = 10 * 60_000;

function rollout(world: KspecWorld, ref: ObjectRef): Rollout {
  if (ref.info.resource !== 'deployments') throw new Error(`only a Deployment has a rollout to replay, not ${describeRef(ref)}`);
  world.cluster.get(ref.info.resource, ref.name, ref.namespace); // NotFound names the missing object
  waitForRollout(world.cluster, ref.namespace!, ref.name, ROLLOUT_LIMIT);
  const { entries, snapshot } = world.cluster.timelineHistory();
  return replayRollout(entries, ref.namespace!, ref.name, snapshot);
}

function assertBound(world: KspecWorld, ref: ObjectRef, column: SampleColumn, bound: { min?: number; max?: number }, what: string): void {
  const r = rollout(world, ref);
  const bad = firstOutside(r, column, bound);
  if (!bad) return;
  throw new Error(`during the rollout ${describeRef(ref)} had ${bad[column]} ${what} ${Math.round((bad.time - r.start) / 1000)}s after it began ` +
    `(expected ${bound.min !== undefined ? `at least ${bound.min}` : `at most ${bound.max}`}).\nThe rollout, after each change:\n${rolloutTable(r)}`);
}

// Model-only (the model's timeline): at no moment of the latest rollout were fewer replicas available; e.g. `Then during the rollout deployment "web" never had fewer than 3 available replicas`
Then('during the rollout {object} never had fewer than {int} available replicas', function (this: KspecWorld, ref: ObjectRef, n: number) {
  assertBound(this, ref, 'available', { min: n }, 'available replicas');
});
// Model-only (the model's timeline): the same for ready replicas; e.g. `Then during the rollout deployment "web" never had fewer than 3 ready replicas`
Then('during the rollout {object} never had fewer than {int} ready replicas', function (this: KspecWorld, ref: ObjectRef, n: number) {
  assertBound(this, ref, 'ready', { min: n }, 'ready replicas');
});
// Model-only (the model's timeline): at no moment were there more pods, old and new; e.g. `Then during the rollout deployment "web" never had more than 4 pods`
Then('during the rollout {object} never had more than {int} pods', function (this: KspecWorld, ref: ObjectRef, n: number) {
  assertBound(this, ref, 'pods', { max: n }, 'pods');
});

/**
 * Model-only (the model's timeline): a table whose header names columns among old, new, pods, ready, available;
 * one row each time their values changed, from the last change of the Deployment's spec on; e.g. `Then the rollout of deployment "web" went through these steps:` and a table
 */
Then('the rollout of {object} went through these steps:', function (this: KspecWorld, ref: ObjectRef, table: DataTable) {
  const [header, ...expected] = table.raw();
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(SAMPLE_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw new Error(`unknown column(s) ${unknown.join(', ')}: the columns are ${SAMPLE_COLUMNS.join(', ')}`);
  const r = rollout(this, ref);
  const actual = rolloutSteps(r, columns as SampleColumn[]);
  const show = (rows: string[][]) => [columns, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
  if (JSON.stringify(actual) !== JSON.stringify(expected.map((row) => row.map((v) => v.trim())))) {
    throw new Error(`the rollout of ${describeRef(ref)} went through other steps.\nExpected:\n${show(expected)}\nActual:\n${show(actual)}`);
  }
});
