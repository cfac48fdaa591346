@epic:Networking @story:DNS
Feature: a StatefulSet's pods in DNS through its headless Service
  The headless Service `nginx` gives the StatefulSet `web` stable names: web-0.nginx.default.svc.cluster.local
  and web-1.nginx.default.svc.cluster.local, whose addresses follow the pods when they are re-created. The
  Service's own name resolves to all the ready pods, and a named port has an SRV record per pod.

  Background:
    Given a cluster with 2 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: nginx
        labels:
          app: nginx
      spec:
        ports:
        - port: 80
          name: web
        clusterIP: None
        selector:
          app: nginx
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        serviceName: "nginx"
        replicas: 2
        selector:
          matchLabels:
            app: nginx
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:1.9.1
              ports:
              - containerPort: 80
                name: web
      """
    And eventually the statefulset "web" matches:
      """
      status: {readyReplicas: 2}
      """

  Scenario: each pod has its own record, the Service name has them all
    Then "web-0.nginx.default.svc.cluster.local" resolves to the IP of pod "web-0"
    And "web-1.nginx.default.svc.cluster.local" resolves to the IP of pod "web-1"
    And "web-0.nginx" resolves to the IP of pod "web-0"
    And "nginx" resolves to the IPs of the pods of statefulset "web"
    And "nginx.default.svc.cluster.local" resolves to the IPs of the pods of service "nginx"
    And "web-2.nginx" does not resolve
    And "web-0.nginx.default" resolves to the IP of pod "web-0" in namespace "default" from namespace "kube-system"

  Scenario: the record follows the pod when it is re-created
    When I run "kubectl delete pod web-0"
    Then eventually the pod "web-0" matches:
      """
      status: {phase: Running}
      """
    And eventually the statefulset "web" matches:
      """
      status: {readyReplicas: 2}
      """
    And "web-0.nginx.default.svc.cluster.local" resolves to the IP of pod "web-0"

  Scenario: nslookup of the pods' names from a busybox pod
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: dns-test}
      spec: {containers: [{name: c, image: busybox:1.28, command: [sleep, "3600"]}]}
      """
    And I run "kubectl exec dns-test -- nslookup web-0.nginx"
    Then the output matches "^Server:    10\.96\.0\.10\nAddress 1: 10\.96\.0\.10 kube-dns\.kube-system\.svc\.cluster\.local\n\nName:      web-0\.nginx\nAddress 1: 10\.244\.\d+\.\d+ web-0\.nginx\.default\.svc\.cluster\.local$"

  Scenario: the named port's SRV records name each pod
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: dns-srv}
      spec: {containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]}
      """
    And I run "kubectl exec dns-srv -- nslookup -type=srv _web._tcp.nginx"
    Then the command succeeds
    And the output contains "_web._tcp.nginx.default.svc.cluster.local	service = 0 50 80 web-0.nginx.default.svc.cluster.local"
    And the output contains "_web._tcp.nginx.default.svc.cluster.local	service = 0 50 80 web-1.nginx.default.svc.cluster.local"
