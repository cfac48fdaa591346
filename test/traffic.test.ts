// Traffic: netfilter's walk (jumps, RETURN, statistic, recent, MARK), connections routed through a cluster's
// rules (cluster IP, NodePort, no endpoints, unknown port, pod IP, outside clients, IPVS), NetworkPolicy
// verdicts, HTTP through an Ingress router hook, and spreading connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import type { Chains } from '../src/network/proxy/iptables/rule';
import { walk, type WalkContext } from '../src/network/traffic/netfilter';
import type { Packet } from '../src/network/packet';
import { connect, podByIP } from '../src/network/traffic/connect';
import { httpRequest, parseURL } from '../src/network/traffic/http';
import { spread } from '../src/network/traffic/balance';
import { checkPolicies, policyTypes } from '../src/network/netpol/policy';
import { inCIDR } from '../src/util/net';
import { createCluster, type Cluster } from '../src/cluster';

const pkt = (o: Partial<Packet> = {}): Packet => ({
  src: '10.244.1.5',
  dst: '10.96.0.50',
  proto: 'tcp',
  dport: 80,
  srcLocal: false,
  dstLocal: false,
  mark: 0,
  ...o,
});
const ctx = (randoms: number[] = [], now = 0): WalkContext => {
  const lists = new Map<string, Map<string, number>>();
  return {
    random: () => randoms.shift() ?? 0.99,
    recent: (n) => lists.get(n) ?? lists.set(n, new Map()).get(n)!,
    now,
    trace: [],
  };
};

test('netfilter walk rows: first terminating target wins, fall-through returns, statistic draws, recent remembers', () => {
  const chains: Chains = new Map([
    ['PREROUTING', [{ matches: [], j: 'SVC' }]],
    [
      'SVC',
      [
        { matches: [{ m: 'recent', op: 'rcheck', name: 'B', seconds: 10 }], j: 'B' },
        { matches: [{ m: 'statistic', probability: 0.5 }], j: 'A' },
        { matches: [], j: 'B' },
      ],
    ],
    ['A', [{ matches: [], j: 'DNAT', toDestination: '10.244.1.2:80' }]],
    [
      'B',
      [
        { matches: [{ m: 'recent', op: 'set', name: 'B' }], j: 'MARK', targetArgs: '--set-xmark 0x4000/0x4000' },
        { matches: [], j: 'DNAT', toDestination: '10.244.2.2:80' },
      ],
    ],
  ]);
  const rows: [string, number[], string][] = [
    ['a draw under 1/2 takes the first endpoint', [0.2], '10.244.1.2:80'],
    ['a draw over 1/2 falls to the last', [0.7], '10.244.2.2:80'],
  ];
  for (const [name, draws, want] of rows) {
    const v = walk(chains, 'PREROUTING', pkt(), ctx(draws));
    assert.deepEqual(v, { target: 'DNAT', to: want }, name);
  }
  const c = ctx([0.7, 0.1]);
  const p = pkt();
  walk(chains, 'PREROUTING', p, c);
  assert.equal(p.mark & 0x4000, 0x4000, 'MARK set the masquerade bit');
  assert.deepEqual(
    walk(chains, 'PREROUTING', pkt(), c),
    { target: 'DNAT', to: '10.244.2.2:80' },
    'recent keeps the client on B despite a low draw',
  );
  c.now = 11_000;
  assert.deepEqual(
    walk(chains, 'PREROUTING', pkt(), c),
    { target: 'DNAT', to: '10.244.1.2:80' },
    'after --seconds the entry is reaped',
  );
  assert.deepEqual(
    walk(new Map([['X', [{ d: '10.0.0.0/8', matches: [], j: 'REJECT' }]]]), 'X', pkt({ dst: '192.168.1.1' }), ctx()),
    { target: 'NONE' },
  );
});

test('inCIDR rows', () => {
  const rows: [string, string, boolean][] = [
    ['10.244.1.5', '10.244.0.0/16', true],
    ['10.245.0.1', '10.244.0.0/16', false],
    ['1.2.3.4', '1.2.3.4', true],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['x', '0.0.0.0/0', false],
  ];
  for (const [ip, cidr, want] of rows) assert.equal(inCIDR(ip, cidr), want, `${ip} in ${cidr}`);
});

function webCluster(mode: 'iptables' | 'ipvs' = 'iptables'): Cluster {
  const c = createCluster({ nodes: 3, seed: 'traffic-test', proxyMode: mode });
  c.kubectl('create deployment web --image=nginx --replicas=3');
  c.apply(
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]\n' +
      '---\napiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  selector: {app: none}\n  ports: [{port: 80}]\n',
  );
  return c;
}

