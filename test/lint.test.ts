import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintFeature, problemsText, type LintContext, kubectlLines } from '../src/cli/lint';
import { manifestProblems, manifestChecker, lintCheckers } from '../src/cli/lint-manifests';

const PHRASES: Array<[string, RegExp]> = [
  ['a cluster with {int} node(s)', /^a cluster with \d+ nodes?$/],
  ['I apply the manifest:', /^I apply the manifest:$/],
  ['I apply the manifest {string}', /^I apply the manifest "[^"]*"$/],
  ['there are {int} {kind} with labels {string}', /^there are \d+ \w+ with labels "[^"]*"$/],
  ['there are {int} pods', /^there are \d+ pods/],
];

const ctx: LintContext = {
  phrases: PHRASES.map(([p]) => p),
  matching: (text) => PHRASES.filter(([, re]) => re.test(text)).map(([p]) => p),
  manifest: (yaml) => (yaml.includes('bad') ? ['the manifest is bad'] : []),
};

const feature = (body: string) => `Feature: f\n  Scenario: s\n${body}`;

const cases: Array<[string, string, string[]]> = [
  ['a clean feature', feature('    Given a cluster with 3 nodes\n'), []],
  [
    'an unknown step, with suggestions',
    feature('    Then there are 3 pod with label "a=b"\n'),
    [
      '3: no step matches "there are 3 pod with label "a=b""; did you mean: "there are {int} {kind} with labels {string}" or "there are {int} pods"',
    ],
  ],
  [
    'an unknown step, nothing close',
    feature('    Then the moon is made of cheese\n'),
    ['3: no step matches "the moon is made of cheese"'],
  ],
  [
    'an ambiguous step',
    feature('    Then there are 3 pods with labels "a=b"\n'),
    [
      '3: "there are 3 pods with labels "a=b"" matches more than one step: "there are {int} {kind} with labels {string}", "there are {int} pods"',
    ],
  ],
  [
    'a bad inline manifest',
    feature('    When I apply the manifest:\n      """\n      bad\n      """\n'),
    ['3: the manifest is bad'],
  ],
  [
    'a manifest step without its docstring',
    feature('    When I apply the manifest:\n'),
    ['3: this step needs the manifest as a """ docstring below it'],
  ],
  [
    'a missing manifest file',
    feature('    When I apply the manifest "nope.yaml"\n'),
    [/^3: the manifest "nope.yaml" does not exist \(looked for .*nope.yaml\)$/.source],
  ],
  [
    'a Gherkin syntax error',
    'Feature: f\n  Scenario: s\n    Given a cluster with 3 nodes\n  garbage\n',
    [/^4: expected: .*got 'garbage'$/.source],
  ],
  [
    'an outline, once per distinct problem',
    'Feature: f\n  Scenario Outline: s\n    Given a cluster with <n> nodes\n    Then there are <n> pod\n    Examples:\n      | n |\n      | 1 |\n      | 2 |\n',
    [
      '4: no step matches "there are 1 pod"; did you mean: "there are {int} pods"',
      '4: no step matches "there are 2 pod"; did you mean: "there are {int} pods"',
    ],
  ],
];
for (const [name, text, want] of cases) {
  test(`lintFeature: ${name}`, () => {
    const got = lintFeature(text, path.join(os.tmpdir(), 'f.feature'), ctx).map((p) => `${p.line}: ${p.message}`);
    assert.equal(got.length, want.length, got.join('\n'));
    want.forEach((w, i) => (w.startsWith('^') ? assert.match(got[i], new RegExp(w)) : assert.equal(got[i], w)));
  });
}

test('lintFeature: a manifest file is checked relative to the feature', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-lint-'));
  fs.mkdirSync(path.join(dir, 'manifests'));
  fs.writeFileSync(path.join(dir, 'manifests', 'm.yaml'), 'bad');
  const got = lintFeature(
    feature('    When I apply the manifest "manifests/m.yaml"\n'),
    path.join(dir, 'f.feature'),
    ctx,
  );
  assert.deepEqual(
    got.map((p) => p.message),
    ['manifests/m.yaml: the manifest is bad'],
  );
});

const manifests: Array<[string, string, RegExp[]]> = [
  [
    'a valid Deployment in a namespace no step created yet',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: dev}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: nginx}]}}}\n',
    [],
  ],
  [
    'an unknown kind',
    'apiVersion: v1\nkind: Foo\nmetadata: {name: a}\n',
    [/no matches for kind "Foo" in version "v1"/],
  ],
  [
    'an invalid object',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n',
    [/The Pod "p" is invalid: spec.containers: Required value/],
  ],
  ['no apiVersion', 'kind: Pod\nmetadata: {name: q}\n', [/apiVersion not set/]],
  ['not YAML', 'a: [b\n', [/^the manifest is not valid YAML: /]],
  [
    'a Pod whose ServiceAccount another step creates',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {serviceAccountName: robot, containers: [{name: c, image: nginx}]}\n',
    [],
  ],
];
for (const [name, yaml, want] of manifests) {
  test(`manifestProblems: ${name}`, () => {
    const got = manifestProblems(yaml, os.tmpdir());
    assert.equal(got.length, want.length, got.join('\n'));
    want.forEach((re, i) => assert.match(got[i], re));
  });
}

