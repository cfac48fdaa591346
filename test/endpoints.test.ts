// Endpoints and EndpointSlices: which pods are published (fact 5.2-5.3), port resolution (5.4), hostnames and
// headless services (5.5-5.6), RepackSubsets, truncation, slices (5.7-5.9), and the watch wiring.
import type { ServicePort } from 'kubernetes-types/core/v1';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KObject } from '../src/api/meta';
import { endpointStateChanged } from '../src/controllers/endpoint/service-index';
import { EndpointsController, truncateEndpoints, MAX_CAPACITY } from '../src/controllers/endpoint/controller';
import { EndpointSliceController } from '../src/controllers/endpointslice/controller';
import { GarbageCollector } from '../src/controllers/garbagecollector/controller';
import { EndpointSliceMirroringController } from '../src/controllers/endpointslice/mirroring/controller';
import { findPort, shouldPodBeInEndpoints, shouldSetHostname } from '../src/controllers/endpointslice/util';
import { repackSubsets } from '../src/controllers/endpoint/repack';
import { controlPlane, createYaml, runPod, type Plane } from './admission.helpers';

const podObj = (o: Partial<{ phase: string; podIP: string; deleting: boolean; ready: boolean }>): KObject => ({
  metadata: { name: 'p', namespace: 'default', deletionTimestamp: o.deleting ? '2024-01-01T00:00:00Z' : undefined },
  status: {
    phase: o.phase ?? 'Running',
    podIP: o.podIP,
    conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
  },
});

test('ShouldPodBeInEndpoints rows', () => {
  const rows: [string, KObject, boolean, boolean][] = [
    ['running with IP', podObj({ podIP: '1.2.3.4' }), false, true],
    ['no IP', podObj({}), false, false],
    ['Succeeded', podObj({ podIP: '1.2.3.4', phase: 'Succeeded' }), false, false],
    ['Failed', podObj({ podIP: '1.2.3.4', phase: 'Failed' }), true, false],
    ['terminating', podObj({ podIP: '1.2.3.4', deleting: true }), false, false],
    ['terminating, included', podObj({ podIP: '1.2.3.4', deleting: true }), true, true],
  ];
  for (const [name, pod, includeTerminating, want] of rows)
    assert.equal(shouldPodBeInEndpoints(pod, includeTerminating), want, name);
});

test('FindPort rows: numbers as is, names by name and protocol in containers then sidecars', () => {
  const pod: KObject = {
    metadata: { name: 'p' },
    spec: {
      initContainers: [
        { name: 'side', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }] },
        { name: 'init', ports: [{ name: 'setup', containerPort: 7000, protocol: 'TCP' }] },
      ],
      containers: [
        {
          name: 'c',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
        },
      ],
    },
  };
  const rows: [unknown, string, number | undefined][] = [
    [80, 'TCP', 80],
    ['http', 'TCP', 8080],
    ['http', 'UDP', undefined],
    ['dns', 'UDP', 53],
    ['dns', 'TCP', undefined],
    ['metrics', 'TCP', 9100],
    ['setup', 'TCP', undefined],
    ['nope', 'TCP', undefined],
  ];
  for (const [targetPort, protocol, want] of rows)
    assert.equal(findPort(pod, { targetPort, protocol } as ServicePort), want, `${targetPort}/${protocol}`);
});

test('ShouldSetHostname: hostname set and subdomain equal to the service name, same namespace', () => {
  const svc: KObject = { metadata: { name: 'nginx', namespace: 'default' } };
  const mk = (hostname?: string, subdomain?: string, namespace = 'default'): KObject => ({
    metadata: { name: 'p', namespace },
    spec: { hostname, subdomain },
  });
  const rows: [KObject, boolean][] = [
    [mk('web-0', 'nginx'), true],
    [mk('web-0', 'other'), false],
    [mk(undefined, 'nginx'), false],
    [mk('web-0', 'nginx', 'x'), false],
  ];
  rows.forEach(([pod, want], i) => assert.equal(shouldSetHostname(pod, svc), want, String(i)));
});

test('RepackSubsets: one subset per address set, ready wins, sorted by IP', () => {
  const a = (ip: string) => ({ ip, targetRef: { kind: 'Pod', namespace: 'd', name: ip, uid: ip } });
  const p80 = { name: 'http', port: 80, protocol: 'TCP' },
    p90 = { name: 'm', port: 90, protocol: 'TCP' };
  const out = repackSubsets([
    { addresses: [a('10.0.0.2')], ports: [p80] },
    { addresses: [a('10.0.0.1')], ports: [p80] },
    { addresses: [a('10.0.0.2')], ports: [p90] },
    { notReadyAddresses: [a('10.0.0.1')], ports: [p90] },
    { addresses: [a('10.0.0.1')], ports: [p90] },
  ]);
  assert.deepEqual(out, [{ addresses: [a('10.0.0.1'), a('10.0.0.2')], ports: [p80, p90] }]);
  assert.deepEqual(
    repackSubsets([{ addresses: [a('10.0.0.1')] }, { notReadyAddresses: [a('10.0.0.2')] }]),
    [{ addresses: [a('10.0.0.1')], notReadyAddresses: [a('10.0.0.2')] }],
    'headless without ports',
  );
});

