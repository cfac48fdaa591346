// CoreDNS records (fact 11.4), the pod's resolv.conf by dnsPolicy (11.3) and resolution with the search path
// and ndots:5, on an embedded cluster. Pods web-0 and web-1 name themselves into the headless service `nginx` with
// hostname and subdomain, as a StatefulSet's pods do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { CoreDNS } from '../src/network/dns/records';
import { resolve, candidates } from '../src/network/dns/resolve';
import { formatResolvConf, podResolvConf } from '../src/api/dns/resolv-conf';
import { checkResolution } from '../src/assert/dns';
import { resolveResource } from '../src/api/kinds';

const cluster = createCluster({ nodes: 2, seed: 'dns test' });
cluster.apply(`
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, labels: {app: nginx}}
spec: {hostname: web-0, subdomain: nginx, containers: [{name: nginx, image: nginx:1.9.1, ports: [{containerPort: 80, name: web}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: nginx}}
spec: {hostname: web-1, subdomain: nginx, containers: [{name: nginx, image: nginx:1.9.1, ports: [{containerPort: 80, name: web}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-svc, namespace: default}
spec:
  selector: {app: nginx}
  ports: [{name: http, port: 8080, targetPort: 80}, {name: metrics, port: 9090, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata: {name: my-service}
spec: {type: ExternalName, externalName: my.database.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: alias}
spec: {type: ExternalName, externalName: web-svc.default.svc.cluster.local}
---
apiVersion: v1
kind: Namespace
metadata: {name: prod}
`);
cluster.advanceUntil(() => cluster.tryGet('pods', 'web-1')?.status?.podIP !== undefined);

const svcIP = cluster.get('services', 'web-svc').spec.clusterIP;
const podIP = (n: string): string => cluster.get('pods', n).status.podIP;

test('CoreDNS records rows', () => {
  const dns = new CoreDNS(cluster.api);
  const rows: [string, 'A' | 'SRV', unknown][] = [
    ['web-svc.default.svc.cluster.local', 'A', { type: 'A', ips: [svcIP] }],
    ['WEB-SVC.default.svc.cluster.local.', 'A', { type: 'A', ips: [svcIP] }],
    ['kube-dns.kube-system.svc.cluster.local', 'A', { type: 'A', ips: ['10.96.0.10'] }],
    ['kubernetes.default.svc.cluster.local', 'A', { type: 'A', ips: ['10.96.0.1'] }],
    ['nginx.default.svc.cluster.local', 'A', { type: 'A', ips: [podIP('web-0'), podIP('web-1')].sort() }],
    ['web-0.nginx.default.svc.cluster.local', 'A', { type: 'A', ips: [podIP('web-0')] }],
    ['web-2.nginx.default.svc.cluster.local', 'A', { type: 'NXDOMAIN' }],
    ['my-service.default.svc.cluster.local', 'A', { type: 'CNAME', target: 'my.database.example.com' }],
    ['nope.default.svc.cluster.local', 'A', { type: 'NXDOMAIN' }],
    ['web-svc.prod.svc.cluster.local', 'A', { type: 'NXDOMAIN' }],
    ['10-244-1-5.default.pod.cluster.local', 'A', { type: 'A', ips: ['10.244.1.5'] }],
    ['10-244-1-500.default.pod.cluster.local', 'A', { type: 'NXDOMAIN' }],
    ['prod.svc.cluster.local', 'A', { type: 'NODATA' }],
    ['example.com', 'A', { type: 'NXDOMAIN' }],
    [
      '_http._tcp.web-svc.default.svc.cluster.local',
      'SRV',
      { type: 'SRV', srv: [{ priority: 0, weight: 100, port: 8080, target: 'web-svc.default.svc.cluster.local' }] },
    ],
    [
      '_metrics._udp.web-svc.default.svc.cluster.local',
      'SRV',
      { type: 'SRV', srv: [{ priority: 0, weight: 100, port: 9090, target: 'web-svc.default.svc.cluster.local' }] },
    ],
    ['_metrics._tcp.web-svc.default.svc.cluster.local', 'SRV', { type: 'NXDOMAIN' }],
    [
      '_web._tcp.nginx.default.svc.cluster.local',
      'SRV',
      {
        type: 'SRV',
        srv: [
          { priority: 0, weight: 50, port: 80, target: 'web-0.nginx.default.svc.cluster.local' },
          { priority: 0, weight: 50, port: 80, target: 'web-1.nginx.default.svc.cluster.local' },
        ],
      },
    ],
  ];
  for (const [name, type, want] of rows) {
    const got: any = dns.lookup(name, type);
    if (got.ips) got.ips = [...got.ips].sort();
    if (got.srv) got.srv = [...got.srv].sort((a: any, b: any) => a.target.localeCompare(b.target));
    const { name: _n, ...rest } = got;
    assert.deepEqual(rest, want, name);
  }
});

