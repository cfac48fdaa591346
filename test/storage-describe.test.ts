// kubectl describe pv/pvc: the source block for each volume type, node affinity, Terminating, Used By.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

test('describe pv: source and node affinity by volume type', () => {
  const rows: [string, any, string[]][] = [
    [
      'nfs',
      { nfs: { server: 's', path: '/p' } },
      ['Type:      NFS (an NFS mount that lasts the lifetime of a pod)', 'Server:    s'],
    ],
    [
      'hostPath',
      { hostPath: { path: '/tmp/x', type: 'DirectoryOrCreate' } },
      ['Type:          HostPath (bare host directory volume)', 'HostPathType:  DirectoryOrCreate'],
    ],
    [
      'local',
      {
        local: { path: '/mnt/ssd' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] },
            ],
          },
        },
      },
      [
        'Type:  LocalVolume (a persistent volume backed by local storage on a node)',
        'Term 0:        kubernetes.io/hostname in [node-1]',
      ],
    ],
    [
      'csi',
      { csi: { driver: 'd', volumeHandle: 'h', fsType: 'ext4' } },
      [
        'Type:              CSI (a Container Storage Interface (CSI) volume source)',
        'VolumeHandle:      h',
        'VolumeAttributes:  <none>',
      ],
    ],
  ];
  for (const [name, spec, want] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'v' },
        spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
      }),
    );
    const out = c.kubectl('describe pv v').stdout;
    for (const line of want) assert.ok(out.includes(line), `${name}: ${line}\n${out}`);
  }
});

test('describe pvc: Used By lists the pods of the claim, Capacity empty while unbound', () => {
  const c = createCluster({ nodes: 1, seed: 'describe pvc' });
  c.apply(
    '{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"storageClassName":"","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}',
  );
  for (const name of ['b', 'a']) {
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: {
          containers: [{ name: 'x', image: 'busybox' }],
          volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c' } }],
        },
      }),
    );
  }
  let out = c.kubectl('describe pvc c').stdout;
  assert.match(out, /Status: +Pending\n/);
  assert.match(out, /Used By: +a\n +b\n/);
  assert.match(out, /Capacity: *\n/);
  c.kubectl('delete pod a b');
  out = c.kubectl('describe pvc c').stdout;
  assert.match(out, /Used By: +<none>\n/);
});

test('describe storageclass: StorageClassDescriber lines', () => {
  const rows: [string, any, string[]][] = [
    [
      'minimal',
      { provisioner: 'p' },
      [
        'IsDefaultClass:        No',
        'Annotations:     kubectl.kubernetes.io/last-applied-configuration={"apiVersion"',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
      ],
    ],
    [
      'default, beta annotation',
      { provisioner: 'p', metadata: { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } } },
      ['IsDefaultClass:        Yes', '}\n,storageclass.beta.kubernetes.io/is-default-class=true\n'],
    ],
    [
      'parameters and options',
      {
        provisioner: 'p',
        parameters: { b: '2', a: '1' },
        allowVolumeExpansion: false,
        mountOptions: ['nfsvers=4.1', 'hard'],
      },
      ['Parameters:            a=1,b=2', 'AllowVolumeExpansion:  False', 'MountOptions:\n  nfsvers=4.1\n  hard\n'],
    ],
    [
      'topologies',
      {
        provisioner: 'p',
        allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a', 'b'] }, { key: 'rack' }] }],
      },
      ['AllowedTopologies:     \n  Term 0:              zone in [a, b]\n                       rack in\n'],
    ],
  ];
  for (const [name, sc, want] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(
      JSON.stringify({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        ...sc,
        metadata: { name: 'sc', ...(sc.metadata ?? {}) },
      }),
    );
    const out = c.kubectl('describe storageclass sc').stdout;
    // kubectl apply's last-applied annotation ends in a newline, which breaks the tabwriter's columns as in kubectl
    const loose = (l: string) => new RegExp(l.replace(/[[\]{}()*+?.\\^$|]/g, '\\$&').replace(/ {2,}/g, '\\s+'));
    for (const line of want) assert.match(out, loose(line), name);
  }
});
