// Admission and allocation: ServiceAccount admission for pods, ClusterIP and NodePort allocation with the
// apiserver's messages (fact 6.3-6.5), and the DefaultStorageClass plugin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { Rng } from '../src/runtime/random';
import { AllocationBitmap } from '../src/apiserver/admission/service/bitmap';
import { IPAllocator, calculateRangeOffset } from '../src/apiserver/admission/service/ipallocator';
import { parseIPv4 } from '../src/util/net';
import { PortAllocator, calculatePortRangeOffset } from '../src/apiserver/admission/service/portallocator';
import { controlPlane, createYaml, errorOf } from './admission.helpers';

test('range offsets (calculateRangeOffset)', () => {
  const ip: [number, number][] = [
    [16, 0],
    [256, 16],
    [4096, 256],
    [2 ** 20, 256],
    [1024, 64],
  ];
  for (const [size, want] of ip) assert.equal(calculateRangeOffset(size), want, `ip ${size}`);
  const port: [number, number][] = [
    [2768, 86],
    [16, 0],
    [100, 16],
    [10000, 128],
  ];
  for (const [size, want] of port) assert.equal(calculatePortRangeOffset(size), want, `port ${size}`);
});

test('bitmap: dynamic picks stay in the upper band until it is full, then use the lower band', () => {
  const b = new AllocationBitmap(20, 5, new Rng(1));
  const picks: number[] = [];
  for (let i = 0; i < 15; i++) picks.push(b.allocateNext()!);
  assert.ok(
    picks.every((p) => p >= 5 && p < 20),
    `upper band first: ${picks}`,
  );
  assert.equal(new Set(picks).size, 15);
  const lower: number[] = [];
  for (let i = 0; i < 5; i++) lower.push(b.allocateNext()!);
  assert.deepEqual(
    [...lower].sort((x, y) => x - y),
    [0, 1, 2, 3, 4],
  );
  assert.equal(b.allocateNext(), undefined, 'full');
});

