@epic:Networking @story:EndpointSlice
Feature: Endpoints and EndpointSlices follow the pods
  Only pods that match the selector, have an IP and are not terminating are published; not-ready pods are
  listed apart; EndpointSlices carry ready, serving and terminating conditions and the service-name label.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            terminationGracePeriodSeconds: 30
            containers:
            - name: web
              image: nginx:1.25
              ports: [{name: http, containerPort: 80}]
              lifecycle:
                preStop:
                  sleep: {seconds: 20}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      """

  Scenario: kubectl get ep and endpointslices list the pods' addresses
    When I run "kubectl get endpoints web"
    Then the output matches "^NAME +ENDPOINTS +AGE\nweb +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80 +\d+s$"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web"
    Then the output matches "^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nweb-[a-z0-9]{5} +IPv4 +80 +10\.244\.\d+\.\d+,10\.244\.\d+\.\d+,10\.244\.\d+\.\d+ +\d+s$"

  Scenario: a pod that is being deleted leaves the Endpoints but stays in the slice as terminating
    When I delete one pod of deployment "web"
    Then there are 4 pods with labels "app=web"
    And the endpoints "web" matches:
      """
      subsets:
      - addresses: [{}, {}, {}]
      """
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml"
    Then the output contains:
      """
          conditions:
            ready: false
            serving: true
            terminating: true
      """
    When 30 seconds pass
    And I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml"
    Then the output does not contain "terminating: true"

  Scenario: a failed node's pods stop getting traffic once they are evicted
    When node "node-2" fails
    And 6 minutes pass
    Then a connection to "web:80" reaches a pod of deployment "web"
    And the endpoints "web" matches:
      """
      subsets:
      - addresses: [{}, {}, {}]
      """

  Scenario: a slice holds at most 100 endpoints
    When I run "kubectl scale deployment web --replicas=150"
    Then there are 2 endpointslices with labels "kubernetes.io/service-name=web"
    And a connection to "web:80" reaches a pod of deployment "web"
