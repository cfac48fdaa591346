@epic:Networking @story:Service
Feature: kubectl create service clusterip, nodeport, loadbalancer and externalname
  `kubectl create service <type> <name>` writes a Service that selects the pods labelled app=<name>, with one
  TCP port a --tcp pair `port[:targetPort]` (named after the pair, `80:8080` is `80-8080`).

  Background:
    Given a cluster with 2 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: registry.k8s.io/e2e-test-images/agnhost:2.47
              args: ["netexec", "--http-port=8080"]
              ports: [{containerPort: 8080}]
      """

  Scenario: a ClusterIP Service for the pods labelled app=web
    When I run "kubectl create service clusterip web --tcp=80:8080"
    Then the output is:
      """
      service/web created
      """
    And the service "web" matches:
      """
      metadata: {labels: {app: web}}
      spec:
        type: ClusterIP
        selector: {app: web}
        ports: [{name: 80-8080, port: 80, protocol: TCP, targetPort: 8080}]
      """
    And a connection to "web:80" reaches a pod of deployment "web"

  Scenario: a NodePort Service on a chosen node port
    When I run "kubectl create service nodeport web --tcp=80:8080 --node-port=30080"
    Then the command succeeds
    When I run "kubectl get service web"
    Then the output matches "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nweb +NodePort +10\.\d+\.\d+\.\d+ +<none> +80:30080/TCP +0s$"

  Scenario: a headless Service and an ExternalName Service
    When I run "kubectl create service clusterip web --clusterip=None"
    Then the service "web" matches:
      """
      spec: {clusterIP: None, type: ClusterIP}
      """
    When I run "kubectl create service externalname db --external-name db.example.com"
    Then the service "db" matches:
      """
      spec: {type: ExternalName, externalName: db.example.com}
      """
    And "db" is an alias for "db.example.com"

  Scenario: what kubectl would send, and the mistakes it catches first
    When I run "kubectl create service loadbalancer web --tcp=80:8080,443 --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: v1
      kind: Service
      metadata:
        creationTimestamp: null
        labels:
          app: web
        name: web
      spec:
        ports:
        - name: 80-8080
          port: 80
          protocol: TCP
          targetPort: 8080
        - name: "443"
          port: 443
          protocol: TCP
          targetPort: 443
        selector:
          app: web
        type: LoadBalancer
      status:
        loadBalancer: {}
      """
    When I run "kubectl create service clusterip web"
    Then the command fails with "error: at least one tcp port specifier must be provided"
    When I run "kubectl create service nodeport web --tcp=http"
    Then the command fails with "error: strconv.ParseUint: parsing \"http\": invalid syntax"
    When I run "kubectl create service externalname db --external-name=db_1"
    Then the command fails with "error: invalid service external name db_1"
    When I run "kubectl create service nodeport web --tcp=80 --node-port=80"
    Then the command fails with "error: failed to create NodePort service: Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"
