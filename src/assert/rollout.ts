// A Deployment's rollout replayed from the timeline: after every write that touched the Deployment, its
// ReplicaSets or their pods, how many replicas the old and new ReplicaSets wanted, and how many pods existed,
// were ready and were available. Assertions over time ("never fewer than 3 available") read these samples, so a
// learner sees what maxSurge and maxUnavailable allowed, not only where the rollout ended.

import type { TimelineEntry } from '../apiserver/timeline';
import { type KObject, controllerOf } from '../api/meta';
import { isPodActive, isPodAvailable, isPodReady } from '../api/pod';
import { deploymentComplete, equalIgnoreHash } from '../controllers/deployment/util';
import type { Cluster } from '../cluster';
import type { ObjectKey } from '../target/target';
import { describeObject } from './scene';

export interface RolloutSample {
  /** virtual time of the write, ms */
  time: number;
  /** spec.replicas summed over the old ReplicaSets */
  old: number;
  /** spec.replicas of the new ReplicaSet (the one whose template is the Deployment's), 0 before it exists */
  new: number;
  /** pods of the Deployment that are neither terminating nor finished (what the controllers count) */
  pods: number;
  ready: number;
  available: number;
}

export const SAMPLE_COLUMNS = ['old', 'new', 'pods', 'ready', 'available'] as const;
export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];

export interface Rollout {
  /** when the rollout began: the last write that changed the Deployment's spec (its generation) */
  start: number;
  samples: RolloutSample[];
}

/**
 * The Deployment's latest rollout: the state at its last spec change (create, new template, scale), then after
 * every later write that changed one of the counts. The whole timeline is replayed, so the state before the
 * rollout (old ReplicaSets and their pods) is known; only the samples from the last spec change on are kept.
 */
/** `snapshot`: the first entries are a summary of each object's state at one instant (Timeline.history), sampled only as a whole. */
export function replayRollout(
  timeline: readonly TimelineEntry[],
  namespace: string,
  name: string,
  snapshot = 0,
): Rollout {
  const own = (e: TimelineEntry) => e.kind === 'write' && e.object && e.namespace === namespace;
  let startAt = -1,
    lastGen: number | undefined,
    final: KObject | undefined;
  for (let i = 0; i < timeline.length; i++) {
    const e = timeline[i];
    if (!own(e) || e.resource !== 'deployments' || e.name !== name) continue;
    const gen = e.object!.metadata.generation;
    if (gen !== lastGen) {
      startAt = i;
      lastGen = gen;
    }
    final = e.object;
  }
  if (!final) throw new Error(`deployment "${name}" in namespace "${namespace}" has no history: it was never created`);
  const uid = final.metadata.uid;

  let d: KObject = final;
  const rss = new Map<string, KObject>(),
    pods = new Map<string, KObject>();
  const samples: RolloutSample[] = [];
  /** applies a write to the state; whether it touched the rollout */
  const apply = (e: TimelineEntry): boolean => {
    if (!own(e)) return false;
    const o = e.object!,
      removed = e.verb === 'delete' && !e.message?.startsWith('graceful');
    if (e.resource === 'deployments') {
      if (e.name !== name || o.metadata.uid !== uid) return false;
      d = o;
    } else if (e.resource === 'replicasets') {
      if (controllerOf(o)?.uid !== uid && !rss.has(o.metadata.uid!)) return false;
      if (removed || controllerOf(o)?.uid !== uid) rss.delete(o.metadata.uid!);
      else rss.set(o.metadata.uid!, o);
    } else if (e.resource === 'pods') {
      const rsUid = controllerOf(o)?.uid;
      if (!(rsUid && rss.has(rsUid)) && !pods.has(o.metadata.uid!)) return false;
      if (removed || !(rsUid && rss.has(rsUid))) pods.delete(o.metadata.uid!);
      else pods.set(o.metadata.uid!, o);
    } else return false;
    return true;
  };
  for (let i = 0; i < timeline.length; i++) {
    const e = timeline[i];
    const touched = apply(e);
    // a summary is one instant: its state is sampled once, when it is complete (at the first entry after it)
    const summaryEnd = snapshot > 0 && i === snapshot - 1;
    if (i < startAt || i < snapshot - 1 || !(touched || summaryEnd)) continue;
    const s = sample(summaryEnd ? (timeline[snapshot]?.time ?? e.time) : e.time, d, final, rss, pods);
    const last = samples[samples.length - 1];
    if (!last || SAMPLE_COLUMNS.some((c) => last[c] !== s[c])) samples.push(s);
  }
  return { start: timeline[startAt].time, samples };
}

