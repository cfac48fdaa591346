import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { podsToDeleteFirstOf } from '../src/scenario/owned-pods';
import { create } from './replicaset.helpers';

const TEMPLATE = `  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      containers: [{name: c, image: x}]`;

test('the pod each kind of controller would delete first', () => {
  const rows: [string, string, (names: string[]) => void][] = [
    [
      'statefulsets',
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  replicas: 3\n  podManagementPolicy: Parallel\n  serviceName: w\n${TEMPLATE}`,
      (n) => assert.deepEqual(n, ['w-2'], 'the highest ordinal'),
    ],
    [
      'daemonsets',
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w}\nspec:\n${TEMPLATE}`,
      (n) => assert.match(n[0], /^w-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
    ],
    [
      'deployments',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 2\n${TEMPLATE}`,
      (n) => assert.match(n[0], /^w-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
    ],
    [
      'jobs',
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec:\n  parallelism: 2\n  template:\n    spec:\n      containers: [{name: c, image: x}]\n      restartPolicy: Never`,
      (n) => assert.match(n[0], /^w-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
    ],
  ];
  for (const [resource, yaml, check] of rows) {
    const c = createCluster({ nodes: 2, seed: resource });
    create(c, yaml);
    const pods = podsToDeleteFirstOf(c.api, resource, 'w', 'default', 1);
    assert.equal(pods.length, 1, resource);
    check(pods.map((p) => p.metadata.name!));
  }
  const c = createCluster({ nodes: 1 });
  assert.throws(
    () => podsToDeleteFirstOf(c.api, 'statefulsets', 'missing', 'default'),
    /statefulsets.apps "missing" not found/,
  );
  assert.throws(() => podsToDeleteFirstOf(c.api, 'services', 'kubernetes', 'default'), /has no pods of its own/);
});

test("a CronJob's pods are those of its Jobs", () => {
  const c = createCluster({ nodes: 1, seed: 'cj' });
  create(
    c,
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: x}]\n          restartPolicy: Never`,
  );
  assert.deepEqual(podsToDeleteFirstOf(c.api, 'cronjobs', 'w', 'default'), []);
  c.advance('1m');
  const [pod] = podsToDeleteFirstOf(c.api, 'cronjobs', 'w', 'default');
  assert.match(pod.metadata.name!, /^w-28401121-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});
