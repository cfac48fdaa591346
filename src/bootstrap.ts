// What a fresh kubeadm cluster has before anyone applies anything: the four namespaces, the `kubernetes`
// Service (first IP of the service CIDR, port 443 named https) and `kube-dns` (the tenth IP).
// The ServiceAccount controller adds each namespace's `default` ServiceAccount.

import type { ApiServer } from './apiserver/apiserver';
import { bootstrapPriorityClasses } from './apiserver/priority-classes';
import { bootstrapPolicy } from './apiserver/authorization/bootstrap-policy';
import { nthAddress } from './util/net';
import { APISERVER_ADDRESS } from './api/networking';

export function bootstrap(api: ApiServer): void {
  const previous = api.actor;
  api.actor = 'kube-apiserver';
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  bootstrapPolicy(api);
  bootstrapPriorityClasses(api);
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: nthAddress(api.networking.serviceSubnet, 1),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  // the apiserver's endpoints reconciler mirrors them as a slice named after the service
  // (pkg/controlplane/reconcilers/endpointsadapter.go endpointSliceFromEndpoints)
  api.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: nthAddress(api.networking.serviceSubnet, 10),
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });
  api.actor = previous;
}
