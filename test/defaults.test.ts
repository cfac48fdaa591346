import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

// Each row: an object to create and the fields (dotted paths) the apiserver defaulted.
const get = (o: any, path: string) => path.split('.').reduce((x, k) => x?.[k], o);
const tmpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

const cases: Array<{ name: string; obj: any; want: Record<string, unknown> }> = [
  {
    name: 'pod spec',
    obj: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    },
    want: {
      'spec.restartPolicy': 'Always',
      'spec.dnsPolicy': 'ClusterFirst',
      'spec.terminationGracePeriodSeconds': 30,
      'spec.schedulerName': 'default-scheduler',
      'spec.securityContext': {},
      'spec.enableServiceLinks': true,
      'spec.priority': 0,
      'spec.preemptionPolicy': 'PreemptLowerPriority',
      'spec.containers.0.imagePullPolicy': 'Always',
      'spec.containers.0.terminationMessagePath': '/dev/termination-log',
      'spec.containers.0.terminationMessagePolicy': 'File',
      'spec.containers.0.ports.0.protocol': 'TCP',
      'status.phase': 'Pending',
      'status.qosClass': 'BestEffort',
      'spec.tolerations': [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
  },
  {
    name: 'image pull policy by tag',
    obj: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'a', image: 'nginx:1.25' },
          { name: 'b', image: 'nginx:latest' },
          { name: 'c', image: 'localhost:5000/app' },
          { name: 'd', image: 'app@sha256:abc' },
        ],
      },
    },
    want: {
      'spec.containers.0.imagePullPolicy': 'IfNotPresent',
      'spec.containers.1.imagePullPolicy': 'Always',
      'spec.containers.2.imagePullPolicy': 'Always',
      'spec.containers.3.imagePullPolicy': 'IfNotPresent',
    },
  },
  {
    name: 'requests from limits, probes, volumes',
    obj: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 'x' } }],
        containers: [
          {
            name: 'a',
            image: 'x:1',
            resources: { limits: { cpu: '500m', memory: '1Gi' } },
            readinessProbe: { httpGet: { port: 80 } },
          },
        ],
      },
    },
    want: {
      'spec.containers.0.resources.requests': { cpu: '500m', memory: '1Gi' },
      'status.qosClass': 'Guaranteed',
      'spec.containers.0.readinessProbe': {
        httpGet: { port: 80, path: '/', scheme: 'HTTP' },
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
      'spec.volumes.0.emptyDir': {},
      'spec.volumes.1.secret.defaultMode': 420,
    },
  },
  {
    name: 'a toleration of not-ready is kept',
    obj: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
        ],
        containers: [{ name: 'a', image: 'x:1' }],
      },
    },
    want: {
      'spec.tolerations': [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
  },
  {
    name: 'deployment',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: tmpl },
    },
    want: {
      'spec.replicas': 1,
      'spec.strategy': { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      'spec.revisionHistoryLimit': 10,
      'spec.progressDeadlineSeconds': 600,
      'spec.template.spec.restartPolicy': 'Always',
      'spec.template.spec.containers.0.imagePullPolicy': 'Always',
      'spec.template.spec.enableServiceLinks': undefined,
      'spec.template.spec.tolerations': undefined,
    },
  },
  {
    name: 'deployment Recreate gets no rollingUpdate',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'web' } }, template: tmpl },
    },
    want: { 'spec.strategy': { type: 'Recreate' } },
  },
  {
    name: 'replicaset',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: tmpl },
    },
    want: { 'spec.replicas': 1, 'spec.template.spec.dnsPolicy': 'ClusterFirst' },
  },
  {
    name: 'service ClusterIP',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
    want: {
      'spec.type': 'ClusterIP',
      'spec.sessionAffinity': 'None',
      'spec.ports.0.protocol': 'TCP',
      'spec.ports.0.targetPort': 80,
      'spec.internalTrafficPolicy': 'Cluster',
      'spec.externalTrafficPolicy': undefined,
    },
  },
  {
    name: 'service LoadBalancer',
    obj: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 8080 }] },
    },
    want: {
      'spec.externalTrafficPolicy': 'Cluster',
      'spec.allocateLoadBalancerNodePorts': true,
      'spec.ports.0.targetPort': 8080,
    },
  },
  {
    name: 'service ClientIP affinity',
    obj: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
    },
    want: { 'spec.sessionAffinityConfig': { clientIP: { timeoutSeconds: 10800 } } },
  },
  {
    name: 'persistent volume',
    obj: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } },
    },
    want: {
      'spec.persistentVolumeReclaimPolicy': 'Retain',
      'spec.volumeMode': 'Filesystem',
      'status.phase': 'Pending',
      'spec.hostPath.type': '',
    },
  },
  {
    name: 'claim',
    obj: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    want: { 'spec.volumeMode': 'Filesystem', 'status.phase': 'Pending' },
  },
  {
    name: 'storage class',
    obj: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'x.io/p' },
    want: { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' },
  },
  {
    name: 'secret',
    obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } },
    want: { type: 'Opaque', 'data.password': 'aHVudGVyMg==', stringData: undefined },
  },
  {
    name: 'namespace',
    obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    want: {
      'metadata.labels': { 'kubernetes.io/metadata.name': 'team' },
      'spec.finalizers': ['kubernetes'],
      'status.phase': 'Active',
    },
  },
];

for (const c of cases) {
  test(`defaults: ${c.name}`, () => {
    const created = createCluster({ nodes: 1 }).api.create(c.obj);
    for (const [path, want] of Object.entries(c.want)) assert.deepEqual(get(created, path), want, path);
  });
}

test('a pod naming an unknown PriorityClass is forbidden', () => {
  const cluster = createCluster({ nodes: 1 });
  assert.throws(
    () =>
      cluster.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { priorityClassName: 'gold', containers: [{ name: 'a', image: 'x' }] },
      }),
    { message: 'pods "p" is forbidden: no PriorityClass with name gold was found' },
  );
  const p = cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'q' },
    spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'a', image: 'x' }] },
  });
  assert.equal((p.spec as any).priority, 2000001000);
});
