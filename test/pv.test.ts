// PersistentVolume binder: the index's choice (index_test.go TestFindingVolumeWithDifferentAccessModes,
// TestMatchVolume), the binder matrix rows of binder_test.go (fact 7.10), and the static NFS pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { PersistentVolumeOrderedIndex } from '../src/controllers/volume/persistentvolume/index';
import { PersistentVolumeController } from '../src/controllers/volume/persistentvolume/controller';
import { PVCProtectionController } from '../src/controllers/volume/pvcprotection/controller';
import { PVProtectionController } from '../src/controllers/volume/pvprotection/controller';
import { accessModesKey } from '../src/api/storage/volume';
import { controlPlane, createYaml, type Plane } from './admission.helpers';

const RWO = 'ReadWriteOnce',
  ROX = 'ReadOnlyMany',
  RWX = 'ReadWriteMany';

function pv(
  name: string,
  size: string,
  modes: string[],
  extra: Partial<{
    claimRef: any;
    phase: string;
    class: string;
    labels: Record<string, string>;
    volumeMode: string;
  }> = {},
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: extra.labels },
    spec: {
      capacity: { storage: size },
      accessModes: modes,
      claimRef: extra.claimRef,
      storageClassName: extra.class,
      volumeMode: extra.volumeMode ?? 'Filesystem',
    },
    status: { phase: extra.phase ?? 'Available' },
  };
}

function claim(name: string, size: string, modes: string[], uid = `uid-${name}`): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'myns', uid },
    spec: { accessModes: modes, resources: { requests: { storage: size } } },
  };
}

test('index: access-mode sets are searched fewest modes first (TestFindingVolumeWithDifferentAccessModes)', () => {
  const index = new PersistentVolumeOrderedIndex();
  index.store(pv('gce', '10G', [RWO, ROX]));
  index.store(pv('ebs', '10G', [RWO]));
  index.store(pv('nfs', '10G', [RWO, ROX, RWX]));
  const rows: [string[], string][] = [
    [[RWO], 'ebs'],
    [[RWO, ROX], 'gce'],
    [[RWX, RWO, ROX], 'nfs'],
    [[RWX], 'nfs'],
  ];
  for (const [modes, want] of rows) {
    assert.equal(index.findBestMatchForClaim(claim('c', '1G', modes), false)?.metadata.name, want, modes.join('+'));
  }
});

test('index: TestMatchVolume rows over the test pool', () => {
  const index = new PersistentVolumeOrderedIndex();
  // createTestVolumes: gce-pd-1 (1G, bound elsewhere), gce-pd-5, gce-pd-10, nfs-5, nfs-10 ... as in index_test.go
  index.store(
    pv('gce-pd-1', '1G', [RWO, ROX], { claimRef: { name: 'other', namespace: 'myns', uid: 'x' }, phase: 'Bound' }),
  );
  index.store(pv('gce-pd-5', '5G', [RWO, ROX]));
  index.store(pv('gce-pd-10', '10G', [RWO, ROX]));
  index.store(pv('nfs-5', '5G', [RWO, ROX, RWX]));
  index.store(pv('nfs-10', '10G', [RWO, ROX, RWX]));
  index.store(pv('nfs-1', '1G', [RWO, ROX, RWX]));
  const rows: [string, string[], string | undefined][] = [
    ['8G', [RWO], 'gce-pd-10'],
    ['5G', [ROX, RWO, RWX], 'nfs-5'],
    ['1G', [RWO, ROX], 'gce-pd-5'],
    ['999G', [RWO], undefined],
  ];
  for (const [size, modes, want] of rows) {
    assert.equal(index.findBestMatchForClaim(claim('c', size, modes), false)?.metadata.name, want, `${size} ${modes}`);
  }
});

