import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCluster } from '../src/cluster';
import { threeWayMergePatch, strategicMergePatch } from '../src/apiserver/patch';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: fe}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
`;

test('threeWayMergePatch: removals from last-applied, additions and changes from live, controller fields kept', () => {
  const original = {
    metadata: { labels: { a: '1', b: '2' } },
    spec: {
      replicas: 2,
      paused: false,
      containers: [
        { name: 'c', image: 'x:1', args: ['a'] },
        { name: 'd', image: 'y' },
      ],
    },
  };
  const modified = {
    metadata: { labels: { a: '1' } },
    spec: { replicas: 2, containers: [{ name: 'c', image: 'x:2', args: ['a'] }] },
  };
  const current = {
    metadata: { labels: { a: '1', b: '2', c: 'controller' } },
    spec: {
      replicas: 5,
      paused: false,
      progress: 600,
      containers: [
        { name: 'c', image: 'x:1', args: ['a'], imagePullPolicy: 'IfNotPresent' },
        { name: 'd', image: 'y' },
      ],
    },
  };
  const patch = threeWayMergePatch(original, modified, current);
  assert.deepEqual(patch.metadata, { labels: { b: null } });
  assert.equal(patch.spec.replicas, 2);
  assert.equal(patch.spec.paused, null);
  assert.deepEqual(patch.spec.containers, [
    { name: 'c', image: 'x:2' },
    { name: 'd', $patch: 'delete' },
  ]);
  assert.deepEqual(patch.spec['$setElementOrder/containers'], [{ name: 'c' }]);
  const result = strategicMergePatch(current, patch);
  assert.deepEqual(result, {
    metadata: { labels: { a: '1', c: 'controller' } },
    spec: {
      replicas: 2,
      progress: 600,
      containers: [{ name: 'c', image: 'x:2', args: ['a'], imagePullPolicy: 'IfNotPresent' }],
    },
  });
  assert.deepEqual(
    threeWayMergePatch(modified, modified, {
      ...current,
      spec: { ...current.spec, replicas: 2, containers: [{ name: 'c', image: 'x:2', args: ['a'] }] },
      metadata: { labels: { a: '1' } },
    }),
    {},
  );
});

test('apply: created, unchanged, configured; the last-applied annotation as kubectl writes it', () => {
  const c = createCluster({ nodes: 2 });
  let r = c.kubectl('apply -f -', { stdin: WEB });
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['deployment.apps/web created\n', '', 0]);
  const d = c.get('deployment', 'web');
  assert.equal(
    d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'],
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","tier":"fe"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.25","name":"nginx"}]}}}}\n',
  );
  r = c.kubectl('apply -f -', { stdin: WEB });
  assert.equal(r.stdout, 'deployment.apps/web unchanged\n');
  r = c.kubectl('apply -f -', {
    stdin: WEB.replace(', tier: fe', '').replace(', {name: B, value: "2"}', '').replace('nginx:1.25', 'nginx:1.26'),
  });
  assert.equal(r.stdout, 'deployment.apps/web configured\n');
  const after = c.get('deployment', 'web');
  assert.deepEqual(after.metadata.labels, { app: 'web' });
  assert.deepEqual(after.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }]);
  assert.equal(after.spec.template.spec.containers[0].image, 'nginx:1.26');
  assert.equal(
    after.spec.template.spec.containers[0].imagePullPolicy,
    'IfNotPresent',
    'defaults set by the server are kept',
  );
  assert.equal(after.spec.strategy.type, 'RollingUpdate');
});

test('apply from a file and a directory, relative to cwd; errors carry the source', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-kubectl-'));
  fs.mkdirSync(path.join(dir, 'm'));
  fs.writeFileSync(
    path.join(dir, 'm', 'a.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n',
  );
  fs.writeFileSync(path.join(dir, 'm', 'notes.txt'), 'ignored');
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: 1\n');
  const c = createCluster({ nodes: 1 });
  let r = c.kubectl('apply -f m', { cwd: dir });
  assert.deepEqual([r.stdout, r.exitCode], ['configmap/a created\nconfigmap/b created\n', 0]);
  r = c.kubectl('apply -f bad.yaml', { cwd: dir });
  assert.deepEqual(
    [r.stdout, r.stderr, r.exitCode],
    [
      '',
      'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
      1,
    ],
  );
  r = c.kubectl('apply -f missing.yaml', { cwd: dir });
  assert.equal(r.stderr, 'error: the path "missing.yaml" does not exist\n');
  r = c.kubectl('create -f m/a.yaml', { cwd: dir });
  assert.equal(
    r.stderr,
    'Error from server (AlreadyExists): error when creating "m/a.yaml": configmaps "a" already exists\nError from server (AlreadyExists): error when creating "m/a.yaml": configmaps "b" already exists\n',
  );
});

test('kubectl error texts', () => {
  const c = createCluster({ nodes: 1 });
  const rows: [string, string | undefined, string][] = [
    ['get deployment web', undefined, 'Error from server (NotFound): deployments.apps "web" not found\n'],
    // scale.go visits what the builder found and drops its errors when it found nothing (checked with the real kubectl)
    ['scale deployment web --replicas=5', undefined, 'error: no objects passed to scale\n'],
    ['delete deployment web', undefined, 'Error from server (NotFound): deployments.apps "web" not found\n'],
    ['get widgets', undefined, 'error: the server doesn\'t have a resource type "widgets"\n'],
    ['get pods --foo', undefined, "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    ['foo', undefined, 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n'],
    [
      'apply -f -',
      'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n',
      'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n',
    ],
    [
      'apply -f -',
      'apiVersion: v1\nmetadata:\n  name: w\n',
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    ],
    [
      'apply -f -',
      'metadata:\n  name: w\n',
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    ],
    [
      'apply -f -',
      'a: [1\n',
      "error: error parsing STDIN: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\n",
    ],
    [
      'apply -f -',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  selector: {matchLabels: {app: bad}}\n  template:\n    metadata: {labels: {app: bad}}\n    spec: {containers: []}\n',
      'The Deployment "bad" is invalid: spec.template.spec.containers: Required value\n',
    ],
    ['create deployment x', undefined, 'error: required flag(s) "image" not set\n'],
    ['delete pods', undefined, 'error: resource(s) were provided, but no name was specified\n'],
  ];
  for (const [line, stdin, want] of rows) {
    const r = c.kubectl(line, { stdin });
    assert.equal(r.stderr, want, line);
    assert.equal(r.exitCode, 1, line);
  }
  const invalid = c.kubectl('apply -f -', {
    stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec: {}\n',
  });
  assert.match(invalid.stderr, /^The Deployment "bad" is invalid: \n\* spec\.selector: Required value\n(\* .*\n)+$/);
});

test('create deployment, run, expose and scale build the objects kubectl builds', () => {
  const c = createCluster({ nodes: 2 });
  let r = c.kubectl('create deployment my-tomcat --image=docker.io/library/tomcat:9.0.55 --replicas=3 --port=8080');
  assert.equal(r.stdout, 'deployment.apps/my-tomcat created\n');
  const d = c.get('deployment', 'my-tomcat');
  assert.deepEqual(d.metadata.labels, { app: 'my-tomcat' });
  assert.deepEqual(d.spec.selector, { matchLabels: { app: 'my-tomcat' } });
  assert.equal(d.spec.replicas, 3);
  assert.deepEqual(
    d.spec.template.spec.containers.map((x: any) => [x.name, x.image, x.ports]),
    [['tomcat', 'docker.io/library/tomcat:9.0.55', [{ containerPort: 8080, protocol: 'TCP' }]]],
  );
  r = c.kubectl('expose deployment my-tomcat --name=tomcat --port=8080 --type=NodePort');
  assert.equal(r.stdout, 'service/tomcat exposed\n');
  const svc = c.get('service', 'tomcat');
  assert.deepEqual(svc.spec.selector, { app: 'my-tomcat' });
  assert.deepEqual(svc.metadata.labels, { app: 'my-tomcat' });
  assert.equal(svc.spec.type, 'NodePort');
  assert.deepEqual(
    [svc.spec.ports[0].port, svc.spec.ports[0].targetPort, svc.spec.ports[0].protocol],
    [8080, 8080, 'TCP'],
  );
  r = c.kubectl('run nginx --image=nginx --port=80 --restart=Never');
  assert.equal(r.stdout, 'pod/nginx created\n');
  const pod = c.get('pod', 'nginx');
  assert.deepEqual(pod.metadata.labels, { run: 'nginx' });
  assert.equal(pod.spec.restartPolicy, 'Never');
  r = c.kubectl('expose pod nginx');
  assert.equal(c.get('service', 'nginx').spec.ports[0].port, 80);
  r = c.kubectl('scale --replicas=5 deployment my-tomcat');
  assert.equal(r.stdout, 'deployment.apps/my-tomcat scaled\n');
  assert.equal(c.get('deployment', 'my-tomcat').spec.replicas, 5);
  r = c.kubectl('scale deploy/my-tomcat --replicas=3');
  assert.equal(c.get('deployment', 'my-tomcat').spec.replicas, 3);
  r = c.kubectl('create deployment my-tomcat --image=nginx');
  // create_deployment.go words the refusal as its own (checked with the real kubectl 1.30)
  assert.equal(r.stderr, 'error: failed to create deployment: deployments.apps "my-tomcat" already exists\n');
});

test('get: tables, no resources, -o name/yaml/json, -A, -l', () => {
  const c = createCluster({ nodes: 1 });
  let r = c.kubectl('get pods');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'No resources found in default namespace.\n', 0]);
  r = c.kubectl('get pv');
  assert.equal(r.stderr, 'No resources found\n');
  c.kubectl('create namespace shop');
  c.kubectl('create configmap cfg -n shop --from-literal=a=1 --from-literal=b=2');
  r = c.kubectl('get cm cfg -nshop');
  assert.equal(r.stdout, 'NAME   DATA   AGE\ncfg    2      0s\n');
  c.advance('3m10s');
  r = c.kubectl('get configmaps -A -l !missing --no-headers');
  assert.match(r.stdout, /^shop +cfg +2 +3m10s\n/m);
  r = c.kubectl('get ns/shop cm/cfg -n shop -o name');
  assert.equal(r.stdout, 'namespace/shop\nconfigmap/cfg\n');
  r = c.kubectl('get cm cfg -n shop -o yaml');
  assert.match(
    r.stdout,
    /^apiVersion: v1\ndata:\n {2}a: "1"\n {2}b: "2"\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "2024-01-01T00:00:00Z"\n/,
  );
  r = c.kubectl('get cm -n shop -l missing -o json');
  assert.equal(
    r.stdout,
    '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  );
  r = c.kubectl("get cm cfg -n shop -o jsonpath='{.data.a}{.data.b}'");
  assert.equal(r.stdout, '12');
  r = c.kubectl('delete cm cfg -n shop');
  assert.equal(r.stdout, 'configmap "cfg" deleted\n');
});

test('rollout, set image, patch, cordon', () => {
  const c = createCluster({ nodes: 2 });
  const out = (line: string) => {
    const r = c.kubectl(line);
    return r.exitCode === 0 ? r.stdout : r.stderr;
  };
  const rows: [string, string][] = [
    ['create deployment web --image=nginx:1.25 --replicas=2', 'deployment.apps/web created\n'],
    ['rollout status deployment/web', 'deployment "web" successfully rolled out\n'],
    ['rollout undo deployment/web', 'error: no rollout history found for deployment "web"\n'],
    ['set image deployment/web nginx=nginx:1.26', 'deployment.apps/web image updated\n'],
    ['set image deployment/web nginx=nginx:1.26', ''],
    [
      'rollout history deployment/web',
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    ],
    ['rollout undo deployment/web --to-revision=7', 'error: unable to find specified revision 7 in history\n'],
    ['rollout undo deployment/web', 'deployment.apps/web rolled back\n'],
    ['rollout pause deployment/web', 'deployment.apps/web paused\n'],
    ['rollout pause deployment/web', 'error: deployments.apps "web" is already paused\n'],
    ['rollout resume deployment/web', 'deployment.apps/web resumed\n'],
    [`patch deployment web -p '{"spec":{"replicas":3}}'`, 'deployment.apps/web patched\n'],
    [`patch deployment web -p '{"spec":{"replicas":3}}'`, 'deployment.apps/web patched (no change)\n'],
    ['cordon node-1', 'node/node-1 cordoned\n'],
    ['cordon node-1', 'node/node-1 already cordoned\n'],
    ['uncordon node-1', 'node/node-1 uncordoned\n'],
  ];
  for (const [line, want] of rows) assert.equal(out(line), want, line);
  const d = c.get('deployment', 'web');
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.25', 'rolled back to revision 1');
  assert.equal(d.spec.replicas, 3);
});

test('describe: sections and tabwriter alignment as describe.go writes them', () => {
  const c = createCluster({ nodes: 1 });
  c.kubectl('create deployment web --image=nginx:1.25 --port=80');
  const pod = c.list('pods', { namespace: 'default' })[0];
  const d = c.kubectl('describe deployment web').stdout;
  assert.match(
    d,
    /^Name: {19}web\nNamespace: {14}default\nCreationTimestamp: {6}Mon, 01 Jan 2024 00:00:00 \+0000\nLabels: {17}app=web\n/,
  );
  assert.match(d, /\nReplicas: {15}1 desired \| 1 updated \| 1 total \| 1 available \| 0 unavailable\n/);
  assert.match(
    d,
    /\nPod Template:\n {2}Labels: {2}app=web\n {2}Containers:\n {3}nginx:\n {4}Image: {9}nginx:1\.25\n {4}Port: {10}80\/TCP\n {4}Host Port: {5}0\/TCP\n/,
  );
  assert.match(
    d,
    /\nNewReplicaSet: {3}web-[a-z0-9]+ \(1\/1 replicas created\)\nEvents:\n {2}Type {4}Reason {13}Age {3}From {19}Message\n {2}---- {4}------ {13}---- {2}---- {19}-------\n {2}Normal {2}ScalingReplicaSet {2}0s {4}deployment-controller {2}Scaled up replica set web-[a-z0-9]+ to 1\n$/,
  );
  const p = c.kubectl(`describe pod ${pod.metadata.name}`).stdout;
  assert.match(
    p,
    new RegExp(
      `^Name:             ${pod.metadata.name}\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             node-1/`,
    ),
  );
  assert.match(p, /\nControlled By: {2}ReplicaSet\/web-[a-z0-9]+\nContainers:\n {2}nginx:\n/);
  assert.match(p, /\nConditions:\n {2}Type +Status\n( {2}\w+ +True \n)+/);
  assert.match(p, /\nQoS Class: +BestEffort\n/);
  const n = c.kubectl('describe node node-1').stdout;
  assert.match(n, /\nNon-terminated Pods: +\(1 in total\)\n/);
  assert.match(n, /\n {2}cpu +0 \(0%\) +0 \(0%\)\n/);
  assert.equal(
    c.kubectl('describe ns default').stdout,
    'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
  );
  assert.equal(c.kubectl('describe pod nope').stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('label rows: GetResourcesAndPairs splits resources from k=v and k- changes (prefixed keys too)', () => {
  const c = createCluster({ nodes: 1, seed: 'label' });
  const key = 'node.kubernetes.io/exclude-from-external-load-balancers';
  const rows: [string, string, string | undefined, string][] = [
    ['set a prefixed key to an empty value', `label node node-1 ${key}=`, '', 'node/node-1 labeled\n'],
    ['remove a prefixed key', `label node node-1 ${key}-`, undefined, 'node/node-1 unlabeled\n'],
    [
      'a resource after a change',
      `label node node-1 ${key}=x node-2`,
      undefined,
      'error: all resources must be specified before label changes: node-2\n',
    ],
  ];
  for (const [name, line, want, out] of rows) {
    const r = c.kubectl(line);
    assert.equal(r.stdout + r.stderr, out, name);
    assert.equal(c.get('nodes', 'node-1').metadata.labels?.[key], want, name);
  }
});

test('patch --subresource=status writes only the status; a main-resource patch leaves it', () => {
  const cond = '{"status":{"conditions":[{"type":"example.com/gate","status":"True"}]}}';
  const rows: [string, string, boolean][] = [
    [`patch pod p -p '${cond}'`, 'pod/p patched (no change)\n', false],
    [`patch pod p --subresource=status -p '${cond}'`, 'pod/p patched\n', true],
    [
      `patch pod p --subresource=status -p '{"spec":{"activeDeadlineSeconds":5},"status":{"conditions":[{"type":"example.com/gate","status":"True"}]}}'`,
      'pod/p patched\n',
      true,
    ],
    [
      `patch pod p --subresource=foo -p '${cond}'`,
      'error: invalid subresource value: "foo". Must be one of [status scale]\n',
      false,
    ],
    [
      `patch pod p --subresource=status -p '${cond}' --as=jane`,
      'Error from server (Forbidden): pods "p" is forbidden: User "jane" cannot get resource "pods/status" in API group "" in the namespace "default"\n',
      false,
    ],
  ];
  for (const [line, want, gated] of rows) {
    const c = createCluster({ nodes: 1, seed: 'status' });
    c.apply(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"readinessGates":[{"conditionType":"example.com/gate"}],"containers":[{"name":"a","image":"nginx"}]}}',
    );
    const r = c.kubectl(line);
    assert.equal(r.stdout + r.stderr, want, line);
    const pod = c.get('pod', 'p');
    assert.equal(
      pod.status.conditions.some((x: any) => x.type === 'example.com/gate'),
      gated,
      line,
    );
    assert.equal(pod.spec.activeDeadlineSeconds, undefined, `${line}: the spec is not the status subresource's`);
  }
});
