import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { nodeObject } from '../src/kubelet/node';
import { VirtualClock } from '../src/runtime/clock';
import { PodIPAllocator } from '../src/kubelet/pod-ip';
import { normalizeImage } from '../src/world/images';

function cluster(nodes: number | any[] = 3): Cluster {
  const c = createCluster({ nodes, seed: 'kubelet test' });
  if (!c.tryGet('serviceaccounts', 'default', 'default'))
    c.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
  return c;
}
const podOf = (name: string, spec: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], ...spec },
});
const events = (c: Cluster, name: string) =>
  c
    .list('events')
    .filter((e: any) => e.involvedObject.name === name)
    .map((e: any) => `${e.reason} ${e.message}`);

test('the node object: labels, no CIDR (node IPAM gives it), capacity, conditions, addresses', () => {
  const n = nodeObject(
    { name: 'node-2', cpu: '8', labels: { disktype: 'ssd' }, taints: [{ key: 'k', effect: 'NoSchedule' }] },
    2,
    new VirtualClock(0),
  );
  assert.equal(n.metadata.labels!['kubernetes.io/hostname'], 'node-2');
  assert.equal(n.metadata.labels!['kubernetes.io/os'], 'linux');
  assert.equal(n.metadata.labels!['beta.kubernetes.io/arch'], 'amd64');
  assert.equal(n.metadata.labels!.disktype, 'ssd');
  assert.equal(n.spec.podCIDRs, undefined);
  assert.deepEqual(n.spec.taints, [{ key: 'k', effect: 'NoSchedule' }]);
  assert.equal(n.status.capacity.cpu, '8');
  assert.equal(n.status.capacity.memory, '16Gi');
  assert.equal(n.status.allocatable.pods, '110');
  assert.deepEqual(
    n.status.conditions.map((c: any) => `${c.type}=${c.status} ${c.reason}`),
    [
      'MemoryPressure=False KubeletHasSufficientMemory',
      'DiskPressure=False KubeletHasNoDiskPressure',
      'PIDPressure=False KubeletHasSufficientPID',
      'Ready=True KubeletReady',
    ],
  );
  assert.deepEqual(n.status.addresses, [
    { type: 'InternalIP', address: '172.18.0.4' },
    { type: 'Hostname', address: 'node-2' },
  ]);
  assert.equal(n.status.nodeInfo.kubeletVersion.startsWith('v1.30.'), true);
  assert.deepEqual(
    nodeObject({ name: 'node-2' }, 2, new VirtualClock(0)).status.nodeInfo,
    nodeObject({ name: 'node-2' }, 2, new VirtualClock(5)).status.nodeInfo,
  );
});

test('image references normalise as containerd reports them', () => {
  const rows: [string, string][] = [
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause:3.9'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ];
  for (const [i, want] of rows) assert.equal(normalizeImage(i), want);
});

test('host-local pod IPs: .2 upwards, freed addresses reused only after wrapping', () => {
  const a = new PodIPAllocator('10.244.1.0/24');
  assert.equal(a.allocate(), '10.244.1.2');
  assert.equal(a.allocate(), '10.244.1.3');
  a.release('10.244.1.2');
  assert.equal(a.allocate(), '10.244.1.4');
});

test('a bound pod runs: phase, conditions, IPs in the node /24, container status, events', () => {
  const c = cluster();
  c.api.create(podOf('web'));
  c.converge();
  const p = c.get('pods', 'web');
  const node = c.get('nodes', p.spec.nodeName);
  assert.equal(p.status.phase, 'Running');
  assert.deepEqual(
    p.status.conditions.map((x: any) => `${x.type}=${x.status}`),
    ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
  );
  assert.equal(p.status.podIP.startsWith(node.spec.podCIDR.replace('0/24', '')), true);
  assert.equal(p.status.hostIP, node.status.addresses[0].address);
  const cs = p.status.containerStatuses[0];
  assert.equal(cs.ready, true);
  assert.equal(cs.started, true);
  assert.equal(cs.restartCount, 0);
  assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.deepEqual(
    events(c, 'web').map((e) => e.split(' ')[0]),
    ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'],
  );
  assert.equal(events(c, 'web')[0], `Scheduled Successfully assigned default/web to ${p.spec.nodeName}`);
  c.api.create(podOf('web2', { nodeName: p.spec.nodeName }));
  c.converge();
  assert.ok(events(c, 'web2').includes('Pulled Container image "nginx:1.25" already present on machine'));
});

test('graceful deletion: containers stopped, then the pod is removed', () => {
  const c = cluster();
  c.api.create(podOf('web'));
  c.converge();
  c.api.delete('pods', 'default', 'web');
  c.converge();
  assert.equal(c.tryGet('pods', 'web'), undefined);
  assert.ok(c.timeline().some((e) => e.reason === 'Killing' && e.message === 'Stopping container web'));
});

test('unschedulable pods: condition and FailedScheduling; scheduled once a node fits', () => {
  const c = cluster();
  c.api.create(
    podOf('big', { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '8' } } }] }),
  );
  c.converge();
  const msg =
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
  const p = c.get('pods', 'big');
  assert.deepEqual(
    p.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message]),
    [['PodScheduled', 'False', 'Unschedulable', msg]],
  );
  assert.deepEqual(events(c, 'big'), [`FailedScheduling ${msg}`]);
  c.addNode({ name: 'big-1', cpu: '16' });
  // the node's arrival moves the pod out of the unschedulable queue, through its back-off
  c.advance('10s');
  assert.equal(c.get('pods', 'big').spec.nodeName, 'big-1');
  assert.equal(c.get('pods', 'big').status.phase, 'Running');
});

