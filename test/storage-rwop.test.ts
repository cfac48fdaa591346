// VolumeRestrictions' ReadWriteOncePod check: a second pod using the claim is refused on every node while the
// first is scheduled, other access modes are not restricted, and preemption's trial removal of the holder
// makes its node fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { NodeInfo } from '../src/scheduler/types';
import {
  ERR_REASON_RWOP_CONFLICT,
  volumeRestrictionsPlugins,
} from '../src/scheduler/plugins/volumerestrictions/volume-restrictions';
import { SchedulerCache } from '../src/scheduler/cache';
import { podState } from '../src/scheduler/schedule-one';

const claim = (name: string, mode: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { storageClassName: 'csi', accessModes: [mode], resources: { requests: { storage: '1Gi' } } },
});
const pod = (name: string, claimName: string, extra: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    ...extra,
    containers: [{ name: 'c', image: 'nginx' }],
    volumes: [{ name: 'd', persistentVolumeClaim: { claimName } }],
  },
});

test('VolumeRestrictions: which second pod is scheduled', () => {
  const rows: [string, string, any, string | undefined][] = [
    [
      'ReadWriteOncePod, holder running',
      'ReadWriteOncePod',
      {},
      `0/2 nodes are available: 2 ${ERR_REASON_RWOP_CONFLICT}.`,
    ],
    [
      'ReadWriteOnce is not restricted by the scheduler',
      'ReadWriteOnce',
      { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } },
      undefined,
    ],
    ['ReadWriteMany is not restricted', 'ReadWriteMany', {}, undefined],
  ];
  for (const [name, mode, extra, want] of rows) {
    const k = createCluster({ nodes: 2, seed: name });
    k.apply(
      JSON.stringify({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'csi' },
        provisioner: 'hostpath.csi.k8s.io',
      }),
    );
    k.apply(JSON.stringify(claim('data', mode)));
    k.apply(JSON.stringify(pod('first', 'data', { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } })));
    k.apply(JSON.stringify(pod('second', 'data', extra)));
    const cond = k.get('pod', 'second').status?.conditions?.find((c: any) => c.type === 'PodScheduled');
    if (want) assert.ok(cond?.message?.startsWith(want), `${name}: ${cond?.message}`);
    else assert.equal(cond?.status, 'True', `${name}: ${cond?.message}`);
  }
});

test('VolumeRestrictions Filter: cluster-wide count, less the pods a trial NodeInfo removed', () => {
  const k = createCluster({ nodes: 1, seed: 'filter' });
  k.apply(JSON.stringify(claim('data', 'ReadWriteOncePod')));
  const api = k.api;
  const cache = new SchedulerCache();
  const holder: any = {
    metadata: { name: 'h', namespace: 'default', uid: 'u1' },
    spec: {
      nodeName: 'node-1',
      containers: [],
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
    },
  };
  cache.addPod(holder);
  const vr = volumeRestrictionsPlugins(cache);
  const state = podState(pod('new', 'data') as any);
  (state.pod.metadata as any).namespace = 'default';
  assert.equal(vr.preFilter.preFilter(state, api), undefined);
  const onHolder = cache.info('node-1')!,
    elsewhere = new NodeInfo('node-2'),
    trial = new NodeInfo('node-1');
  const rows: [string, NodeInfo, boolean][] = [
    ["the holder's node", onHolder, false],
    ['another node', elsewhere, false],
    ['the holder removed', trial, true],
  ];
  for (const [name, info, fits] of rows) assert.equal(vr.filter.filter(state, info, api) === undefined, fits, name);
  const missing = podState(pod('lost', 'nope') as any);
  (missing.pod.metadata as any).namespace = 'default';
  assert.deepEqual(vr.preFilter.preFilter(missing, api)?.reasons, ['persistentvolumeclaim "nope" not found']);
  cache.removePod('default/h');
  assert.equal(vr.filter.filter(state, onHolder, api), undefined, 'after the holder is gone');
});
