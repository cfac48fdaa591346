// LoadBalancer Services and NetworkPolicy objects: the simulated cloud's address pool, the service controller's
// finalizer, events and status, and NetworkPolicy validation messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeCloud } from '../src/world/cloud';
import { LB_CLEANUP_FINALIZER, loadBalancerHost, shouldSyncUpdatedNode } from '../src/controllers/service/controller';
import { LABEL_EXCLUDE_BALANCERS } from '../src/api/well-known';
import type { KObject } from '../src/api/meta';
import { validateNetworkPolicy } from '../src/api/validation/networkpolicy';
import { defaultNetworkPolicy } from '../src/api/defaults/networkpolicy';
import { createCluster } from '../src/cluster';
import { connect } from '../src/network/traffic/connect';

test('FakeCloud rows: the pool in order, requests honoured or refused, released addresses reused', () => {
  const cloud = new FakeCloud();
  const rows: [string, () => unknown, unknown][] = [
    ['first', () => cloud.ensure('default/a'), { ip: '172.18.255.200' }],
    ['same service again', () => cloud.ensure('default/a'), { ip: '172.18.255.200' }],
    ['second', () => cloud.ensure('default/b'), { ip: '172.18.255.201' }],
    ['requested free address', () => cloud.ensure('default/c', '172.18.255.240'), { ip: '172.18.255.240' }],
    [
      'requested taken address',
      () => cloud.ensure('default/d', '172.18.255.240'),
      { error: 'requested ip "172.18.255.240" is already in use' },
    ],
    [
      'requested outside the pool',
      () => cloud.ensure('default/d', '10.1.1.1'),
      { error: 'requested ip "10.1.1.1" is not in the load balancer address pool' },
    ],
    [
      'release a, then the next takes its address',
      () => {
        cloud.release('default/a');
        return cloud.ensure('default/e');
      },
      { ip: '172.18.255.200' },
    ],
  ];
  for (const [name, f, want] of rows) assert.deepEqual(f(), want, name);
});

const LB = (extra = '') => `apiVersion: v1
kind: Service
metadata: {name: lb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]
${extra}`;