test('SortSubsets orders ports by the hash of their Go rendering: kube-dns lists dns-tcp, dns, metrics', () => {
  const a = { ip: '10.244.0.2', targetRef: { kind: 'Pod', namespace: 'kube-system', name: 'coredns', uid: 'u' } };
  const ports = [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, protocol: 'TCP' },
  ];
  const out = repackSubsets(ports.map((p) => ({ addresses: [a], ports: [p] })));
  assert.deepEqual(
    out[0].ports!.map((p) => p.name),
    ['dns-tcp', 'dns', 'metrics'],
  );
});

test('truncateEndpoints keeps 1000 addresses, ready ones first, in proportion', () => {
  const addrs = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ ip: `${p}.${i}` }));
  const subsets = [
    { addresses: addrs(600, 'a'), notReadyAddresses: addrs(300, 'b') },
    { addresses: addrs(200, 'c'), notReadyAddresses: addrs(100, 'd') },
  ];
  assert.equal(truncateEndpoints(subsets), true);
  const count = subsets.map((s) => [s.addresses.length, s.notReadyAddresses?.length ?? 0]);
  assert.deepEqual(count, [
    [600, 150],
    [200, 50],
  ]);
  assert.equal(
    count.flat().reduce((x, y) => x + y),
    MAX_CAPACITY,
  );
  assert.equal(truncateEndpoints([{ addresses: addrs(10, 'a') }]), false);
});

function plane(): Plane {
  return controlPlane([
    (c) => new EndpointsController(c),
    (c) => new EndpointSliceController(c),
    (c) => new GarbageCollector(c),
  ]);
}
const web = (n: number, ports = '[{name: http, containerPort: 8080}]') =>
  Array.from(
    { length: n },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web-${i}, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx, ports: ${ports}}]}`,
  ).join('\n---\n');

test('Endpoints: ready pods in addresses, unready in notReadyAddresses, named target port, labels, deleted with the service', () => {
  const p = plane();
  createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app: web, tier: fe}}\nspec: {selector: {app: web}, ports: [{name: web, port: 80, targetPort: http}]}\n---\n${web(3)}`,
  );
  runPod(p, 'default', 'web-0', '10.244.1.2', true, 'node-1');
  runPod(p, 'default', 'web-1', '10.244.2.2', true, 'node-2');
  runPod(p, 'default', 'web-2', '10.244.1.3', false, 'node-1');
  const ep = p.api.get('endpoints', 'default', 'web');
  assert.deepEqual(ep.metadata.labels, { app: 'web', tier: 'fe' });
  assert.equal(ep.subsets.length, 1);
  const s = ep.subsets[0];
  assert.deepEqual(
    s.addresses.map((a: any) => [a.ip, a.nodeName, a.targetRef.name, a.targetRef.kind]),
    [
      ['10.244.1.2', 'node-1', 'web-0', 'Pod'],
      ['10.244.2.2', 'node-2', 'web-1', 'Pod'],
    ],
  );
  assert.deepEqual(
    s.notReadyAddresses.map((a: any) => a.ip),
    ['10.244.1.3'],
  );
  assert.deepEqual(s.ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
  // a pod being deleted leaves the Endpoints; the slice keeps it as terminating
  const terminating = p.api.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 30 });
  assert.ok(terminating.metadata.deletionTimestamp);
  p.converge();
  assert.deepEqual(
    p.api.get('endpoints', 'default', 'web').subsets[0].addresses.map((a: any) => a.ip),
    ['10.244.2.2'],
  );
  const slice = p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=web' })[0];
  const ep0 = slice.endpoints.find((e: any) => e.targetRef.name === 'web-0');
  assert.deepEqual(ep0.conditions, { ready: false, serving: true, terminating: true });
  p.api.delete('services', 'default', 'web');
  p.converge();
  assert.equal(p.api.tryGet('endpoints', 'default', 'web'), undefined);
  assert.equal(p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=web' }).length, 0);
});