test('index: class, selector, volumeMode, phase and pre-binding filter candidates', () => {
  const rows: { name: string; pvs: KObject[]; claim: KObject; want: string | undefined }[] = [
    {
      name: 'class must match; "" matches only ""',
      pvs: [pv('a', '1Gi', [RWO], { class: 'fast' }), pv('b', '2Gi', [RWO])],
      claim: claim('c', '1Gi', [RWO]),
      want: 'b',
    },
    {
      name: 'selector',
      pvs: [pv('a', '1Gi', [RWO], { labels: { tier: 'x' } }), pv('b', '2Gi', [RWO], { labels: { tier: 'gold' } })],
      claim: {
        ...claim('c', '1Gi', [RWO]),
        spec: { ...claim('c', '1Gi', [RWO]).spec, selector: { matchLabels: { tier: 'gold' } } },
      },
      want: 'b',
    },
    {
      name: 'volumeMode Block vs Filesystem',
      pvs: [pv('a', '1Gi', [RWO], { volumeMode: 'Block' })],
      claim: claim('c', '1Gi', [RWO]),
      want: undefined,
    },
    {
      name: 'only Available volumes',
      pvs: [pv('a', '1Gi', [RWO], { phase: 'Released' }), pv('b', '5Gi', [RWO])],
      claim: claim('c', '1Gi', [RWO]),
      want: 'b',
    },
    {
      name: 'pre-bound by name wins over a smaller volume',
      pvs: [pv('a', '1Gi', [RWO]), pv('b', '10Gi', [RWO], { claimRef: { name: 'c', namespace: 'myns' } })],
      claim: claim('c', '1Gi', [RWO]),
      want: 'b',
    },
    {
      name: 'pre-bound to another UID is skipped',
      pvs: [pv('b', '10Gi', [RWO], { claimRef: { name: 'c', namespace: 'myns', uid: 'uid-777' } })],
      claim: claim('c', '1Gi', [RWO]),
      want: undefined,
    },
  ];
  for (const r of rows) {
    const index = new PersistentVolumeOrderedIndex();
    for (const v of r.pvs) index.store(v);
    assert.equal(index.findBestMatchForClaim(r.claim, false)?.metadata.name, r.want, r.name);
  }
});

test('access modes key as GetAccessModesAsString', () => {
  assert.equal(accessModesKey([RWX, RWO]), 'RWO,RWX');
  assert.equal(accessModesKey([ROX, 'ReadWriteOncePod', RWO]), 'RWO,ROX,RWOP');
});

function plane(): Plane {
  return controlPlane([
    (c) => new PersistentVolumeController(c),
    (c) => new PVCProtectionController(c),
    (c) => new PVProtectionController(c),
  ]);
}
const events = (p: Plane, name: string) =>
  p.api
    .list('events')
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);

function volumeYaml(name: string, size: string, extra = ''): string {
  return `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: {capacity: {storage: ${size}}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/${name}}${extra}}`;
}
function claimYaml(name: string, size: string, extra = ''): string {
  return `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}}\nspec: {accessModes: [ReadWriteOnce], storageClassName: "", resources: {requests: {storage: ${size}}}${extra}}`;
}

