import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTaint, parseTaints, reorganizeTaints, taintString } from '../src/kubectl/cmd/taint';
import { podsForDeletion, type DrainOptions } from '../src/kubectl/cmd/drain';
import { createCluster } from '../src/cluster';

test('parseTaint (taint/utils_test.go rows)', () => {
  const rows: [string, object | string][] = [
    ['foo=bar:NoSchedule', { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ['foo:NoExecute', { key: 'foo', effect: 'NoExecute' }],
    ['foo', { key: 'foo' }],
    ['example.com/foo=bar:PreferNoSchedule', { key: 'example.com/foo', value: 'bar', effect: 'PreferNoSchedule' }],
    ['foo=bar:Sometimes', 'invalid taint effect: Sometimes, unsupported taint effect'],
    ['foo=bar=baz:NoSchedule', 'invalid taint spec: foo=bar=baz:NoSchedule'],
    ['a:b:c', 'invalid taint spec: a:b:c'],
    [
      '-foo:NoSchedule',
      /^invalid taint spec: -foo:NoSchedule, name part must consist of alphanumeric characters/.source,
    ],
  ];
  for (const [spec, want] of rows) {
    if (typeof want === 'string')
      assert.throws(
        () => parseTaint(spec),
        (e: Error) =>
          new RegExp(want.startsWith('^') ? want : `^${want.replace(/[.*+?()[\]]/g, '\\$&')}$`).test(e.message),
        spec,
      );
    else assert.deepEqual(parseTaint(spec), want, spec);
  }
  assert.throws(() => parseTaints(['foo=bar']), /invalid taint spec: foo=bar/, 'adding needs an effect');
  assert.throws(
    () => parseTaints(['a:NoSchedule', 'a=b:NoSchedule']),
    /duplicated taints with the same key and effect/,
  );
  assert.deepEqual(parseTaints(['a=b:NoSchedule', 'c-', 'd:NoExecute-']), {
    add: [{ key: 'a', value: 'b', effect: 'NoSchedule' }],
    remove: [{ key: 'c' }, { key: 'd', effect: 'NoExecute' }],
  });
  assert.deepEqual(
    [
      { key: 'a', value: 'b', effect: 'NoSchedule' },
      { key: 'a', effect: 'NoSchedule' },
      { key: 'a', value: 'b' },
      { key: 'a' },
    ].map(taintString),
    ['a=b:NoSchedule', 'a:NoSchedule', 'a=b', 'a'],
  );
  assert.throws(
    () => parseTaint('a=b'),
    /^Error: invalid taint spec: a=b, name part must consist/,
    'without an effect, `=` is part of the key',
  );
});

test('reorganizeTaints: the operation kubectl prints', () => {
  const t = (key: string, effect: string, value?: string) => ({ key, effect, ...(value ? { value } : {}) });
  const rows: [string, any[], boolean, any[], any[], string, string[], string[]][] = [
    ['add to none', [], false, [t('a', 'NoSchedule')], [], 'tainted', ['a:NoSchedule'], []],
    [
      'add beside another',
      [t('b', 'NoExecute')],
      false,
      [t('a', 'NoSchedule')],
      [],
      'tainted',
      ['a:NoSchedule', 'b:NoExecute'],
      [],
    ],
    [
      'remove by key and effect',
      [t('a', 'NoSchedule'), t('a', 'NoExecute')],
      false,
      [],
      [{ key: 'a', effect: 'NoSchedule' }],
      'untainted',
      ['a:NoExecute'],
      [],
    ],
    [
      'remove every effect of a key',
      [t('a', 'NoSchedule'), t('a', 'NoExecute')],
      false,
      [],
      [{ key: 'a' }],
      'untainted',
      [],
      [],
    ],
    [
      'remove a missing taint',
      [t('a', 'NoSchedule')],
      false,
      [],
      [{ key: 'x', effect: 'NoSchedule' }],
      'untainted',
      ['a:NoSchedule'],
      ['taint "x:NoSchedule" not found'],
    ],
    [
      'overwrite',
      [t('a', 'NoSchedule', 'old')],
      true,
      [t('a', 'NoSchedule', 'new')],
      [],
      'modified',
      ['a=new:NoSchedule'],
      [],
    ],
    [
      'add and remove',
      [t('b', 'NoSchedule')],
      false,
      [t('a', 'NoSchedule')],
      [{ key: 'b' }],
      'modified',
      ['a:NoSchedule'],
      [],
    ],
  ];
  for (const [name, old, overwrite, add, remove, op, taints, errors] of rows) {
    const r = reorganizeTaints(old, overwrite, add, remove);
    assert.equal(r.operation, op, name);
    assert.deepEqual(r.taints.map(taintString), taints, name);
    assert.deepEqual(r.errors, errors, name);
  }
});

test('drain filters (drain/filters.go): errors and warnings list the pods', () => {
  const pod = (name: string, extra: any = {}) => ({
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: { ...extra.spec },
    status: { phase: 'Running', ...extra.status },
  });
  const owned = (kind: string, name = 'x') => ({
    metadata: { ownerReferences: [{ kind, name, controller: true, apiVersion: 'apps/v1', uid: 'u' }] },
  });
  const ds = pod('ds-a', owned('DaemonSet', 'fluentd'));
  const rsPod = pod('web-a', owned('ReplicaSet'));
  const bare = pod('bare');
  const empty = pod('cache', { ...owned('ReplicaSet'), spec: { volumes: [{ name: 'v', emptyDir: {} }] } });
  const done = pod('done', { status: { phase: 'Succeeded' } });
  const mirror = pod('static', { metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } } });
  const exists = () => undefined;
  const o = (x: Partial<DrainOptions> = {}): DrainOptions => ({
    ignoreDaemonSets: false,
    deleteEmptyDirData: false,
    force: false,
    ...x,
  });
  const names = (r: ReturnType<typeof podsForDeletion>) => r.pods.map((p) => p.metadata.name);
  const rows: [string, any[], DrainOptions, string[], string, string[]][] = [
    ['managed pods go', [rsPod, done], o(), ['web-a', 'done'], '', []],
    [
      'daemonset refused',
      [ds, rsPod],
      o(),
      ['web-a'],
      '',
      ['cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-a'],
    ],
    [
      'daemonset ignored',
      [ds, rsPod],
      o({ ignoreDaemonSets: true }),
      ['web-a'],
      'ignoring DaemonSet-managed Pods: default/ds-a',
      [],
    ],
    [
      'bare pod refused',
      [bare],
      o(),
      [],
      '',
      ['cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare'],
    ],
    [
      'bare pod forced',
      [bare],
      o({ force: true }),
      ['bare'],
      'deleting Pods that declare no controller: default/bare',
      [],
    ],
    [
      'emptyDir refused',
      [empty],
      o(),
      [],
      '',
      ['cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache'],
    ],
    [
      'emptyDir deleted (the warning is dropped by the later filters, as in filters.go)',
      [empty],
      o({ deleteEmptyDirData: true }),
      ['cache'],
      '',
      [],
    ],
    ['mirror pods skipped', [mirror], o(), [], '', []],
  ];
  for (const [name, pods, opts, want, warnings, errors] of rows) {
    const r = podsForDeletion(pods, opts, exists);
    assert.deepEqual(names(r), want, name);
    assert.equal(r.warnings, warnings, name);
    assert.deepEqual(r.errors, errors, name);
  }
  const orphan = podsForDeletion([ds], o({ force: true }), () => 'daemonsets.apps "fluentd" not found');
  assert.deepEqual(names(orphan), ['ds-a'], 'an orphaned DaemonSet pod goes with --force');
  assert.equal(orphan.warnings, '', 'the later filters drop the warning, as in filters.go');
  assert.deepEqual(podsForDeletion([ds], o(), () => 'daemonsets.apps "fluentd" not found').errors, [
    'cannot delete daemonsets.apps "fluentd" not found: default/ds-a',
  ]);
});

test('drain through the Eviction API: DisruptionTarget, then the pods go; cordon first', () => {
  const c = createCluster({ nodes: 1, seed: 'drain' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  const [first] = c.list('pods', { labelSelector: 'app=web' });
  const r = c.kubectl('drain node-1');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^node\/node-1 cordoned\nevicting pod default\/web-/);
  assert.equal(c.get('node', 'node-1').spec.unschedulable, true);
  // the Eviction API wrote the DisruptionTarget condition, then deleted the pod gracefully; the kubelet finished it
  const history = c.timelineOf('pod', first.metadata.name!).map((e) => `${e.verb} ${e.actor}`);
  const evicted = history.indexOf('status kubectl');
  assert.ok(evicted >= 0 && history[evicted + 1] === 'delete kubectl', history.join('; '));
  assert.equal(history[history.length - 1], 'delete kubelet');
  assert.equal(c.tryGet('pod', first.metadata.name!), undefined);
  const pending = c.list('pods', { labelSelector: 'app=web' });
  assert.equal(pending.length, 2);
  assert.ok(
    pending.every((p) => !p.spec.nodeName),
    'the replacements have nowhere to go',
  );
});