test('Endpoints: publishNotReadyAddresses, headless without ports, hostnames, and the headless label', () => {
  const p = plane();
  createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: nginx}\nspec: {clusterIP: None, publishNotReadyAddresses: true, selector: {app: web}}\n---\n${web(1).replace('spec: {', 'spec: {hostname: web-0, subdomain: nginx, ')}`,
  );
  const pod = p.api.get('pods', 'default', 'web-0');
  runPod(p, 'default', 'web-0', '10.244.1.2', false);
  const ep = p.api.get('endpoints', 'default', 'nginx');
  assert.deepEqual(ep.metadata.labels, { 'service.kubernetes.io/headless': '' });
  assert.deepEqual(ep.subsets, [
    {
      addresses: [
        {
          ip: '10.244.1.2',
          hostname: 'web-0',
          nodeName: 'node-1',
          targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: pod.metadata.uid },
        },
      ],
    },
  ]);
  const slice = p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=nginx' })[0];
  assert.equal(slice.metadata.labels?.['service.kubernetes.io/headless'], '');
  assert.deepEqual(slice.endpoints[0].conditions, { ready: true, serving: false, terminating: false });
  assert.equal(slice.endpoints[0].hostname, 'web-0');
});

test('Endpoints follow label changes, and services without a selector or of type ExternalName are left alone', () => {
  const p = plane();
  createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {ports: [{port: 80}]}\n---\n${web(2)}`,
  );
  runPod(p, 'default', 'web-0', '10.244.1.2', true);
  runPod(p, 'default', 'web-1', '10.244.1.3', true);
  assert.equal(p.api.get('endpoints', 'default', 'web').subsets[0].addresses.length, 2);
  const pod = p.api.get('pods', 'default', 'web-1');
  p.api.update({ ...pod, metadata: { ...pod.metadata, labels: { app: 'other' } } });
  p.converge();
  assert.deepEqual(
    p.api.get('endpoints', 'default', 'web').subsets[0].addresses.map((a: any) => a.targetRef.name),
    ['web-0'],
  );
  assert.equal(p.api.tryGet('endpoints', 'default', 'manual'), undefined);
  assert.deepEqual(p.api.get('endpoints', 'default', 'kubernetes').subsets[0].ports, [
    { name: 'https', port: 6443, protocol: 'TCP' },
  ]);
  const apiSlice = p.api.get('endpointslices', 'default', 'kubernetes');
  assert.deepEqual(
    apiSlice.endpoints,
    [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
    "the apiserver's own slice is left alone",
  );
});

test('EndpointSlices: a placeholder for no endpoints, reused once pods come; labels, owner, ports; 100 per slice', () => {
  const p = plane();
  const [svc] = createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app: web}}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}`,
  );
  const slices = () => p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=web' });
  const [placeholder] = slices();
  assert.equal(slices().length, 1);
  assert.equal(placeholder.endpoints, null);
  assert.match(placeholder.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(placeholder.metadata.labels, {
    app: 'web',
    'kubernetes.io/service-name': 'web',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  assert.deepEqual(placeholder.metadata.ownerReferences, [
    {
      apiVersion: 'v1',
      kind: 'Service',
      name: 'web',
      uid: svc.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  createYaml(p, web(101));
  for (let i = 0; i < 101; i++) runPod(p, 'default', `web-${i}`, `10.244.${1 + (i >> 7)}.${(i % 127) + 2}`, true);
  const all = slices();
  assert.deepEqual(
    all.map((s) => s.endpoints.length).sort((a, b) => b - a),
    [100, 1],
  );
  assert.ok(
    all.some((s) => s.metadata.name === placeholder.metadata.name),
    'the placeholder was filled, not replaced',
  );
  assert.equal(placeholder.metadata.generation, 1);
  assert.ok(
    all.find((s) => s.metadata.name === placeholder.metadata.name)!.metadata.generation! > 1,
    'the strategy bumps generation on endpoint changes',
  );
  assert.deepEqual(all[0].ports, [{ name: '', port: 8080, protocol: 'TCP' }]);
  assert.equal(all[0].addressType, 'IPv4');
  const e = all.find((s) => s.endpoints.length === 100)!.endpoints[0];
  assert.deepEqual(Object.keys(e), ['addresses', 'conditions', 'targetRef', 'nodeName']);
});

test('a pod event touches only the services of its namespace that select it', () => {
  const p = plane();
  createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n---\n${web(1)}`,
  );
  const before = p.runtime.syncs;
  runPod(p, 'default', 'web-0', '10.244.1.2', true);
  // the web service's two controllers sync; db's do not (one pod write for nodeName, one for status)
  const synced = p.runtime.syncs - before;
  assert.ok(synced <= 6, `syncs: ${synced}`);
  assert.equal(p.api.get('endpoints', 'default', 'db').subsets, undefined);
});

