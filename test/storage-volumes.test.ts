// Pod volume files: the disks' directory model, configMap/secret payloads with items and optional, the
// downward API's formats, and what a container reads, lists and writes through its mounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import fc from 'fast-check';
import { Disks, cleanPath, isClean } from '../src/world/disks';
import { checkHostPathType } from '../src/kubelet/volumes/sources';
import { readFile, listDir, writeFile, containerFiles } from '../src/kubelet/volumes/files';

test('cleanPath', () => {
  const rows: [string[], string][] = [
    [['/a/b/'], '/a/b'],
    [['/a', '../b'], '/b'],
    [['a', './b//c'], '/a/b/c'],
    [['/'], '/'],
    [['/x', ''], '/x'],
  ];
  for (const [parts, want] of rows) assert.equal(cleanPath(...parts), want, parts.join(' '));
});

test('cleanPath leaves a clean path as it is, and cleans any other as joining the segments does (property)', () => {
  const slow = (p: string) =>
    '/' +
    p
      .split('/')
      .reduce((out: string[], seg) => (!seg || seg === '.' ? out : seg === '..' ? out.slice(0, -1) : [...out, seg]), [])
      .join('/');
  const rows: [string, boolean][] = [
    ['/', true],
    ['/a', true],
    ['/a/b.c', true],
    ['/a/.b', true],
    ['/a/..b', true],
    ['/...', true],
    ['a', false],
    ['', false],
    ['/a/', false],
    ['//a', false],
    ['/a/./b', false],
    ['/a/../b', false],
    ['/a/.', false],
    ['/a/..', false],
    ['/.', false],
    ['/..', false],
  ];
  for (const [p, clean] of rows) {
    assert.equal(isClean(p), clean, p);
    assert.equal(cleanPath(p), slow(p), p);
  }
  const path = fc
    .array(fc.constantFrom('a', 'b.c', '.', '..', '...', '.x', '', '/'), { maxLength: 6 })
    .map((segs) => segs.join('/'));
  fc.assert(
    fc.property(fc.boolean(), path, (abs, p) => cleanPath(abs ? '/' + p : p) === slow(p)),
    { numRuns: 2000 },
  );
});

test('disks: list, remove and move keep directories', () => {
  const d = new Disks();
  d.write('nfs/s', '/nfs/data/a/f.txt', 'x');
  d.mkdir('nfs/s', '/nfs/data/b');
  const rows: [string, string[] | undefined][] = [
    ['/nfs/data', ['a', 'b']],
    ['/nfs', ['data']],
    ['/nfs/data/a', ['f.txt']],
    ['/nope', undefined],
  ];
  for (const [dir, want] of rows) assert.deepEqual(d.list('nfs/s', dir), want, dir);
  d.move('nfs/s', '/nfs/data/a', '/nfs/data/archived-a');
  assert.equal(d.read('nfs/s', '/nfs/data/archived-a/f.txt'), 'x');
  assert.deepEqual(d.list('nfs/s', '/nfs/data'), ['archived-a', 'b']);
  d.remove('nfs/s', '/nfs/data');
  assert.deepEqual(d.list('nfs/s', '/nfs'), []);
});

function podWith(volume: any, mount: any = { name: 'v', mountPath: '/etc/v' }) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'busybox', volumeMounts: [mount] }], volumes: [{ name: 'v', ...volume }] },
  };
}

test('configMap and secret payloads: items, optional, missing keys', () => {
  const rows: { name: string; volume: any; path: string; want: string | undefined; event?: string }[] = [
    { name: 'all keys', volume: { configMap: { name: 'cm' } }, path: '/etc/v/b', want: '2' },
    {
      name: 'item renamed into a subdirectory',
      volume: { configMap: { name: 'cm', items: [{ key: 'a', path: 'sub/x' }] } },
      path: '/etc/v/sub/x',
      want: '1',
    },
    {
      name: 'items leave other keys out',
      volume: { configMap: { name: 'cm', items: [{ key: 'a', path: 'a' }] } },
      path: '/etc/v/b',
      want: undefined,
    },
    {
      name: 'missing key',
      volume: { configMap: { name: 'cm', items: [{ key: 'zz', path: 'zz' }] } },
      path: '/etc/v/zz',
      want: undefined,
      event: 'configmap references non-existent config key: zz',
    },
    {
      name: 'missing key, optional',
      volume: {
        configMap: {
          name: 'cm',
          optional: true,
          items: [
            { key: 'zz', path: 'zz' },
            { key: 'a', path: 'a' },
          ],
        },
      },
      path: '/etc/v/a',
      want: '1',
    },
    {
      name: 'missing configmap, optional',
      volume: { configMap: { name: 'nope', optional: true } },
      path: '/etc/v/a',
      want: undefined,
    },
    {
      name: 'missing secret',
      volume: { secret: { secretName: 'nope' } },
      path: '/etc/v/a',
      want: undefined,
      event: 'secret "nope" not found',
    },
    { name: 'secret decoded', volume: { secret: { secretName: 's' } }, path: '/etc/v/user', want: 'admin' },
    { name: 'binaryData decoded', volume: { configMap: { name: 'cm' } }, path: '/etc/v/bin', want: 'hi' },
  ];
  for (const row of rows) {
    const c = createCluster({ nodes: 1, seed: row.name });
    c.apply(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1","b":"2"},"binaryData":{"bin":"aGk="}}',
    );
    c.apply('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"user":"YWRtaW4="}}');
    c.apply(JSON.stringify(podWith(row.volume)));
    const pod = c.get('pods', 'p');
    const r = readFile(c, pod, 'c', row.path);
    assert.equal(r.ok ? r.content : undefined, row.want, row.name);
    const events = c
      .list('events')
      .filter((e: any) => e.reason === 'FailedMount')
      .map((e: any) => e.message);
    if (row.event)
      assert.ok(
        events.some((m: string) => m.endsWith(row.event!)),
        `${row.name}: ${events}`,
      );
    else assert.deepEqual(events, [], row.name);
  }
});

