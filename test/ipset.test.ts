// IPVS mode's ipsets: the entries each kind of service port adds, what a set match asks of them, `ipset list`,
// and who is masqueraded (in IPVS mode through the sets, in both modes with masqueradeAll).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServicePortInfo } from '../src/network/proxy/service-port';
import type { Endpoint } from '../src/network/proxy/endpoints';
import { buildIPSets, ipsetEntries, ipsetList, ipsetView } from '../src/network/proxy/ipvs/ipset';
import type { Packet } from '../src/network/packet';
import { connect } from '../src/network/traffic/connect';
import { runOnNode } from '../src/network/proxy/commands';
import { createCluster } from '../src/cluster';

const sp = (o: Partial<ServicePortInfo> = {}): ServicePortInfo => ({
  name: 'default/web',
  namespace: 'default',
  service: 'web',
  portName: '',
  clusterIP: '10.96.5.5',
  port: 80,
  protocol: 'TCP',
  nodePort: 0,
  externalIPs: [],
  loadBalancerIPs: [],
  loadBalancerSourceRanges: [],
  healthCheckNodePort: 0,
  externalPolicyLocal: false,
  internalPolicyLocal: false,
  stickySeconds: 0,
  hintsAnnotation: '',
  chains: { svc: '', svl: '', ext: '', fw: '' },
  ...o,
});
const ep = (ip: string, nodeName: string): Endpoint => ({
  ip,
  port: 8080,
  str: `${ip}:8080`,
  ready: true,
  serving: true,
  terminating: false,
  nodeName,
  zoneHints: [],
});

test('ipsetEntries rows: which sets each kind of service port fills', () => {
  const eps = [ep('10.244.1.2', 'node-1'), ep('10.244.2.2', 'node-2')];
  const rows: [string, ServicePortInfo, [string, string][]][] = [
    [
      'a cluster IP, one local endpoint for hairpin',
      sp(),
      [
        ['KUBE-CLUSTER-IP', '10.96.5.5,tcp:80'],
        ['KUBE-IPVS-IPS', '10.96.5.5'],
        ['KUBE-LOOP-BACK', '10.244.1.2,tcp:8080,10.244.1.2'],
      ],
    ],
    [
      'a UDP node port',
      sp({ protocol: 'UDP', nodePort: 30053 }),
      [
        ['KUBE-CLUSTER-IP', '10.96.5.5,udp:80'],
        ['KUBE-IPVS-IPS', '10.96.5.5'],
        ['KUBE-LOOP-BACK', '10.244.1.2,udp:8080,10.244.1.2'],
        ['KUBE-NODE-PORT-UDP', '30053'],
      ],
    ],
    [
      'a Local load balancer with source ranges and a health check port',
      sp({
        loadBalancerIPs: ['172.18.255.200'],
        loadBalancerSourceRanges: ['203.0.113.0/24'],
        nodePort: 30080,
        externalPolicyLocal: true,
        healthCheckNodePort: 31000,
      }),
      [
        ['KUBE-CLUSTER-IP', '10.96.5.5,tcp:80'],
        ['KUBE-IPVS-IPS', '10.96.5.5'],
        ['KUBE-LOOP-BACK', '10.244.1.2,tcp:8080,10.244.1.2'],
        ['KUBE-LOAD-BALANCER', '172.18.255.200,tcp:80'],
        ['KUBE-IPVS-IPS', '172.18.255.200'],
        ['KUBE-LOAD-BALANCER-LOCAL', '172.18.255.200,tcp:80'],
        ['KUBE-LOAD-BALANCER-FW', '172.18.255.200,tcp:80'],
        ['KUBE-LOAD-BALANCER-SOURCE-CIDR', '172.18.255.200,tcp:80,203.0.113.0/24'],
        ['KUBE-NODE-PORT-TCP', '30080'],
        ['KUBE-NODE-PORT-LOCAL-TCP', '30080'],
        ['KUBE-HEALTH-CHECK-NODE-PORT', '31000'],
      ],
    ],
    [
      'an external IP, an SCTP node port per node address',
      sp({ protocol: 'SCTP', externalIPs: ['192.0.2.9'], nodePort: 30090 }),
      [
        ['KUBE-CLUSTER-IP', '10.96.5.5,sctp:80'],
        ['KUBE-IPVS-IPS', '10.96.5.5'],
        ['KUBE-LOOP-BACK', '10.244.1.2,sctp:8080,10.244.1.2'],
        ['KUBE-EXTERNAL-IP', '192.0.2.9,sctp:80'],
        ['KUBE-IPVS-IPS', '192.0.2.9'],
        ['KUBE-NODE-PORT-SCTP-HASH', '172.18.0.3,sctp:30090'],
      ],
    ],
  ];
  for (const [name, port, want] of rows)
    assert.deepEqual(ipsetEntries(port, eps, 'node-1', ['172.18.0.3']), want, name);
});

