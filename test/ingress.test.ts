// The ingress-nginx model: which Ingresses it serves (class, annotation, default class), the status it writes,
// and how a request is routed (hosts, wildcard, Prefix/Exact/ImplementationSpecific, longest match, default
// backend, rewrite-target, TLS redirect and certificate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { routeIngress, rewrite } from '../src/network/ingress/router';
import { INGRESS_NGINX_MANIFEST } from '../src/scenario/ingress';

/** A cluster with the ingress-nginx controller installed and Ready. */
function withController(seed: string): Cluster {
  const c = createCluster({ nodes: 2, seed });
  c.apply(INGRESS_NGINX_MANIFEST);
  assert.ok(
    c.advanceUntil(
      () =>
        c
          .list('pods', { namespace: 'ingress-nginx' })
          .some((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')),
      '2m',
    ),
  );
  return c;
}

const c = withController('ingress test');
c.apply(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: cafe-ingress}
spec:
  tls:
  - hosts: [cafe.example.com]
    secretName: cafe-secret
  rules:
  - host: cafe.example.com
    http:
      paths:
      - {path: /tea, pathType: Prefix, backend: {service: {name: tea-svc, port: {number: 80}}}}
      - {path: /coffee, pathType: Prefix, backend: {service: {name: coffee-svc, port: {number: 80}}}}
      - {path: /coffee/beans, pathType: Exact, backend: {service: {name: beans-svc, port: {name: http}}}}
      - {path: /cake, pathType: ImplementationSpecific, backend: {service: {name: cake-svc, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web-ingress}
spec:
  rules:
  - host: tomcat.tuling.com
    http:
      paths:
      - {pathType: Prefix, path: /, backend: {service: {name: my-tomcat, port: {number: 8080}}}}
  - host: "*.apps.example.com"
    http:
      paths:
      - {pathType: Prefix, path: /, backend: {service: {name: wild, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rewrite
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /$2}
spec:
  ingressClassName: nginx
  rules:
  - host: rewrite.bar.com
    http:
      paths:
      - {path: /something(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: http-svc, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback}
spec:
  defaultBackend: {service: {name: fallback-svc, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: traefik-only
spec:
  ingressClassName: traefik
  rules:
  - host: traefik.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: t, port: {number: 80}}}}]}
`);

test('DefaultIngressClass admission and status.loadBalancer', () => {
  const nodeIP = c
    .get('nodes', c.list('pods', { namespace: 'ingress-nginx' })[0].spec.nodeName)
    .status.addresses.find((a: any) => a.type === 'InternalIP').address;
  const rows: [string, string | undefined, unknown][] = [
    ['web-ingress', 'nginx', { loadBalancer: { ingress: [{ ip: nodeIP }] } }],
    ['cafe-ingress', 'nginx', { loadBalancer: { ingress: [{ ip: nodeIP }] } }],
    ['traefik-only', 'traefik', { loadBalancer: {} }],
  ];
  for (const [name, cls, status] of rows) {
    const ing = c.get('ingresses', name);
    assert.equal(ing.spec.ingressClassName, cls, name);
    assert.deepEqual(ing.status, status, name);
  }
});

test('routing rows', () => {
  const rows: [string, 'http' | 'https', string, string, unknown][] = [
    ['tomcat root', 'http', 'tomcat.tuling.com', '/', { service: 'my-tomcat', port: 8080, upstreamPath: '/' }],
    [
      'tomcat deep',
      'http',
      'TOMCAT.tuling.com',
      '/manager/html',
      { service: 'my-tomcat', port: 8080, upstreamPath: '/manager/html' },
    ],
    ['tea', 'https', 'cafe.example.com', '/tea', { service: 'tea-svc', port: 80, upstreamPath: '/tea' }],
    [
      'tea element',
      'https',
      'cafe.example.com',
      '/tea/green',
      { service: 'tea-svc', port: 80, upstreamPath: '/tea/green' },
    ],
    ['Prefix is element-wise', 'https', 'cafe.example.com', '/teapot', { status: 404 }],
    [
      'Exact wins',
      'https',
      'cafe.example.com',
      '/coffee/beans',
      { service: 'beans-svc', port: 'http', upstreamPath: '/coffee/beans' },
    ],
    [
      'longest prefix',
      'https',
      'cafe.example.com',
      '/coffee/beans/x',
      { service: 'coffee-svc', port: 80, upstreamPath: '/coffee/beans/x' },
    ],
    [
      'ImplementationSpecific is a plain prefix',
      'https',
      'cafe.example.com',
      '/cakes',
      { service: 'cake-svc', port: 80, upstreamPath: '/cakes' },
    ],
    ['TLS host over http redirects', 'http', 'cafe.example.com', '/tea', { status: 308 }],
    ['wildcard', 'http', 'shop.apps.example.com', '/', { service: 'wild', port: 80, upstreamPath: '/' }],
    [
      'rewrite captures',
      'http',
      'rewrite.bar.com',
      '/something/new',
      { service: 'http-svc', port: 80, upstreamPath: '/new' },
    ],
    [
      'rewrite, empty rest',
      'http',
      'rewrite.bar.com',
      '/something',
      { service: 'http-svc', port: 80, upstreamPath: '/' },
    ],
    [
      'unknown host: the default backend',
      'http',
      'other.example.com',
      '/x',
      { service: 'fallback-svc', port: 80, upstreamPath: '/x' },
    ],
    [
      'another class is not served',
      'http',
      'traefik.example.com',
      '/',
      { service: 'fallback-svc', port: 80, upstreamPath: '/' },
    ],
  ];
  for (const [name, scheme, host, path, want] of rows) {
    const a = routeIngress(c.api, { scheme, host, path });
    const got =
      a.kind === 'backend'
        ? { service: a.backend.service, port: a.backend.port, upstreamPath: a.upstreamPath }
        : { status: a.status };
    assert.deepEqual(got, want, name);
  }
});

test('rewrite-target substitutions', () => {
  const m = /^\/something(\/|$)(.*)/i.exec('/something/a/b')!;
  assert.equal(rewrite('/$2', m), '/a/b');
  assert.equal(rewrite('/', m), '/');
  assert.equal(rewrite('/x/$1$2', m), '/x//a/b');
});

test('TLS certificate: the Secret when it is a TLS Secret, else the fake certificate', () => {
  const before = routeIngress(c.api, { scheme: 'https', host: 'cafe.example.com', path: '/tea' });
  assert.equal(before.kind === 'backend' && before.certificate, 'Kubernetes Ingress Controller Fake Certificate');
  c.apply(
    'apiVersion: v1\nkind: Secret\nmetadata: {name: cafe-secret}\ntype: kubernetes.io/tls\ndata: {tls.crt: Y2VydA==, tls.key: a2V5}\n',
  );
  const after = routeIngress(c.api, { scheme: 'https', host: 'cafe.example.com', path: '/tea' });
  assert.equal(after.kind === 'backend' && after.certificate, 'default/cafe-secret');
});

test('which requests reach the controller', () => {
  const nginx = c.ingress;
  const nodeIP = c.get('ingresses', 'web-ingress').status.loadBalancer.ingress[0].ip;
  const nodePort = c.get('services', 'ingress-nginx-controller', 'ingress-nginx').spec.ports[0].nodePort;
  const rows: [string, string, number, boolean][] = [
    ['an Ingress host', 'tomcat.tuling.com', 80, true],
    ['a host no Ingress names', 'example.org', 80, false],
    ['the controller node on port 80', nodeIP, 80, true],
    ['the controller node on another port', nodeIP, 8080, false],
    ['any node on the NodePort', '172.18.0.3', nodePort, true],
  ];
  for (const [name, host, port, want] of rows)
    assert.equal(nginx.handle({ scheme: 'http', host, port, path: '/' }) !== undefined, want, name);
  nginx.pointHostAtController('example.org');
  assert.ok(nginx.handle({ scheme: 'http', host: 'example.org', port: 80, path: '/' }), 'a hosts-file entry');
});

test('the running controller records Sync on the Ingresses it serves', () => {
  const events = (name: string) =>
    c
      .list('events', { namespace: 'default' })
      .filter((e) => e.involvedObject?.kind === 'Ingress' && e.involvedObject?.name === name)
      .map((e) => `${e.type} ${e.reason} ${e.message} (${e.source?.component})`);
  const rows: [string, string[]][] = [
    ['web-ingress', ['Normal Sync Scheduled for sync (nginx-ingress-controller)']],
    ['rewrite', ['Normal Sync Scheduled for sync (nginx-ingress-controller)']],
    ['traefik-only', []],
  ];
  for (const [name, want] of rows) assert.deepEqual(events(name), want, name);
});
