// kubectl describe pv/pvc: the source block for each volume type, node affinity, Terminating, Used By.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

test('describe pv: source and node affinity by volume type', () => {
  const rows: [string, any, string[]][] = [
    ['nfs', { nfs: { server: 's', path: '/p' } }, ['Type:      NFS (an NFS mount that lasts the lifetime of a pod)', 'Server:    s']],
    ['hostPath', { hostPath: { path: '/tmp/x', type: 'DirectoryOrCreate' } }, ['Type:          HostPath (bare host directory volume)', 'HostPathType:  DirectoryOrCreate']],
    ['local', { local: { path: '/mnt/ssd' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } } },
      ['Type:  LocalVolume (a persistent volume backed by local storage on a node)', 'Term 0:        kubernetes.io/hostname in [node-1]']],
    ['csi', { csi: { driver: 'd', volumeHandle: 'h', fsType: 'ext4' } }, ['Type:              CSI (a Container Storage Interface (CSI) volume source)', 'VolumeHandle:      h', 'VolumeAttributes:  <none>']],
  ];
  for (const [name, spec, want] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec } }));
    const out = c.kubectl('describe pv v').stdout;
    for (const line of want) assert.ok(out.includes(line), `${name}: ${line}\n${out}`);
  }
});

test('describe pvc: Used By lists the pods of the claim, Capacity empty while unbound', () => {
  const c = createCluster({ nodes: 1, seed: 'describe pvc' });
  c.apply('{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"storageClassName":"","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}');
  for (const name of ['b', 'a']) {
    c.apply(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'x', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c' } }] } }));
  }
  let out = c.kubectl('describe pvc c').stdout;
  assert.match(out, /Status: +Pending\n/);
  assert.match(out, /Used By: +a\n +b\n/);
  assert.match(out, /Capacity: *\n/);
  c.kubectl('delete pod a b');
  out = c.kubectl('describe pvc c').stdout;
  assert.match(out, /Used By: +<none>\n/);
});