test('resolution from a pod: search path and ndots:5', () => {
  const rows: [string, string, unknown][] = [
    ['default', 'web-svc', { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] }],
    ['default', 'web-svc.default', { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] }],
    ['default', 'web-svc.default.svc', { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] }],
    [
      'default',
      'web-svc.default.svc.cluster.local',
      { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] },
    ],
    [
      'default',
      'web-svc.default.svc.cluster.local.',
      { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] },
    ],
    ['prod', 'web-svc.default', { kind: 'A', name: 'web-svc.default.svc.cluster.local', ips: [svcIP] }],
    ['default', 'web-0.nginx', { kind: 'A', name: 'web-0.nginx.default.svc.cluster.local', ips: [podIP('web-0')] }],
    [
      'default',
      'my-service',
      { kind: 'CNAME', name: 'my-service.default.svc.cluster.local', target: 'my.database.example.com' },
    ],
    [
      'default',
      'alias',
      {
        kind: 'A',
        name: 'alias.default.svc.cluster.local',
        ips: [svcIP],
        cname: ['web-svc.default.svc.cluster.local'],
      },
    ],
    ['default', '10.1.2.3', { kind: 'A', name: '10.1.2.3', ips: ['10.1.2.3'] }],
  ];
  for (const [ns, name, want] of rows)
    assert.deepEqual(resolve(cluster.api, { namespace: ns }, name), want, `${name} from ${ns}`);
  const miss = resolve(cluster.api, { namespace: 'prod' }, 'web-svc');
  assert.equal(miss.kind, 'NXDOMAIN');
  assert.deepEqual(miss.kind === 'NXDOMAIN' && miss.tried, [
    'web-svc.prod.svc.cluster.local',
    'web-svc.svc.cluster.local',
    'web-svc.cluster.local',
    'web-svc',
  ]);
});

test('search order: fewer dots than ndots searches first, more tries the name first', () => {
  const conf = {
    nameservers: ['10.96.0.10'],
    searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    options: ['ndots:5'],
  };
  assert.deepEqual(candidates('a.b.c.d.e.f', conf).slice(0, 2), [
    'a.b.c.d.e.f',
    'a.b.c.d.e.f.default.svc.cluster.local',
  ]);
  assert.deepEqual(candidates('a.b', conf)[0], 'a.b.default.svc.cluster.local');
  assert.deepEqual(candidates('a.b.', conf), ['a.b']);
});

test('resolv.conf by dnsPolicy rows', () => {
  const pod = (spec: any) => ({ metadata: { name: 'p', namespace: 'shop' }, spec });
  const rows: [string, any, string][] = [
    [
      'ClusterFirst (default)',
      {},
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    ['ClusterFirst on the host network', { hostNetwork: true }, 'nameserver 172.18.0.1\n'],
    [
      'ClusterFirstWithHostNet',
      { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    ],
    ['Default', { dnsPolicy: 'Default' }, 'nameserver 172.18.0.1\n'],
    [
      'None with dnsConfig',
      {
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['1.2.3.4'],
          searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      },
      'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n',
    ],
    [
      'ClusterFirst with dnsConfig',
      { dnsConfig: { searches: ['svc.cluster.local', 'extra.example'], options: [{ name: 'ndots', value: '1' }] } },
      'search shop.svc.cluster.local svc.cluster.local cluster.local extra.example\nnameserver 10.96.0.10\noptions ndots:1\n',
    ],
  ];
  for (const [name, spec, want] of rows) assert.equal(formatResolvConf(podResolvConf(pod(spec))), want, name);
});

test('a pod with dnsPolicy Default does not resolve cluster names', () => {
  const r = resolve(
    cluster.api,
    { pod: { metadata: { name: 'p', namespace: 'default' }, spec: { dnsPolicy: 'Default' } } },
    'web-svc',
  );
  assert.equal(r.kind, 'NXDOMAIN');
});

test('checkResolution rows: undefined when it holds, a message saying what was found when not', () => {
  const svcInfo = resolveResource('svc')!;
  const rows: [string, string, any, RegExp | undefined][] = [
    ['default', 'web-svc', { clusterIPOf: 'web-svc' }, undefined],
    ['prod', 'web-svc.default', { clusterIPOf: 'web-svc.default' }, undefined],
    [
      'prod',
      'web-svc',
      { clusterIPOf: 'web-svc', namespace: 'default' },
      /^expected "web-svc" to resolve to the cluster IP of service "web-svc" in namespace "default" \(10\.[\d.]+\), but "web-svc" does not resolve \(NXDOMAIN; tried web-svc\.prod\.svc\.cluster\.local/,
    ],
    ['default', 'nginx', { podsOf: { info: svcInfo, name: 'nginx' } }, undefined],
    ['default', 'web-0.nginx', { podIP: 'web-0' }, undefined],
    [
      'default',
      'web-0.nginx',
      { podIP: 'web-1' },
      /^expected "web-0\.nginx" to resolve to the IP of pod "web-1" \([\d.]+\), but "web-0\.nginx" resolves to [\d.]+ \(web-0\.nginx\.default\.svc\.cluster\.local\)/,
    ],
    ['default', 'my-service', { alias: 'my.database.example.com.' }, undefined],
    [
      'default',
      'web-svc',
      { alias: 'x.example.com' },
      /^expected "web-svc" to be an alias for x\.example\.com, but "web-svc" resolves to/,
    ],
    ['default', 'nope', { nxdomain: true }, undefined],
    ['default', 'web-svc', { nxdomain: true }, /^expected "web-svc" not to resolve, but "web-svc" resolves to/],
    [
      'default',
      'web-svc',
      { clusterIPOf: 'nginx' },
      /^service "nginx" in namespace "default" has no cluster IP \(headless\)$/,
    ],
  ];
  for (const [ns, name, want, message] of rows) {
    const got = checkResolution(cluster.api, { namespace: ns }, name, want);
    if (!message) assert.equal(got, undefined, `${name} from ${ns}`);
    else assert.match(got ?? '', message, `${name} from ${ns}`);
  }
});