test('service controller: finalizer and Ensuring event at once, the address after provisioning, cleanup on type change', () => {
  const c = createCluster({ nodes: 1, seed: 'lb' });
  c.apply(LB());
  let svc = c.get('services', 'lb');
  assert.deepEqual(svc.metadata.finalizers, [LB_CLEANUP_FINALIZER]);
  assert.deepEqual(svc.status, { loadBalancer: {} });
  const reasons = () =>
    c
      .list('events')
      .filter((e) => e.involvedObject?.name === 'lb')
      .map((e) => e.reason);
  assert.deepEqual(reasons(), ['EnsuringLoadBalancer']);
  c.advance('9s');
  assert.deepEqual(c.get('services', 'lb').status, { loadBalancer: {} }, 'still provisioning');
  c.advance('1s');
  svc = c.get('services', 'lb');
  assert.deepEqual(svc.status.loadBalancer.ingress, [{ ip: '172.18.255.200', ipMode: 'VIP' }]);
  assert.deepEqual(reasons(), ['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  c.kubectl(`patch service lb -p '{"spec":{"type":"ClusterIP"}}'`);
  svc = c.get('services', 'lb');
  assert.equal(svc.metadata.finalizers, undefined);
  assert.deepEqual(svc.status, { loadBalancer: {} });
  assert.deepEqual(reasons().slice(2), ['DeletingLoadBalancer', 'DeletedLoadBalancer']);
});

test('service controller rows: services it leaves alone and requests it cannot meet', () => {
  const rows: [string, string, (c: ReturnType<typeof createCluster>) => void][] = [
    [
      'a loadBalancerClass belongs to another controller',
      LB('  loadBalancerClass: example.com/lb'),
      (c) => {
        assert.equal(c.get('services', 'lb').metadata.finalizers, undefined);
      },
    ],
    [
      'a requested address outside the pool',
      LB('  loadBalancerIP: 10.1.2.3'),
      (c) => {
        const e = c.list('events').find((x) => x.reason === 'SyncLoadBalancerFailed');
        assert.equal(
          e?.message,
          'Error syncing load balancer: failed to ensure load balancer: requested ip "10.1.2.3" is not in the load balancer address pool',
        );
        assert.deepEqual(c.get('services', 'lb').status, { loadBalancer: {} });
      },
    ],
    [
      'a requested pool address',
      LB('  loadBalancerIP: 172.18.255.220'),
      (c) => {
        assert.equal(c.get('services', 'lb').status.loadBalancer.ingress[0].ip, '172.18.255.220');
      },
    ],
  ];
  for (const [name, yaml, check] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(yaml);
    c.advance('10s');
    check(c);
  }
});

const node = (labels: Record<string, string> = {}, extra: any = {}): KObject => ({
  metadata: { name: 'n', labels, ...extra.metadata },
  spec: { ...extra.spec },
});

test('load balancer host rows: stableNodeSetPredicates and which node updates trigger a sync', () => {
  const hosts: [string, KObject, boolean][] = [
    ['a plain node', node(), true],
    ['excluded by label (any value)', node({ [LABEL_EXCLUDE_BALANCERS]: '' }), false],
    ['being deleted', node({}, { metadata: { deletionTimestamp: '2024-01-01T00:00:00Z' } }), false],
    [
      'tainted for deletion by the autoscaler',
      node({}, { spec: { taints: [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] } }),
      false,
    ],
    ['unschedulable (cordoned) stays a host', node({}, { spec: { unschedulable: true } }), true],
  ];
  for (const [name, n, want] of hosts) assert.equal(loadBalancerHost(n), want, name);
  const syncs: [string, KObject, KObject, boolean][] = [
    ['the exclusion label added', node(), node({ [LABEL_EXCLUDE_BALANCERS]: 'true' }), true],
    ['the exclusion label removed', node({ [LABEL_EXCLUDE_BALANCERS]: 'true' }), node(), true],
    ['its value changed', node({ [LABEL_EXCLUDE_BALANCERS]: 'a' }), node({ [LABEL_EXCLUDE_BALANCERS]: 'b' }), false],
    ['another label', node(), node({ disk: 'ssd' }), false],
    ['providerID set', node(), node({}, { spec: { providerID: 'kind://docker/kind/node-1' } }), true],
    [
      'the autoscaler taint (picked up by the next sync only)',
      node(),
      node({}, { spec: { taints: [{ key: 'ToBeDeletedByClusterAutoscaler' }] } }),
      false,
    ],
  ];
  for (const [name, a, b, want] of syncs) assert.equal(shouldSyncUpdatedNode(a, b), want, name);
});

test('service controller node sync rows: hosts and events follow node changes, traffic follows the hosts', () => {
  const c = createCluster({ nodes: 2, seed: 'lb-nodes' });
  c.apply(LB());
  c.advance('10s');
  const hosts = () => c.network.loadBalancerHosts!('172.18.255.200');
  const events = () =>
    c
      .list('events')
      .filter((e) => e.involvedObject?.name === 'lb' && /LoadBalancer$/.test(e.reason) && !/Ensur/.test(e.reason))
      .map((e) => `${e.type} ${e.reason} ${e.count ?? 1}`);
  const rows: [string, () => void, string[], string[]][] = [
    ['provisioned with every node', () => {}, ['node-1', 'node-2'], []],
    ['a label that does not matter', () => c.kubectl('label node node-1 disk=ssd'), ['node-1', 'node-2'], []],
    [
      'node-1 excluded',
      () => c.kubectl(`label node node-1 ${LABEL_EXCLUDE_BALANCERS}=true`),
      ['node-2'],
      ['Normal UpdatedLoadBalancer 1'],
    ],
    ['node-3 joins', () => c.addNode({ name: 'node-3' }), ['node-2', 'node-3'], ['Normal UpdatedLoadBalancer 2']],
    [
      'node-2 fails: still a host',
      () => {
        c.failNode('node-2');
        c.advance('1m');
      },
      ['node-2', 'node-3'],
      ['Normal UpdatedLoadBalancer 2'],
    ],
    [
      'node-2 and node-3 deleted: no hosts left',
      () => {
        c.removeNode('node-2');
        c.removeNode('node-3');
      },
      [],
      ['Normal UpdatedLoadBalancer 3', 'Warning UnAvailableLoadBalancer 1'],
    ],
  ];
  for (const [name, change, wantHosts, wantEvents] of rows) {
    change();
    assert.deepEqual(hosts(), wantHosts, name);
    assert.deepEqual(events().sort(), wantEvents.sort(), name);
  }
  assert.equal(c.network.loadBalancerHosts!('172.18.255.201'), undefined, 'no load balancer has that address');
});

test('traffic to a load balancer goes only to its hosts; without a cloud provider nothing is provisioned', () => {
  const c = createCluster({ nodes: 2, seed: 'lb-traffic' });
  c.kubectl('create deployment web --image=nginx --replicas=2');
  c.apply(LB());
  c.advance('10s');
  c.kubectl(`label node node-1 ${LABEL_EXCLUDE_BALANCERS}=`);
  for (let i = 0; i < 20; i++) {
    const o = connect(c.network, { kind: 'external' }, '172.18.255.200:80');
    assert.ok(
      o.ok && o.trace.some((t) => t.startsWith('on node-2:')) && !o.trace.some((t) => t.startsWith('on node-1:')),
      o.trace.join('\n'),
    );
  }
  const bare = createCluster({ nodes: 1, seed: 'no-cloud' });
  bare.withoutCloudProvider();
  bare.apply(LB());
  bare.advance('5m');
  const svc = bare.get('services', 'lb');
  assert.deepEqual([svc.metadata.finalizers, svc.status], [undefined, { loadBalancer: {} }]);
  assert.equal(bare.list('events').filter((e) => e.involvedObject?.name === 'lb').length, 0);
  assert.throws(() => c.withoutCloudProvider(), /already has load balancers/);
});

test('NetworkPolicy validation rows', () => {
  const np = (spec: any) => ({ metadata: { name: 'x' }, spec: { podSelector: {}, ...spec } });
  const msgs = (spec: any) => validateNetworkPolicy(np(spec)).map((e: any) => `${e.field}: ${e.detail ?? ''}`.trim());
  const rows: [string, any, string[]][] = [
    [
      'a valid policy',
      { ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80, endPort: 90 }] }], policyTypes: ['Ingress'] },
      [],
    ],
    ['an empty peer', { ingress: [{ from: [{}] }] }, ['spec.ingress[0].from[0]: must specify a peer']],
    [
      'ipBlock with a selector',
      { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] },
      ['spec.egress[0].to[0]: may not specify both ipBlock and another peer'],
    ],
    [
      'an invalid cidr',
      { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] },
      ['spec.ingress[0].from[0].ipBlock.cidr: not a valid CIDR'],
    ],
    [
      'an except outside the cidr',
      { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.0/24'] } }] }] },
      ['spec.ingress[0].from[0].ipBlock.except[0]: must be a strict subset of `cidr`'],
    ],
    [
      'endPort below port',
      { ingress: [{ ports: [{ port: 90, endPort: 80 }] }] },
      ['spec.ingress[0].ports[0].endPort: must be greater than or equal to `port`'],
    ],
    [
      'endPort with a named port',
      { ingress: [{ ports: [{ port: 'http', endPort: 80 }] }] },
      ['spec.ingress[0].ports[0].endPort: may not be specified when `port` is non-numeric'],
    ],
    [
      'three policy types',
      { policyTypes: ['Ingress', 'Egress', 'Ingress'] },
      ['spec.policyTypes: may not specify more than two policyTypes'],
    ],
  ];
  for (const [name, spec, want] of rows) assert.deepEqual(msgs(spec), want, name);
  const [proto] = validateNetworkPolicy(np({ ingress: [{ ports: [{ protocol: 'ICMP' }] }] }));
  assert.equal(proto.type, 'FieldValueNotSupported');
});

