import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, formatTime } from '../src/runtime/clock';
import { WorkQueue } from '../src/runtime/workqueue';
import { Rng } from '../src/runtime/random';
import { parseDuration } from '../src/runtime/duration';
import { Runtime, ConvergeError } from '../src/runtime/runtime';
import { createCluster } from '../src/cluster';

test('timers fire in time order, ties in insertion order', () => {
  const c = new VirtualClock(0);
  const fired: string[] = [];
  for (const [at, label] of [
    [30, 'c'],
    [10, 'a'],
    [10, 'b'],
    [20, 'x'],
  ] as const)
    c.after(at, () => fired.push(label));
  for (let t = c.popDue(25); t; t = c.popDue(25)) t.fn();
  assert.deepEqual(fired, ['a', 'b', 'x']);
  assert.equal(c.now(), 20);
  assert.equal(c.nextDue(), 30);
  assert.equal(formatTime(Date.UTC(2024, 0, 1, 0, 1, 2, 345)), '2024-01-01T00:01:02Z');
});

test('the work queue is FIFO and holds a key once while it waits', () => {
  const q = new WorkQueue();
  const w = { name: 'w', sync() {} };
  for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(w, k);
  const order: string[] = [];
  for (let i = q.pop(); i; i = q.pop()) order.push(i.key);
  assert.deepEqual(order, ['a', 'b', 'c']);
});

test('a key added while it is processed is queued again when done, behind what its reconcile caused (client-go)', () => {
  const q = new WorkQueue();
  const a = { name: 'a', sync() {} },
    b = { name: 'b', sync() {} };
  const rows: [string, string[]][] = [
    // what the reconcile of a:x adds, and the queue afterwards
    ['a:x b:y', ['b:y', 'a:x']],
    ['b:y', ['b:y']],
    ['a:x a:x b:y a:z', ['b:y', 'a:z', 'a:x']],
  ];
  for (const [adds, want] of rows) {
    q.add(a, 'x');
    const item = q.pop()!;
    q.start(item);
    for (const w of adds.split(' ')) {
      const [n, k] = w.split(':');
      q.add(n === 'a' ? a : b, k);
    }
    q.done();
    const got: string[] = [];
    for (let i = q.pop(); i; i = q.pop()) got.push(`${i.worker.name}:${i.key}`);
    assert.deepEqual(got, want, adds);
  }
});

test('the same seed gives the same sequence; names use the apimachinery alphabet', () => {
  const a = new Rng('scenario'),
    b = new Rng('scenario'),
    c = new Rng('other');
  const sa = a.string(20),
    sb = b.string(20),
    sc = c.string(20);
  assert.equal(sa, sb);
  assert.notEqual(sa, sc);
  assert.match(sa, /^[bcdfghjklmnpqrstvwxz2456789]{20}$/);
  assert.match(a.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the seeded draws are the same as before the generator kept its state in a typed array (fixed vectors)', () => {
  const r = new Rng('kspec');
  assert.deepEqual(
    [r.uuid(), r.string(5), r.hex(8), r.int(1000), r.next(), r.uuid()],
    [
      'b68b4941-9d0f-4751-836b-be71c8d38cce',
      '54f4j',
      '9849cd3a',
      62,
      0.8692632575985044,
      '8d23a6be-fac0-4943-b3ca-d3bded04ac29',
    ],
  );
  const n = new Rng(42);
  assert.deepEqual([n.uuid(), n.string(5)], ['626f0c4d-e7e6-4bfb-b155-274aeb8c4822', 'gjhxj']);
});

test('durations', () => {
  const rows: [string, number][] = [
    ['90 seconds', 90_000],
    ['5 minutes', 300_000],
    ['1 hour', 3_600_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1 second', 1000],
  ];
  for (const [text, ms] of rows) assert.equal(parseDuration(text), ms, text);
  for (const bad of ['', 'soon', '5 parsecs', '10']) assert.throws(() => parseDuration(bad), /invalid duration/, bad);
});

test('converge fails, naming the busiest keys, when a controller never settles', () => {
  const cluster = createCluster({ nodes: 1 });
  const rt: Runtime = cluster.runtime;
  const restless = {
    name: 'restless-controller',
    sync(key: string) {
      rt.enqueue(restless, key);
    },
  };
  rt.enqueue(restless, 'default/web');
  assert.throws(
    () => rt.converge(),
    (e: unknown) =>
      e instanceof ConvergeError && /restless-controller reconciled default\/web 2001 times/.test(e.message),
  );
});

test('advance fires timers in order and converges after each', () => {
  const cluster = createCluster({ nodes: 1 });
  const seen: number[] = [];
  const start = cluster.clock.now();
  cluster.clock.after(20_000, () => seen.push(cluster.clock.now() - start));
  cluster.clock.after(5_000, () => seen.push(cluster.clock.now() - start));
  cluster.advance('10s');
  assert.deepEqual(seen, [5_000]);
  assert.equal(cluster.clock.now() - start, 10_000);
  cluster.advance('1m');
  assert.deepEqual(seen, [5_000, 20_000]);
});

// client-go's delaying queue (util/workqueue/delaying_queue_test.go): a key waits for one time, the earliest
// asked for. Each row asks AddAfter at (virtual ms since start, delay) and lists when the key was reconciled.
const delayingRows: { name: string; adds: [at: number, delay: number][]; synced: number[] }[] = [
  { name: 'TestSimpleQueue: added after its delay, not before', adds: [[0, 50]], synced: [50] },
  {
    name: 'TestDeduping: the same delay twice adds once',
    adds: [
      [0, 50],
      [0, 50],
    ],
    synced: [50],
  },
  {
    name: 'TestDeduping: a later time for a waiting key is dropped',
    adds: [
      [0, 50],
      [10, 70],
    ],
    synced: [50],
  },
  {
    name: 'TestDeduping: an earlier time replaces the waiting one',
    adds: [
      [0, 50],
      [10, 20],
    ],
    synced: [30],
  },
  {
    name: 'TestAddTwoFireEarly: once added, the key may wait again',
    adds: [
      [0, 10],
      [20, 10],
    ],
    synced: [10, 30],
  },
  {
    name: 'a delay of zero adds now and leaves a waiting time alone',
    adds: [
      [0, 50],
      [10, 0],
    ],
    synced: [10, 50],
  },
];
for (const row of delayingRows) {
  test(`enqueueAfter keeps the earliest time per key: ${row.name}`, () => {
    const clock = new VirtualClock(0);
    const rt = new Runtime(clock);
    const synced: number[] = [];
    const worker = {
      name: 'w',
      sync: () => {
        synced.push(clock.now());
      },
    };
    for (const [at, delay] of row.adds) clock.after(at, () => rt.enqueueAfter(worker, 'k', delay));
    rt.advance(1_000);
    assert.deepEqual(synced, row.synced);
  });
}
