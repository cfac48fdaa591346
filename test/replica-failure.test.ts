// The ReplicaSet controller when pod creation is refused: the ReplicaFailure condition (calculateStatus), the
// slow-start batches of one sync, the workqueue back-off for errors other than conflicts, and the event
// recorder's aggregation of similar events (EventAggregator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lru, nanosHex } from '../src/client/recorder';
import type { KObject } from '../src/api/meta';
import { calculateStatus } from '../src/controllers/replicaset/status';
import { createCluster } from '../src/cluster';

const NOW = Date.UTC(2024, 0, 1);
const rs = (replicas: number, conditions?: any[]): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'r', namespace: 'default' },
  spec: { replicas, template: { metadata: { labels: { a: 'b' } } } },
  status: conditions ? { replicas: 0, conditions } : undefined,
});
const pods = (n: number): KObject[] =>
  Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, labels: { a: 'b' } },
    status: { phase: 'Pending' },
  }));
const FAILURE = {
  type: 'ReplicaFailure',
  status: 'True',
  lastTransitionTime: '2023-12-31T00:00:00Z',
  reason: 'FailedCreate',
  message: 'old',
};

test('calculateStatus: ReplicaFailure set on the first error (FailedCreate or FailedDelete), kept while failing, removed on success', () => {
  const err = new Error('pods "r-x" is forbidden: exceeded quota');
  const rows: [string, KObject, number, unknown, any[] | undefined][] = [
    [
      'too few pods and an error',
      rs(3),
      1,
      err,
      [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: '2024-01-01T00:00:00Z',
          reason: 'FailedCreate',
          message: err.message,
        },
      ],
    ],
    [
      'too many pods and an error',
      rs(1),
      3,
      err,
      [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: '2024-01-01T00:00:00Z',
          reason: 'FailedDelete',
          message: err.message,
        },
      ],
    ],
    ['still failing: the first condition stays', rs(3, [FAILURE]), 1, err, [FAILURE]],
    ['no error: removed', rs(3, [FAILURE]), 3, undefined, undefined],
    ['no error, no condition', rs(3), 3, undefined, undefined],
  ];
  for (const [name, set, n, e, want] of rows)
    assert.deepEqual(calculateStatus(set, pods(n), e, NOW, '2024-01-01T00:00:00Z').conditions, want, name);
});

function quotaCluster(pods: number) {
  const c = createCluster({ nodes: 1, seed: `quota ${pods}` });
  c.apply(
    `{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q","namespace":"default"},"spec":{"hard":{"pods":"${pods}"}}}`,
  );
  const attempts: number[] = [];
  const create = c.api.create.bind(c.api);
  c.api.create = ((o: KObject, opts?: any) => {
    if (o.kind === 'Pod') attempts.push(c.api.clock.now());
    return create(o, opts);
  }) as typeof c.api.create;
  return { c, attempts };
}
const RS =
  '{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"f"},"spec":{"replicas":10,"selector":{"matchLabels":{"t":"f"}},"template":{"metadata":{"labels":{"t":"f"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}';

test('one sync creates in batches of 1, 2, 4, ... and stops after the first batch with a refusal', () => {
  // quota -> creates tried in the first sync (before anything else reacts)
  const rows: [number, number][] = [
    [0, 1],
    [1, 3],
    [3, 7],
    [7, 10],
    [8, 10],
  ];
  for (const [quota, want] of rows) {
    const { c, attempts } = quotaCluster(quota);
    // only the ReplicaSet controller's first sync: create the object without converging
    c.api.create(JSON.parse(RS));
    let item = c.runtime.queue.pop();
    while (item && item.worker.name !== 'replicaset-controller') item = c.runtime.queue.pop();
    attempts.length = 0;
    try {
      item!.worker.sync(item!.key);
    } catch {
      /* the refusal, retried by the runtime */
    }
    assert.equal(attempts.length, want, `quota ${quota}`);
  }
});

test('a refused create is retried after 5 ms doubling, not at once', () => {
  const { c, attempts } = quotaCluster(0);
  c.api.create(JSON.parse(RS));
  c.converge();
  // the sync of the new ReplicaSet, then the sync its own status update (ReplicaFailure) started
  assert.deepEqual(
    attempts.map((t) => t - attempts[0]),
    [0, 0],
  );
  c.advance(100);
  const after = attempts.map((t) => t - attempts[0]).slice(2);
  assert.ok(
    after.length >= 3 && after[0] === 5 && after.every((t, i) => i === 0 || t > after[i - 1]),
    `retries at ${after}`,
  );
});

test('the recorder folds similar events with 10 different messages into one "(combined from similar events)" event', () => {
  const c = createCluster({ nodes: 1, seed: 'aggregate' });
  const [pod] = [c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o', namespace: 'default' } })];
  const rows: [string, number, number, string][] = [
    // messages recorded, events expected, count of the last, its message
    ['nine distinct', 9, 9, 'm8'],
    ['the tenth is combined', 10, 10, '(combined from similar events): m9'],
    ['later ones update the combined event', 12, 10, '(combined from similar events): m11'],
  ];
  let recorded = 0;
  for (const [name, upTo, events, last] of rows) {
    for (; recorded < upTo; recorded++) c.recorder.event(pod, 'Warning', 'Failed', `m${recorded}`, 'x-controller');
    const list = c.api.list('events', { namespace: 'default' }).filter((e) => e.involvedObject.name === 'o');
    assert.equal(list.length, events, name);
    assert.equal(list[list.length - 1].message, last, name);
  }
  const combined = c.api.list('events', { namespace: 'default' }).find((e) => e.message.startsWith('(combined'))!;
  assert.equal(combined.count, 3);
  // a repeat of a message still in the record is counted on its own event
  c.recorder.event(pod, 'Warning', 'Failed', 'm5', 'x-controller');
  assert.equal(c.api.list('events', { namespace: 'default' }).find((e) => e.message === 'm5')!.count, 2);
});

test('Event names: <object>.<hex of the clock in nanoseconds plus a sequence>, exactly as a 64-bit integer prints (property)', () => {
  const big = (ms: number, seq: number) => (BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16);
  const rows: [number, number][] = [
    [0, 0],
    [0, 15],
    [1, 0],
    [2 ** 24 - 1, 999_999],
    [2 ** 24, 0],
    [Date.parse('2024-01-01T00:00:00Z'), 123_456],
  ];
  for (const [ms, seq] of rows) assert.equal(nanosHex(ms, seq), big(ms, seq), `${ms} ${seq}`);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 42 }),
      fc.integer({ min: 0, max: 2 ** 30 }),
      (ms, seq) => nanosHex(ms, seq) === big(ms, seq),
    ),
    { numRuns: 2000 },
  );
});

test("the recorder's caches: a get refreshes an entry, an add past the size evicts the least recently used (golang-lru)", () => {
  const c = lru<number>(3);
  c.set('a', 1);
  c.set('b', 2);
  c.set('c', 3);
  c.get('a'); // a is now the most recent
  c.set('d', 4); // evicts b, the least recently used
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((k) => c.get(k) ?? null),
    [1, null, 3, 4],
  );
  c.set('e', 5); // the gets above refreshed a, c, d in that order: a goes
  assert.deepEqual(
    ['a', 'c', 'd', 'e'].map((k) => c.has(k)),
    [false, true, true, true],
  );
});