test('IP allocator over 10.96.0.0/12: random above 10.96.1.0, specific IPs in range, errors', () => {
  const a = new IPAllocator('10.96.0.0/12', new Rng('x'));
  const lo = parseIPv4('10.96.1.1')!,
    hi = parseIPv4('10.111.255.254')!;
  for (let i = 0; i < 50; i++) {
    const n = parseIPv4(a.allocateNext()!)!;
    assert.ok(n >= lo && n <= hi);
  }
  const rows: [string, string | undefined][] = [
    ['10.96.0.10', undefined],
    ['10.96.0.10', 'provided IP is already allocated'],
    ['10.96.0.0', 'the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    [
      '10.111.255.255',
      'the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    ['10.112.0.1', 'the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ['10.111.255.254', undefined],
  ];
  for (const [ip, want] of rows) assert.equal(a.allocate(ip), want, ip);
  a.release('10.96.0.10');
  assert.equal(a.allocate('10.96.0.10'), undefined, 'released');
});

test('port allocator: 30000-32767, dynamic picks from 30086 up, errors', () => {
  const a = new PortAllocator(30000, 2768, new Rng('y'));
  for (let i = 0; i < 50; i++) {
    const p = a.allocateNext()!;
    assert.ok(p >= 30086 && p <= 32767, String(p));
  }
  const rows: [number, string | undefined][] = [
    [30001, undefined],
    [30001, 'provided port is already allocated'],
    [80, 'provided port is not in the valid range. The range of valid ports is 30000-32767'],
    [32768, 'provided port is not in the valid range. The range of valid ports is 30000-32767'],
    [32767, undefined],
  ];
  for (const [port, want] of rows) assert.equal(a.allocate(port), want, String(port));
});

const svc = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: ${spec}`;

test('services: ClusterIP, headless, NodePort, LoadBalancer and ExternalName get the fields v1.30 sets', () => {
  const p = controlPlane();
  const [c, h, np, lb, ext] = createYaml(
    p,
    [
      svc('c', '{ports: [{port: 80}], selector: {app: a}}'),
      svc('h', '{clusterIP: None, selector: {app: a}}'),
      svc('np', '{type: NodePort, ports: [{port: 80, nodePort: 30001}]}'),
      svc(
        'lb',
        '{type: LoadBalancer, externalTrafficPolicy: Local, ports: [{name: a, port: 80}, {name: b, port: 80, protocol: UDP}]}',
      ),
      svc('ext', '{type: ExternalName, externalName: example.com}'),
    ].join('\n---\n'),
  );
  assert.match(c.spec.clusterIP, /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  assert.deepEqual(
    [c.spec.clusterIPs, c.spec.ipFamilies, c.spec.ipFamilyPolicy],
    [[c.spec.clusterIP], ['IPv4'], 'SingleStack'],
  );
  assert.deepEqual([h.spec.clusterIP, h.spec.clusterIPs, h.spec.ipFamilies], ['None', ['None'], ['IPv4']]);
  assert.deepEqual(c.status, { loadBalancer: {} });
  assert.equal(np.spec.ports[0].nodePort, 30001);
  // the same port number shares one node port across protocols; Local traffic gets a health check port
  assert.equal(lb.spec.ports[0].nodePort, lb.spec.ports[1].nodePort);
  assert.ok(lb.spec.healthCheckNodePort >= 30086 && lb.spec.healthCheckNodePort !== lb.spec.ports[0].nodePort);
  assert.deepEqual([ext.spec.clusterIP, ext.spec.clusterIPs, ext.spec.ipFamilies], [undefined, undefined, undefined]);
});

test('services: the exact allocation errors', () => {
  const p = controlPlane();
  createYaml(p, svc('taken', '{type: NodePort, ports: [{port: 80, nodePort: 30080}]}'));
  const rows: [string, string][] = [
    [
      svc('x', '{type: NodePort, ports: [{port: 80, nodePort: 30080}]}'),
      'Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    [
      svc('x', '{type: NodePort, ports: [{port: 80, nodePort: 80}]}'),
      'Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      svc('x', '{clusterIP: 10.96.0.10, ports: [{port: 80}]}'),
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ],
    [
      svc('x', '{clusterIP: 10.0.0.10, ports: [{port: 80}]}'),
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: the provided IP (10.0.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      svc('x', '{clusterIP: abc, ports: [{port: 80}]}'),
      'Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      svc('x', '{ipFamilyPolicy: RequireDualStack, ports: [{port: 80}]}'),
      'Service "x" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
  ];
  for (const [yaml, want] of rows)
    assert.equal(
      errorOf(() => createYaml(p, yaml)),
      want,
    );
});

test('services: a failing port frees what the request took; delete and dry run release', () => {
  const p = controlPlane();
  createYaml(p, svc('taken', '{type: NodePort, ports: [{port: 80, nodePort: 30080}]}'));
  // the first port and the cluster IP would be allocated before the second port fails
  assert.match(
    errorOf(() =>
      createYaml(
        p,
        svc(
          'x',
          '{clusterIP: 10.96.5.5, type: NodePort, ports: [{name: a, port: 81, nodePort: 30081}, {name: b, port: 82, nodePort: 30080}]}',
        ),
      ),
    ),
    /spec.ports\[1\].nodePort: Invalid value: 30080: provided port is already allocated/,
  );
  createYaml(p, svc('y', '{clusterIP: 10.96.5.5, type: NodePort, ports: [{port: 81, nodePort: 30081}]}'));
  p.api.delete('services', 'default', 'y');
  p.api.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'z' },
      spec: { clusterIP: '10.96.5.5', type: 'NodePort', ports: [{ port: 81, nodePort: 30081 }] },
    },
    { dryRun: true },
  );
  createYaml(p, svc('w', '{clusterIP: 10.96.5.5, type: NodePort, ports: [{port: 81, nodePort: 30081}]}'));
});

test('services: an update keeps the allocated values it omits, and a type change frees node ports', () => {
  const p = controlPlane();
  const [s] = createYaml(p, svc('s', '{type: NodePort, selector: {app: a}, ports: [{name: web, port: 80}]}'));
  const nodePort = s.spec.ports[0].nodePort;
  const updated = p.api.update<KObject>({
    ...s,
    spec: { type: 'NodePort', selector: { app: 'b' }, ports: [{ name: 'web', port: 80 }] },
  });
  assert.deepEqual([updated.spec.clusterIP, updated.spec.ports[0].nodePort], [s.spec.clusterIP, nodePort]);
  const cip = p.api.update({
    ...updated,
    spec: { ...updated.spec, type: 'ClusterIP', externalTrafficPolicy: undefined },
  });
  assert.equal(cip.spec.ports[0].nodePort, undefined);
  createYaml(p, svc('t', `{type: NodePort, ports: [{port: 80, nodePort: ${nodePort}}]}`));
});

test('services: ExternalName to ClusterIP allocates, and back releases', () => {
  const p = controlPlane();
  const [e] = createYaml(p, svc('e', '{type: ExternalName, externalName: db.example.com}'));
  const c = p.api.update<KObject>({ ...e, spec: { type: 'ClusterIP', clusterIP: '10.96.7.7', ports: [{ port: 80 }] } });
  assert.deepEqual(
    [c.spec.clusterIP, c.spec.clusterIPs, c.spec.ipFamilies, c.spec.ipFamilyPolicy],
    ['10.96.7.7', ['10.96.7.7'], ['IPv4'], 'SingleStack'],
  );
  assert.match(
    errorOf(() => createYaml(p, svc('x', '{clusterIP: 10.96.7.7, ports: [{port: 80}]}'))),
    /provided IP is already allocated/,
  );
  const back = p.api.update<KObject>({
    ...c,
    spec: { ...c.spec, type: 'ExternalName', externalName: 'db.example.com', internalTrafficPolicy: undefined },
  });
  assert.deepEqual(
    [back.spec.clusterIP, back.spec.clusterIPs, back.spec.ipFamilies],
    [undefined, undefined, undefined],
  );
  createYaml(p, svc('x', '{clusterIP: 10.96.7.7, ports: [{port: 80}]}'));
});

const pod = (name: string, spec: string, ns = 'default') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}`;

test('ServiceAccount admission: the default account, the kube-api-access volume in every container', () => {
  const p = controlPlane();
  const [a] = createYaml(
    p,
    pod(
      'a',
      '{initContainers: [{name: i, image: busybox}], containers: [{name: c, image: nginx}, {name: d, image: nginx}]}',
    ),
  );
  assert.deepEqual([a.spec.serviceAccountName, a.spec.serviceAccount], ['default', 'default']);
  const vol = a.spec.volumes.at(-1);
  assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(vol.projected, {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      {
        downwardAPI: {
          items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
        },
      },
    ],
  });
  for (const c of [...a.spec.initContainers, ...a.spec.containers]) {
    assert.deepEqual(
      c.volumeMounts,
      [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true }],
      c.name,
    );
  }
});

