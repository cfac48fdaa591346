import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { computeHash, safeEncodeString } from '../src/controllers/deployment/hash';
import * as u from '../src/controllers/deployment/util';
import { LAST_APPLIED_ANNOTATION } from '../src/api/well-known';
import {
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  cleanupUnhealthyReplicas,
  scaleDownOldReplicaSetsForRollingUpdate,
} from '../src/controllers/deployment/rolling';
import { cleanupDeployment, proportionalSizes, type Scaler } from '../src/controllers/deployment/sync';

const T0 = Date.UTC(2024, 0, 1);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function deployment(
  replicas: number,
  opts: { maxSurge?: number | string; maxUnavailable?: number | string; type?: string; rhl?: number } = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', uid: 'd-uid', generation: 1 },
    spec: {
      replicas,
      revisionHistoryLimit: opts.rhl,
      strategy:
        opts.type === 'Recreate'
          ? { type: 'Recreate' }
          : {
              type: 'RollingUpdate',
              rollingUpdate: { maxSurge: opts.maxSurge ?? 0, maxUnavailable: opts.maxUnavailable ?? 0 },
            },
      selector: { matchLabels: { app: 'foo' } },
      template: { metadata: { labels: { app: 'foo' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

let seq = 0;
function rs(
  name: string,
  spec: number,
  available = spec,
  o: { created?: number; revision?: number; statusReplicas?: number; annotations?: Record<string, string> } = {},
): KObject {
  const annotations: Record<string, string> = { ...(o.annotations ?? {}) };
  if (o.revision !== undefined) annotations[u.REVISION_ANNOTATION] = String(o.revision);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}-${seq++}`,
      creationTimestamp: iso(o.created ?? 0),
      generation: 1,
      annotations,
    },
    spec: { replicas: spec },
    status: { replicas: o.statusReplicas ?? spec, availableReplicas: available, observedGeneration: 1 },
  };
}

/** Records scale calls and returns the scaled copy, as the fake client in rolling_test.go does. */
function fakeScaler(): Scaler & { calls: [string, number][] } {
  const calls: [string, number][] = [];
  return {
    calls,
    scaleReplicaSetAndRecordEvent(r, n) {
      if (u.replicasOf(r) === n) return { scaled: false, rs: r };
      calls.push([r.metadata.name!, n]);
      return { scaled: true, rs: { ...r, spec: { ...r.spec, replicas: n } } };
    },
  };
}

test('a null member is an absent one, as in Go: kubectl rollout undo restores a template with creationTimestamp: null', () => {
  const t = deployment(1).spec.template;
  const restored = { ...t, metadata: { ...t.metadata, creationTimestamp: null } };
  assert.equal(computeHash(restored), computeHash(t));
  assert.ok(
    u.equalIgnoreHash(restored, {
      ...t,
      metadata: { ...t.metadata, labels: { ...t.metadata.labels, 'pod-template-hash': 'x' } },
    }),
  );
  assert.ok(!u.equalIgnoreHash({ ...t, metadata: { ...t.metadata, labels: { app: 'other' } } }, t));
});

test('pod-template-hash: FNV-32a rendered with the safe alphabet; stable; collisionCount changes it', () => {
  const t = deployment(1).spec.template;
  const h = computeHash(t);
  assert.match(h, /^[4-9bcdf]{1,10}$/);
  assert.equal(computeHash(JSON.parse(JSON.stringify(t))), h, 'same template, same hash');
  const reordered = { spec: t.spec, metadata: t.metadata };
  assert.equal(computeHash(reordered), h, 'key order does not matter');
  const rows: [unknown, number | undefined][] = [
    [t, 0],
    [t, 1],
    [t, 2],
    [{ ...t, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } }, undefined],
  ];
  const seen = new Set([h]);
  for (const [tmpl, cc] of rows) {
    const x = computeHash(tmpl, cc);
    assert.match(x, /^[4-9bcdf]{1,10}$/);
    assert.ok(!seen.has(x), `hash ${x} for collisionCount ${cc} differs`);
    seen.add(x);
  }
  // SafeEncodeString digit map 0→4 … 9→f
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('ResolveFenceposts (TestResolveFenceposts)', () => {
  const rows: [string | undefined, string | undefined, number, number, number][] = [
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ];
  for (const [s, un, desired, es, eu] of rows)
    assert.deepEqual(u.resolveFenceposts(s, un, desired), [es, eu], `${s} ${un} ${desired}`);
  assert.throws(() => u.resolveFenceposts('oops', '39%', 10), /invalid value for IntOrString/);
});

test('MaxUnavailable (TestMaxUnavailable, maxSurge 1)', () => {
  const rows: [number, number | string, string, number][] = [
    [10, 5, 'RollingUpdate', 5],
    [10, 10, 'RollingUpdate', 10],
    [5, 10, 'RollingUpdate', 5],
    [0, 10, 'RollingUpdate', 0],
    [10, 5, 'Recreate', 0],
    [10, '50%', 'RollingUpdate', 5],
    [5, '100%', 'RollingUpdate', 5],
  ];
  for (const [replicas, mu, type, want] of rows)
    assert.equal(
      u.maxUnavailable(deployment(replicas, { maxSurge: 1, maxUnavailable: mu, type })),
      want,
      `${replicas} ${mu} ${type}`,
    );
});

test('NewRSNewReplicas (TestNewRSNewReplicas; an extra old RS has 5 replicas)', () => {
  const rows: [string, number, number, number, number][] = [
    ['RollingUpdate', 1, 5, 1, 5],
    ['RollingUpdate', 6, 2, 10, 6],
    ['Recreate', 3, 1, 1, 3],
  ];
  for (const [type, dr, nr, surge, want] of rows) {
    const d = deployment(dr, { type, maxSurge: surge, maxUnavailable: 1 });
    const newRS = rs('new', nr),
      old = rs('old', 5);
    assert.equal(u.newRSNewReplicas(d, [newRS, old], newRS), want, `${type} ${dr} ${nr} ${surge}`);
  }
});

test('reconcileNewReplicaSet (TestDeploymentController_reconcileNewReplicaSet, maxUnavailable 0)', () => {
  const rows: [number, number, number, number, number | undefined][] = [
    [10, 0, 10, 0, undefined],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, undefined],
    [10, 2, 2, 11, 10],
  ];
  for (const [dr, surge, oldN, newN, want] of rows) {
    const d = deployment(dr, { maxSurge: surge, maxUnavailable: 0 });
    const newRS = rs('foo-v2', newN, newN, { created: 2 }),
      old = rs('foo-v1', oldN, oldN, { created: 1 });
    const s = fakeScaler();
    const scaled = reconcileNewReplicaSet(s, [old, newRS], newRS, d);
    assert.equal(scaled, want !== undefined, `row ${dr} ${surge} ${oldN} ${newN}`);
    if (want !== undefined) assert.deepEqual(s.calls, [['foo-v2', want]]);
  }
});

test('reconcileOldReplicaSets (TestDeploymentController_reconcileOldReplicaSets, maxSurge 0)', () => {
  const rows: [number, number, number, number, number, number, number | undefined][] = [
    [10, 0, 10, 0, 10, 0, 9],
    [10, 2, 10, 0, 10, 0, 8],
    [10, 2, 10, 0, 8, 0, 8],
    [10, 2, 10, 0, 9, 0, 8],
    [10, 2, 8, 2, 8, 0, undefined],
  ];
  for (const [dr, mu, oldN, newN, readyOld, readyNew, want] of rows) {
    const d = deployment(dr, { maxSurge: 0, maxUnavailable: mu });
    const old = rs('foo-old', oldN, readyOld, { created: 1 }),
      newRS = rs('foo-new', newN, readyNew, { created: 2 });
    const s = fakeScaler();
    const scaled = reconcileOldReplicaSets(s, [old, newRS], [old], newRS, d);
    assert.equal(scaled, want !== undefined, `row ${mu} ${oldN} ${readyOld}`);
    if (want !== undefined) assert.equal(s.calls.at(-1)![1], want);
  }
});

test('cleanupUnhealthyReplicas (old 10, ready 8 → 2 unhealthy)', () => {
  const rows: [number, number, number][] = [
    [8, 1, 1],
    [8, 3, 2],
    [8, 0, 0],
    [10, 3, 0],
  ];
  for (const [ready, max, want] of rows) {
    const s = fakeScaler();
    const { cleanupCount } = cleanupUnhealthyReplicas(
      s,
      [rs('foo-old', 10, ready)],
      deployment(10, { maxUnavailable: 2 }),
      max,
    );
    assert.equal(cleanupCount, want, `ready ${ready} max ${max}`);
  }
});

test('scaleDownOldReplicaSetsForRollingUpdate', () => {
  const rows: [number, number, number, number, number | undefined][] = [
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, undefined],
    [10, 2, 10, 0, undefined],
    [10, 2, 1, 10, undefined],
  ];
  for (const [dr, mu, ready, oldN, want] of rows) {
    const d = deployment(dr, { maxSurge: 0, maxUnavailable: mu });
    const old = rs('foo-old', oldN, ready);
    const s = fakeScaler();
    const n = scaleDownOldReplicaSetsForRollingUpdate(s, [old], [old], d);
    if (want === undefined) assert.equal(n, 0);
    else assert.deepEqual(s.calls, [['foo-old', want]]);
  }
});

test('cleanupDeployment (TestDeploymentController_cleanupDeployment)', () => {
  const deleted = (old: KObject[], rhl: number) => {
    const names: string[] = [];
    cleanupDeployment({ deleteReplicaSet: (r) => names.push(r.metadata.name!) }, old, deployment(1, { rhl }));
    return names;
  };
  const mk = (name: string, spec: number, status: number, rev: number) =>
    rs(name, spec, 0, { statusReplicas: status, revision: rev, created: rev });
  assert.equal(deleted([mk('foo-1', 0, 0, 1), mk('foo-2', 0, 0, 2), mk('foo-3', 0, 0, 3)], 1).length, 2);
  assert.deepEqual(
    deleted([mk('foo-1', 0, 0, 1), mk('foo-2', 0, 1, 2), mk('foo-3', 1, 0, 3), mk('foo-4', 1, 1, 4)], 0),
    ['foo-1'],
  );
  assert.equal(deleted([mk('foo-1', 1, 1, 1), mk('foo-2', 1, 1, 2)], 0).length, 0);
  const gone = mk('foo-1', 0, 0, 1);
  gone.metadata.deletionTimestamp = iso(5);
  assert.equal(deleted([gone], 0).length, 0);
  assert.equal(deleted([mk('foo-1', 0, 0, 1), mk('foo-2', 0, 0, 2), mk('foo-3', 0, 0, 3)], u.MAX_INT32).length, 0);
  // the oldest revisions go first
  assert.deepEqual(deleted([mk('c', 0, 0, 3), mk('a', 0, 0, 1), mk('b', 0, 0, 2)], 1), ['a', 'b']);
});

test('proportional scaling (TestScale)', () => {
  // [old size, new size, surge, unavailable, RSs newest first as [spec, available]], expected sizes in the same order
  const rows: [string, number, number, number | undefined, [number, number][], number[], { oldSurge?: number }?][] = [
    [
      '5 -> 10',
      5,
      10,
      undefined,
      [
        [2, 2],
        [3, 3],
      ],
      [4, 6],
    ],
    [
      '5 -> 3',
      5,
      3,
      undefined,
      [
        [2, 2],
        [3, 3],
      ],
      [1, 2],
    ],
    [
      '9 -> 4',
      9,
      4,
      undefined,
      [
        [8, 8],
        [1, 1],
      ],
      [4, 0],
    ],
    [
      '7 -> 10',
      7,
      10,
      undefined,
      [
        [2, 2],
        [3, 3],
        [2, 2],
      ],
      [3, 4, 3],
    ],
    [
      '13 -> 8',
      13,
      8,
      undefined,
      [
        [2, 2],
        [8, 8],
        [3, 3],
      ],
      [1, 5, 2],
    ],
    [
      'leftover 3 -> 4',
      3,
      4,
      undefined,
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      [2, 1, 1],
    ],
    [
      'leftover 3 -> 2',
      3,
      2,
      undefined,
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      [1, 1, 0],
    ],
    [
      '6 -> 0',
      6,
      0,
      undefined,
      [
        [3, 3],
        [2, 2],
        [1, 1],
      ],
      [0, 0, 0],
    ],
    [
      'surge pods 10 -> 20',
      10,
      20,
      2,
      [
        [6, 6],
        [6, 6],
      ],
      [11, 11],
      { oldSurge: 2 },
    ],
  ];
  for (const [name, from, to, surge, sets, want, opt] of rows) {
    const d = deployment(to, { maxSurge: surge ?? 0, maxUnavailable: surge === undefined ? 0 : 0 });
    if (surge === undefined) d.spec.strategy.rollingUpdate = { maxSurge: 0, maxUnavailable: 0 };
    const maxBefore = from + (opt?.oldSurge ?? 0);
    const rss = sets.map(([spec, avail], i) =>
      rs(`v${sets.length - i}`, spec, avail, {
        created: sets.length - i,
        annotations: { [u.DESIRED_REPLICAS_ANNOTATION]: String(from), [u.MAX_REPLICAS_ANNOTATION]: String(maxBefore) },
      }),
    );
    d.status = { replicas: sets.reduce((a, [s]) => a + s, 0) };
    const sizes = new Map(proportionalSizes(d, rss[0], rss.slice(1)).map(([r, n]) => [r.metadata.name, n]));
    assert.deepEqual(
      rss.map((r) => sizes.get(r.metadata.name) ?? u.replicasOf(r)),
      want,
      name,
    );
  }
  // change both surge and size: 10 (surge 3) -> 50 (surge 6)
  const d = deployment(50, { maxSurge: 6, maxUnavailable: 0 });
  const rss = [
    rs('v2', 5, 5, { created: 2, annotations: { [u.MAX_REPLICAS_ANNOTATION]: '13' } }),
    rs('v1', 8, 8, { created: 1, annotations: { [u.MAX_REPLICAS_ANNOTATION]: '13' } }),
  ];
  assert.deepEqual(
    proportionalSizes(d, rss[0], [rss[1]])
      .map(([r, n]) => [r.metadata.name, n])
      .sort(),
    [
      ['v1', 34],
      ['v2', 22],
    ],
  );
});

test('DeploymentComplete (TestDeploymentComplete)', () => {
  const rows: [number, number, number, number, number, number, boolean][] = [
    [5, 5, 5, 4, 1, 0, false],
    [5, 5, 5, 3, 1, 0, false],
    [5, 5, 5, 5, 0, 0, true],
    [5, 5, 4, 5, 0, 0, false],
    [1, 2, 1, 1, 0, 1, false],
    [1, 1, 1, 0, 1, 1, false],
  ];
  for (const [desired, current, updated, available, mu, ms, want] of rows) {
    const d = deployment(desired, { maxUnavailable: mu, maxSurge: ms });
    assert.equal(
      u.deploymentComplete(d, {
        replicas: current,
        updatedReplicas: updated,
        availableReplicas: available,
        observedGeneration: 1,
      }),
      want,
    );
  }
});

test('revision annotations: history on rollback, change-cause copied, skipped keys not', () => {
  const d = deployment(3);
  d.metadata.annotations = {
    'kubernetes.io/change-cause': 'v2',
    [LAST_APPLIED_ANNOTATION]: '{}',
    [u.REVISION_ANNOTATION]: '3',
  };
  const r = rs('foo-x', 0, 0, { revision: 2 });
  assert.equal(u.setNewReplicaSetAnnotations(d, r, 4, true), true);
  assert.equal(r.metadata.annotations![u.REVISION_ANNOTATION], '4');
  assert.equal(r.metadata.annotations![u.REVISION_HISTORY_ANNOTATION], '2');
  assert.equal(r.metadata.annotations!['kubernetes.io/change-cause'], 'v2');
  assert.equal(r.metadata.annotations![LAST_APPLIED_ANNOTATION], undefined);
  u.setNewReplicaSetAnnotations(d, r, 6, true);
  assert.equal(r.metadata.annotations![u.REVISION_HISTORY_ANNOTATION], '2,4');
  assert.equal(u.setNewReplicaSetAnnotations(d, r, 5, true), false, 'a lower revision changes nothing');
  assert.equal(
    u.lastRevision([rs('a', 0, 0, { revision: 1 }), rs('b', 0, 0, { revision: 3 }), rs('c', 0, 0, { revision: 2 })]),
    2,
  );
});