test('binder 1-1: successful bind, with annotations, phases and claim status', () => {
  const p = plane();
  createYaml(p, volumeYaml('volume1-1', '1Gi'));
  assert.equal(p.api.get('persistentvolumes', undefined, 'volume1-1').status.phase, 'Available');
  createYaml(p, claimYaml('claim1-1', '1Gi'));
  const v = p.api.get('persistentvolumes', undefined, 'volume1-1');
  const c = p.api.get('persistentvolumeclaims', 'default', 'claim1-1');
  assert.equal(v.status.phase, 'Bound');
  assert.deepEqual(
    [v.spec.claimRef.name, v.spec.claimRef.namespace, v.spec.claimRef.uid, v.spec.claimRef.kind],
    ['claim1-1', 'default', c.metadata.uid, 'PersistentVolumeClaim'],
  );
  assert.equal(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  assert.equal(c.spec.volumeName, 'volume1-1');
  assert.deepEqual(c.metadata.annotations, {
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
  });
  assert.deepEqual(c.status, { phase: 'Bound', accessModes: [RWO], capacity: { storage: '1Gi' } });
});

test('binder 1-2: no volume big enough: the claim stays Pending with FailedBinding', () => {
  const p = plane();
  createYaml(p, volumeYaml('volume1-2', '1Gi'));
  createYaml(p, claimYaml('claim1-2', '10Gi'));
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-2').status.phase, 'Pending');
  assert.equal(p.api.get('persistentvolumes', undefined, 'volume1-2').status.phase, 'Available');
  assert.deepEqual(events(p, 'claim1-2'), [
    'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
  ]);
  // the periodic resync retries: a volume that appears later is bound within 15 s
  createYaml(p, volumeYaml('volume1-2b', '10Gi'));
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-2').status.phase, 'Pending');
  p.runtime.advance(15_000);
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-2').spec.volumeName, 'volume1-2b');
});

test('binder 1-4 and 1-5: the smallest volume; a volume pre-bound by name wins and shows its own capacity', () => {
  let p = plane();
  createYaml(p, volumeYaml('volume1-4-10', '10Gi') + '\n---\n' + volumeYaml('volume1-4-1', '1Gi'));
  createYaml(p, claimYaml('claim1-4', '1Gi'));
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-4').spec.volumeName, 'volume1-4-1');
  p = plane();
  createYaml(
    p,
    volumeYaml('volume1-5-10', '10Gi', ', claimRef: {name: claim1-5, namespace: default}') +
      '\n---\n' +
      volumeYaml('volume1-5-1', '1Gi'),
  );
  createYaml(p, claimYaml('claim1-5', '1Gi'));
  const c = p.api.get('persistentvolumeclaims', 'default', 'claim1-5');
  assert.equal(c.spec.volumeName, 'volume1-5-10');
  assert.deepEqual(c.status.capacity, { storage: '10Gi' });
  assert.equal(
    p.api.get('persistentvolumes', undefined, 'volume1-5-10').metadata.annotations?.[
      'pv.kubernetes.io/bound-by-controller'
    ],
    undefined,
  );
});

test('binder 1-7: a volume pre-bound to another UID is not bound', () => {
  const p = plane();
  createYaml(p, volumeYaml('volume1-7', '10Gi', ', claimRef: {name: claim1-7, namespace: default, uid: uid1-777}'));
  createYaml(p, claimYaml('claim1-7', '1Gi'));
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-7').status.phase, 'Pending');
  assert.deepEqual(events(p, 'claim1-7'), [
    'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
  ]);
});

test('binder 4-3 and 4-10, and reclaiming by plugin: the claim goes; Retain releases, Delete and Recycle as the plugin can', () => {
  const rows: {
    policy: string;
    source: string;
    phase: string | undefined;
    message?: string;
    event?: string;
    claimRef?: boolean;
    recycler?: string;
  }[] = [
    { policy: 'Retain', source: 'hostPath: {path: /tmp/vol}', phase: 'Released', claimRef: true },
    { policy: 'Delete', source: 'hostPath: {path: /tmp/vol}', phase: undefined },
    {
      policy: 'Delete',
      source: 'hostPath: {path: /mnt/data}',
      phase: 'Failed',
      message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/data',
    },
    {
      policy: 'Delete',
      source: 'nfs: {server: 10.0.0.5, path: /x}',
      phase: 'Failed',
      message: 'error getting deleter volume plugin for volume "vol": no deletable volume plugin matched',
    },
    {
      policy: 'Delete',
      source: 'gcePersistentDisk: {pdName: disk-1}',
      phase: 'Failed',
      message: 'error getting deleter volume plugin for volume "vol": no volume plugin matched',
    },
    // the recycler pod runs nowhere in this control plane: it is marked Succeeded (or Failed) by hand
    {
      policy: 'Recycle',
      source: 'nfs: {server: 10.0.0.5, path: /x}',
      recycler: 'Succeeded',
      phase: 'Available',
      event: 'Normal VolumeRecycled Volume recycled',
      claimRef: false,
    },
    {
      policy: 'Recycle',
      source: 'hostPath: {path: /data/x}',
      recycler: 'Failed',
      phase: 'Failed',
      message: 'Recycle failed: pod failed, pod.Status.Message unknown',
      event: 'Warning VolumeFailedRecycle Recycle failed: pod failed, pod.Status.Message unknown',
    },
    {
      policy: 'Recycle',
      source: 'csi: {driver: example.com, volumeHandle: h}',
      phase: 'Failed',
      message: 'No recycler plugin found for the volume!',
      event: 'Warning VolumeFailedRecycle No recycler plugin found for the volume!',
    },
  ];
  for (const r of rows) {
    const name = `${r.policy} ${r.source}`;
    const p = plane();
    createYaml(
      p,
      `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: vol}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: ${r.policy}, ${r.source}}`,
    );
    createYaml(p, claimYaml('claim', '1Gi'));
    assert.equal(p.api.get('persistentvolumes', undefined, 'vol').status.phase, 'Bound', name);
    p.api.delete('persistentvolumeclaims', 'default', 'claim');
    p.converge();
    if (r.recycler) {
      assert.equal(
        p.api.get('persistentvolumes', undefined, 'vol').status.phase,
        'Released',
        `${name}: while the recycler pod runs`,
      );
      const pod = p.api.get('pods', 'default', 'recycler-for-vol');
      p.api.updateStatus({ ...pod, status: { phase: r.recycler } });
      p.converge();
      // a failed recycle is tried again (the Failed volume is reclaimed on its next sync), with a new pod
      if (r.recycler === 'Succeeded')
        assert.equal(
          p.api.tryGet('pods', 'default', 'recycler-for-vol'),
          undefined,
          `${name}: the recycler pod is deleted`,
        );
    }
    const v = p.api.tryGet('persistentvolumes', undefined, 'vol');
    assert.equal(v?.status.phase, r.phase, name);
    if (!v) continue;
    assert.equal(v.status.message ?? '', r.message ?? '', name);
    if (r.claimRef !== undefined) assert.equal(!!v.spec.claimRef, r.claimRef, name);
    const want = r.event ?? (r.message ? `Warning VolumeFailedDelete ${r.message}` : undefined);
    assert.deepEqual(events(p, 'vol'), want ? [want] : [], name);
  }
});

test('binder 4-4: a claim recreated with the same name (another UID) releases the volume', () => {
  const p = plane();
  createYaml(p, volumeYaml('vol', '1Gi'));
  createYaml(p, claimYaml('claim', '1Gi'));
  p.api.delete('persistentvolumeclaims', 'default', 'claim');
  p.converge();
  createYaml(p, claimYaml('claim', '1Gi'));
  assert.equal(p.api.get('persistentvolumes', undefined, 'vol').status.phase, 'Released');
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim').status.phase, 'Pending');
});

test('binder 4-7 and 4-8: a volume whose claim is bound elsewhere is unbound', () => {
  const rows: [string, boolean, any][] = [
    ['4-7 bound by controller', true, undefined],
    ['4-8 bound by user', false, { kind: 'PersistentVolumeClaim', name: 'claim', namespace: 'default' }],
  ];
  for (const [name, byController, claimRef] of rows) {
    const p = plane();
    createYaml(p, volumeYaml('other', '1Gi') + '\n---\n' + claimYaml('claim', '1Gi', ', volumeName: other'));
    const c = p.api.get('persistentvolumeclaims', 'default', 'claim');
    assert.equal(c.spec.volumeName, 'other');
    const ann = byController ? `, annotations: {pv.kubernetes.io/bound-by-controller: "yes"}` : '';
    createYaml(
      p,
      `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: vol${ann}}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /x}, claimRef: {kind: PersistentVolumeClaim, name: claim, namespace: default, uid: ${c.metadata.uid}}}`,
    );
    const v = p.api.get('persistentvolumes', undefined, 'vol');
    assert.equal(v.status.phase, 'Available', name);
    assert.deepEqual(v.spec.claimRef, claimRef, name);
  }
});

test('a claim naming an unsuitable volume gets VolumeMismatch; one bound elsewhere FailedBinding; a lost volume ClaimLost', () => {
  const p = plane();
  createYaml(p, volumeYaml('small', '1Gi') + '\n---\n' + claimYaml('big', '5Gi', ', volumeName: small'));
  assert.deepEqual(events(p, 'big'), [
    'Warning VolumeMismatch Cannot bind to requested volume "small": requested PV is too small',
  ]);
  createYaml(p, claimYaml('first', '1Gi', ', volumeName: small'));
  createYaml(p, claimYaml('second', '1Gi', ', volumeName: small'));
  assert.deepEqual(events(p, 'second'), ['Warning FailedBinding volume "small" already bound to a different claim.']);
  // a Bound volume is protected; an admin forcing it out by dropping the finalizer loses the data
  p.api.delete('persistentvolumes', undefined, 'small');
  p.api.patch('persistentvolumes', undefined, 'small', { metadata: { finalizers: null } }, 'merge');
  p.converge();
  assert.equal(p.api.tryGet('persistentvolumes', undefined, 'small'), undefined);
  const c = p.api.get('persistentvolumeclaims', 'default', 'first');
  assert.equal(c.status.phase, 'Lost');
  assert.deepEqual(events(p, 'first'), [
    'Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!',
  ]);
});

test('a claim of a class with no StorageClass object fails to provision; an unknown provisioner is waited for', () => {
  const p = plane();
  createYaml(p, claimYaml('c1', '1Gi').replace('storageClassName: ""', 'storageClassName: nfs'));
  assert.deepEqual(events(p, 'c1'), ['Warning ProvisioningFailed storageclass.storage.k8s.io "nfs" not found']);
  createYaml(
    p,
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: csi}\nprovisioner: example.com/csi',
  );
  createYaml(p, claimYaml('c2', '1Gi').replace('storageClassName: ""', 'storageClassName: csi'));
  const c = p.api.get('persistentvolumeclaims', 'default', 'c2');
  assert.equal(c.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], 'example.com/csi');
  assert.equal(c.metadata.annotations?.['volume.beta.kubernetes.io/storage-provisioner'], 'example.com/csi');
  assert.match(
    events(p, 'c2')[0],
    /^Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'example.com\/csi' or manually/,
  );
});

