// kubectl describe of ReplicaSets, StatefulSets, DaemonSets and CronJobs (describe.go): the pods counted by
// phase, the update strategy lines, volume claim templates and the CronJob's unset fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { describeCronJob, describeVolumeClaimTemplates } from '../src/kubectl/describe/workloads';
import { goTabwriter } from '../src/util/go/tabwriter';

const tab = (fill: (w: string[]) => void): string => {
  const w: string[] = [];
  fill(w);
  return goTabwriter(w.join(''));
};

test('describe: Pods Status counts the pods the object controls and its selector matches, by phase', () => {
  const c = createCluster({ nodes: 1, seed: 'pods status' });
  c.kubectl('create deployment web --image=nginx --replicas=3');
  const rs = c.api.list('replicasets', { namespace: 'default' })[0];
  const pods = c.api.list('pods', { namespace: 'default', labelSelector: 'app=web' });
  const set = (i: number, status: any) => c.api.updateStatus({ ...pods[i], status: { ...pods[i].status, ...status } });
  // one Failed, one Succeeded; a pod of no controller with the same labels is not counted
  set(0, { phase: 'Failed' });
  set(1, { phase: 'Succeeded' });
  c.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'stray', namespace: 'default', labels: { app: 'web', 'pod-template-hash': 'zzz' } },
    spec: { containers: [{ name: 'x', image: 'x' }] },
  });
  const out = c.kubectl(`describe rs ${rs.metadata.name} --show-events=false`).stdout;
  assert.match(out, /\nPods Status: +1 Running \/ 0 Waiting \/ 1 Succeeded \/ 1 Failed\n/, out);
  assert.match(out, /\nReplicas: +3 current \/ 3 desired\n/);
});

test('describe statefulset: Partition and MaxUnavailable only under a rollingUpdate with a partition', () => {
  const rows: [string, any, string[], string[]][] = [
    ['OnDelete', { type: 'OnDelete' }, ['Update Strategy:    OnDelete\nPods Status:'], ['Partition']],
    [
      'partition',
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      ['  Partition:        2\n'],
      ['MaxUnavailable'],
    ],
    [
      'maxUnavailable',
      { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: '50%' } },
      ['  Partition:        0\n  MaxUnavailable:   50%\n'],
      [],
    ],
  ];
  for (const [name, updateStrategy, want, absent] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: {
          serviceName: 's',
          replicas: 0,
          updateStrategy,
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x', image: 'x' }] } },
        },
      }),
    );
    const out = c.kubectl('describe sts s').stdout;
    for (const s of want) assert.ok(out.includes(s), `${name}: ${s}\n${out}`);
    for (const s of absent) assert.ok(!out.includes(s), `${name}: no ${s}\n${out}`);
  }
});

test('describeVolumeClaimTemplates: class from the beta annotation or the spec, capacity or <default>, Go slice of modes', () => {
  const rows: [string, any[] | undefined, string][] = [
    ['none', undefined, 'Volume Claims:  <none>\n'],
    [
      'annotation and canonical capacity',
      [
        {
          metadata: { name: 'd', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } },
          spec: {
            storageClassName: 'new',
            accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
            resources: { requests: { storage: '2048Mi' } },
          },
        },
      ],
      'Volume Claims:\n  Name:          d\n  StorageClass:  old\n  Labels:        <none>\n  Annotations:   volume.beta.kubernetes.io/storage-class=old\n  Capacity:      2Gi\n  Access Modes:  [ReadWriteOnce ReadOnlyMany]\n',
    ],
    [
      'no request',
      [{ metadata: { name: 'd', labels: { a: 'b' } }, spec: { storageClassName: 'fast' } }],
      'Volume Claims:\n  Name:          d\n  StorageClass:  fast\n  Labels:        a=b\n  Annotations:   <none>\n  Capacity:      <default>\n  Access Modes:  []\n',
    ],
  ];
  for (const [name, templates, want] of rows)
    assert.equal(
      tab((w) => describeVolumeClaimTemplates(w, templates)),
      want,
      name,
    );
});

test('describeCronJob: unset fields, the job template selector, the active jobs joined by commas', () => {
  const base = {
    metadata: { name: 'c', namespace: 'default' },
    spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { containers: [] } } } } },
  };
  const rows: [string, any, string[]][] = [
    [
      'unset',
      {},
      [
        'Suspend:                       <unset>\n',
        'Successful Job History Limit:  <unset>\n',
        'Starting Deadline Seconds:     <unset>\n',
        'Selector:                      <unset>\n',
        'Active Jobs:         <none>\n',
      ],
    ],
    [
      'set',
      {
        spec: {
          suspend: true,
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: 30,
          successfulJobsHistoryLimit: 0,
          jobTemplate: {
            spec: { parallelism: 2, activeDeadlineSeconds: 10, selector: { matchLabels: { x: 'y' } }, template: {} },
          },
        },
        status: { lastScheduleTime: '2024-01-01T01:00:00Z', active: [{ name: 'c-1' }, { name: 'c-2' }] },
      },
      [
        'Suspend:                       True\n',
        'Concurrency Policy:            Forbid\n',
        'Successful Job History Limit:  0\n',
        'Starting Deadline Seconds:     30s\n',
        'Selector:                      x=y\n',
        'Parallelism:                   2\n',
        'Active Deadline Seconds:       10s\n',
        'Last Schedule Time:  Mon, 01 Jan 2024 01:00:00 +0000\n',
        'Active Jobs:         c-1, c-2\n',
      ],
    ],
  ];
  for (const [name, patch, want] of rows) {
    const cj = { ...base, spec: { ...base.spec, ...patch.spec }, status: patch.status };
    const out = tab((w) => describeCronJob(cj as any, w));
    for (const s of want) assert.ok(out.includes(s), `${name}: ${JSON.stringify(s)}\n${out}`);
  }
});
