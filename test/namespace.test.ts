// Namespace deletion (pkg/controller/namespace/deletion): content goes through the API, the status conditions
// report progress, and the `kubernetes` finalizer is removed once the namespace is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NamespaceController } from '../src/controllers/namespace/controller';
import { EndpointsController } from '../src/controllers/endpoint/controller';
import { RootCACertPublisher } from '../src/controllers/serviceaccount/root-ca-publisher';
import { controlPlane, createYaml, errorOf } from './admission.helpers';

test('a namespace is created with the kubernetes finalizer, its default ServiceAccount and kube-root-ca.crt', () => {
  const p = controlPlane([(c) => new NamespaceController(c), (c) => new RootCACertPublisher(c)]);
  const [ns] = createYaml(p, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}');
  assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
  assert.ok(p.api.tryGet('serviceaccounts', 'team', 'default'));
  const cm = p.api.get('configmaps', 'team', 'kube-root-ca.crt');
  assert.match(cm.data['ca.crt'], /^-----BEGIN CERTIFICATE-----\n/);
  assert.match(cm.metadata.annotations!['kubernetes.io/description'], /^Contains a CA bundle/);
});

test('deleting a namespace deletes its content, then the namespace', () => {
  const p = controlPlane([
    (c) => new NamespaceController(c),
    (c) => new EndpointsController(c),
    (c) => new RootCACertPublisher(c),
  ]);
  createYaml(p, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}');
  createYaml(
    p,
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: team}\ndata: {a: b}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: team}\nspec: {selector: {app: web}, ports: [{port: 80}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: idle, namespace: team}\nspec: {containers: [{name: c, image: x}]}',
    ].join('\n---\n'),
  );
  assert.ok(p.api.tryGet('endpoints', 'team', 'web'));
  const deleting = p.api.delete('namespaces', undefined, 'team');
  assert.equal(deleting.status.phase, 'Terminating');
  assert.match(
    errorOf(() => p.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'team' } })),
    /is forbidden: unable to create new content in namespace team because it is being terminated/,
  );
  p.converge();
  assert.equal(p.api.tryGet('namespaces', undefined, 'team'), undefined);
  for (const r of ['configmaps', 'services', 'endpoints', 'pods', 'serviceaccounts'])
    assert.deepEqual(p.api.list(r, { namespace: 'team' }), [], r);
  assert.ok(p.api.tryGet('configmaps', 'default', 'kube-root-ca.crt'), 'other namespaces keep theirs');
});

test('a namespace waits for a terminating pod and reports it in its conditions', () => {
  const p = controlPlane([(c) => new NamespaceController(c)]);
  createYaml(p, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}');
  createYaml(
    p,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: busy, namespace: team}\nspec: {nodeName: node-1, containers: [{name: c, image: x}]}',
  );
  p.api.delete('namespaces', undefined, 'team');
  p.converge();
  const ns = p.api.get('namespaces', undefined, 'team');
  assert.equal(ns.status.phase, 'Terminating');
  const conditions = ns.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]);
  assert.deepEqual(conditions, [
    ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
    [
      'NamespaceDeletionGroupVersionParsingFailure',
      'False',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    ],
    [
      'NamespaceDeletionContentFailure',
      'False',
      'ContentDeleted',
      'All content successfully deleted, may be waiting on finalization',
    ],
    [
      'NamespaceContentRemaining',
      'True',
      'SomeResourcesRemain',
      'Some resources are remaining: pods. has 1 resource instances',
    ],
    ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
  ]);
  // a second delete does not cut the deletion short
  p.api.delete('namespaces', undefined, 'team');
  assert.ok(p.api.tryGet('namespaces', undefined, 'team'));
  // the kubelet's part: the pod goes once its containers have stopped
  p.api.delete('pods', 'team', 'busy', { gracePeriodSeconds: 0 });
  p.converge();
  assert.equal(p.api.tryGet('namespaces', undefined, 'team'), undefined);
});

test('default, kube-system and kube-public may not be deleted', () => {
  const p = controlPlane([(c) => new NamespaceController(c)]);
  const rows: [string, string][] = [
    ['default', 'namespaces "default" is forbidden: this namespace may not be deleted'],
    ['kube-system', 'namespaces "kube-system" is forbidden: this namespace may not be deleted'],
    ['kube-public', 'namespaces "kube-public" is forbidden: this namespace may not be deleted'],
    ['kube-node-lease', ''],
  ];
  for (const [name, want] of rows)
    assert.equal(
      errorOf(() => p.api.delete('namespaces', undefined, name)),
      want,
      name,
    );
});
