import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { isStatusError } from '../src/api/errors';

// Each row: an object to create (after an optional setup), and the exact apiserver message.
const tmpl = (labels: any, spec: any = { containers: [{ name: 'web', image: 'nginx' }] }) => ({
  metadata: { labels },
  spec,
});
const deploy = (spec: any) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec });
const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const svc = (spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
const sel = { matchLabels: { app: 'web' } };
const ep = (ports: any[]) => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'e' },
  subsets: [{ addresses: [{ ip: '10.244.1.2' }], ports }],
});

const cases: Array<{ name: string; obj: any; err: string }> = [
  {
    name: 'deployment with only metadata',
    obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
    err: 'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`, spec.template.spec.containers: Required value]',
  },
  {
    name: 'labels do not match selector',
    obj: deploy({ selector: sel, template: tmpl({ app: 'x' }) }),
    err: 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
  },
  {
    name: 'empty selector',
    obj: deploy({ selector: {}, template: tmpl({ app: 'x' }) }),
    err: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  },
  {
    name: 'negative replicas',
    obj: deploy({ replicas: -1, selector: sel, template: tmpl({ app: 'web' }) }),
    err: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  },
  {
    name: 'restartPolicy Never in a template',
    obj: deploy({
      selector: sel,
      template: tmpl({ app: 'web' }, { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx' }] }),
    }),
    err: 'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  },
  {
    name: 'a Job without restartPolicy (the pod default Always)',
    obj: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
    },
    err: 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  },
  {
    name: 'a Job with restartPolicy Always',
    obj: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'pi', image: 'perl' }] } } },
    },
    err: 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  },
  {
    name: 'maxSurge and maxUnavailable 0',
    obj: deploy({
      selector: sel,
      template: tmpl({ app: 'web' }),
      strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    }),
    err: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  },
  {
    name: 'maxUnavailable over 100%',
    obj: deploy({
      selector: sel,
      template: tmpl({ app: 'web' }),
      strategy: { rollingUpdate: { maxUnavailable: '110%' } },
    }),
    err: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%',
  },
  {
    name: 'rollingUpdate with Recreate',
    obj: deploy({ selector: sel, template: tmpl({ app: 'web' }), strategy: { type: 'Recreate', rollingUpdate: {} } }),
    err: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'',
  },
  {
    name: 'invalid deployment name',
    obj: { ...deploy({ selector: sel, template: tmpl({ app: 'web' }) }), metadata: { name: 'Web' } },
    err: "Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  {
    name: 'replicaset without selector',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: { template: tmpl({ app: 'web' }) },
    },
    err: 'ReplicaSet.apps "rs" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
  },
  { name: 'pod without containers', obj: pod({}), err: 'Pod "p" is invalid: spec.containers: Required value' },
  {
    name: 'container without image',
    obj: pod({ containers: [{ name: 'web' }] }),
    err: 'Pod "p" is invalid: spec.containers[0].image: Required value',
  },
  {
    name: 'container name not a label',
    obj: pod({ containers: [{ name: 'Web_1', image: 'nginx' }] }),
    err: "Pod \"p\" is invalid: spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    name: 'duplicate container names',
    obj: pod({
      containers: [
        { name: 'a', image: 'x' },
        { name: 'a', image: 'y' },
      ],
    }),
    err: 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "a"',
  },
  {
    name: 'container port out of range',
    obj: pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] }),
    err: 'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  },
  {
    name: 'port name not IANA_SVC_NAME',
    obj: pod({ containers: [{ name: 'a', image: 'x', ports: [{ name: 'HTTP', containerPort: 80 }] }] }),
    err: 'Pod "p" is invalid: [spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)]',
  },
  {
    name: 'restartPolicy value',
    obj: pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x' }] }),
    err: 'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  },
  {
    name: 'mount of a missing volume',
    obj: pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
    err: 'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
  },
  {
    name: 'volume with two sources',
    obj: pod({
      volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }],
      containers: [{ name: 'a', image: 'x' }],
    }),
    err: 'Pod "p" is invalid: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
  },
  {
    name: 'duplicate volume names',
    obj: pod({
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'v', emptyDir: {} },
      ],
      containers: [{ name: 'a', image: 'x' }],
    }),
    err: 'Pod "p" is invalid: spec.volumes[1].name: Duplicate value: "v"',
  },
  {
    name: 'pvc volume without claimName',
    obj: pod({ volumes: [{ name: 'v', persistentVolumeClaim: {} }], containers: [{ name: 'a', image: 'x' }] }),
    err: 'Pod "p" is invalid: spec.volumes[0].persistentVolumeClaim.claimName: Required value',
  },
  {
    name: 'requests above limits',
    obj: pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }),
    err: 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  },
  {
    name: 'requests above limits, canonical quantities',
    obj: pod({
      containers: [
        { name: 'a', image: 'x', resources: { requests: { memory: '2048Mi' }, limits: { memory: '1.5Gi' } } },
      ],
    }),
    err: 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1536Mi',
  },
  {
    name: 'env name starting with a digit',
    obj: pod({ containers: [{ name: 'a', image: 'x', env: [{ name: '1X', value: 'y' }] }] }),
    err: "Pod \"p\" is invalid: spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
  },
  {
    name: 'service without ports',
    obj: svc({ selector: { app: 'web' } }),
    err: 'Service "s" is invalid: spec.ports: Required value',
  },
  {
    name: 'service ports need names',
    obj: svc({ ports: [{ port: 80 }, { port: 443 }] }),
    err: 'Service "s" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
  },
  {
    name: 'duplicate service port names',
    obj: svc({
      ports: [
        { name: 'http', port: 80 },
        { name: 'http', port: 81 },
      ],
    }),
    err: 'Service "s" is invalid: spec.ports[1].name: Duplicate value: "http"',
  },
  {
    name: 'duplicate protocol and port',
    obj: svc({
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 80 },
      ],
    }),
    err: 'Service "s" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  },
  {
    name: 'nodePort on ClusterIP',
    obj: svc({ ports: [{ port: 80, nodePort: 30001 }] }),
    err: 'Service "s" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
  },
  {
    name: 'ExternalName without a name',
    obj: svc({ type: 'ExternalName' }),
    err: 'Service "s" is invalid: spec.externalName: Required value',
  },
  {
    name: 'unknown service type',
    obj: svc({ type: 'Cluster', ports: [{ port: 80 }] }),
    err: 'Service "s" is invalid: spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  },
  {
    name: 'service name is a DNS-1035 label',
    obj: { ...svc({ ports: [{ port: 80 }] }), metadata: { name: '1svc' } },
    err: "Service \"1svc\" is invalid: metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    name: 'PV without capacity and modes',
    obj: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { hostPath: { path: '/x' } } },
    err: 'PersistentVolume "pv" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"]',
  },
  {
    name: 'PV without a source',
    obj: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
    },
    err: 'PersistentVolume "pv" is invalid: spec: Required value: must specify a volume type',
  },
  {
    name: 'PVC without modes and size',
    obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {} },
    err: 'PersistentVolumeClaim "c" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
  },
  {
    name: 'StorageClass without provisioner',
    obj: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' } },
    err: 'StorageClass.storage.k8s.io "sc" is invalid: provisioner: Required value',
  },
  {
    name: 'ConfigMap key',
    obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { 'a b': 'x' } },
    err: "ConfigMap \"cm\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  },
  {
    name: 'Secret data not base64',
    obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'ab$c' } },
    err: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 2',
  },
  {
    name: 'TLS secret without keys',
    obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: {} },
    err: 'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
  },
  {
    name: 'namespace name',
    obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
    err: "Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    name: 'label value',
    obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { app: '-x' } } },
    err: "ConfigMap \"cm\" is invalid: metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  },
  // validateEndpointPort (pkg/apis/core/validation/validation.go): port names are DNS-1123 labels, not IANA service names
  {
    name: 'endpoints port name not a DNS-1123 label',
    obj: ep([{ name: 'Name_Of', port: 80, protocol: 'TCP' }]),
    err: "Endpoints \"e\" is invalid: subsets[0].ports[0].name: Invalid value: \"Name_Of\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    name: 'endpoints port name over 63 characters',
    obj: ep([{ name: 'a'.repeat(64), port: 80, protocol: 'TCP' }]),
    err: `Endpoints "e" is invalid: subsets[0].ports[0].name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
  },
  {
    name: 'endpoints port protocol',
    obj: ep([{ name: 'http', port: 80, protocol: 'ICMP' }]),
    err: 'Endpoints "e" is invalid: subsets[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
  },
  {
    name: 'endpoints ports need names when there are several',
    obj: ep([
      { port: 80, protocol: 'TCP' },
      { name: 'b', port: 81, protocol: 'TCP' },
    ]),
    err: 'Endpoints "e" is invalid: subsets[0].ports[0].name: Required value',
  },
];

for (const c of cases) {
  test(`create rejects: ${c.name}`, () => {
    const cluster = createCluster({ nodes: 1 });
    assert.throws(
      () => cluster.api.create(c.obj),
      (e: unknown) => {
        assert.ok(isStatusError(e), `not a StatusError: ${e}`);
        assert.equal((e as Error).message, c.err);
        return true;
      },
    );
  });
}

// Updates: create, change, and the exact message.
const updates: Array<{ name: string; obj: any; change: (o: any) => void; err: string }> = [
  {
    name: 'deployment selector is immutable',
    obj: deploy({ selector: sel, template: tmpl({ app: 'web', v: '1' }) }),
    change: (o) => {
      o.spec.selector = { matchLabels: { app: 'web', v: '1' } };
    },
    err: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  },
  {
    name: 'pod restartPolicy',
    obj: pod({ containers: [{ name: 'a', image: 'x' }] }),
    change: (o) => {
      o.spec.restartPolicy = 'Never';
    },
    err: 'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",\n  }\n',
  },
  {
    name: 'pod toleration removed',
    obj: pod({ containers: [{ name: 'a', image: 'x' }] }),
    change: (o) => {
      o.spec.tolerations = [];
    },
    err: 'Pod "p" is invalid: [spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds, spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds]',
  },
  {
    name: 'storage class parameters',
    obj: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'sc' },
      provisioner: 'x.io/p',
      parameters: { a: '1' },
    },
    change: (o) => {
      o.parameters = { a: '2' };
    },
    err: 'StorageClass.storage.k8s.io "sc" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
  },
  {
    name: 'claim access modes',
    obj: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    change: (o) => {
      o.spec.accessModes = ['ReadWriteMany'];
    },
    err: 'PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n- \tAccessModes[0]: "ReadWriteOnce",\n+ \tAccessModes[0]: "ReadWriteMany",\n  }\n',
  },
];

for (const u of updates) {
  test(`update rejects: ${u.name}`, () => {
    const cluster = createCluster({ nodes: 1 });
    const created = JSON.parse(JSON.stringify(cluster.api.create(u.obj)));
    u.change(created);
    assert.throws(
      () => cluster.api.update(created),
      (e: unknown) => {
        assert.equal((e as Error).message, u.err);
        return true;
      },
    );
  });
}

test('allowed pod updates pass: image, added toleration, nodeName set once', () => {
  const cluster = createCluster({ nodes: 1 });
  const p = JSON.parse(JSON.stringify(cluster.api.create(pod({ containers: [{ name: 'a', image: 'x:1' }] }))));
  p.spec.containers[0].image = 'x:2';
  p.spec.tolerations.push({ key: 'k', operator: 'Exists', effect: 'NoSchedule' });
  p.spec.nodeName = 'node-1';
  const updated = cluster.api.update(p);
  assert.equal(updated.spec.containers[0].image, 'x:2');
  assert.equal(updated.spec.tolerations.length, 3);
});

test('valid objects of every kind are accepted', () => {
  const cluster = createCluster({ nodes: 1 });
  cluster.api.create(deploy({ selector: sel, template: tmpl({ app: 'web' }) }));
  cluster.api.create(
    svc({
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443 },
      ],
    }),
  );
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } },
  });
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '200Mi' } } },
  });
  cluster.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dmFsdWU=' } });
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm' },
    data: { 'app.properties': 'x=1' },
  });
  // the Service documentation's port name: 20 characters, too long for a container port, fine for a Service and its Endpoints
  cluster.api.create(ep([{ name: 'name-of-service-port', port: 80, protocol: 'TCP', appProtocol: 'http' }]));
});

// ValidateJobSpecUpdate's validateCompletions and ValidateOwnerReferences
test('Job completions: immutable except an Indexed Job changing them with parallelism', () => {
  const { validateJob } = require('../src/api/validation/batch') as typeof import('../src/api/validation/batch');
  const tpl = { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox' }] } };
  const job = (spec: any) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: tpl, ...spec },
  });
  const rows: [string, any, any, string[]][] = [
    [
      'NonIndexed completions changed',
      { completions: 3, parallelism: 1 },
      { completions: 4, parallelism: 1 },
      ['spec.completions: Invalid value: 4: field is immutable'],
    ],
    [
      'NonIndexed completions unset',
      { completions: 3 },
      { completions: undefined },
      ['spec.completions: Invalid value: "null": field is immutable'],
    ],
    ['NonIndexed unchanged', { completions: 3 }, { completions: 3 }, []],
    [
      'Indexed with parallelism',
      { completionMode: 'Indexed', completions: 3, parallelism: 3 },
      { completionMode: 'Indexed', completions: 5, parallelism: 5 },
      [],
    ],
    [
      'Indexed alone',
      { completionMode: 'Indexed', completions: 3, parallelism: 3 },
      { completionMode: 'Indexed', completions: 5, parallelism: 3 },
      ['spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism'],
    ],
  ];
  for (const [name, before, after, want] of rows) {
    const errs = validateJob(job(after), job(before))
      .map((e) => e.text)
      .filter((t) => t.startsWith('spec.completions'));
    assert.deepEqual(errs, want, name);
  }
});

test('ValidateOwnerReferences', () => {
  const { validateOwnerReferences } =
    require('../src/api/validation/meta') as typeof import('../src/api/validation/meta');
  const full = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' };
  const rows: [string, any[], string[]][] = [
    ['complete', [full], []],
    ['no uid', [{ ...full, uid: '' }], ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty']],
    [
      'no version',
      [{ ...full, apiVersion: 'apps/' }],
      ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'],
    ],
    [
      'nothing',
      [{}],
      [
        'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
      ],
    ],
    [
      'two controllers',
      [
        { ...full, controller: true },
        { ...full, name: 'rs2', uid: 'u2', controller: true },
      ],
      [
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/rs and ReplicaSet/rs2',
      ],
    ],
  ];
  for (const [name, refs, want] of rows)
    assert.deepEqual(
      validateOwnerReferences(refs).map((e) => e.text),
      want,
      name,
    );
});

// validateAffinity's node affinity (pkg/apis/core/validation/validation.go, v1.30)
const affinityPod = (nodeAffinity: any) => pod({ affinity: { nodeAffinity }, containers: [{ name: 'a', image: 'x' }] });
const required = (...terms: any[]) => ({
  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
});
const REQ = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
const affinityCases: Array<[string, any, string | undefined]> = [
  [
    'matchFields metadata.name with one value',
    required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }),
    undefined,
  ],
  [
    'matchFields with two values',
    required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] }),
    `Pod "p" is invalid: ${REQ}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
  ],
  [
    'matchFields NotIn without values',
    required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn' }] }),
    `Pod "p" is invalid: ${REQ}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
  ],
  [
    'matchFields Exists',
    required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }),
    `Pod "p" is invalid: ${REQ}[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`,
  ],
  [
    'matchFields on another field',
    required({ matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['x'] }] }),
    `Pod "p" is invalid: ${REQ}[0].matchFields[0].key: Invalid value: "metadata.namespace": not a valid field selector key`,
  ],
  [
    'matchFields value not a node name',
    required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Node_1'] }] }),
    `Pod "p" is invalid: ${REQ}[0].matchFields[0].values[0]: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  ],
  [
    'no terms',
    { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
    `Pod "p" is invalid: ${REQ}: Required value: must have at least one node selector term`,
  ],
  [
    'In without values',
    required({ matchExpressions: [{ key: 'disk', operator: 'In' }] }),
    `Pod "p" is invalid: ${REQ}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
  ],
  [
    'Exists with values',
    required({ matchExpressions: [{ key: 'disk', operator: 'Exists', values: ['ssd'] }] }),
    `Pod "p" is invalid: ${REQ}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
  ],
  [
    'Gt with two values',
    required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] }),
    `Pod "p" is invalid: ${REQ}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
  ],
  [
    'an unknown operator and a bad key',
    required({ matchExpressions: [{ key: '-disk', operator: 'Equals', values: ['ssd'] }] }),
    `Pod "p" is invalid: [${REQ}[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator, ${REQ}[0].matchExpressions[0].key: Invalid value: "-disk": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')]`,
  ],
  // v1.30 does not check values as label values: the term is accepted, and matches no node (see the scheduler test)
  [
    'NotIn with a value that is no label value',
    required({ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['not a label'] }] }),
    undefined,
  ],
  [
    'a preferred term weighing 0',
    {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 0, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
      ],
    },
    'Pod "p" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
  ],
];
for (const [name, na, err] of affinityCases) {
  test(`node affinity: ${name}`, () => {
    const cluster = createCluster({ nodes: 1 });
    if (err === undefined) assert.doesNotThrow(() => cluster.api.create(affinityPod(na)));
    else assert.throws(() => cluster.api.create(affinityPod(na)), { message: err });
  });
}