test('ipsetView rows: set matches by type and flags', () => {
  const sets = buildIPSets([
    ['KUBE-CLUSTER-IP', '10.96.5.5,tcp:80'],
    ['KUBE-NODE-PORT-TCP', '30080'],
    ['KUBE-LOOP-BACK', '10.244.1.2,tcp:8080,10.244.1.2'],
    ['KUBE-LOAD-BALANCER-SOURCE-CIDR', '172.18.255.200,tcp:80,203.0.113.0/24'],
    ['KUBE-IPVS-IPS', '10.96.5.5'],
  ]);
  const pkt = (o: Partial<Packet>): Packet => ({
    src: '10.244.2.2',
    dst: '10.96.5.5',
    proto: 'tcp',
    dport: 80,
    srcLocal: false,
    dstLocal: false,
    mark: 0,
    ...o,
  });
  const rows: [string, string, Packet, boolean][] = [
    ['KUBE-CLUSTER-IP', 'dst,dst', pkt({}), true],
    ['KUBE-CLUSTER-IP', 'dst,dst', pkt({ dport: 81 }), false],
    ['KUBE-CLUSTER-IP', 'dst,dst', pkt({ proto: 'udp' }), false],
    ['KUBE-NODE-PORT-TCP', 'dst', pkt({ dst: '172.18.0.3', dport: 30080 }), true],
    ['KUBE-LOOP-BACK', 'dst,dst,src', pkt({ src: '10.244.1.2', dst: '10.244.1.2', dport: 8080 }), true],
    ['KUBE-LOOP-BACK', 'dst,dst,src', pkt({ src: '10.244.2.2', dst: '10.244.1.2', dport: 8080 }), false],
    ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'dst,dst,src', pkt({ src: '203.0.113.7', dst: '172.18.255.200' }), true],
    ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'dst,dst,src', pkt({ src: '198.51.100.10', dst: '172.18.255.200' }), false],
    ['KUBE-IPVS-IPS', 'dst', pkt({ dport: 22 }), true],
  ];
  for (const [name, flags, p, want] of rows)
    assert.equal(ipsetView(sets, name)!.test(p, flags), want, `${name} ${flags} ${p.src} -> ${p.dst}:${p.dport}`);
  assert.equal(ipsetView(sets, 'KUBE-NOPE'), undefined);
});

test('ipset list rows: the header, sorted members, every set, an unknown set', () => {
  const sets = buildIPSets([
    ['KUBE-CLUSTER-IP', '10.96.0.10,udp:53'],
    ['KUBE-CLUSTER-IP', '10.96.0.1,tcp:443'],
    ['KUBE-NODE-PORT-TCP', '31000'],
    ['KUBE-NODE-PORT-TCP', '30080'],
  ]);
  const list = (only?: string) =>
    ipsetList(
      sets,
      (n) => (n === 'KUBE-CLUSTER-IP' ? 3 : 1),
      () => '0x00c0ffee',
      only,
    );
  assert.equal(
    list('KUBE-CLUSTER-IP').stdout,
    'Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 6\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00c0ffee\n' +
      'Size in memory: 288\nReferences: 3\nNumber of entries: 2\nMembers:\n10.96.0.1,tcp:443\n10.96.0.10,udp:53\n',
  );
  assert.match(
    list('KUBE-NODE-PORT-TCP').stdout,
    /Type: bitmap:port\nRevision: 3\nHeader: range 0-65535\n[\s\S]*Members:\n30080\n31000\n$/,
  );
  const all = list().stdout;
  assert.equal(all.match(/^Name: /gm)!.length, 17, 'kube-proxy creates all 17 sets');
  assert.ok(
    all.startsWith('Name: KUBE-LOOP-BACK\n') && all.includes('Members:\n\nName: KUBE-CLUSTER-IP\n'),
    'creation order, a blank line between sets',
  );
  assert.deepEqual(list('KUBE-NOPE'), {
    stdout: '',
    stderr: 'ipset v7.17: The set with the given name does not exist\n',
    exitCode: 1,
  });
});

test('masquerade rows: IPVS mode through the ipsets, and masqueradeAll in both modes', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeSelector: {kubernetes.io/hostname: node-1}, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeSelector: {kubernetes.io/hostname: node-2}, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, clusterIP: 10.100.1.175, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
`;
  for (const mode of ['ipvs', 'iptables'] as const) {
    const c = createCluster({ nodes: 2, seed: 'masq', proxyMode: mode });
    c.apply(yaml);
    const client = { kind: 'pod' as const, namespace: 'default', pod: c.get('pods', 'client', 'default') };
    const self = { kind: 'pod' as const, namespace: 'default', pod: c.get('pods', 'web', 'default') };
    const rows: [string, boolean, Parameters<typeof connect>[1], string, string][] = [
      ['a pod to the cluster IP keeps its address', false, client, '10.100.1.175:80', '10.244.2.2'],
      [
        "outside to a NodePort takes the entry node's address",
        false,
        { kind: 'external' },
        '172.18.0.4:30080',
        '172.18.0.4',
      ],
      ['outside to the cluster IP (off the pod network)', false, { kind: 'external' }, '10.100.1.175:80', '172.18.0.3'],
      ['a pod reaching itself through its Service (hairpin)', false, self, '10.100.1.175:80', '172.18.0.3'],
      ['masqueradeAll: a pod to the cluster IP too', true, client, '10.100.1.175:80', '172.18.0.4'],
    ];
    for (const [name, all, from, target, want] of rows) {
      c.network.setMasqueradeAll(all);
      const o = connect(c.network, from, target);
      assert.ok(o.ok, `${mode}: ${name}\n${o.trace.join('\n')}`);
      assert.equal(o.source, want, `${mode}: ${name}\n${o.trace.join('\n')}`);
    }
    const r = runOnNode(c.network, 'node-1', 'ipset list KUBE-CLUSTER-IP');
    if (mode === 'iptables')
      assert.deepEqual(
        [r.exitCode, r.stderr],
        [1, 'ipset v7.17: The set with the given name does not exist\n'],
        'iptables mode keeps no sets',
      );
    else assert.match(r.stdout, /\n10\.100\.1\.175,tcp:80\n$/);
  }
});
