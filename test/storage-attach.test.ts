// Attach/detach: attachment names, which volumes are single-node, and the controller's attachments for
// ReadWriteOnce and ReadWriteMany CSI volumes used from two nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentName, singleNode } from '../src/controllers/volume/attachdetach/util';
import { isAttachable, uniqueVolumeName } from '../src/api/storage/util';
import { createCluster } from '../src/cluster';

test('attachmentName: csi- and the SHA-256 of handle, driver and node', () => {
  assert.match(attachmentName('h', 'd', 'n'), /^csi-[0-9a-f]{64}$/);
  assert.equal(attachmentName('h', 'd', 'n'), attachmentName('h', 'd', 'n'));
  assert.notEqual(attachmentName('h', 'd', 'n1'), attachmentName('h', 'd', 'n2'));
});

test('singleNode and isAttachable', () => {
  const rows: [string[], boolean][] = [
    [['ReadWriteOnce'], true],
    [['ReadWriteOncePod'], true],
    [['ReadWriteOnce', 'ReadOnlyMany'], false],
    [['ReadWriteMany'], false],
  ];
  for (const [modes, want] of rows)
    assert.equal(singleNode({ metadata: {}, spec: { accessModes: modes } }), want, modes.join('+'));
  assert.equal(isAttachable({ metadata: {}, spec: { csi: { driver: 'd' } } }), true);
  assert.equal(isAttachable({ metadata: {}, spec: { nfs: {} } }), false);
});

function twoPods(mode: string) {
  const c = createCluster({ nodes: 2, seed: mode });
  c.apply(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec:
  capacity: {storage: 1Gi}
  accessModes: [${mode}]
  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h-1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: "", accessModes: [${mode}], resources: {requests: {storage: 1Gi}}}
`);
  for (const [name, node] of [
    ['a', 'node-1'],
    ['b', 'node-2'],
  ]) {
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: {
          nodeName: node,
          containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'd', mountPath: '/d' }] }],
          volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
        },
      }),
    );
  }
  return c;
}

test('attachments from two nodes: ReadWriteOnce once, ReadWriteMany on both', () => {
  const rows: [string, string[], string[]][] = [
    ['ReadWriteOnce', ['node-1'], ['Running', 'Pending']],
    ['ReadWriteMany', ['node-1', 'node-2'], ['Running', 'Running']],
  ];
  for (const [mode, nodes, phases] of rows) {
    const c = twoPods(mode);
    assert.deepEqual(
      c
        .list('volumeattachments')
        .map((v) => v.spec.nodeName)
        .sort(),
      nodes,
      mode,
    );
    assert.deepEqual(
      ['a', 'b'].map((p) => c.get('pods', p).status.phase),
      phases,
      mode,
    );
    const multi = c
      .list('events')
      .filter((e: any) => e.reason === 'FailedAttachVolume')
      .map((e: any) => e.message);
    assert.deepEqual(
      multi,
      mode === 'ReadWriteOnce' ? ['Multi-Attach error for volume "disk" Volume is already used by pod(s) a'] : [],
      mode,
    );
  }
});

test('node status: volumesAttached and volumesInUse name the CSI volume', () => {
  assert.equal(
    uniqueVolumeName({ metadata: {}, spec: { csi: { driver: 'd.example.com', volumeHandle: 'vol-1' } } }),
    'kubernetes.io/csi/d.example.com^vol-1',
  );
  const c = twoPods('ReadWriteMany');
  for (const n of ['node-1', 'node-2']) {
    const st = c.get('nodes', n).status;
    assert.deepEqual(st.volumesAttached, [{ name: 'kubernetes.io/csi/hostpath.csi.k8s.io^h-1', devicePath: '' }], n);
    assert.deepEqual(st.volumesInUse, ['kubernetes.io/csi/hostpath.csi.k8s.io^h-1'], n);
  }
});

test('detach waits for the unmount: a stopped kubelet keeps the volume in use', () => {
  // pod a's kubelet stops, then a is force-deleted: node-1 still reports the volume in use
  const rows: [string, boolean, [string, boolean][]][] = [
    [
      'not Ready node: forced after maxWaitForUnmountDuration',
      false,
      [
        ['5m', true],
        ['2m', false],
      ],
    ],
    ['out-of-service taint: at once', true, [['0s', false]]],
  ];
  for (const [name, outOfService, steps] of rows) {
    const c = twoPods('ReadWriteMany');
    c.failNode('node-1');
    c.advance('1m'); // the node lifecycle controller marks node-1 not Ready
    c.kubectl('delete pod a --force --grace-period=0');
    if (outOfService) c.kubectl('taint node node-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');
    for (const [wait, attached] of steps) {
      c.advance(wait);
      const onNode1 = c.list('volumeattachments').some((v) => v.spec.nodeName === 'node-1');
      assert.equal(onNode1, attached, `${name}, after ${wait}`);
      assert.equal(
        (c.get('nodes', 'node-1').status.volumesAttached ?? []).length,
        attached ? 1 : 0,
        `${name}: volumesAttached after ${wait}`,
      );
    }
    assert.ok(
      c.list('volumeattachments').some((v) => v.spec.nodeName === 'node-2'),
      name,
    );
  }
});