function sample(
  time: number,
  d: KObject,
  final: KObject,
  rss: Map<string, KObject>,
  pods: Map<string, KObject>,
): RolloutSample {
  const s: RolloutSample = { time, old: 0, new: 0, pods: 0, ready: 0, available: 0 };
  for (const rs of rss.values()) {
    const n = rs.spec?.replicas ?? 1;
    if (equalIgnoreHash(rs.spec?.template, final.spec?.template)) s.new += n;
    else s.old += n;
  }
  const minReady = d.spec?.minReadySeconds ?? 0;
  for (const p of pods.values()) {
    if (!isPodActive(p)) continue;
    s.pods++;
    if (isPodReady(p)) s.ready++;
    if (isPodAvailable(p, minReady, time)) s.available++;
  }
  return s;
}

/**
 * The rollout as a table of the given columns: one row each time their values change, the way a learner would
 * draw the rollout's steps. Each row is the column values as strings.
 */
export function rolloutSteps(r: Rollout, columns: readonly SampleColumn[]): string[][] {
  const rows: string[][] = [];
  for (const s of r.samples) {
    const row = columns.map((c) => String(s[c]));
    const last = rows[rows.length - 1];
    if (!last || last.some((v, i) => v !== row[i])) rows.push(row);
  }
  return rows;
}

/** The first sample where the column falls below min (or rises above max), if any. */
export function firstOutside(
  r: Rollout,
  column: SampleColumn,
  bound: { min?: number; max?: number },
): RolloutSample | undefined {
  return r.samples.find(
    (s) => (bound.min !== undefined && s[column] < bound.min) || (bound.max !== undefined && s[column] > bound.max),
  );
}

/** A table for failure messages: time since the rollout began, then every column. */
export function rolloutTable(r: Rollout, columns: readonly string[] = ['time', ...SAMPLE_COLUMNS]): string {
  const rows = [
    columns.map((c) => c.toUpperCase()),
    ...r.samples.map((s) =>
      columns.map((c) => (c === 'time' ? `+${Math.round((s.time - r.start) / 1000)}s` : String(s[c as SampleColumn]))),
    ),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((v, i) => v.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Lets virtual time pass until the Deployment's rollout is complete (DeploymentComplete, as `kubectl rollout
 * status` waits for it), at most `limit` ms; returns whether it completed. A stuck rollout is still replayed.
 */
export function waitForRollout(
  cluster: Pick<Cluster, 'advanceUntil' | 'tryGet'>,
  namespace: string,
  name: string,
  limit: number,
): boolean {
  return cluster.advanceUntil(() => {
    const d = cluster.tryGet('deployments', name, namespace);
    return !!d && deploymentComplete(d, d.status ?? {});
  }, limit);
}

/** How long the rollout steps let a rollout finish before replaying it: ten minutes of virtual time. */
export const ROLLOUT_LIMIT = 10 * 60_000;

/** The Deployment's latest rollout, once it finished (or ROLLOUT_LIMIT passed); NotFound names a missing Deployment. */
export function latestRollout(cluster: Cluster, ref: ObjectKey): Rollout {
  if (ref.info.resource !== 'deployments')
    throw new Error(`only a Deployment has a rollout to replay, not ${describeObject(ref)}`);
  cluster.get(ref.info.resource, ref.name, ref.namespace); // NotFound names the missing object
  waitForRollout(cluster, ref.namespace!, ref.name, ROLLOUT_LIMIT);
  const { entries, snapshot } = cluster.timelineHistory();
  return replayRollout(entries, ref.namespace!, ref.name, snapshot);
}

/** At no moment of the latest rollout did the column fall below `min` (or rise above `max`); `what` names it in the message. */
export function expectRolloutBound(
  cluster: Cluster,
  ref: ObjectKey,
  column: SampleColumn,
  bound: { min?: number; max?: number },
  what: string,
): void {
  const r = latestRollout(cluster, ref);
  const bad = firstOutside(r, column, bound);
  if (!bad) return;
  throw new Error(
    `during the rollout ${describeObject(ref)} had ${bad[column]} ${what} ${Math.round((bad.time - r.start) / 1000)}s after it began ` +
      `(expected ${bound.min !== undefined ? `at least ${bound.min}` : `at most ${bound.max}`}).\nThe rollout, after each change:\n${rolloutTable(r)}`,
  );
}

/** The latest rollout went through exactly these rows of the named columns (a header row, then values). */
export function expectRolloutSteps(cluster: Cluster, ref: ObjectKey, table: string[][]): void {
  const [header, ...expected] = table;
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(SAMPLE_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new Error(`unknown column(s) ${unknown.join(', ')}: the columns are ${SAMPLE_COLUMNS.join(', ')}`);
  const actual = rolloutSteps(latestRollout(cluster, ref), columns as SampleColumn[]);
  const show = (rows: string[][]) => [columns, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
  if (JSON.stringify(actual) !== JSON.stringify(expected.map((row) => row.map((v) => v.trim())))) {
    throw new Error(
      `the rollout of ${describeObject(ref)} went through other steps.\nExpected:\n${show(expected)}\nActual:\n${show(actual)}`,
    );
  }
}
