// kube-proxy: chain names as proxier.go hashes them, probabilities as iptables-save prints them, the rules one
// service port gets for each endpoint situation, the partial sync, ipvsadm's listing, and node commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { clusterPolicyChain, endpointChain, externalChain, localPolicyChain } from '../src/network/proxy/chain-names';
import { probabilityText, ruleText } from '../src/network/proxy/iptables/rule';
import { emptyTables, writeServicePort } from '../src/network/proxy/iptables/proxier';
import { servicePorts } from '../src/network/proxy/service-port';
import fc from 'fast-check';
import { type Endpoint, categorize, endpointsIn, presenceIn } from '../src/network/proxy/endpoints';
import { virtualServers } from '../src/network/proxy/ipvs/proxier';
import { ipvsadmList } from '../src/network/proxy/ipvs/ipvsadm';
import { ipvsModeTables, setReferences } from '../src/network/proxy/ipvs/iptables';
import { buildIPSets } from '../src/network/proxy/ipvs/ipset';
import { grep, runOnNode } from '../src/network/proxy/commands';
import { createCluster } from '../src/cluster';
import { validateNodePortAddresses } from '../src/network/proxy/kube-proxy';

test('chain names: base32(sha256(servicePortName + protocol)) cut to 16, the values real clusters show', () => {
  const rows: [string, string][] = [
    [clusterPolicyChain('default/kubernetes:https', 'tcp'), 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    [clusterPolicyChain('kube-system/kube-dns:dns', 'udp'), 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    [clusterPolicyChain('kube-system/kube-dns:dns-tcp', 'tcp'), 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    [clusterPolicyChain('kube-system/kube-dns:metrics', 'tcp'), 'KUBE-SVC-JD5MR3NA4I4DYORP'],
    [externalChain('default/kubernetes:https', 'tcp'), 'KUBE-EXT-NPX46M4PTMTKRN6Y'],
    [localPolicyChain('default/kubernetes:https', 'tcp'), 'KUBE-SVL-NPX46M4PTMTKRN6Y'],
  ];
  for (const [got, want] of rows) assert.equal(got, want);
  assert.match(endpointChain('default/web', 'tcp', '10.244.1.2:80'), /^KUBE-SEP-[A-Z2-7]{16}$/);
  assert.notEqual(
    endpointChain('default/web', 'tcp', '10.244.1.2:80'),
    endpointChain('default/web', 'tcp', '10.244.1.3:80'),
  );
});

test('probabilities: 1/n written with %0.10f, stored in 31 bits, printed with %.11f', () => {
  const rows: [number, string][] = [
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [4, '0.25000000000'],
    [5, '0.20000000019'],
    [10, '0.10000000009'],
  ];
  for (const [n, want] of rows) assert.equal(probabilityText(1 / n), want, `1/${n}`);
});

const svc = (spec: any, status: any = {}): KObject => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { clusterIP: '10.96.5.5', ...spec },
  status,
});
const ep = (ip: string, node: string, o: Partial<Endpoint> = {}): Endpoint => ({
  ip,
  port: 8080,
  str: `${ip}:8080`,
  ready: true,
  serving: true,
  terminating: false,
  nodeName: node,
  zoneHints: [],
  ...o,
});
const PORT = { port: 80, protocol: 'TCP', targetPort: 8080 };

/** The rules one service port writes on node-1, as iptables-save lines, nat and filter. */
function rules(service: KObject, eps: Endpoint[]): { nat: string[]; filter: string[] } {
  const t = emptyTables();
  for (const sp of servicePorts(service)) writeServicePort(t, sp, eps, 'node-1', '10.244.0.0/16');
  const lines = (m: Map<string, any[]>) => [...m].flatMap(([c, rs]) => rs.map((r) => ruleText(c, r)));
  return { nat: lines(t.nat), filter: lines(t.filter) };
}

test('writeServicePort rows: what each endpoint situation writes', () => {
  const SVC = clusterPolicyChain('default/web', 'tcp'),
    EXT = externalChain('default/web', 'tcp');
  const rows: {
    name: string;
    service: KObject;
    eps: Endpoint[];
    nat: (string | RegExp)[];
    filter: string[];
    natCount?: number;
  }[] = [
    {
      name: 'no endpoints: only a REJECT in filter',
      service: svc({ ports: [PORT] }),
      eps: [],
      nat: [],
      filter: [
        '-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      ],
    },
    {
      name: 'two ready endpoints',
      service: svc({ ports: [PORT] }),
      eps: [ep('10.244.1.2', 'node-1'), ep('10.244.2.2', 'node-2')],
      filter: [],
      natCount: 8,
      nat: [
        `-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${SVC}`,
        `-A ${SVC} ! -s 10.244.0.0/16 -d 10.96.5.5/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
        /-m comment --comment "default\/web -> 10\.244\.1\.2:8080" -m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-/,
        /-A KUBE-SEP-\w+ -s 10\.244\.2\.2\/32 -m comment --comment "default\/web" -j KUBE-MARK-MASQ/,
        /-A KUBE-SEP-\w+ -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.2\.2:8080/,
      ],
    },
    {
      name: 'only terminating but serving endpoints are used when none is ready',
      service: svc({ ports: [PORT] }),
      eps: [
        ep('10.244.1.2', 'node-1', { ready: false, terminating: true }),
        ep('10.244.2.2', 'node-2', { ready: false }),
      ],
      filter: [],
      nat: [/-A KUBE-SVC-\w+ -m comment --comment "default\/web -> 10\.244\.1\.2:8080" -j KUBE-SEP-/],
      natCount: 5,
    },
    {
      name: 'NodePort, Cluster policy: EXT masquerades and jumps to SVC',
      service: svc({ type: 'NodePort', ports: [{ ...PORT, nodePort: 30080 }] }),
      eps: [ep('10.244.2.2', 'node-2')],
      filter: [],
      nat: [
        `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j ${EXT}`,
        `-A ${EXT} -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ`,
        `-A ${EXT} -j ${SVC}`,
      ],
    },
    {
      name: 'NodePort, Local policy, no local endpoint: DROP external, keep the pod short-circuit',
      service: svc({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ ...PORT, nodePort: 30080 }] }),
      eps: [ep('10.244.2.2', 'node-2')],
      filter: [
        '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP',
      ],
      nat: [
        `-A ${EXT} -s 10.244.0.0/16 -m comment --comment "pod traffic for default/web external destinations" -j ${SVC}`,
        `-A ${EXT} -m comment --comment "route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j ${SVC}`,
      ],
    },
    {
      name: 'internalTrafficPolicy Local without a local endpoint: DROP the cluster IP',
      service: svc({ internalTrafficPolicy: 'Local', ports: [PORT] }),
      eps: [ep('10.244.2.2', 'node-2')],
      nat: [],
      natCount: 0,
      filter: [
        '-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web has no local endpoints" -m tcp --dport 80 -j DROP',
      ],
    },
    {
      name: 'ClientIP affinity: recent checks before the random choice, and a recent set in the SEP',
      service: svc({
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [PORT],
      }),
      eps: [ep('10.244.2.2', 'node-2')],
      filter: [],
      nat: [
        /-A KUBE-SVC-\w+ -m comment --comment "default\/web -> 10\.244\.2\.2:8080" -m recent --rcheck --seconds 10800 --reap --name (KUBE-SEP-\w+) --mask 255\.255\.255\.255 --rsource -j \1/,
        /-m recent --set --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT --to-destination 10\.244\.2\.2:8080/,
      ],
    },
    {
      name: 'load balancer IP and external IP go to EXT',
      service: svc(
        { type: 'LoadBalancer', externalIPs: ['80.11.12.10'], ports: [{ ...PORT, nodePort: 30080 }] },
        { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
      ),
      eps: [ep('10.244.2.2', 'node-2')],
      filter: [],
      nat: [
        `-A KUBE-SERVICES -d 80.11.12.10/32 -p tcp -m comment --comment "default/web external IP" -m tcp --dport 80 -j ${EXT}`,
        `-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/web loadbalancer IP" -m tcp --dport 80 -j ${EXT}`,
      ],
    },
    {
      name: 'headless: nothing',
      service: svc({ clusterIP: 'None', ports: [PORT] }),
      eps: [ep('10.244.2.2', 'node-2')],
      nat: [],
      filter: [],
      natCount: 0,
    },
  ];
  for (const r of rows) {
    const got = rules(r.service, r.eps);
    for (const want of r.nat) {
      assert.ok(
        got.nat.some((l) => (typeof want === 'string' ? l === want : want.test(l))),
        `${r.name}: nat lacks ${want}\n${got.nat.join('\n')}`,
      );
    }
    assert.deepEqual(got.filter, r.filter, r.name);
    if (r.natCount !== undefined) assert.equal(got.nat.length, r.natCount, `${r.name}\n${got.nat.join('\n')}`);
  }
});

test('CategorizeEndpoints rows', () => {
  const sp = (spec: any) =>
    servicePorts(svc({ ports: [{ ...PORT, nodePort: spec.type ? 30080 : undefined }], ...spec }))[0];
  const eps = [
    ep('10.244.1.2', 'node-1'),
    ep('10.244.2.2', 'node-2'),
    ep('10.244.1.3', 'node-1', { ready: false, serving: true, terminating: true }),
  ];
  const rows: [string, any, number, number, number][] = [
    ['Cluster', {}, 2, 0, 2],
    ['internal Local', { internalTrafficPolicy: 'Local' }, 0, 1, 1],
    ['external Local', { type: 'NodePort', externalTrafficPolicy: 'Local' }, 2, 1, 2],
  ];
  for (const [name, spec, cluster, local, reachable] of rows) {
    const c = categorize(eps, sp(spec), 'node-1');
    assert.deepEqual(
      [c.cluster.length, c.local.length, c.reachable.length, c.hasAny],
      [cluster, local, reachable, true],
      name,
    );
  }
});

// The dispatch chains read only whether a service port has endpoints to use and local ones (presenceIn, from the
// slices, without building the endpoints): the same as categorize over the endpoints, for any slices
test('presenceIn equals categorize over the deduplicated endpoints (property)', () => {
  const cond = fc.option(fc.boolean(), { nil: undefined });
  const endpoint = fc.record({
    ip: fc.constantFrom('10.244.1.2', '10.244.1.3', '10.244.2.2', '10.244.2.10'),
    node: fc.constantFrom('node-1', 'node-2'),
    ready: cond,
    serving: cond,
    terminating: cond,
    noAddress: fc.boolean(),
  });
  const slice = fc.record({ port: fc.constantFrom(8080, 9090), endpoints: fc.array(endpoint, { maxLength: 5 }) });
  const policy = fc.constantFrom(undefined, 'Cluster', 'Local');
  fc.assert(
    fc.property(
      fc.array(slice, { maxLength: 3 }),
      policy,
      policy,
      fc.boolean(),
      (slices, internal, external, nodePort) => {
        const [sp] = servicePorts(
          svc({
            type: nodePort ? 'NodePort' : undefined,
            ports: [{ ...PORT, nodePort: nodePort ? 30080 : undefined }],
            internalTrafficPolicy: internal,
            externalTrafficPolicy: nodePort ? external : undefined,
          }),
        );
        const objects = slices.map(
          (s, i): KObject => ({
            metadata: { name: `web-${i}`, namespace: 'default' },
            addressType: 'IPv4',
            ports: [{ port: s.port, protocol: 'TCP' }],
            endpoints: s.endpoints.map((e) => ({
              addresses: e.noAddress ? [] : [e.ip],
              nodeName: e.node,
              conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
            })),
          }),
        );
        const c = categorize(endpointsIn(objects, sp), sp, 'node-1');
        assert.deepEqual(presenceIn(objects, sp, 'node-1'), { hasAny: c.hasAny, local: c.local.length > 0 });
      },
    ),
    { numRuns: 500 },
  );
});

test("the endpoints of several slices: merged in order of `ip:port`, the first slice's kept for an address in two", () => {
  const slice = (name: string, ...eps: [string, boolean][]): KObject => ({
    metadata: { name, namespace: 'default' },
    addressType: 'IPv4',
    ports: [{ port: 8080, protocol: 'TCP' }],
    endpoints: eps.map(([ip, ready]) => ({ addresses: [ip], conditions: { ready } })),
  });
  const [sp] = servicePorts(svc({ ports: [PORT] }));
  const got = endpointsIn(
    [slice('a', ['10.244.1.9', true], ['10.244.1.10', false]), slice('b', ['10.244.1.10', true], ['10.244.1.2', true])],
    sp,
  );
  assert.deepEqual(
    got.map((e) => `${e.str} ${e.ready}`),
    ['10.244.1.10:8080 false', '10.244.1.2:8080 true', '10.244.1.9:8080 true'],
  );
});

test('ipvsadm -ln: header, services by protocol then address, real servers padded as ipvsadm pads them', () => {
  const [sp] = servicePorts(svc({ type: 'NodePort', ports: [{ ...PORT, nodePort: 30080 }] }));
  const out = ipvsadmList(
    virtualServers(sp, [ep('10.244.2.2', 'node-2'), ep('10.244.1.2', 'node-1')], 'node-1', ['172.18.0.3'], 'rr'),
  );
  assert.equal(
    out,
    [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.5.5:80 rr',
      '  -> 10.244.1.2:8080              Masq    1      0          0',
      '  -> 10.244.2.2:8080              Masq    1      0          0',
      'TCP  172.18.0.3:30080 rr',
      '  -> 10.244.1.2:8080              Masq    1      0          0',
      '  -> 10.244.2.2:8080              Masq    1      0          0',
      '',
    ].join('\n'),
  );
});

test('grep rows: matches, context with -- between groups, no match exits 1', () => {
  const text = 'a1\nb\nc\na2\nd\ne\nf\na3\n';
  const rows: [string[], string, number][] = [
    [['a'], 'a1\na2\na3\n', 0],
    [['-A', '1', 'a'], 'a1\nb\n--\na2\nd\n--\na3\n', 0],
    [['-v', 'a'], 'b\nc\nd\ne\nf\n', 0],
    [['zz'], '', 1],
    [['-c', 'a'], '3\n', 0],
    [['-c', 'zz'], '0\n', 1],
    [['^a[12]$'], 'a1\na2\n', 0],
    [['-c', 'a.'], '3\n', 0],
  ];
  for (const [args, out, code] of rows) {
    const r = grep(text, args);
    assert.equal(r.stdout, out, args.join(' '));
    assert.equal(r.exitCode, code);
  }
});

test('IPVS mode rows: a fixed set of iptables rules over ipsets, each set rule only while the set has members', () => {
  const opts = { clusterCIDR: '10.244.0.0/16', masqueradeAll: false };
  const count = (t: ReturnType<typeof ipvsModeTables>) =>
    [...t.nat.values(), ...t.filter.values()].reduce((n, rs) => n + rs.length, 0);
  const empty = ipvsModeTables(opts, buildIPSets([]));
  const withNodePort = ipvsModeTables(
    opts,
    buildIPSets([
      ['KUBE-CLUSTER-IP', '10.96.0.1,tcp:443'],
      ['KUBE-NODE-PORT-TCP', '30080'],
    ]),
  );
  assert.deepEqual(
    [count(empty), count(withNodePort) - count(empty)],
    [29, 3],
    'cluster IP: masquerade + accept; node port: mark',
  );
  const rows: [string, ReturnType<typeof ipvsModeTables>, string, string[]][] = [
    [
      'KUBE-SERVICES',
      withNodePort,
      'nat',
      [
        '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
        '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
        '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
      ],
    ],
    [
      'KUBE-NODE-PORT',
      withNodePort,
      'nat',
      [
        '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
      ],
    ],
    [
      'KUBE-SERVICES',
      ipvsModeTables({ ...opts, masqueradeAll: true }, buildIPSets([['KUBE-CLUSTER-IP', '10.96.0.1,tcp:443']])),
      'nat',
      [
        '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
        '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
        '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
      ],
    ],
    [
      'INPUT',
      empty,
      'filter',
      [
        '-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER',
        '-A INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
        '-A INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT',
        '-A INPUT -j KUBE-FIREWALL',
      ],
    ],
  ];
  for (const [chain, t, table, want] of rows)
    assert.deepEqual(
      t[table as 'nat' | 'filter'].get(chain)!.map((r) => ruleText(chain, r)),
      want,
      `${table} ${chain}`,
    );
  assert.equal(
    setReferences(withNodePort, 'KUBE-CLUSTER-IP'),
    3,
    'the masquerade rule, the accept rule and KUBE-IPVS-FILTER',
  );
});

test('partial sync: a change rebuilds only the Service it touches, on every node', () => {
  const c = createCluster({ nodes: 2, seed: 'partial' });
  c.apply(
    ['a', 'b', 'c']
      .map(
        (n) =>
          `apiVersion: v1\nkind: Service\nmetadata: {name: ${n}}\nspec:\n  selector: {app: ${n}}\n  ports: [{port: 80}]\n`,
      )
      .join('---\n'),
  );
  const p = c.network.proxy('node-1');
  p.tables();
  const afterStart = p.rebuilt;
  assert.equal(afterStart, 5, 'the first sync builds every Service (kubernetes, kube-dns, a, b, c)');
  c.kubectl('create deployment b --image=nginx');
  p.tables();
  assert.equal(p.rebuilt - afterStart, 1, 'only b was rebuilt');
  assert.match(
    runOnNode(c.network, 'node-1', 'iptables-save -t nat | grep default/b').stdout,
    /"default\/b -> 10\.244\.\d+\.\d+:80"/,
  );
  p.tables();
  assert.equal(p.rebuilt - afterStart, 1, 'nothing changed, nothing rebuilt');
});

test('creating a cluster builds no proxy rules', () => {
  const c = createCluster({ nodes: 3, seed: 'cheap' });
  assert.equal(c.network.proxy('node-1').rebuilt, 0);
});

test('node commands rows: output and exit status', () => {
  const c = createCluster({ nodes: 1, seed: 'cmds' });
  const rows: [string, string, number, string | RegExp][] = [
    [
      'node-1',
      'iptables-save -t nat',
      0,
      /^# Generated by iptables-save v1\.8\.9 on Mon Jan {2}1 00:00:00 2024\n\*nat\n:PREROUTING ACCEPT \[0:0\]\n/,
    ],
    ['node-1', 'ipvsadm -Ln', 0, /^IP Virtual Server version 1\.2\.1 \(size=4096\)\n/],
    ['node-1', 'ip addr show kube-ipvs0', 1, 'Device "kube-ipvs0" does not exist.\n'],
    ['node-1', 'tcpdump -i any', 127, 'bash: tcpdump: command not found\n'],
    [
      'node-1',
      'iptables -t nat -S KUBE-MARK-MASQ',
      0,
      '-N KUBE-MARK-MASQ\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n',
    ],
    [
      'node-1',
      'iptables -t nat -S POSTROUTING',
      0,
      '-P POSTROUTING ACCEPT\n-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING\n',
    ],
    ['node-1', 'iptables -t nat -S KUBE-NOPE', 1, 'iptables: No chain/target/match by that name.\n'],
    ['node-7', 'iptables-save', 1, 'Error from server (NotFound): nodes "node-7" not found\n'],
  ];
  for (const [node, line, code, want] of rows) {
    const r = runOnNode(c.network, node, line);
    assert.equal(r.exitCode, code, line);
    const text = code === 0 ? r.stdout : r.stderr;
    if (typeof want === 'string') assert.equal(text, want, line);
    else assert.match(text, want, line);
  }
});

test('nodePortAddresses rows: validation, the node addresses selected, the KUBE-NODEPORTS jumps and the IPVS listeners', () => {
  const invalid: [string[], string[]][] = [
    [['172.18.0.0/16', '127.0.0.0/8'], []],
    [['primary'], []],
    [['foo'], ['KubeProxyConfiguration.NodePortAddresses[0]: Invalid value: "foo": must be a valid CIDR']],
    [
      ['10.0.0.0/8', '1.2.3.4'],
      ['KubeProxyConfiguration.NodePortAddresses[1]: Invalid value: "1.2.3.4": must be a valid CIDR'],
    ],
    [
      ['10.0.0.0/8', 'primary'],
      ["KubeProxyConfiguration.NodePortAddresses[1]: Invalid value: \"primary\": can't use both 'primary' and CIDRs"],
    ],
  ];
  for (const [list, want] of invalid) assert.deepEqual(validateNodePortAddresses(list), want, list.join(','));
  const c = createCluster({ nodes: 1, seed: 'npa' });
  c.apply(
    'apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  selector: {app: x}\n  ports: [{port: 80, nodePort: 30080}]\n',
  );
  const rows: [string[], string[] | 'all', string[]][] = [
    [
      [],
      'all',
      [
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      ],
    ],
    [
      ['primary'],
      ['172.18.0.3'],
      [
        '-A KUBE-SERVICES -d 172.18.0.3/32 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS',
      ],
    ],
    [
      ['127.0.0.0/8'],
      ['127.0.0.1'],
      [
        '-A KUBE-SERVICES -d 127.0.0.1/32 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS',
      ],
    ],
    [['10.0.0.0/8'], [], []],
  ];
  for (const [list, ips, jumps] of rows) {
    c.network.setMode('iptables');
    c.network.setNodePortAddresses(list);
    const p = c.network.proxy('node-1');
    assert.deepEqual(p.nodePortIPs(), ips, list.join(','));
    assert.deepEqual(
      p
        .tables()
        .nat.get('KUBE-SERVICES')!
        .filter((r) => r.j === 'KUBE-NODEPORTS')
        .map((r) => ruleText('KUBE-SERVICES', r)),
      jumps,
      list.join(','),
    );
    c.network.setMode('ipvs');
    const listeners = p
      .virtualServers()
      .filter((v) => v.port === 30080)
      .map((v) => v.address);
    assert.deepEqual(listeners, ips === 'all' ? ['172.18.0.3'] : ips, `ipvs ${list.join(',')}`);
  }
  assert.throws(() => c.network.setNodePortAddresses(['nope']), /must be a valid CIDR/);
});
