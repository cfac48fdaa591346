// `kspec run --shard i/n --timings FILE`: shards balanced by how long each scenario took last time, so the
// machines of a CI matrix or an Indexed Job finish together. Timings are `{"features/x.feature:12": ms}`, which
// a `--ci` run writes to reports/timings.json (and `kspec merge-reports` merges); a Cucumber messages file
// (reports/messages.ndjson) is read too. Longest first, each to the shard with the least time so far (ties: the
// lower shard), a scenario without a timing costing the median: the same inputs give the same shards everywhere.
import * as fs from 'node:fs';
import type { Envelope, Timestamp } from '@cucumber/messages';
import { UsageError } from './errors';
import type { Shard } from './shard';

export type Timings = Record<string, number>;

const millis = (t: Timestamp) => Number(t.seconds) * 1000 + t.nanos / 1e6;

/** Each scenario's wall time (its last attempt), keyed `uri:line`, from a run's messages. */
export class TimingsRecorder {
  readonly timings: Timings = {};
  private readonly pickles = new Map<string, string>();
  private readonly cases = new Map<string, string>();
  private readonly started = new Map<string, { testCaseId: string; at: number }>();

  add(e: Envelope): void {
    if (e.pickle) this.pickles.set(e.pickle.id, `${e.pickle.uri}:${e.pickle.location?.line ?? 0}`);
    if (e.testCase) this.cases.set(e.testCase.id, e.testCase.pickleId);
    if (e.testCaseStarted)
      this.started.set(e.testCaseStarted.id, {
        testCaseId: e.testCaseStarted.testCaseId,
        at: millis(e.testCaseStarted.timestamp),
      });
    if (e.testCaseFinished) {
      const s = this.started.get(e.testCaseFinished.testCaseStartedId);
      const key = s && this.pickles.get(this.cases.get(s.testCaseId) ?? '');
      if (s && key) this.timings[key] = Math.round((millis(e.testCaseFinished.timestamp) - s.at) * 1000) / 1000;
    }
  }
}

/** A timings file: kspec's JSON, or Cucumber messages (NDJSON). */
export function readTimings(file: string): Timings {
  if (!fs.existsSync(file)) throw new UsageError(`--timings: no file ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  try {
    if (text.trimStart().startsWith('{') && !text.includes('\n{')) {
      const data = JSON.parse(text);
      if (Object.values(data).every((v) => typeof v === 'number')) return data as Timings;
    }
    const recorder = new TimingsRecorder();
    for (const line of text.split('\n')) if (line.trim()) recorder.add(JSON.parse(line) as Envelope);
    return recorder.timings;
  } catch (e) {
    throw new UsageError(
      `--timings: ${file} is neither kspec's timings ({"features/x.feature:12": ms}) nor Cucumber messages: ${(e as Error).message}`,
    );
  }
}

/** The scenarios (`uri:line`) of one shard when every shard takes about as long, by the timings. */
export function balancedShardOf(
  scenarios: readonly { uri: string; line: number }[],
  { index, total }: Shard,
  timings: Timings,
): string[] {
  const keys = [...new Set(scenarios.map((s) => `${s.uri}:${s.line}`))];
  const known = keys
    .map((k) => timings[k])
    .filter((t): t is number => typeof t === 'number')
    .sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 1;
  const cost = (k: string) => timings[k] ?? median;
  const order = (a: string, b: string) => cost(b) - cost(a) || byLocation(a, b);
  const load = new Array<number>(total).fill(0);
  const mine: string[] = [];
  for (const k of [...keys].sort(order)) {
    let best = 0;
    for (let i = 1; i < total; i++) if (load[i] < load[best]) best = i;
    load[best] += cost(k);
    if (best === index - 1) mine.push(k);
  }
  return mine.sort(byLocation);
}

/** By file, then line (the order a run takes them in). */
function byLocation(a: string, b: string): number {
  const [fa, la] = split(a),
    [fb, lb] = split(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

function split(key: string): [string, number] {
  const i = key.lastIndexOf(':');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}