test('EndpointSlices: the zone comes from the node; a pod on a missing node is left out of slices, not Endpoints', () => {
  const p = plane();
  const node = p.api.get('nodes', undefined, 'node-2');
  p.api.update({
    ...node,
    metadata: { ...node.metadata, labels: { ...node.metadata.labels, 'topology.kubernetes.io/zone': 'eu-west-1b' } },
  });
  createYaml(
    p,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n${web(2)}`,
  );
  runPod(p, 'default', 'web-0', '10.244.2.2', true, 'node-2');
  runPod(p, 'default', 'web-1', '10.244.9.2', true, 'ghost');
  const [slice] = p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=web' });
  assert.deepEqual(
    slice.endpoints.map((e: any) => [e.targetRef.name, e.nodeName, e.zone]),
    [['web-0', 'node-2', 'eu-west-1b']],
  );
  assert.deepEqual(
    p.api.get('endpoints', 'default', 'web').subsets[0].addresses.map((a: any) => a.targetRef.name),
    ['web-0', 'web-1'],
  );
});

test('mirroring: hand-written Endpoints of a selectorless Service become a slice; the kubernetes Endpoints are skipped', () => {
  const p = controlPlane([
    (c) => new EndpointSliceMirroringController(c),
    (c) => new EndpointsController(c),
    (c) => new GarbageCollector(c),
  ]);
  const [, ep] = createYaml(
    p,
    [
      'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{name: pg, port: 5432}]}',
      'apiVersion: v1\nkind: Endpoints\nmetadata: {name: db, labels: {team: data}}\nsubsets: [{addresses: [{ip: 192.168.1.10}], notReadyAddresses: [{ip: 192.168.1.11}], ports: [{name: pg, port: 5432}]}]',
    ].join('\n---\n'),
  );
  const slices = () => p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=db' });
  const [s] = slices();
  assert.match(s.metadata.name!, /^db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(s.metadata.labels, {
    team: 'data',
    'kubernetes.io/service-name': 'db',
    'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
  });
  assert.deepEqual(s.metadata.ownerReferences, [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      name: 'db',
      uid: ep.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assert.deepEqual(s.endpoints, [
    { addresses: ['192.168.1.10'], conditions: { ready: true } },
    { addresses: ['192.168.1.11'], conditions: { ready: false } },
  ]);
  assert.deepEqual(s.ports, [{ name: 'pg', port: 5432, protocol: 'TCP' }]);
  assert.equal(
    p.api.list('endpointslices', { labelSelector: 'kubernetes.io/service-name=kubernetes' }).length,
    1,
    "only the apiserver's own",
  );
  // a selector hands the Service to the EndpointSlice controller: the mirror goes
  const svc = p.api.get('services', 'default', 'db');
  p.api.update({ ...svc, spec: { ...svc.spec, selector: { app: 'db' } } });
  p.converge();
  assert.deepEqual(
    slices().filter(
      (x) =>
        x.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslicemirroring-controller.k8s.io',
    ),
    [],
  );
});

test('a pod change reaches the endpoint controllers only when what they read of it changed (property: the fields, compared as JSON)', () => {
  // the reference: the state the endpoints depend on, as a JSON text ('' without a pod IP)
  const state = (p: KObject) => {
    const s = p.status ?? {};
    if (!s.podIP && !s.podIPs?.length) return '';
    const ready = s.conditions?.find((c: any) => c.type === 'Ready');
    return JSON.stringify([
      p.metadata.uid,
      s.podIP,
      s.podIPs,
      ready?.status,
      ready?.lastTransitionTime,
      s.phase,
      !!p.metadata.deletionTimestamp,
      p.spec?.nodeName,
      p.spec?.hostname,
      p.spec?.subdomain,
    ]);
  };
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const pod = fc
    .record({
      uid: fc.constantFrom('u1', 'u2'),
      podIP: opt(fc.constantFrom('', '10.244.1.2', '10.244.1.3')),
      podIPs: opt(fc.array(fc.record({ ip: fc.constantFrom('10.244.1.2', '10.244.1.3') }), { maxLength: 2 })),
      ready: opt(fc.constantFrom('True', 'False')),
      at: fc.constantFrom('t1', 't2'),
      phase: opt(fc.constantFrom('Pending', 'Running')),
      deleting: fc.boolean(),
      node: opt(fc.constantFrom('node-1', 'node-2')),
      hostname: opt(fc.constant('h')),
      other: fc.nat(3),
    })
    .map(
      (o): KObject => ({
        metadata: {
          name: 'p',
          uid: o.uid,
          annotations: { x: String(o.other) },
          deletionTimestamp: o.deleting ? 't' : undefined,
        },
        spec: { nodeName: o.node, hostname: o.hostname },
        status: {
          podIP: o.podIP,
          podIPs: o.podIPs,
          phase: o.phase,
          conditions: o.ready ? [{ type: 'Ready', status: o.ready, lastTransitionTime: o.at }] : undefined,
          containerStatuses: [{ restartCount: o.other }],
        },
      }),
    );
  fc.assert(
    fc.property(pod, pod, (a, b) => endpointStateChanged(a, b) === (state(a) !== state(b))),
    { numRuns: 3000 },
  );
});
