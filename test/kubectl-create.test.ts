// kubectl create role|clusterrole|rolebinding|clusterrolebinding|serviceaccount|service <type>: the objects
// kubectl v1.30 builds (their --dry-run=client -o yaml, as the real kubectl prints them) and its error texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { parsePorts } from '../src/kubectl/cmd/create/service';

const run = (line: string) => {
  const r = createCluster({ nodes: 1, seed: 'create' }).kubectl(line);
  return { out: r.stdout + r.stderr, code: r.exitCode };
};
const yaml = (line: string) => run(`${line} --dry-run=client -o yaml`).out;

test('create role and clusterrole: one rule an API group, resources resolved, names and URLs', () => {
  const rows: [string, string][] = [
    [
      'create role pod-reader --verb=get,list --verb=watch --resource=pods,deploy,pods/log --resource-name=a',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: pod-reader
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - apps
  resourceNames:
  - a
  resources:
  - deployments
  verbs:
  - get
  - list
  - watch
`,
    ],
    [
      'create role r -n dev --verb=get,*,list --resource=pods',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: r
  namespace: dev
rules:
- apiGroups:
  - ""
  resources:
  - pods
  verbs:
  - '*'
`,
    ],
    [
      'create clusterrole x --verb=get --resource=*,pods',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: x
rules:
- apiGroups:
  - ""
  resources:
  - '*'
  verbs:
  - get
`,
    ],
    [
      'create clusterrole y --verb=get --non-resource-url=/logs/*',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: "y"
rules:
- nonResourceURLs:
  - /logs/*
  verbs:
  - get
`,
    ],
    [
      'create clusterrole z --aggregation-rule=foo=bar,a=b',
      `aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      a: b
      foo: bar
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: z
rules: null
`,
    ],
  ];
  for (const [line, want] of rows) assert.equal(yaml(line), want, line);
});

test('create rolebinding, clusterrolebinding and serviceaccount', () => {
  const rows: [string, string][] = [
    [
      'create rolebinding b --role=r --user=u1 --user=u2 --group=g --serviceaccount=ns:sa',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  creationTimestamp: null
  name: b
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: u1
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: u2
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: g
- kind: ServiceAccount
  name: sa
  namespace: ns
`,
    ],
    [
      'create clusterrolebinding cb --clusterrole=view --serviceaccount=ns:sa',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  creationTimestamp: null
  name: cb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: sa
  namespace: ns
`,
    ],
    [
      'create serviceaccount sa -n foo',
      `apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: null
  name: sa
  namespace: foo
`,
    ],
  ];
  for (const [line, want] of rows) assert.equal(yaml(line), want, line);
});

