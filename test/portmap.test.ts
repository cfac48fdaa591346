// The CNI portmap plugin: chain names, the rules per pod (protocols, multiport groups, hostIP), where its jumps
// go among kube-proxy's, and connections to a host port (the pod's node only, hairpin masquerade).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { dnatChainName, portMappings, portmapChains, sandboxID, withPortmap } from '../src/network/cni/portmap';
import { ruleText } from '../src/network/proxy/iptables/rule';
import { connect } from '../src/network/traffic/connect';
import { createCluster } from '../src/cluster';

test('dnatChainName rows: CNI-DN- and the sha512 of network name + container ID, 28 characters', () => {
  // values from Python's hashlib.sha512, independent of the model
  const rows: [string, string, string][] = [
    ['cbr0', '0123456789abcdef', 'CNI-DN-8cbe06c6d4b297670ecbf'],
    ['kindnet', 'abc', 'CNI-DN-f2bdc201a4632f9cd4dcc'],
  ];
  for (const [net, id, want] of rows) assert.equal(dnatChainName(net, id), want, `${net}/${id}`);
});

const pod = (name: string, ports: any[], ip = '10.244.1.7'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: { containers: [{ name: 'c', image: 'nginx', ports }] },
  status: { phase: 'Running', podIP: ip },
});

