@epic:Networking @story:DNS
Feature: Service and pod names in the cluster's DNS
  CoreDNS watches Services and EndpointSlices and answers for them under cluster.local. A pod's resolver
  searches `<ns>.svc.cluster.local svc.cluster.local cluster.local` with ndots:5, so a Service is found by its
  short name from its own namespace and as `<svc>.<ns>` from any other. A headless Service answers with its
  ready pods' IPs, and a StatefulSet's pods each get `<pod>.<svc>.<ns>.svc.cluster.local`. An ExternalName
  Service is a CNAME.

  Background:
    Given a cluster with 2 nodes
    And I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"
    And I run "kubectl expose deployment web --port=80"

  Scenario: a Service's name, short or qualified, resolves to its cluster IP
    Then "web" resolves to the cluster IP of service "web"
    And "web.default" resolves to the cluster IP of service "web"
    And "web.default.svc" resolves to the cluster IP of service "web"
    And "web.default.svc.cluster.local" resolves to the cluster IP of service "web"
    And "web.default.svc.cluster.local." resolves to the cluster IP of service "web"
    And "kubernetes.default" resolves to the cluster IP of service "kubernetes"

  Scenario: from another namespace the short name is not found, the qualified one is
    When I run "kubectl create namespace prod"
    Then "web" does not resolve from namespace "prod"
    And "web.default" resolves to the cluster IP of service "web.default" from namespace "prod"
    And "kube-dns.kube-system" resolves to the cluster IP of service "kube-dns.kube-system"

  Scenario: a deleted Service's name stops resolving
    When I run "kubectl delete service web"
    Then "web" does not resolve
    And "web.default.svc.cluster.local" does not resolve

  Scenario: the kube-dns Service every pod's resolver points at
    When I run "kubectl get services kube-dns --namespace=kube-system"
    Then the output matches "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nkube-dns +ClusterIP +10\.96\.0\.10 +<none> +53/UDP,53/TCP,9153/TCP +"
    And the service "kube-dns" in namespace "kube-system" matches:
      """
      metadata:
        labels: {k8s-app: kube-dns, kubernetes.io/cluster-service: "true", kubernetes.io/name: CoreDNS}
      spec:
        clusterIP: 10.96.0.10
        ports:
        - {name: dns, port: 53, protocol: UDP}
        - {name: dns-tcp, port: 53, protocol: TCP}
        - {name: metrics, port: 9153, protocol: TCP}
      """

  Scenario: a headless Service with no pods does not resolve until pods are ready
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: db}
      spec:
        clusterIP: None
        selector: {app: db}
        ports: [{port: 5432}]
      """
    And I run "kubectl create deployment db --image=postgres:16 --replicas=0"
    Then "db" does not resolve
    When I run "kubectl scale deployment db --replicas=2"
    Then "db" resolves to the IPs of the pods of deployment "db"
    And "db.default.svc.cluster.local" resolves to the IPs of the pods of service "db"

  Scenario: a pod with a hostname and the headless Service's name as subdomain has its own record
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: busybox-subdomain}
      spec:
        selector: {name: busybox}
        clusterIP: None
        ports:
        - name: foo
          port: 1234
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: busybox1
        labels: {name: busybox}
      spec:
        hostname: busybox-1
        subdomain: busybox-subdomain
        containers:
        - image: busybox:1.28
          command: [sleep, "3600"]
          name: busybox
      """
    Then "busybox-1.busybox-subdomain.default.svc.cluster.local" resolves to the IP of pod "busybox1"
    And "busybox-1.busybox-subdomain" resolves to the IP of pod "busybox1"
    And "busybox1.busybox-subdomain" does not resolve
    And "busybox-subdomain" resolves to the IPs of the pods of service "busybox-subdomain"

  Scenario: an ExternalName Service is an alias
    When I apply the manifest:
      """
      kind: Service
      apiVersion: v1
      metadata:
        name: my-service
      spec:
        type: ExternalName
        externalName: my.database.example.com
      """
    Then "my-service" is an alias for "my.database.example.com"
    And "my-service.default.svc.cluster.local" is an alias for "my.database.example.com"