test('reads, listings and writes through the mounts', () => {
  const c = createCluster({ nodes: 1, seed: 'files' });
  c.apply(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { 'k.conf': 'v' } }));
  c.apply(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            volumeMounts: [
              { name: 'e', mountPath: '/data' },
              { name: 'cm', mountPath: '/data/conf' },
              { name: 'ro', mountPath: '/ro', readOnly: true },
            ],
          },
        ],
        volumes: [
          { name: 'e', emptyDir: {} },
          { name: 'cm', configMap: { name: 'cm' } },
          { name: 'ro', emptyDir: {} },
        ],
      },
    }),
  );
  const pod = c.get('pods', 'p');
  const writes: [string, boolean | string][] = [
    ['/data/x.txt', true],
    ['/data/conf/k.conf', 'EROFS'],
    ['/ro/y', 'EROFS'],
    ['/tmp/own', true],
  ];
  for (const [p, want] of writes) {
    const r = writeFile(c, pod, 'c', p, 'hello');
    assert.equal(r.ok ? true : r.error, want, p);
  }
  const lists: [string, string[] | string][] = [
    ['/data', ['conf', 'x.txt']],
    ['/data/conf', ['k.conf']],
    [
      '/',
      [
        'bin',
        'boot',
        'data',
        'dev',
        'etc',
        'home',
        'lib',
        'lib64',
        'media',
        'mnt',
        'opt',
        'proc',
        'ro',
        'root',
        'run',
        'sbin',
        'srv',
        'sys',
        'tmp',
        'usr',
        'var',
      ],
    ],
    ['/nope', 'ENOENT'],
  ];
  for (const [p, want] of lists) {
    const r = listDir(c, pod, 'c', p);
    assert.deepEqual(r.ok ? r.entries : r.error, want, p);
  }
  const reads: [string, string][] = [
    ['/data/x.txt', 'hello'],
    ['/data/conf/k.conf', 'v'],
    ['/tmp/own', 'hello'],
    ['/data', 'EISDIR'],
    ['/data/none', 'ENOENT'],
  ];
  for (const [p, want] of reads) {
    const r = readFile(c, pod, 'c', p);
    assert.equal(r.ok ? r.content : r.error, want, p);
  }
  assert.equal(readFile(c, pod, 'nope', '/data/x.txt').ok, false);
  const files = containerFiles(c, pod, 'c');
  assert.equal(files.get('/data/x.txt'), 'hello');
  assert.equal(files.get('/data/conf/k.conf'), 'v');
  assert.ok(files.has('/var/run/secrets/kubernetes.io/serviceaccount/token'));
});

test('hostPath type checks', () => {
  const rows: [string, string, string | undefined][] = [
    ['Directory', '/d', undefined],
    ['Directory', '/none', 'hostPath type check failed: /none is not a directory'],
    ['Directory', '/f', 'hostPath type check failed: /f is not a directory'],
    ['File', '/f', undefined],
    ['File', '/d', 'hostPath type check failed: /d is not a file'],
    ['FileOrCreate', '/new', undefined],
    ['', '/made', undefined],
  ];
  for (const [type, path, err] of rows) {
    const d = new Disks();
    d.mkdir('node/n', '/d');
    d.write('node/n', '/f', 'x');
    let got: string | undefined;
    try {
      checkHostPathType(d, 'node/n', path, type);
    } catch (e) {
      got = (e as Error).message;
    }
    assert.equal(got, err, `${type} ${path}`);
  }
  const d = new Disks();
  checkHostPathType(d, 'node/n', '/made', '');
  assert.equal(d.isDir('node/n', '/made'), true);
  checkHostPathType(d, 'node/n', '/new', 'FileOrCreate');
  assert.equal(d.read('node/n', '/new'), '');
});

test('the volume manager is part of the kubelet: a stopped one sets up no volume until it starts again', () => {
  const c = createCluster({ nodes: 1 });
  c.failNode('node-1');
  // bound to the stopped node, with a ConfigMap that does not exist: a running kubelet would report FailedMount
  c.api.create({
    ...podWith({ configMap: { name: 'missing' } }),
    spec: { ...podWith({ configMap: { name: 'missing' } }).spec, nodeName: 'node-1' },
  });
  c.advance('10s');
  const failedMounts = () => c.list('events').filter((e) => e.reason === 'FailedMount').length;
  const rows: [string, () => void, boolean][] = [
    ['while the kubelet is stopped', () => {}, false],
    ['after it starts again', () => c.recoverNode('node-1'), true],
  ];
  for (const [name, act, mounted] of rows) {
    act();
    assert.equal(failedMounts() > 0, mounted, name);
  }
});
