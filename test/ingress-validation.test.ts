// Ingress and IngressClass validation messages (pkg/apis/networking/validation), the DefaultIngressClass
// admission plugin, and the kspec hint for Ingress manifests in removed API versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateIngress, validateIngressClass } from '../src/api/validation/networking';
import { createCluster, KubectlError } from '../src/cluster';

const ing = (spec: any, annotations?: any) => ({ metadata: { name: 'x', annotations }, spec });
const path = (p: any) => ing({ rules: [{ host: 'a.example.com', http: { paths: [p] } }] });
const svc = { service: { name: 'web', port: { number: 80 } } };

test('Ingress validation rows', () => {
  const rows: [string, any, string[]][] = [
    ['valid', path({ path: '/', pathType: 'Prefix', backend: svc }), []],
    [
      'pathType missing',
      path({ path: '/tea', backend: svc }),
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'pathType unknown',
      path({ path: '/', pathType: 'Regex', backend: svc }),
      [
        'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    ],
    [
      'relative path',
      path({ path: 'tea', pathType: 'Prefix', backend: svc }),
      ['spec.rules[0].http.paths[0].path: Invalid value: "tea": must be an absolute path'],
    ],
    [
      'double slash',
      path({ path: '/a//b', pathType: 'Exact', backend: svc }),
      ['spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\''],
    ],
    ['ImplementationSpecific may be empty', path({ pathType: 'ImplementationSpecific', backend: svc }), []],
    [
      'no backend',
      path({ path: '/', pathType: 'Prefix', backend: {} }),
      ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required'],
    ],
    [
      'no port',
      path({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }),
      ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    ],
    [
      'both ports',
      path({
        path: '/',
        pathType: 'Prefix',
        backend: { service: { name: 'web', port: { name: 'http', number: 80 } } },
      }),
      ['spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'],
    ],
    [
      'no rules nor default backend',
      ing({}),
      ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    ],
    [
      'IP host',
      ing({ rules: [{ host: '10.0.0.1' }] }),
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
    [
      'no paths',
      ing({ rules: [{ host: 'a.com', http: { paths: [] } }] }),
      ['spec.rules[0].http.paths: Required value'],
    ],
    [
      'class annotation differs',
      ing({ ingressClassName: 'nginx', defaultBackend: svc }, { 'kubernetes.io/ingress.class': 'traefik' }),
      [
        'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
      ],
    ],
  ];
  for (const [name, obj, want] of rows)
    assert.deepEqual(
      validateIngress(obj, undefined).map((e) => e.text),
      want,
      name,
    );
});

test('IngressClass validation rows', () => {
  const cls = (controller?: string) => ({ metadata: { name: 'c' }, spec: { controller } });
  const rows: [string, any, any, string[]][] = [
    ['valid', cls('k8s.io/ingress-nginx'), undefined, []],
    ['missing', cls(), undefined, ['spec.controller: Required value']],
    [
      'not domain-prefixed',
      cls('nginx'),
      undefined,
      ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'],
    ],
    [
      'immutable',
      cls('example.com/other'),
      cls('k8s.io/ingress-nginx'),
      ['spec.controller: Invalid value: "example.com/other": field is immutable'],
    ],
  ];
  for (const [name, obj, old, want] of rows)
    assert.deepEqual(
      validateIngressClass(obj, old).map((e) => e.text),
      want,
      name,
    );
});

test("apply: a legacy Ingress gets the mapping error (kspec's hint in a failed apply's message); a v1 one without pathType is invalid", () => {
  const c = createCluster({ nodes: 1, seed: 'ingress validation' });
  const legacy = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: cafe-ingress\nspec:\n  rules:\n  - host: cafe.example.com\n',
  });
  assert.equal(legacy.exitCode, 1);
  // kubectl's words only, as the real kubectl 1.30 prints them
  assert.equal(
    legacy.stderr,
    'error: resource mapping not found for name: "cafe-ingress" namespace: "" from "STDIN": no matches for kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
  );
  assert.match(
    new KubectlError(legacy).message,
    /\nkspec: Ingress extensions\/v1beta1 was removed in Kubernetes 1\.22; use apiVersion: networking\.k8s\.io\/v1 \(each path needs a pathType/,
  );
  const v1 = c.kubectl('apply -f -', {
    stdin:
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: cafe-ingress\nspec:\n  rules:\n  - host: cafe.example.com\n    http:\n      paths:\n      - path: /tea\n        backend:\n          service: {name: tea-svc, port: {number: 80}}\n',
  });
  assert.equal(
    v1.stderr,
    'The Ingress "cafe-ingress" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n',
  );
  assert.equal(c.tryGet('ingresses', 'cafe-ingress'), undefined);
});
