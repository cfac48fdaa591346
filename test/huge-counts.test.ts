// Valid but huge counts: a million replicas, a StatefulSet or a Job of a million. Pods are created in slow-start
// batches, at most burstReplicas (500) a ReplicaSet sync; the cluster's model limit (maxObjects) refuses creates
// past it with a message that names it, the controllers report FailedCreate, and converging ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { slowStartBatchSizes } from '../src/controllers/util/slow-start';

const job = (parallelism: number) => `apiVersion: batch/v1
kind: Job
metadata: {name: big}
spec: {parallelism: ${parallelism}, completions: ${parallelism}, template: {spec: {restartPolicy: Never, containers: [{name: a, image: busybox, command: [sleep, "3600"]}]}}}`;
const sts = (replicas: number) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec: {replicas: ${replicas}, podManagementPolicy: Parallel, serviceName: db, selector: {matchLabels: {app: db}},
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: nginx}]}}}`;

test('a million of anything stops at the model limit, with FailedCreate naming it', () => {
  const rows: [string, (c: ReturnType<typeof createCluster>) => void, string][] = [
    ['deployment', (c) => c.kubectl('create deployment web --image=nginx --replicas=1000000'), 'app=web'],
    ['statefulset', (c) => c.apply(sts(1_000_000)), 'app=db'],
    ['job', (c) => c.apply(job(1_000_000)), 'job-name=big'],
  ];
  for (const [name, make, selector] of rows) {
    const c = createCluster({ nodes: 2, seed: `huge-${name}`, maxObjects: 300 });
    make(c);
    c.advance('5s');
    assert.equal(c.list('pods', { labelSelector: selector }).length, 300, name);
    const refused = c
      .list('events')
      .filter((e: any) => e.reason === 'FailedCreate' && e.message.includes('holds at most 300 pods'));
    assert.ok(refused.length > 0, `${name}: FailedCreate names the limit`);
    // running pods are bounded by the nodes' capacity: 110 a node
    assert.equal(
      c.list('pods', { labelSelector: selector }).filter((p: any) => p.status.phase === 'Running').length,
      220,
      name,
    );
  }
});

test('past the limit, a single create gets the limit message', () => {
  const c = createCluster({ nodes: 1, seed: 'limit', maxObjects: 3 });
  for (const n of ['a', 'b', 'c']) assert.equal(c.kubectl(`run ${n} --image=nginx`).exitCode, 0);
  const r = c.kubectl('run d --image=nginx');
  assert.equal(
    r.stderr,
    `Error from server (Forbidden): pods "d" is forbidden: the embedded cluster holds at most 3 pods (a limit of kspec's model, not of Kubernetes: see docs/fidelity.md; createCluster's maxObjects option raises it)\n`,
  );
});

test('slow start: the batches a ReplicaSet sync uses for 500 creates', () => {
  assert.deepEqual(slowStartBatchSizes(500), [1, 2, 4, 8, 16, 32, 64, 128, 245]);
});