test('portmapChains rows: one DNAT entry per protocol (15 ports a rule), three rules per port', () => {
  const manyPorts = Array.from({ length: 16 }, (_, i) => ({ containerPort: 1000 + i, hostPort: 2000 + i }));
  const rows: { name: string; ports: any[]; entries: string[]; chainRules: string[] }[] = [
    {
      name: 'TCP and UDP ports get one entry each, protocols in name order',
      ports: [
        { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
        { containerPort: 80, hostPort: 8080 },
      ],
      entries: ['-p tcp', '--dports 8080 ', '-p udp', '--dports 5353 '],
      chainRules: [
        '-s 10.244.1.0/24 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK',
        '-s 127.0.0.1/32 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK',
        '-p udp -m udp --dport 5353 -j DNAT --to-destination 10.244.1.7:53',
        '-s 10.244.1.0/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
        '-s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
        '-p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.7:80',
      ],
    },
    {
      name: 'a hostIP becomes -d; 0.0.0.0 means every address',
      ports: [
        { containerPort: 80, hostPort: 8080, hostIP: '172.18.0.3' },
        { containerPort: 81, hostPort: 8081, hostIP: '0.0.0.0' },
      ],
      entries: ['-p tcp', '--dports 8080,8081 '],
      chainRules: [
        '-s 10.244.1.0/24 -d 172.18.0.3/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
        '-s 127.0.0.1/32 -d 172.18.0.3/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
        '-d 172.18.0.3/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.7:80',
        '-s 10.244.1.0/24 -p tcp -m tcp --dport 8081 -j CNI-HOSTPORT-SETMARK',
        '-s 127.0.0.1/32 -p tcp -m tcp --dport 8081 -j CNI-HOSTPORT-SETMARK',
        '-p tcp -m tcp --dport 8081 -j DNAT --to-destination 10.244.1.7:81',
      ],
    },
    {
      name: 'sixteen ports split into two multiport rules',
      ports: manyPorts,
      entries: [
        '-p tcp',
        `--dports ${manyPorts
          .slice(0, 15)
          .map((p) => p.hostPort)
          .join(',')} `,
        '-p tcp',
        '--dports 2015 ',
      ],
      chainRules: [],
    },
  ];
  for (const r of rows) {
    const p = pod('p', r.ports);
    const nat = portmapChains([p], '10.244.1.0/24');
    const chain = dnatChainName('cbr0', sandboxID(p));
    const entries = nat.get('CNI-HOSTPORT-DNAT')!.map((x) => ruleText('CNI-HOSTPORT-DNAT', x));
    assert.equal(entries.length, r.entries.length / 2, r.name);
    entries.forEach((e, i) => {
      assert.ok(
        e.includes(r.entries[2 * i]) && e.includes(r.entries[2 * i + 1]) && e.endsWith(`-j ${chain}`),
        `${r.name}: ${e}`,
      );
      assert.ok(
        e.includes(`--comment "dnat name: \\"cbr0\\" id: \\"${sandboxID(p)}\\""`),
        `${r.name}: the comment names the sandbox: ${e}`,
      );
    });
    if (r.chainRules.length)
      assert.deepEqual(
        nat.get(chain)!.map((x) => ruleText(chain, x)),
        r.chainRules.map((x) => `-A ${chain} ${x}`),
        r.name,
      );
  }
  assert.equal(portmapChains([], '10.244.1.0/24').size, 0, 'no host ports, no chains');
  assert.deepEqual(portMappings(pod('q', [{ containerPort: 80 }])), [], 'a containerPort alone maps nothing');
});

test('withPortmap: PREROUTING/OUTPUT after kube-proxy, POSTROUTING first, the input untouched', () => {
  const kube = new Map([
    ['PREROUTING', [{ matches: [], j: 'KUBE-SERVICES' }]],
    ['POSTROUTING', [{ matches: [], j: 'KUBE-POSTROUTING' }]],
  ]);
  const merged = withPortmap(kube, portmapChains([pod('p', [{ containerPort: 80, hostPort: 8080 }])], '10.244.1.0/24'));
  assert.deepEqual(
    merged.get('PREROUTING')!.map((r) => r.j),
    ['KUBE-SERVICES', 'CNI-HOSTPORT-DNAT'],
  );
  assert.deepEqual(
    merged.get('POSTROUTING')!.map((r) => r.j),
    ['CNI-HOSTPORT-MASQ', 'KUBE-POSTROUTING'],
  );
  assert.deepEqual(
    kube.get('PREROUTING')!.map((r) => r.j),
    ['KUBE-SERVICES'],
  );
});

test('connections to a host port rows, in both proxy modes', () => {
  for (const mode of ['iptables', 'ipvs'] as const) {
    const c = createCluster({ nodes: 2, seed: 'portmap-test', proxyMode: mode });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: edge}
spec:
  nodeSelector: {kubernetes.io/hostname: node-1}
  containers: [{name: c, image: nginx, ports: [{containerPort: 80, hostPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeSelector: {kubernetes.io/hostname: node-1}
  containers: [{name: c, image: busybox}]
`);
    const client = c.get('pods', 'client', 'default');
    const rows: [string, Parameters<typeof connect>[1], string, { ok: boolean; source?: string; error?: string }][] = [
      ["outside to the pod's node", { kind: 'external' }, '172.18.0.3:8080', { ok: true, source: '198.51.100.10' }],
      ['outside to the other node', { kind: 'external' }, '172.18.0.4:8080', { ok: false, error: 'refused' }],
      [
        'a pod of the same node is masqueraded (hairpin)',
        { kind: 'pod', namespace: 'default', pod: client },
        '172.18.0.3:8080',
        { ok: true, source: '172.18.0.3' },
      ],
      [
        'the container port on the node is closed',
        { kind: 'external' },
        '172.18.0.3:80',
        { ok: false, error: 'refused' },
      ],
    ];
    for (const [name, from, target, want] of rows) {
      const o = connect(c.network, from, target);
      assert.equal(o.ok, want.ok, `${mode}: ${name}\n${o.trace.join('\n')}`);
      if (want.ok) {
        assert.equal(o.pod?.metadata.name, 'edge', `${mode}: ${name}`);
        assert.equal(o.source, want.source, `${mode}: ${name}`);
      } else assert.equal(o.error, want.error, `${mode}: ${name}`);
    }
    c.kubectl('delete pod edge');
    c.advance('1m');
    assert.equal(
      connect(c.network, { kind: 'external' }, '172.18.0.3:8080').ok,
      false,
      `${mode}: the sandbox gone, the port closes`,
    );
  }
});
