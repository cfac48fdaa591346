// The simulated external provisioners: nfs-subdir's directory naming and archiveOnDelete, local-path's node
// requirement; and the scheduler's volume binder for WaitForFirstConsumer claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disks, nfsHost } from '../src/kubelet/volumes/disks';
import { localPath, nfsSubdir } from '../src/controllers/volume/provisioners/plugins';
import { createCluster } from '../src/cluster';
import { findPodVolumes, ERR_REASON_BINDING_CONFLICT } from '../src/controllers/volume/scheduling/binder';
import { admitClaimResize } from '../src/apiserver/admission/pvc-resize';
import { scrubVolume } from '../src/controllers/volume/persistentvolume/recycler';

const claim = (ann: Record<string, string> = {}) => ({ metadata: { name: 'data', namespace: 'default', annotations: ann }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
const sc = (params: Record<string, string> | undefined) => ({ metadata: { name: 'c' }, provisioner: 'p', reclaimPolicy: 'Delete', parameters: params });

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
  assert.deepEqual(localPath.provision(claim(), sc(undefined), 'pvc-1', disks), { error: 'configuration error, no node was specified' });
  const r = localPath.provision(claim({ 'volume.kubernetes.io/selected-node': 'node-2' }), sc(undefined), 'pvc-1', disks);
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
  const pod = { metadata: { name: 'p', namespace: 'default' }, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } };
  const rows: [string, string | undefined][] = [['node-1', ERR_REASON_BINDING_CONFLICT], ['node-2', undefined]];
  for (const [node, want] of rows) assert.equal(findPodVolumes(c.api, pod, c.get('nodes', node)), want, node);
  c.apply(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: pod.spec.volumes } }));
  assert.equal(c.get('pods', 'p').spec.nodeName, 'node-2');
  assert.equal(c.get('pvc', 'data').spec.volumeName, 'local-pv');
  assert.equal(c.get('pv', 'local-pv').status.phase, 'Bound');
});

test('claim resize: only when the class allows volume expansion', () => {
  const c = createCluster({ nodes: 1, seed: 'resize' });
  c.apply('{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"grow"},"provisioner":"p","allowVolumeExpansion":true}');
  c.apply('{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"fixed"},"provisioner":"p"}');
  const pvc = (cls: string | undefined, size: string) => ({ metadata: { name: 'd', namespace: 'default' }, spec: { storageClassName: cls, resources: { requests: { storage: size } } } });
  const rows: [string | undefined, string, string, boolean][] = [
    ['grow', '1Gi', '2Gi', true], ['fixed', '1Gi', '2Gi', false], [undefined, '1Gi', '2Gi', false], ['missing', '1Gi', '2Gi', false],
    ['fixed', '1Gi', '1024Mi', true], ['fixed', '2Gi', '1Gi', true],
  ];
  for (const [cls, had, want, ok] of rows) {
    const run = () => admitClaimResize(pvc(cls, want), pvc(cls, had), c.api);
    if (ok) assert.doesNotThrow(run, `${cls} ${had}->${want}`);
    else assert.throws(run, /only dynamically provisioned pvc can be resized/, `${cls} ${had}->${want}`);
  }
});

test('recycler: an NFS volume is emptied, its directory kept', () => {
  const disks = new Disks();
  disks.write(nfsHost('s'), '/nfs/data/01/a.txt', 'x');
  disks.write(nfsHost('s'), '/nfs/data/01/sub/b.txt', 'y');
  disks.write(nfsHost('s'), '/nfs/data/02/keep.txt', 'z');
  scrubVolume(disks, { metadata: { name: 'pv' }, spec: { nfs: { server: 's', path: '/nfs/data/01' } } });
  assert.deepEqual(disks.list(nfsHost('s'), '/nfs/data/01'), []);
  assert.deepEqual(disks.list(nfsHost('s'), '/nfs/data'), ['01', '02']);
});