test('the NFS pool: a 200Mi RWX claim binds pv02-1gi, the others stay Available', () => {
  const p = plane();
  const nfs = (name: string, size: string) =>
    `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: {capacity: {storage: ${size}}, accessModes: [ReadWriteMany], storageClassName: nfs, nfs: {server: 10.0.0.5, path: /exports/${name}}}`;
  createYaml(p, [nfs('pv01-10m', '10M'), nfs('pv02-1gi', '1Gi'), nfs('pv03-3gi', '3Gi')].join('\n---\n'));
  createYaml(
    p,
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: nginx-pvc}\nspec: {accessModes: [ReadWriteMany], storageClassName: nfs, resources: {requests: {storage: 200Mi}}}',
  );
  const c = p.api.get('persistentvolumeclaims', 'default', 'nginx-pvc');
  assert.equal(c.spec.volumeName, 'pv02-1gi');
  assert.deepEqual(c.status, { phase: 'Bound', accessModes: [RWX], capacity: { storage: '1Gi' } });
  const phases = ['pv01-10m', 'pv02-1gi', 'pv03-3gi'].map(
    (n) => p.api.get('persistentvolumes', undefined, n).status.phase,
  );
  assert.deepEqual(phases, ['Available', 'Bound', 'Available']);
});

test('a claim made before any default class gets it retroactively, then waits for its provisioner', () => {
  const p = plane();
  createYaml(
    p,
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: late}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
  );
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'late').spec.storageClassName, undefined);
  assert.deepEqual(events(p, 'late'), [
    'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
  ]);
  createYaml(
    p,
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: standard, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: rancher.io/local-path',
  );
  p.runtime.advance(15_000);
  const c = p.api.get('persistentvolumeclaims', 'default', 'late');
  assert.equal(c.spec.storageClassName, 'standard');
  assert.equal(c.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], 'rancher.io/local-path');
});

