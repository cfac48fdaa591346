// Service environment variables (fact 11.1-11.2): names as envvars.go makes them, which services a pod sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { createCluster } from '../src/cluster';
import { envVarName, serviceEnvironment, serviceVariables } from '../src/kubelet/service-env';

const svc = (name: string, clusterIP: string, ports: any[], extra: any = {}): KObject => ({
  metadata: { name, namespace: 'default' },
  spec: { clusterIP, ports, ...extra },
});

test('makeEnvVariableName rows', () => {
  for (const [input, want] of [
    ['redis-primary', 'REDIS_PRIMARY'],
    ['web', 'WEB'],
    ['my-svc-2', 'MY_SVC_2'],
  ])
    assert.equal(envVarName(input), want);
});

test('FromServices rows', () => {
  const rows: [string, KObject, [string, string][]][] = [
    [
      'redis-primary, one unnamed port (the facts example)',
      svc('redis-primary', '10.0.0.11', [{ port: 6379, protocol: 'TCP' }]),
      [
        ['REDIS_PRIMARY_SERVICE_HOST', '10.0.0.11'],
        ['REDIS_PRIMARY_SERVICE_PORT', '6379'],
        ['REDIS_PRIMARY_PORT', 'tcp://10.0.0.11:6379'],
        ['REDIS_PRIMARY_PORT_6379_TCP', 'tcp://10.0.0.11:6379'],
        ['REDIS_PRIMARY_PORT_6379_TCP_PROTO', 'tcp'],
        ['REDIS_PRIMARY_PORT_6379_TCP_PORT', '6379'],
        ['REDIS_PRIMARY_PORT_6379_TCP_ADDR', '10.0.0.11'],
      ],
    ],
    [
      'two named ports, one UDP',
      svc('dns-cache', '10.96.5.5', [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ]),
      [
        ['DNS_CACHE_SERVICE_HOST', '10.96.5.5'],
        ['DNS_CACHE_SERVICE_PORT', '53'],
        ['DNS_CACHE_SERVICE_PORT_DNS', '53'],
        ['DNS_CACHE_SERVICE_PORT_DNS_TCP', '53'],
        ['DNS_CACHE_PORT', 'udp://10.96.5.5:53'],
        ['DNS_CACHE_PORT_53_UDP', 'udp://10.96.5.5:53'],
        ['DNS_CACHE_PORT_53_UDP_PROTO', 'udp'],
        ['DNS_CACHE_PORT_53_UDP_PORT', '53'],
        ['DNS_CACHE_PORT_53_UDP_ADDR', '10.96.5.5'],
        ['DNS_CACHE_PORT_53_TCP', 'tcp://10.96.5.5:53'],
        ['DNS_CACHE_PORT_53_TCP_PROTO', 'tcp'],
        ['DNS_CACHE_PORT_53_TCP_PORT', '53'],
        ['DNS_CACHE_PORT_53_TCP_ADDR', '10.96.5.5'],
      ],
    ],
  ];
  for (const [name, s, want] of rows) assert.deepEqual(serviceVariables(s), want, name);
});

test('which services a pod sees', () => {
  const c = createCluster({ nodes: 1, seed: 'service env' });
  c.apply(`
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: headless, namespace: shop}
spec: {clusterIP: None, selector: {app: cart}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: example.com}
`);
  const hosts = (ns: string, spec: any = {}) =>
    [...serviceEnvironment(c.api, { metadata: { name: 'p', namespace: ns }, spec })]
      .filter(([k]) => k.endsWith('_SERVICE_HOST'))
      .map(([k]) => k);
  const rows: [string, string, any, string[]][] = [
    ['default namespace', 'default', {}, ['KUBERNETES_SERVICE_HOST', 'WEB_SERVICE_HOST']],
    [
      'another namespace: its own services and the master service, no headless or ExternalName',
      'shop',
      {},
      ['CART_SERVICE_HOST', 'KUBERNETES_SERVICE_HOST'],
    ],
    [
      'enableServiceLinks false: the master service only',
      'shop',
      { enableServiceLinks: false },
      ['KUBERNETES_SERVICE_HOST'],
    ],
    ['enableServiceLinks false in default', 'default', { enableServiceLinks: false }, ['KUBERNETES_SERVICE_HOST']],
  ];
  for (const [name, ns, spec, want] of rows) assert.deepEqual(hosts(ns, spec), want, name);
  const env = serviceEnvironment(c.api, { metadata: { name: 'p', namespace: 'default' }, spec: {} });
  assert.equal(env.get('KUBERNETES_SERVICE_PORT_HTTPS'), '443');
  assert.equal(env.get('KUBERNETES_PORT'), 'tcp://10.96.0.1:443');
});

test('a container has the variables of the services that existed when it was created', () => {
  const c = createCluster({ nodes: 1, seed: 'service env order' });
  const podYaml = (name: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: {containers: [{name: c, image: busybox:1.36}]}\n`;
  const names = (pod: string) =>
    (c.kubelets.record('default', pod)?.containers[0].env ?? [])
      .map((e) => e.name)
      .filter((n) => n.endsWith('_SERVICE_HOST'));
  c.apply(podYaml('before'));
  c.apply(
    'apiVersion: v1\nkind: Service\nmetadata: {name: late-svc}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n',
  );
  c.apply(podYaml('after'));
  const rows: [string, string[]][] = [
    ['before', ['KUBERNETES_SERVICE_HOST']],
    ['after', ['KUBERNETES_SERVICE_HOST', 'LATE_SVC_SERVICE_HOST']],
  ];
  for (const [pod, want] of rows) assert.deepEqual(names(pod), want, `the pod started ${pod} the Service`);
});