test('a missing or unbound claim fails PreFilter', () => {
  const c = cluster();
  const vol = { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] };
  c.api.create(podOf('db', vol));
  c.converge();
  assert.equal(
    c.get('pods', 'db').status.conditions[0].message,
    '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
});

test('crash loop: restarts with back-off 10s, 20s, ...', () => {
  const c = cluster(1);
  c.images.set('crash:1', { exitCode: 1, exitAfterMs: 0 });
  c.api.create(podOf('crash', { containers: [{ name: 'app', image: 'crash:1' }] }));
  c.converge();
  let cs = c.get('pods', 'crash').status.containerStatuses[0];
  assert.equal(cs.restartCount, 1);
  assert.equal(cs.state.waiting.reason, 'CrashLoopBackOff');
  assert.equal(cs.lastState.terminated.exitCode, 1);
  c.advance('10s');
  cs = c.get('pods', 'crash').status.containerStatuses[0];
  assert.equal(cs.restartCount, 2);
  assert.match(cs.state.waiting.message, /^back-off 20s restarting failed container=app pod=crash_default\(/);
  assert.equal(c.get('pods', 'crash').status.phase, 'Running');
});

test('restartPolicy Never: exit 0 gives Succeeded; a start delay keeps the pod Pending', () => {
  const c = cluster(1);
  c.images.set('job:ok', { exitCode: 0, exitAfterMs: 5000 });
  c.images.set('slow:1', { startDelayMs: 30_000 });
  c.api.create(podOf('ok', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'job:ok' }] }));
  c.api.create(podOf('slow', { containers: [{ name: 'app', image: 'slow:1' }] }));
  c.converge();
  assert.equal(c.get('pods', 'ok').status.phase, 'Running');
  assert.equal(c.get('pods', 'slow').status.phase, 'Pending');
  c.advance('5s');
  assert.equal(c.get('pods', 'ok').status.phase, 'Succeeded');
  assert.equal(c.get('pods', 'ok').status.containerStatuses[0].state.terminated.reason, 'Completed');
  c.advance('25s');
  assert.equal(c.get('pods', 'slow').status.phase, 'Running');
});

test('pod GC deletes pods of a removed node after the quarantine', () => {
  const c = cluster(2);
  c.api.create(podOf('web', { nodeName: 'node-1' }));
  c.converge();
  c.removeNode('node-1');
  c.advance('39s');
  assert.ok(c.tryGet('pods', 'web'));
  c.advance('1s');
  assert.equal(c.tryGet('pods', 'web'), undefined);
});

test('a changed image: running containers restart, waiting ones start with it', () => {
  const c = cluster(1);
  c.images.set('bad:1', { pullable: false });
  c.api.create(podOf('run', { containers: [{ name: 'app', image: 'nginx:1.25' }] }));
  c.api.create(podOf('wait', { containers: [{ name: 'app', image: 'bad:1' }] }));
  c.converge();
  const rows: [string, number, string][] = [
    ['run', 1, 'Killing Container app definition changed, will be restarted'],
    ['wait', 0, ''],
  ];
  for (const [name, restarts, event] of rows) {
    const p = JSON.parse(JSON.stringify(c.get('pods', name)));
    p.spec.containers[0].image = 'nginx:1.26';
    c.api.update(p);
    c.converge();
    const cs = c.get('pods', name).status.containerStatuses[0];
    assert.equal(cs.restartCount, restarts, name);
    assert.equal(cs.ready, true, name);
    assert.equal(cs.image, 'docker.io/library/nginx:1.26', name);
    assert.equal(events(c, name).includes(event), !!event, name);
  }
});

test('readiness gates: Ready waits for their conditions', () => {
  const c = cluster(1);
  c.api.create(podOf('gated', { readinessGates: [{ conditionType: 'example.com/feature-1' }] }));
  c.converge();
  const ready = () => c.get('pods', 'gated').status.conditions.find((x: any) => x.type === 'Ready');
  assert.deepEqual(
    [ready().status, ready().reason, ready().message],
    [
      'False',
      'ReadinessGatesNotReady',
      'corresponding condition of pod readiness gate "example.com/feature-1" does not exist.',
    ],
  );
  const rows: [string, string, string | undefined][] = [
    ['False', 'False', 'the status of pod readiness gate "example.com/feature-1" is not "True", but False'],
    ['True', 'True', undefined],
  ];
  for (const [gate, want, message] of rows) {
    const p = JSON.parse(JSON.stringify(c.get('pods', 'gated')));
    p.status.conditions = [
      ...p.status.conditions.filter((x: any) => x.type !== 'example.com/feature-1'),
      { type: 'example.com/feature-1', status: gate },
    ];
    c.api.updateStatus(p);
    c.converge();
    assert.equal(ready().status, want, gate);
    assert.equal(ready().message, message, gate);
  }
  assert.equal(c.get('pods', 'gated').status.conditions.find((x: any) => x.type === 'ContainersReady').status, 'True');
});
