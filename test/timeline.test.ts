// The timeline is bounded: past its limit the oldest half is summarised (each object's last write), and what
// reads it (totals, the start, a rollout replay) reads the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline, type TimelineEntry } from '../src/apiserver/timeline';
import { replayRollout } from '../src/assert/rollout';
import { createCluster } from '../src';

const w = (time: number, verb: string, name: string, message?: string): TimelineEntry => ({
  time,
  kind: 'write',
  verb,
  resource: 'pods',
  namespace: 'default',
  name,
  message,
  object: { metadata: { name } } as any,
});

test('folding: rows of writes, what is kept, what the summary holds', () => {
  const rows: [string, TimelineEntry[], number, string[], string[]][] = [
    // name, entries, limit, kept entries (verb name), summary (verb name)
    ['under the limit nothing folds', [w(1, 'create', 'a'), w(2, 'create', 'b')], 4, ['create a', 'create b'], []],
    [
      'the oldest half folds',
      [w(1, 'create', 'a'), w(2, 'create', 'b'), w(3, 'update', 'a'), w(4, 'create', 'c'), w(5, 'create', 'd')],
      4,
      ['create c', 'create d'],
      ['update a', 'create b'],
    ],
    [
      'a deleted object leaves the summary',
      [w(1, 'create', 'a'), w(2, 'delete', 'a'), w(3, 'create', 'b'), w(4, 'create', 'c'), w(5, 'create', 'd')],
      4,
      ['create c', 'create d'],
      ['create b'],
    ],
    [
      'a graceful delete keeps it',
      [
        w(1, 'create', 'a'),
        w(2, 'delete', 'a', 'graceful, 30s'),
        w(3, 'create', 'b'),
        w(4, 'create', 'c'),
        w(5, 'create', 'd'),
      ],
      4,
      ['create c', 'create d'],
      ['delete a', 'create b'],
    ],
  ];
  for (const [name, entries, limit, kept, summary] of rows) {
    const t = new Timeline(limit);
    for (const e of entries) t.record(e);
    assert.deepEqual(
      t.entries.map((e) => `${e.verb} ${e.name}`),
      kept,
      name,
    );
    assert.deepEqual(
      t
        .history()
        .entries.slice(0, summary.length)
        .map((e) => `${e.verb} ${e.name}`),
      summary,
      name,
    );
    assert.equal(t.total, entries.length, name);
    assert.equal(t.start, 1, name);
  }
});

test('a rollout replayed from a bounded timeline equals the replay of the whole one', () => {
  const run = (limit?: number) => {
    const c = createCluster({ seed: 'timeline', timelineLimit: limit });
    c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.25}]}
`);
    c.advance('1h');
    c.kubectl('set image deployment/web web=nginx:1.26');
    c.advance('5m');
    const { entries, snapshot } = c.timelineHistory();
    return {
      r: replayRollout(entries, 'default', 'web', snapshot),
      total: c.timelineTotal(),
      kept: c.timeline().length,
    };
  };
  const whole = run(),
    bounded = run(200);
  assert.ok(bounded.kept < bounded.total, 'the bounded run folded entries');
  assert.equal(bounded.total, whole.total);
  // the rollout's start was folded: the replay begins with the state the summary gives, which the whole replay
  // passed through, and goes on exactly as the whole one does
  const [first, ...rest] = bounded.r.samples;
  assert.deepEqual(rest, whole.r.samples.slice(whole.r.samples.length - rest.length));
  const columns = (s: typeof first) => `${s.old}/${s.new}/${s.pods}/${s.ready}/${s.available}`;
  assert.ok(
    whole.r.samples.slice(0, whole.r.samples.length - rest.length).some((s) => columns(s) === columns(first)),
    columns(first),
  );
  // a limit the run never reaches changes nothing
  assert.deepEqual(run(100_000).r.samples, whole.r.samples);
});