test("changing a Service's type drops the fields only the old type needed, unless the user changed them", () => {
  const rows: [string, string, string, Record<string, unknown>][] = [
    [
      'LoadBalancer to ClusterIP',
      LB(),
      '{"spec":{"type":"ClusterIP"}}',
      {
        type: 'ClusterIP',
        externalTrafficPolicy: undefined,
        allocateLoadBalancerNodePorts: undefined,
        nodePort: undefined,
      },
    ],
    [
      'NodePort to ClusterIP',
      LB().replace('LoadBalancer', 'NodePort'),
      '{"spec":{"type":"ClusterIP"}}',
      { type: 'ClusterIP', externalTrafficPolicy: undefined, nodePort: undefined },
    ],
    [
      'LoadBalancer to NodePort keeps the policy and the port',
      LB(),
      '{"spec":{"type":"NodePort"}}',
      { type: 'NodePort', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: undefined },
    ],
  ];
  for (const [name, yaml, patch, want] of rows) {
    const c = createCluster({ nodes: 1, seed: name });
    c.apply(yaml);
    const before = c.get('services', 'lb').spec.ports[0].nodePort;
    const r = c.kubectl(`patch service lb -p '${patch}'`);
    assert.equal(r.exitCode, 0, `${name}: ${r.stderr}`);
    const spec = c.get('services', 'lb').spec;
    const got: Record<string, unknown> = {
      type: spec.type,
      externalTrafficPolicy: spec.externalTrafficPolicy,
      allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts,
      nodePort: spec.ports[0].nodePort,
    };
    for (const k of Object.keys(got)) if (!(k in want)) delete got[k];
    if (spec.type === 'NodePort') assert.equal(spec.ports[0].nodePort, before, `${name}: the node port stays`);
    assert.deepEqual(got, want, name);
  }
});

