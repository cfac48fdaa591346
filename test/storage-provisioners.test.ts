// The simulated external provisioners: nfs-subdir's directory naming and archiveOnDelete, local-path's node
// requirement; and the scheduler's volume binder for WaitForFirstConsumer claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disks, nfsHost, nodeHost } from '../src/world/disks';
import { localPath, nfsSubdir } from '../src/controllers/volume/provisioners/plugins';
import { createCluster } from '../src/cluster';
import { findPodVolumes, ERR_REASON_BINDING_CONFLICT } from '../src/scheduler/plugins/volumebinding/binder';
import { admitClaimResize } from '../src/apiserver/admission/pvc-resize';
import { recyclerPod, recyclerTimeout } from '../src/controllers/volume/persistentvolume/recycler';

const claim = (ann: Record<string, string> = {}) => ({
  metadata: { name: 'data', namespace: 'default', annotations: ann },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});
const sc = (params: Record<string, string> | undefined) => ({
  metadata: { name: 'c' },
  provisioner: 'p',
  reclaimPolicy: 'Delete',
  parameters: params,
});

test('nfs-subdir: <ns>-<claim>-<pv> under NFS_PATH; archiveOnDelete', () => {
  const rows: [Record<string, string> | undefined, string[]][] = [
    [undefined, ['archived-default-data-pvc-1']],
    [{ archiveOnDelete: 'true' }, ['archived-default-data-pvc-1']],
    [{ archiveOnDelete: 'false' }, []],
    [{ archiveOnDelete: '0' }, []],
  ];
  for (const [params, after] of rows) {
    const disks = new Disks();
    const r = nfsSubdir('10.0.0.1', '/nfs/data').provision(claim(), sc(params), 'pvc-1', disks);
    assert.ok('spec' in r);
    assert.deepEqual(r.spec.nfs, { server: '10.0.0.1', path: '/nfs/data/default-data-pvc-1' });
    assert.equal(r.spec.persistentVolumeReclaimPolicy, 'Delete');
    assert.deepEqual(disks.list(nfsHost('10.0.0.1'), '/nfs/data'), ['default-data-pvc-1']);
    nfsSubdir('10.0.0.1', '/nfs/data').delete({ metadata: { name: 'pvc-1' }, spec: r.spec }, sc(params), disks);
    assert.deepEqual(disks.list(nfsHost('10.0.0.1'), '/nfs/data'), after, JSON.stringify(params));
  }
});

test('local-path: needs the selected node, pins the volume to it', () => {
  const disks = new Disks();
  assert.deepEqual(localPath.provision(claim(), sc(undefined), 'pvc-1', disks), {
    error: 'configuration error, no node was specified',
  });
  const r = localPath.provision(
    claim({ 'volume.kubernetes.io/selected-node': 'node-2' }),
    sc(undefined),
    'pvc-1',
    disks,
  );
  assert.ok('spec' in r);
  assert.equal(r.spec.hostPath.path, '/opt/local-path-provisioner/pvc-1_default_data');
  assert.deepEqual(r.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, ['node-2']);
});