test('protection: claims and volumes carry their finalizers; a claim in use by a scheduled pod waits for it', () => {
  const p = plane();
  const [v, c] = createYaml(p, volumeYaml('vol', '1Gi') + '\n---\n' + claimYaml('data', '1Gi'));
  assert.deepEqual(
    [v.metadata.finalizers, c.metadata.finalizers],
    [['kubernetes.io/pv-protection'], ['kubernetes.io/pvc-protection']],
  );
  createYaml(
    p,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: user}\nspec: {nodeName: node-1, volumes: [{name: d, persistentVolumeClaim: {claimName: data}}], containers: [{name: c, image: x}]}',
  );
  p.api.delete('persistentvolumeclaims', 'default', 'data');
  p.converge();
  const terminating = p.api.get('persistentvolumeclaims', 'default', 'data');
  assert.ok(terminating.metadata.deletionTimestamp, 'in use: still there');
  assert.equal(terminating.status.phase, 'Bound');
  // a Bound volume cannot go either
  p.api.delete('persistentvolumes', undefined, 'vol');
  p.converge();
  assert.equal(p.api.get('persistentvolumes', undefined, 'vol').status.phase, 'Bound');
  p.api.delete('pods', 'default', 'user', { gracePeriodSeconds: 0 });
  p.converge();
  assert.equal(
    p.api.tryGet('persistentvolumeclaims', 'default', 'data'),
    undefined,
    'the claim goes with its last user',
  );
  assert.equal(p.api.tryGet('persistentvolumes', undefined, 'vol'), undefined, 'then the Released volume goes too');
});

