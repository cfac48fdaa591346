// Node IPAM: the cidrset (rows after pkg/controller/nodeipam/ipam/cidrset/cidr_set_test.go), kubeadm's networking
// checks, node addresses past 254 nodes, and the range allocator's CIDRNotAvailable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CIDRSet } from '../src/controllers/nodeipam/cidrset';
import { validateNetworking, DEFAULT_NETWORKING } from '../src/api/networking';
import { nthAddress, lastPodIP } from '../src/util/net';
import { nodeInternalIP } from '../src/kubelet/node';
import { PodIPAllocator } from '../src/kubelet/pod-ip';
import { createCluster } from '../src';

test('cidrset: the n-th allocation of a cluster CIDR (indexToCIDRBlock rows)', () => {
  const rows: [string, number, number, string][] = [
    ['127.123.3.0/16', 24, 0, '127.123.0.0/24'],
    ['127.123.3.0/16', 24, 15, '127.123.15.0/24'],
    ['192.168.5.219/28', 32, 5, '192.168.5.213/32'],
    ['10.244.0.0/16', 24, 255, '10.244.255.0/24'],
    ['10.0.0.0/8', 24, 300, '10.1.44.0/24'],
    ['10.244.0.0/16', 26, 5, '10.244.1.64/26'],
  ];
  for (const [cluster, mask, index, want] of rows) {
    const s = new CIDRSet(cluster, mask);
    let got: string | undefined;
    for (let i = 0; i <= index; i++) got = s.allocate();
    assert.equal(got, want, `${cluster} /${mask} #${index}`);
  }
});

test('cidrset: a full range allocates nothing; a released CIDR comes back after the range wraps', () => {
  const rows: [string, number, number][] = [
    ['10.0.0.0/30', 30, 1],
    ['127.123.234.0/16', 24, 256],
    ['10.244.0.0/16', 25, 512],
  ];
  for (const [cluster, mask, max] of rows) {
    const s = new CIDRSet(cluster, mask);
    const got = Array.from({ length: max }, () => s.allocate());
    assert.equal(new Set(got).size, max);
    assert.equal(s.allocate(), undefined, `${cluster} is full after ${max}`);
    s.release(got[0]!);
    assert.equal(s.free(), 1);
    assert.equal(s.allocate(), got[0]);
  }
  const s = new CIDRSet('10.244.0.0/16', 24);
  const a = s.allocate(),
    b = s.allocate();
  s.release(a!);
  assert.equal(s.allocate(), '10.244.2.0/24', 'allocation goes on after the last given');
  assert.notEqual(a, b);
});

test('cidrset: occupy marks every node CIDR a range overlaps (a node that has one, the service subnet)', () => {
  const rows: [string, number, string, number][] = [
    ['10.244.0.0/16', 24, '10.244.5.0/24', 1],
    ['10.244.0.0/16', 24, '10.244.4.0/22', 4],
    ['10.0.0.0/8', 24, '10.96.0.0/12', 4096],
    ['10.244.0.0/16', 24, '10.96.0.0/12', 0],
    ['10.244.0.0/16', 24, '10.0.0.0/8', 256],
  ];
  for (const [cluster, mask, occupied, taken] of rows) {
    const s = new CIDRSet(cluster, mask);
    s.occupy(occupied);
    assert.equal(s.max - s.free(), taken, `${occupied} in ${cluster}`);
  }
});

