// The ingress-nginx controller as its manifests deploy it (kubernetes/ingress-nginx deploy/static, controller
// v1.10.1), in the shape the minikube addon runs it: the controller pod listens on its node's ports 80 and 443
// (hostPort), reports the node's InternalIP as the Ingress address, and its IngressClass `nginx` is the default
// class. The Service is a NodePort, as the seeds' baremetal manifest has it. installIngressNginx applies it and
// waits for the controller, as a scenario's set-up does.

import type { Cluster } from '../cluster';
import type { CommandResult } from '../util/command';
import { controllerAddresses } from '../network/ingress/addresses';

export const INGRESS_NGINX_VERSION = '1.10.1';

const SELECTOR = `app.kubernetes.io/component: controller
    app.kubernetes.io/instance: ingress-nginx
    app.kubernetes.io/name: ingress-nginx`;
const LABELS = `${SELECTOR}
    app.kubernetes.io/part-of: ingress-nginx
    app.kubernetes.io/version: ${INGRESS_NGINX_VERSION}`;
const indent = (text: string, spaces: number): string => text.replace(/\n {4}/g, `\n${' '.repeat(spaces)}`);

export const INGRESS_NGINX_MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: ingress-nginx
  labels:
    app.kubernetes.io/instance: ingress-nginx
    app.kubernetes.io/name: ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
  labels:
    ${LABELS}
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  labels:
    ${LABELS}
spec:
  type: NodePort
  ipFamilyPolicy: SingleStack
  ipFamilies: [IPv4]
  ports:
  - {name: http, port: 80, protocol: TCP, targetPort: http, appProtocol: http}
  - {name: https, port: 443, protocol: TCP, targetPort: https, appProtocol: https}
  selector:
    ${SELECTOR}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  labels:
    ${LABELS}
spec:
  minReadySeconds: 0
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      ${indent(SELECTOR, 6)}
  template:
    metadata:
      labels:
        ${indent(LABELS, 8)}
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v${INGRESS_NGINX_VERSION}
        args:
        - /nginx-ingress-controller
        - --election-id=ingress-nginx-leader
        - --controller-class=k8s.io/ingress-nginx
        - --ingress-class=nginx
        - --configmap=$(POD_NAMESPACE)/ingress-nginx-controller
        - --report-node-internal-ip-address
        env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: POD_NAMESPACE
          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        ports:
        - {name: http, containerPort: 80, hostPort: 80, protocol: TCP}
        - {name: https, containerPort: 443, hostPort: 443, protocol: TCP}
        readinessProbe:
          httpGet: {path: /healthz, port: 10254, scheme: HTTP}
          initialDelaySeconds: 10
          periodSeconds: 10
        resources:
          requests: {cpu: 100m, memory: 90Mi}
      nodeSelector:
        kubernetes.io/os: linux
      terminationGracePeriodSeconds: 300
`;

/**
 * Applies the manifest and waits up to five minutes of virtual time for the controller pod to be Ready (as
 * `kubectl wait --for=condition=ready pod -l app.kubernetes.io/component=controller -n ingress-nginx`).
 */
export function installIngressNginx(cluster: Cluster): CommandResult {
  const applied = cluster.apply(INGRESS_NGINX_MANIFEST);
  if (!cluster.advanceUntil(() => controllerAddresses(cluster.api).length > 0, '5m')) {
    throw new Error('the ingress-nginx controller pod did not become Ready within 5 minutes of virtual time');
  }
  return applied;
}