test('binder 1-3, 2-1 and 3-1: Bound without a volume resets to Pending; a missing named volume waits; a lost reference is ClaimLost', () => {
  const p = plane();
  createYaml(p, volumeYaml('small', '1Gi'));
  createYaml(p, claimYaml('claim1-3', '10Gi'));
  let c = p.api.get('persistentvolumeclaims', 'default', 'claim1-3');
  p.api.updateStatus({ ...c, status: { phase: 'Bound' } });
  p.converge();
  assert.equal(p.api.get('persistentvolumeclaims', 'default', 'claim1-3').status.phase, 'Pending', '1-3');
  assert.equal(
    events(p, 'claim1-3')[0],
    'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
  );
  createYaml(p, claimYaml('claim2-1', '1Gi', ', volumeName: nowhere'));
  c = p.api.get('persistentvolumeclaims', 'default', 'claim2-1');
  assert.deepEqual([c.status.phase, events(p, 'claim2-1')], ['Pending', []], '2-1');
  let pvc: PersistentVolumeController | undefined;
  const q = controlPlane([(ctx) => (pvc = new PersistentVolumeController(ctx))]);
  createYaml(q, volumeYaml('vol3', '1Gi') + '\n---\n' + claimYaml('claim3-1', '1Gi'));
  c = q.api.get('persistentvolumeclaims', 'default', 'claim3-1');
  assert.equal(c.spec.volumeName, 'vol3');
  // the claim as a client might present it after its volumeName was cleared (the API refuses that update)
  pvc!.binder.syncClaim({ ...c, spec: { ...c.spec, volumeName: '' } });
  assert.equal(q.api.get('persistentvolumeclaims', 'default', 'claim3-1').status.phase, 'Lost', '3-1');
  assert.deepEqual(events(q, 'claim3-1'), [
    'Warning ClaimLost Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
  ]);
});
