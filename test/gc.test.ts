import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { create } from './replicaset.helpers';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;

test('propagation policies: background deletes dependents, orphan keeps them without the reference, foreground deletes them first', () => {
  const rows: ['Background' | 'Orphan' | 'Foreground', number, number][] = [
    ['Background', 0, 0],
    ['Orphan', 1, 2],
    ['Foreground', 0, 0],
  ];
  for (const [policy, rsLeft, podsLeft] of rows) {
    const c = createCluster({ seed: policy });
    create(c, WEB);
    const d = c.get('deployments', 'web');
    c.api.delete('deployments', 'default', 'web', { propagationPolicy: policy });
    c.converge();
    assert.equal(c.tryGet('deployments', 'web'), undefined, `${policy}: the owner is gone`);
    assert.equal(c.list('replicasets').length, rsLeft, `${policy}: replicasets`);
    assert.equal(c.list('pods').length, podsLeft, `${policy}: pods`);
    for (const rs of c.list('replicasets'))
      assert.ok(!rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid), 'orphaned');
  }
});

test('foreground deletion waits for dependents that terminate gracefully', () => {
  const c = createCluster({ seed: 'fg' });
  create(c, WEB);
  // pods on a node terminate with a grace period, so the ReplicaSet (and the Deployment) wait for them
  assert.ok(
    c.list('pods').every((p) => p.spec.nodeName),
    'the pods are scheduled',
  );
  c.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
  c.converge();
  const d = c.tryGet('deployments', 'web');
  if (c.list('pods').length) {
    assert.ok(d?.metadata.deletionTimestamp, 'the Deployment waits');
    assert.ok(d?.metadata.finalizers?.includes('foregroundDeletion'));
    for (const p of c.list('pods')) c.api.delete('pods', 'default', p.metadata.name!, { gracePeriodSeconds: 0 });
    c.converge();
  }
  assert.equal(c.list('pods').length, 0);
  assert.equal(c.list('replicasets').length, 0);
  assert.equal(c.tryGet('deployments', 'web'), undefined);
});

test('a dependent with another live owner only loses the reference to the deleted one', () => {
  const c = createCluster({ seed: 'two' });
  create(
    c,
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n`,
  );
  const a = c.get('configmaps', 'a'),
    b = c.get('configmaps', 'b');
  const ref = (o: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
  c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref(a), ref(b)] } });
  c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-a', ownerReferences: [ref(a)] } });
  c.api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'dangling', ownerReferences: [{ ...ref(a), name: 'missing', uid: 'nope' }] },
  });
  c.converge();
  assert.equal(c.tryGet('configmaps', 'dangling'), undefined, 'an object created with a missing owner is collected');
  c.api.delete('configmaps', 'default', 'a');
  c.converge();
  assert.equal(c.tryGet('configmaps', 'only-a'), undefined);
  assert.deepEqual(
    c.get('configmaps', 'dep').metadata.ownerReferences?.map((r) => r.name),
    ['b'],
  );
});

test('an owner held by its own finalizer: mid-delete, each policy has done only its first part', () => {
  // policy -> replicasets, pods, whether the ReplicaSet still names the owner, the owner's finalizers mid-delete
  const rows: ['Background' | 'Orphan' | 'Foreground', number, number, boolean, string[]][] = [
    ['Background', 1, 2, true, ['example.com/keep']],
    ['Orphan', 1, 2, false, ['example.com/keep']],
    ['Foreground', 0, 0, false, ['example.com/keep']],
  ];
  for (const [policy, rsLeft, podsLeft, referenced, finalizers] of rows) {
    const c = createCluster({ seed: `keep ${policy}` });
    create(c, WEB.replace('metadata: {name: web}', 'metadata: {name: web, finalizers: [example.com/keep]}'));
    const d = c.get('deployments', 'web');
    c.api.delete('deployments', 'default', 'web', { propagationPolicy: policy, gracePeriodSeconds: 0 });
    c.converge();
    c.advance(30_000);
    const mid = c.get('deployments', 'web');
    assert.ok(mid.metadata.deletionTimestamp, `${policy}: marked`);
    assert.deepEqual(mid.metadata.finalizers, finalizers, `${policy}: finalizers`);
    assert.equal(c.list('replicasets').length, rsLeft, `${policy}: replicasets`);
    assert.equal(c.list('pods').length, podsLeft, `${policy}: pods`);
    assert.equal(
      c.list('replicasets').some((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid)),
      referenced,
      `${policy}: reference`,
    );
    c.api.update({ ...mid, metadata: { ...mid.metadata, finalizers: undefined } });
    c.converge();
    c.advance(30_000);
    assert.equal(c.tryGet('deployments', 'web'), undefined, `${policy}: gone`);
    assert.equal(c.list('replicasets').length, policy === 'Orphan' ? 1 : 0, `${policy}: replicasets at the end`);
  }
});