test('volume binder: a node fits when a static volume admits it or the class provisions', () => {
  const c = createCluster({ nodes: 2, seed: 'binder' });
  c.apply(`
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local-storage}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: local-pv}
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local: {path: /mnt/disks/ssd1}
  nodeAffinity:
    required:
      nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node-2]}]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: local-storage, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
  const pod = {
    metadata: { name: 'p', namespace: 'default' },
    spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
  };
  const rows: [string, string | undefined][] = [
    ['node-1', ERR_REASON_BINDING_CONFLICT],
    ['node-2', undefined],
  ];
  for (const [node, want] of rows) assert.equal(findPodVolumes(c.api, pod, c.get('nodes', node)), want, node);
  c.apply(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: pod.spec.volumes },
    }),
  );
  assert.equal(c.get('pods', 'p').spec.nodeName, 'node-2');
  assert.equal(c.get('pvc', 'data').spec.volumeName, 'local-pv');
  assert.equal(c.get('pv', 'local-pv').status.phase, 'Bound');
});

test('claim resize: only when the class allows volume expansion', () => {
  const c = createCluster({ nodes: 1, seed: 'resize' });
  c.apply(
    '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"grow"},"provisioner":"p","allowVolumeExpansion":true}',
  );
  c.apply('{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"fixed"},"provisioner":"p"}');
  const pvc = (cls: string | undefined, size: string) => ({
    metadata: { name: 'd', namespace: 'default' },
    spec: { storageClassName: cls, resources: { requests: { storage: size } } },
  });
  const rows: [string | undefined, string, string, boolean][] = [
    ['grow', '1Gi', '2Gi', true],
    ['fixed', '1Gi', '2Gi', false],
    [undefined, '1Gi', '2Gi', false],
    ['missing', '1Gi', '2Gi', false],
    ['fixed', '1Gi', '1024Mi', true],
    ['fixed', '2Gi', '1Gi', true],
  ];
  for (const [cls, had, want, ok] of rows) {
    const run = () => admitClaimResize(pvc(cls, want), pvc(cls, had), c.api);
    if (ok) assert.doesNotThrow(run, `${cls} ${had}->${want}`);
    else assert.throws(run, /only dynamically provisioned pvc can be resized/, `${cls} ${had}->${want}`);
  }
});

test('recycler pod: template, timeout, and what it empties', () => {
  const pv = (spec: any, storage = '1Gi') => ({ metadata: { name: 'pv1' }, spec: { capacity: { storage }, ...spec } });
  const rows: [string, any, number][] = [
    ['hostPath 1Gi', pv({ hostPath: { path: '/data' } }), 60],
    ['hostPath 10Gi', pv({ hostPath: { path: '/data' } }, '10Gi'), 300],
    ['nfs 1Gi', pv({ nfs: { server: 's', path: '/x' } }), 300],
    ['nfs 20Gi', pv({ nfs: { server: 's', path: '/x' } }, '20Gi'), 600],
  ];
  for (const [name, v, timeout] of rows) {
    const pod = recyclerPod(v)!;
    assert.equal(pod.metadata.name, 'recycler-for-pv1', name);
    assert.equal(pod.spec.activeDeadlineSeconds, timeout, name);
    assert.equal(recyclerTimeout(v, v.spec.hostPath ? 60 : 300), timeout, name);
    assert.deepEqual(pod.spec.containers[0].volumeMounts, [{ name: 'vol', mountPath: '/scrub' }], name);
  }
  assert.equal(recyclerPod(pv({ local: { path: '/mnt' } })), undefined);

  // the pod runs on a node (one here), empties the volume there and is deleted; the volume is Available again
  const hosts: [string, any, string, string][] = [
    ['hostPath', { hostPath: { path: '/data/01' } }, nodeHost('node-1'), '/data/01'],
    ['nfs', { nfs: { server: '10.0.0.9', path: '/exports/01' } }, nfsHost('10.0.0.9'), '/exports/01'],
  ];
  for (const [name, source, host, dir] of hosts) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv1' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Recycle',
          storageClassName: '',
          ...source,
        },
      }),
    );
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      }),
    );
    c.disks.write(host, `${dir}/a.txt`, 'x');
    c.disks.write(host, `${dir}/sub/b.txt`, 'y');
    c.kubectl('delete pvc data');
    assert.deepEqual(c.disks.list(host, dir), [], name);
    assert.equal(c.get('pv', 'pv1').status.phase, 'Available', name);
    assert.equal(c.list('pods').length, 0, `${name}: the recycler pod is deleted`);
    assert.ok(
      c.list('events').some((e: any) => e.reason === 'VolumeRecycled'),
      name,
    );
  }
});
