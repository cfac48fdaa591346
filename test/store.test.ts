import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, type WatchEvent } from '../src/store/store';
import { parseLabelSelector } from '../src/api/selectors';
import type { KObject } from '../src/api/meta';

const pod = (name: string, labels: Record<string, string>, extra: Partial<KObject> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels, ...extra.metadata },
  spec: extra.spec ?? {},
});

function seeded(): Store {
  const s = new Store();
  s.put('pods', pod('a', { app: 'web', tier: 'fe' }, { spec: { nodeName: 'node-1' } }));
  s.put('pods', pod('b', { app: 'web', tier: 'be' }, { spec: { nodeName: 'node-2' } }));
  s.put(
    'pods',
    pod(
      'c',
      { app: 'db' },
      {
        metadata: {
          name: 'c',
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' }],
        },
      },
    ),
  );
  s.put('pods', { ...pod('d', { app: 'web' }), metadata: { name: 'd', namespace: 'other', labels: { app: 'web' } } });
  return s;
}

test('list uses selectors, namespaces, nodes and owners', () => {
  const rows: [string, Parameters<Store['list']>[1], string[]][] = [
    ['everything', {}, ['a', 'b', 'c', 'd']],
    ['equality', { selector: parseLabelSelector('app=web') }, ['a', 'b', 'd']],
    ['equality in a namespace', { selector: parseLabelSelector('app=web'), namespace: 'default' }, ['a', 'b']],
    ['inequality', { selector: parseLabelSelector('app=web,tier!=fe') }, ['b', 'd']],
    ['set', { selector: parseLabelSelector('tier in (fe,be)') }, ['a', 'b']],
    ['does not exist', { selector: parseLabelSelector('!tier') }, ['c', 'd']],
    ['by node', { nodeName: 'node-2' }, ['b']],
    ['by owner', { ownerUid: 'u1' }, ['c']],
    ['null selector selects nothing', { selector: null }, []],
  ];
  const s = seeded();
  for (const [name, q, want] of rows)
    assert.deepEqual(
      s
        .list('pods', q)
        .map((o) => o.metadata.name)
        .sort(),
      want,
      name,
    );
});

test('writes bump one resourceVersion counter, freeze objects and keep indexes current', () => {
  const s = seeded();
  const before = s.resourceVersion();
  const a = s.get('pods', 'default', 'a')!;
  assert.ok(Object.isFrozen(a.metadata.labels));
  s.put('pods', { ...pod('a', { app: 'api' }), spec: { nodeName: 'node-3' } });
  assert.equal(s.get('pods', 'default', 'a')!.metadata.resourceVersion, String(before + 1));
  assert.deepEqual(
    s.list('pods', { selector: parseLabelSelector('app=web'), namespace: 'default' }).map((o) => o.metadata.name),
    ['b'],
  );
  assert.deepEqual(s.list('pods', { nodeName: 'node-1' }), []);
  assert.deepEqual(
    s.list('pods', { nodeName: 'node-3' }).map((o) => o.metadata.name),
    ['a'],
  );
  s.remove('pods', 'default', 'c');
  assert.deepEqual(s.dependents('u1'), []);
  assert.equal(s.resourceVersion(), before + 2);
});

test('watch events arrive in write order with the old object', () => {
  const s = new Store();
  const seen: string[] = [];
  s.watch('pods', (e: WatchEvent) =>
    seen.push(`${e.type} ${e.object.metadata.name} ${e.old?.metadata.labels?.v ?? '-'}`),
  );
  s.put('pods', pod('a', { v: '1' }));
  s.put('pods', pod('a', { v: '2' }));
  s.remove('pods', 'default', 'a');
  assert.deepEqual(seen, ['ADDED a -', 'MODIFIED a 1', 'DELETED a -']);
});

test('a write that shares parts with the stored version keeps the indexes of the parts it changed only', () => {
  // [write, selector, node, owner uid, expected names for each query]
  const rows: [string, (o: KObject) => KObject, string, string, string, string[][]][] = [
    [
      'status only (labels shared)',
      (o) => ({ ...o, metadata: { ...o.metadata }, status: { phase: 'Running' } }),
      'app=web',
      'node-1',
      'u1',
      [['a', 'b'], ['a'], ['c']],
    ],
    [
      'new labels',
      (o) => ({ ...o, metadata: { ...o.metadata, labels: { app: 'api' } } }),
      'app=api',
      'node-1',
      'u1',
      [['a'], ['a'], ['c']],
    ],
    [
      'node set',
      (o) => ({ ...o, metadata: { ...o.metadata }, spec: { nodeName: 'node-9' } }),
      'app=web',
      'node-9',
      'u1',
      [['a', 'b'], ['a'], ['c']],
    ],
    [
      'owner added',
      (o) => ({
        ...o,
        metadata: { ...o.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u1' }] },
      }),
      'app=web',
      'node-1',
      'u1',
      [['a', 'b'], ['a'], ['a', 'c']],
    ],
  ];
  for (const [name, write, sel, node, owner, want] of rows) {
    const s = seeded();
    s.put('pods', write(s.get('pods', 'default', 'a')!));
    const names = (q: Parameters<Store['list']>[1]) =>
      s
        .list('pods', { namespace: 'default', ...q })
        .map((o) => o.metadata.name)
        .sort();
    assert.deepEqual(
      [names({ selector: parseLabelSelector(sel) }), names({ nodeName: node }), names({ ownerUid: owner })],
      want,
      name,
    );
  }
});