test('ServiceAccount admission: opt-outs, existing mounts, imagePullSecrets and a missing account', () => {
  const p = controlPlane();
  createYaml(
    p,
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\nautomountServiceAccountToken: false\nimagePullSecrets: [{name: regcred}]',
  );
  const rows: { name: string; spec: string; volumes: number; mounts: number[]; sa?: string; pull?: unknown }[] = [
    {
      name: 'pod-opt-out',
      spec: '{automountServiceAccountToken: false, containers: [{name: c, image: x}]}',
      volumes: 0,
      mounts: [0],
    },
    {
      name: 'sa-opt-out',
      spec: '{serviceAccountName: robot, containers: [{name: c, image: x}]}',
      volumes: 0,
      mounts: [0],
      sa: 'robot',
      pull: [{ name: 'regcred' }],
    },
    {
      name: 'pod-wins',
      spec: '{serviceAccountName: robot, automountServiceAccountToken: true, containers: [{name: c, image: x}]}',
      volumes: 1,
      mounts: [1],
      sa: 'robot',
    },
    {
      name: 'deprecated-field',
      spec: '{serviceAccount: robot, containers: [{name: c, image: x}]}',
      volumes: 0,
      mounts: [0],
      sa: 'robot',
    },
    {
      name: 'own-mount',
      spec: '{volumes: [{name: v, emptyDir: {}}], containers: [{name: c, image: x, volumeMounts: [{name: v, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}, {name: d, image: x}]}',
      volumes: 2,
      mounts: [1, 1],
    },
  ];
  for (const r of rows) {
    const [o] = createYaml(p, pod(r.name, r.spec));
    assert.equal(o.spec.volumes?.length ?? 0, r.volumes, r.name);
    assert.deepEqual(
      o.spec.containers.map((c: any) => c.volumeMounts?.length ?? 0),
      r.mounts,
      r.name,
    );
    assert.equal(o.spec.serviceAccountName, r.sa ?? 'default', r.name);
    if (r.pull) assert.deepEqual(o.spec.imagePullSecrets, r.pull, r.name);
  }
  assert.equal(
    errorOf(() => createYaml(p, pod('x', '{serviceAccountName: ghost, containers: [{name: c, image: x}]}'))),
    'pods "x" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
  );
  // admission runs before the name is generated: the error names the pod by its generateName
  assert.equal(
    errorOf(() =>
      p.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: 'web-7957885594-' },
        spec: { serviceAccountName: 'ghost', containers: [{ name: 'c', image: 'x' }] },
      }),
    ),
    'pods "web-7957885594-" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
  );
  // the default account is waited for (getServiceAccount retries it while the controller recreates it)
  p.api.delete('serviceaccounts', 'default', 'default');
  const [y] = createYaml(p, pod('y', '{containers: [{name: c, image: x}]}'));
  assert.equal(y.spec.serviceAccountName, 'default');
  assert.ok(p.api.tryGet('serviceaccounts', 'default', 'default'), 'the controller recreates it');
  // and a Namespace with a Pod in one go works, as it does against a real cluster
  p.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } });
  assert.equal(p.api.tryGet('serviceaccounts', 'fresh', 'default'), undefined);
  const [z] = createYaml(p, pod('z', '{containers: [{name: c, image: x}]}', 'fresh'));
  assert.match(z.spec.volumes[0].name, /^kube-api-access-/);
});

test('every namespace gets its default ServiceAccount', () => {
  const p = controlPlane();
  createYaml(p, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}');
  const sas = p.api.list('serviceaccounts').map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  assert.deepEqual(sas, [
    'default/default',
    'kube-node-lease/default',
    'kube-public/default',
    'kube-system/default',
    'team-a/default',
  ]);
});

test('DefaultStorageClass admission: the newest default class fills an unset class, "" is kept', () => {
  const p = controlPlane();
  createYaml(
    p,
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: old, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: x',
  );
  p.clock.setTo(p.clock.now() + 1000);
  createYaml(
    p,
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: new, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: x',
  );
  const claim = (name: string, cls: string) =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}${cls}}`;
  const [a, b, c] = createYaml(
    p,
    [claim('a', ''), claim('b', ', storageClassName: ""'), claim('c', ', storageClassName: old')].join('\n---\n'),
  );
  assert.deepEqual([a.spec.storageClassName, b.spec.storageClassName, c.spec.storageClassName], ['new', '', 'old']);
});