test('Service validation rows: external IPs, load balancer fields on other types', () => {
  const c = createCluster({ nodes: 1, seed: 'svc-validation' });
  const rows: [string, string, string][] = [
    [
      'an external IP that is not one',
      '  externalIPs: [80.11.12]',
      'spec.externalIPs[0]: Invalid value: "80.11.12": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      'a loopback external IP',
      '  externalIPs: [127.0.0.1]',
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
    [
      'allocateLoadBalancerNodePorts on a ClusterIP Service',
      '  allocateLoadBalancerNodePorts: false',
      "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ],
    [
      'source ranges on a ClusterIP Service',
      '  loadBalancerSourceRanges: [10.0.0.0/8]',
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ],
  ];
  for (const [name, extra, want] of rows) {
    const r = c.kubectl('apply -f -', {
      stdin: `apiVersion: v1\nkind: Service\nmetadata: {name: v}\nspec:\n  ports: [{port: 80}]\n${extra}\n`,
    });
    assert.equal(r.exitCode, 1, name);
    assert.equal(r.stderr, `The Service "v" is invalid: ${want}\n`, name);
  }
});

test('NetworkPolicy defaults rows: policyTypes from the rules, ports TCP', () => {
  const rows: [any, string[], string | undefined][] = [
    [{ podSelector: {} }, ['Ingress'], undefined],
    [{ podSelector: {}, egress: [{ ports: [{ port: 53 }] }] }, ['Ingress', 'Egress'], 'TCP'],
    [
      { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] },
      ['Egress'],
      'UDP',
    ],
  ];
  for (const [spec, types, proto] of rows) {
    const np = { spec: JSON.parse(JSON.stringify(spec)) };
    defaultNetworkPolicy(np);
    assert.deepEqual(np.spec.policyTypes, types);
    assert.equal(np.spec.egress?.[0]?.ports?.[0]?.protocol, proto);
  }
});