test("kubeadm's networking checks", () => {
  const rows: [Partial<typeof DEFAULT_NETWORKING>, string[]][] = [
    [{}, []],
    [{ podSubnet: '10.0.0.0/8' }, []],
    [{ podSubnet: '10.244.0.0/16', nodeCIDRMaskSize: 26 }, []],
    [
      { podSubnet: '10.244.0.0/25' },
      [
        'networking.podSubnet: Invalid value: "10.244.0.0/25": the size of pod subnet with mask 25 is smaller than the size of node subnet with mask 24',
      ],
    ],
    [
      { podSubnet: '10.0.0.0/7' },
      [
        'networking.podSubnet: Invalid value: "10.0.0.0/7": pod subnet mask (7) and node-mask (24) difference is greater than 16',
      ],
    ],
    [{ podSubnet: '10.244.0.0' }, ['networking.podSubnet: Invalid value: "10.244.0.0": couldn\'t parse subnet']],
    [
      { serviceSubnet: '10.96.0.0/8' },
      [
        'networking.serviceSubnet: Invalid value: "10.96.0.0/8": specified service subnet is too large; for 32-bit addresses, the mask must be >= 12',
      ],
    ],
  ];
  for (const [opts, want] of rows)
    assert.deepEqual(validateNetworking({ ...DEFAULT_NETWORKING, ...opts }), want, JSON.stringify(opts));
  assert.throws(() => createCluster({ podSubnet: '10.244.0.0/25' }), /the size of pod subnet with mask 25/);
});

test('addresses: node InternalIPs past 254 nodes, pod ranges of any mask, service subnet addresses', () => {
  const ips: [number, string][] = [
    [1, '172.18.0.3'],
    [253, '172.18.0.255'],
    [254, '172.18.1.0'],
    [300, '172.18.1.46'],
    [5000, '172.18.19.138'],
  ];
  for (const [i, want] of ips) assert.equal(nodeInternalIP(i), want);
  const pods: [string, string, string][] = [
    ['10.244.1.0/24', '10.244.1.2', '10.244.1.254'],
    ['10.244.1.64/26', '10.244.1.66', '10.244.1.126'],
    ['10.1.44.0/23', '10.1.44.2', '10.1.45.254'],
  ];
  for (const [cidr, first, last] of pods) {
    assert.equal(new PodIPAllocator(cidr).allocate(), first);
    assert.equal(lastPodIP(cidr), last);
  }
  assert.equal(new PodIPAllocator(undefined).allocate(), undefined);
  assert.equal(nthAddress('10.96.0.0/12', 10), '10.96.0.10');
  assert.equal(nthAddress('172.20.0.0/16', 1), '172.20.0.1');
});

test('node IPAM: each node gets the next node CIDR; past the last, CIDRNotAvailable on the node', () => {
  const c = createCluster({ nodes: 5, podSubnet: '10.244.0.0/22', timeline: false });
  // the control plane holds 10.244.0.0/24, so three workers fit
  const cidrs = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5'].map((n) => c.get('nodes', n).spec.podCIDR);
  assert.deepEqual(cidrs, ['10.244.1.0/24', '10.244.2.0/24', '10.244.3.0/24', undefined, undefined]);
  const ev = c
    .list('events')
    .filter((e) => e.reason === 'CIDRNotAvailable')
    .map((e) => `${e.type} ${e.involvedObject.kind}/${e.involvedObject.name} ${e.source.component}: ${e.message}`);
  assert.deepEqual(ev, [
    'Normal Node/node-4 cidrAllocator: Node node-4 status is now: CIDRNotAvailable',
    'Normal Node/node-5 cidrAllocator: Node node-5 status is now: CIDRNotAvailable',
  ]);
  // a deleted node's CIDR goes to the next node that registers
  c.removeNode('node-2');
  c.addNode({ name: 'node-6' });
  assert.equal(c.get('nodes', 'node-6').spec.podCIDR, '10.244.2.0/24');
});

test('a 300-node cluster in a /8 pod subnet: every node and pod address valid and distinct', () => {
  const c = createCluster({ nodes: 300, podSubnet: '10.0.0.0/8', timeline: false });
  const nodes = c.list('nodes');
  const cidrs = new Set(nodes.map((n) => n.spec.podCIDR));
  const ips = new Set(nodes.map((n) => n.status.addresses[0].address));
  assert.equal(cidrs.size, 300);
  assert.equal(ips.size, 300);
  for (const ip of ips) assert.match(ip, /^172\.18\.(0|1)\.(\d+)$/);
  assert.equal(c.get('nodes', 'node-300').spec.podCIDR, '10.1.44.0/24');
});