test('connection rows: where each target goes, in both modes', () => {
  for (const mode of ['iptables', 'ipvs'] as const) {
    const c = webCluster(mode);
    const web = (o: ReturnType<typeof connect>) => o.ok && o.pod!.metadata.labels?.app === 'web';
    const podIP = c.list('pods', { labelSelector: 'app=web' })[0].status.podIP;
    const rows: [string, Parameters<typeof connect>[1], string, (o: ReturnType<typeof connect>) => boolean][] = [
      ['service name', { kind: 'pod', namespace: 'default' }, 'web:80', web],
      [
        'FQDN from another namespace',
        { kind: 'pod', namespace: 'kube-system' },
        'web.default.svc.cluster.local:80',
        web,
      ],
      ['node name and node port', { kind: 'pod', namespace: 'default' }, 'node-3:30080', web],
      ['outside client on a node IP', { kind: 'external' }, '172.18.0.4:30080', web],
      ['pod IP directly', { kind: 'pod', namespace: 'default' }, `${podIP}:80`, web],
      ['no endpoints: refused', { kind: 'pod', namespace: 'default' }, 'empty:80', (o) => o.error === 'refused'],
      ['a node port nobody has: refused', { kind: 'external' }, '172.18.0.4:31999', (o) => o.error === 'refused'],
      [
        'an unknown name',
        { kind: 'pod', namespace: 'default' },
        'nope:80',
        (o) => o.error === 'unresolved' && o.message === 'curl: (6) Could not resolve host: nope',
      ],
    ];
    if (mode === 'iptables')
      rows.push([
        'a port the service lacks: timeout',
        { kind: 'pod', namespace: 'default' },
        'web:81',
        (o) => o.error === 'timeout',
      ]);
    for (const [name, from, target, ok] of rows) {
      const o = connect(c.network, from, target);
      assert.ok(ok(o), `${mode}: ${name}: ${o.message}\n${o.trace.join('\n')}`);
    }
  }
});

test("podByIP finds a pod through its node's pod range", () => {
  const c = webCluster();
  const pod = c.list('pods', { labelSelector: 'app=web' })[1];
  assert.equal(podByIP(c.network, pod.status.podIP)?.metadata.name, pod.metadata.name);
  assert.equal(podByIP(c.network, '10.244.9.9'), undefined);
});

test('spread: iptables probabilities share out, IPVS rr is exact', () => {
  const counts = (mode: 'iptables' | 'ipvs') =>
    [...spread(webCluster(mode).network, { kind: 'pod', namespace: 'default' }, 'web:80', 300).byPod.values()].map(
      (e) => e.count,
    );
  const random = counts('iptables');
  assert.equal(random.length, 3);
  for (const n of random) assert.ok(n > 70 && n < 130, `about a third each: ${random}`);
  assert.deepEqual(counts('ipvs'), [100, 100, 100]);
});

const peer = (ns: string, labels: Record<string, string>, ip = '10.244.1.9') => ({
  ip,
  pod: { namespace: ns, labels },
});

test('NetworkPolicy verdict rows', () => {
  const c = createCluster({ nodes: 1, seed: 'np' });
  c.apply(`apiVersion: v1
kind: Namespace
metadata: {name: ops, labels: {team: ops}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}, {namespaceSelector: {matchLabels: {team: ops}}}]
    ports: [{port: 5432}]
  - from: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.9.0/24]}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 5000, endPort: 6000}]}]
`);
  const db = peer('default', { app: 'db' }, '10.244.1.2');
  const rows: [string, any, any, number, boolean][] = [
    ['api to db on 5432', peer('default', { app: 'api' }), db, 5432, true],
    ['api to db on 6432: egress range ok, ingress port not', peer('default', { app: 'api' }), db, 6432, false],
    ['web to db', peer('default', { app: 'web' }), db, 5432, false],
    ['ops namespace to db', peer('ops', { app: 'prom' }), db, 5432, true],
    ['an outside address in the block, any port', { ip: '192.168.1.1' }, db, 22, true],
    ['an outside address in the except', { ip: '192.168.9.1' }, db, 5432, false],
    [
      'api egress to a pod outside the rule',
      peer('default', { app: 'api' }),
      peer('default', { app: 'cache' }),
      5500,
      false,
    ],
    ['an unselected pod is open', peer('default', { app: 'web' }), peer('default', { app: 'web' }), 80, true],
  ];
  for (const [name, src, dst, port, want] of rows)
    assert.equal(checkPolicies(c.api, src, dst, port, 'TCP').allowed, want, name);
  assert.deepEqual(policyTypes({ metadata: {}, spec: { egress: [{}] } } as KObject), ['Ingress', 'Egress']);
  assert.deepEqual(policyTypes({ metadata: {}, spec: {} } as KObject), ['Ingress']);
});

test('HTTP: URLs, the Ingress hook, and plain connections', () => {
  assert.deepEqual(parseURL('http://shop.example.com/cart?x=1'), {
    url: 'http://shop.example.com/cart?x=1',
    scheme: 'http',
    host: 'shop.example.com',
    port: 80,
    path: '/cart',
  });
  assert.equal(parseURL('https://a.b').port, 443);
  assert.equal(parseURL('web:8080/x').port, 8080);
  const c = webCluster();
  assert.ok(
    httpRequest(c.network, { kind: 'pod', namespace: 'default' }, 'http://web/').ok,
    'no Ingress: a connection to web:80',
  );
  c.network.ingressRouter = (_api, req) =>
    req.host === 'shop.example.com'
      ? req.path.startsWith('/cart')
        ? { backend: { namespace: 'default', service: 'web', port: 80 } }
        : { status: 404, reason: 'Not Found' }
      : undefined;
  const routed = httpRequest(c.network, { kind: 'pod', namespace: 'default' }, 'http://shop.example.com/cart');
  assert.ok(routed.ok && routed.status === 200 && routed.pod?.metadata.labels?.app === 'web', routed.trace.join('\n'));
  const missing = httpRequest(c.network, { kind: 'pod', namespace: 'default' }, 'http://shop.example.com/other');
  assert.deepEqual([missing.ok, missing.status, missing.message], [false, 404, 'HTTP/1.1 404 Not Found']);
});