test('problemsText', () => {
  assert.equal(problemsText([], 3), '3 feature files, no problems\n');
  assert.equal(
    problemsText([{ uri: 'a.feature', line: 2, message: 'x\ny' }], 1),
    'a.feature:2: x\n    y\n\n1 problem in 1 of 1 feature files\n',
  );
});

test("manifestChecker: a scenario's earlier manifests are there for its later ones, and for no other scenario", () => {
  const check = manifestChecker();
  const priorityClass = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n';
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {priorityClassName: high, containers: [{name: c, image: nginx}]}\n';
  assert.deepEqual(check(priorityClass, os.tmpdir(), 'scenario 1'), []);
  assert.deepEqual(check(pod, os.tmpdir(), 'scenario 1'), []);
  assert.match(check(pod, os.tmpdir(), 'scenario 2').join('\n'), /no PriorityClass with name high was found/);
});

test('lintFeature: each scenario of each file has its own scope (pickle ids repeat from file to file)', () => {
  const scopes: string[] = [];
  const recording: LintContext = {
    ...ctx,
    manifest: (_yaml, _cwd, scope) => {
      scopes.push(scope);
      return [];
    },
  };
  const text = feature('    When I apply the manifest:\n      """\n      kind: X\n      """\n');
  lintFeature(text, path.join(os.tmpdir(), 'a.feature'), recording);
  lintFeature(text, path.join(os.tmpdir(), 'b.feature'), recording);
  assert.equal(new Set(scopes).size, 2, scopes.join(', '));
});

test('manifestChecker: a CRD applied in a scenario is established for its later manifests', () => {
  const check = manifestChecker();
  const crd =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: Namespaced, names: {plural: widgets, kind: Widget}, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}}]}\n';
  assert.deepEqual(check(crd, os.tmpdir(), 's'), []);
  assert.deepEqual(
    check('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n', os.tmpdir(), 's'),
    [],
  );
  assert.match(
    check('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: v}\nspec: {size: big}\n', os.tmpdir(), 's').join(
      '\n',
    ),
    /spec.size in body must be of type integer/,
  );
});

// kubectl lines, parsed by the emulator's own argument parser (src/kubectl/kubectl.ts kubectlLineProblem)
const KUBECTL_LINES: Array<[string, string | undefined]> = [
  ['kubectl get pods -n kube-system -o wide', undefined],
  ['kubectl get deploy,svc', undefined],
  ['kubectl describe deploy/web svc/web', undefined],
  ['kubectl annotate deployment/web kubernetes.io/change-cause="v2"', undefined],
  ['kubectl rollout status deployment/web', undefined],
  ['kubectl explain deployment.spec.replicas', undefined],
  [
    'kubectl explain deploymnt.spec',
    'error: the server doesn\'t have a resource type "deploymnt"\nDid you mean "deployments"?',
  ],
  ['kubectl gte pods', 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget'],
  ['kubeclt get pods', '"kubeclt" is not kubectl: these lines run as kubectl commands\nDid you mean "kubectl"?'],
  [
    'kubectl scale deployment web --replica=3',
    "error: unknown flag: --replica\nSee 'kubectl scale --help' for usage.\nDid you mean --replicas?",
  ],
  ['kubectl get podz', 'error: the server doesn\'t have a resource type "podz"\nDid you mean "pods"?'],
  [
    'kubectl autoscale deployment web --max=3',
    'error: kspec does not model `kubectl autoscale`: there is no HorizontalPodAutoscaler controller (docs/fidelity.md lists the kubectl commands kspec supports)',
  ],
  ['kubectl rollout bogus deployment/web', 'error: unknown command "bogus" for "kubectl rollout"'],
  ["kubectl get 'pods", 'error: unterminated quoted string'],
];
for (const [line, want] of KUBECTL_LINES) {
  test(`lint kubectl line: ${line}`, () => {
    const check = lintCheckers().kubectl;
    assert.equal(check(line, 's'), want);
  });
}

test('lint: a kubectl line the next step expects to fail is not a problem; `I run:` lines are checked', () => {
  const checkers = lintCheckers();
  const c: LintContext = { ...ctx, matching: () => ['x'], kubectl: checkers.kubectl };
  const text = feature(
    '    When I run "kubectl get widgets"\n    Then the command fails with "widgets"\n    When I run:\n      """\n      kubectl get pods\n      kubectl gte pods\n      """\n',
  );
  assert.deepEqual(
    lintFeature(text, 'f.feature', c).map((p) => `${p.line}: ${p.message.split('\n')[0]}`),
    ['5: `kubectl gte pods`: error: unknown command "gte" for "kubectl"'],
  );
});

test('kubectlLines: the lines each run step runs', () => {
  assert.deepEqual(kubectlLines('I run "kubectl get pods"'), ['kubectl get pods']);
  assert.deepEqual(kubectlLines('I run "kubectl get pods -l \\"a=b\\"" as "jane" in group "ops"'), [
    'kubectl get pods -l "a=b"',
  ]);
  assert.deepEqual(kubectlLines('I run "kubectl get ns" successfully'), ['kubectl get ns']);
  assert.deepEqual(kubectlLines('I run:', 'kubectl get pods\n# a comment\n\nkubectl get svc'), [
    'kubectl get pods',
    'kubectl get svc',
  ]);
  assert.deepEqual(kubectlLines('I run "iptables-save" on node "node-1"'), []);
});