test('create service: ports named after --tcp, node port, headless, external name', () => {
  const svc = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: s
  name: s
spec:
${spec}  selector:
    app: s
status:
  loadBalancer: {}
`;
  const rows: [string, string][] = [
    [
      'create service clusterip s --tcp=5678:8080',
      svc(`  ports:
  - name: 5678-8080
    port: 5678
    protocol: TCP
    targetPort: 8080
`).replace('    app: s\nstatus', '    app: s\n  type: ClusterIP\nstatus'),
    ],
    [
      'create service clusterip s --clusterip=None',
      svc('  clusterIP: None\n').replace('    app: s\nstatus', '    app: s\n  type: ClusterIP\nstatus'),
    ],
    [
      'create service nodeport s --tcp=80 --node-port=30080',
      svc(`  ports:
  - name: "80"
    nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 80
`).replace('    app: s\nstatus', '    app: s\n  type: NodePort\nstatus'),
    ],
    [
      'create service loadbalancer s --tcp=80:http',
      svc(`  ports:
  - name: 80-http
    port: 80
    protocol: TCP
    targetPort: http
`).replace('    app: s\nstatus', '    app: s\n  type: LoadBalancer\nstatus'),
    ],
    [
      'create svc externalname s --external-name bar.com',
      svc('  externalName: bar.com\n').replace('    app: s\nstatus', '    app: s\n  type: ExternalName\nstatus'),
    ],
  ];
  for (const [line, want] of rows) assert.equal(yaml(line), want, line);
  const c = createCluster({ nodes: 1, seed: 'svc' });
  assert.equal(
    c.kubectl('create service nodeport web --tcp=80:8080 --node-port=30080').stdout,
    'service/web created\n',
  );
  assert.deepEqual(c.get('service', 'web').spec.ports, [
    { name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 },
  ]);
  assert.equal(
    c.kubectl('create service clusterip Web --tcp=80').stderr.split(':').slice(0, 3).join(':'),
    'error: failed to create ClusterIP service: Service "Web" is invalid',
  );
});

test('parsePorts', () => {
  const rows: [string, { port: number; targetPort: number | string } | string][] = [
    ['80', { port: 80, targetPort: 80 }],
    ['80:8080', { port: 80, targetPort: 8080 }],
    ['80:http', { port: 80, targetPort: 'http' }],
    ['0', { port: 0, targetPort: 0 }],
    ['abc', 'strconv.ParseUint: parsing "abc": invalid syntax'],
    ['70000', 'strconv.ParseUint: parsing "70000": value out of range'],
    ['80:0', 'must be between 1 and 65535, inclusive'],
    ['80:Bad_Name', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
  ];
  for (const [spec, want] of rows) {
    if (typeof want === 'string') assert.throws(() => parsePorts(spec), { message: want }, spec);
    else assert.deepEqual(parsePorts(spec), want, spec);
  }
});

test("create role, binding and service: kubectl's validation errors", () => {
  const rows: [string, string][] = [
    ['create role x --resource=pods', 'error: at least one verb must be specified\n'],
    ['create role x --verb=get', 'error: at least one resource must be specified\n'],
    [
      'create role --verb=get --resource=pods',
      "error: exactly one NAME is required, got 0\nSee 'kubectl create role -h' for help and examples\n",
    ],
    [
      'create role x --verb=get --resource=/status',
      'error: resource must be specified if apiGroup/subresource specified\n',
    ],
    ['create role x --verb=get --resource=foos', 'the server doesn\'t have a resource type "foos"\n'],
    [
      'create role x --verb=get --resource=rs.extensions',
      'the server doesn\'t have a resource type "rs" in group "extensions"\n',
    ],
    ['create role x --verb=bind --resource=pods', "error: can not perform 'bind' on 'pods' in group ''\n"],
    [
      'create role x --verb=foo --resource=pods',
      "role.rbac.authorization.k8s.io/x created\nWarning: 'foo' is not a standard resource verb\n",
    ],
    [
      'create clusterrole imp --verb=impersonate --resource=users,groups,serviceaccounts',
      'clusterrole.rbac.authorization.k8s.io/imp created\n',
    ],
    ['create clusterrole x --verb=get', 'error: one of resource or nonResourceURL must be specified\n'],
    ['create clusterrole x --verb=get --non-resource-url=foo', 'error: nonResourceURL should start with /\n'],
    [
      'create clusterrole x --verb=get --non-resource-url=/a*b',
      "error: nonResourceURL only supports wildcard matches when '*' is at the end\n",
    ],
    [
      'create clusterrole x --verb=create --non-resource-url=/foo',
      "error: invalid verb: 'create' for nonResourceURL\n",
    ],
    [
      'create clusterrole x --verb=get --resource=pods --aggregation-rule=a=b',
      'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n',
    ],
    [
      'create clusterrole z --aggregation-rule=foo',
      'error: invalid argument "foo" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee \'kubectl create clusterrole --help\' for usage.\n',
    ],
    ['create rolebinding x', 'error: exactly one of clusterrole or role must be specified\n'],
    ['create rolebinding x --role=a --clusterrole=b', 'error: exactly one of clusterrole or role must be specified\n'],
    ['create rolebinding x --role=a --serviceaccount=foo', 'error: serviceaccount must be <namespace>:<name>\n'],
    ['create clusterrolebinding x', 'error: required flag(s) "clusterrole" not set\n'],
    [
      'create serviceaccount',
      "error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples\n",
    ],
    ['create service clusterip s', 'error: at least one tcp port specifier must be provided\n'],
    [
      'create service nodeport s --clusterip=None',
      "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n",
    ],
    ['create service externalname s', 'error: required flag(s) "external-name" not set\n'],
    ['create service externalname s --external-name=Bad_Name', 'error: invalid service external name Bad_Name\n'],
  ];
  for (const [line, want] of rows) assert.equal(run(line).out, want, line);
});

// kubectl run: --overrides as a JSON merge patch of the generated pod (cmdutil.Merge), and --dry-run=client printing
// the pod as generated (no namespace, creationTimestamp: null, status: {})
test('kubectl run --overrides and --dry-run=client', () => {
  const c = createCluster({ nodes: 2, seed: 'run-overrides' });
  const r = c.kubectl(
    `run a --image=nginx --overrides='{"spec":{"nodeName":"node-2","containers":[{"name":"a","image":"redis"}]}}' --dry-run=client -o json`,
  );
  assert.equal(r.exitCode, 0, r.stderr);
  const pod = JSON.parse(r.stdout);
  assert.deepEqual(pod.metadata, { creationTimestamp: null, labels: { run: 'a' }, name: 'a' });
  assert.deepEqual(pod.status, {});
  assert.equal(pod.spec.nodeName, 'node-2');
  assert.deepEqual(pod.spec.containers, [{ name: 'a', image: 'redis' }]); // a merge patch replaces lists
  assert.equal(c.kubectl(`run b --image=nginx --overrides='{"spec":{"nodeName":"node-2"}}'`).exitCode, 0);
  assert.equal(c.get('pod', 'b').spec.nodeName, 'node-2');
  assert.deepEqual(c.kubectl(`run x --image=nginx --overrides='{"spec":'`).stderr, 'error: Invalid JSON Patch\n');
});

// kubectl label/annotate --resource-version (label.go labelFunc): the version goes with the change as a precondition
test('kubectl label and annotate --resource-version', () => {
  const c = createCluster({ nodes: 1, seed: 'label-rv' });
  c.kubectl('run foo --image=nginx');
  const conflict =
    'Error from server (Conflict): Operation cannot be fulfilled on pods "foo": the object has been modified; please apply your changes to the latest version and try again\n';
  for (const cmd of [
    'label pods foo status=unhealthy --resource-version=1',
    "annotate pods foo description='my frontend' --resource-version=1",
  ]) {
    const r = c.kubectl(cmd);
    assert.deepEqual([r.exitCode, r.stderr], [1, conflict], cmd);
  }
  const rv = c.get('pod', 'foo').metadata.resourceVersion;
  assert.equal(c.kubectl(`label pods foo status=unhealthy --resource-version=${rv}`).stdout, 'pod/foo labeled\n');
  assert.equal(c.get('pod', 'foo').metadata.labels?.status, 'unhealthy');
});

// kubectl set resources (set_resources.go): Complete, Validate, then a patch per object with its own message
test('kubectl set resources', () => {
  const c = createCluster({ nodes: 1, seed: 'set-resources' });
  c.kubectl('create deployment nginx --image=nginx');
  const rows: Array<[string, number, string, string]> = [
    [
      'set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi',
      0,
      'deployment.apps/nginx resource requirements updated\n',
      '',
    ],
    ['set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi', 0, '', ''], // nothing changed: no patch, no line
    [
      'set resources deployment nginx --requests=cpu=100m,memory=256Mi',
      0,
      'deployment.apps/nginx resource requirements updated\n',
      '',
    ],
    ['set resources deployment nginx -c=foo --limits=cpu=1', 1, '', 'error: unable to find container named foo\n'],
    [
      'set resources deployment nginx',
      1,
      '',
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    ],
    [
      'set resources deployment nginx --limits=cpu',
      1,
      '',
      'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
    ],
    [
      'set resources deployment nginx --limits=cpu=1x',
      1,
      '',
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    ],
    [
      'set resources deployment missing --limits=cpu=1',
      1,
      '',
      'Error from server (NotFound): deployments.apps "missing" not found\n',
    ],
    [
      'set resources deployment nginx --all -l app=nginx --limits=cpu=1',
      1,
      '',
      'error: cannot set --all and --selector at the same time\n',
    ],
    ['set resources deployment nginx --limits=cpu=2 --dry-run=client -o name', 0, 'deployment.apps/nginx\n', ''],
  ];
  for (const [cmd, code, out, err] of rows) {
    const r = c.kubectl(cmd);
    assert.deepEqual([r.exitCode, r.stdout, r.stderr], [code, out, err], cmd);
  }
  assert.deepEqual(c.get('deployment', 'nginx').spec.template.spec.containers[0].resources, {
    limits: { cpu: '200m', memory: '512Mi' },
    requests: { cpu: '100m', memory: '256Mi' },
  });
});
