@epic:Workloads @story:Deployment
Feature: a canary release: two Deployments behind one Service
  The stable and the canary version run as two Deployments whose pods share the label the Service selects, so the
  Service's endpoints (and its traffic) are shared in the ratio of their replicas. Scaling the canary up and the
  stable version down moves the traffic step by step; deleting the canary rolls it back.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web-stable}
      spec:
        replicas: 9
        selector: {matchLabels: {app: web, track: stable}}
        template:
          metadata: {labels: {app: web, track: stable}}
          spec: {containers: [{name: web, image: "web:1", ports: [{containerPort: 80}]}]}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web-canary}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web, track: canary}}
        template:
          metadata: {labels: {app: web, track: canary}}
          spec: {containers: [{name: web, image: "web:2", ports: [{containerPort: 80}]}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """

  Scenario: one canary pod among ten endpoints, then half and half, then all canary
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath={.items[0].endpoints[*].targetRef.name}"
    Then the output matches "^(web-(stable|canary)-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5} ?){10}$"
    And there are 9 pods with labels "app=web,track=stable"
    And there are 1 pods with labels "app=web,track=canary"
    When I run:
      """
      kubectl scale deployment web-canary --replicas=5
      kubectl scale deployment web-stable --replicas=5
      """
    And 30 seconds pass
    Then there are 5 pods with labels "app=web,track=canary"
    And there are 5 pods with labels "app=web,track=stable"
    And the endpoints "web" matches:
      """
      subsets: [{ports: [{port: 80, protocol: TCP}]}]
      """
    When I run:
      """
      kubectl scale deployment web-canary --replicas=10
      kubectl scale deployment web-stable --replicas=0
      """
    And 30 seconds pass
    Then there are 10 pods with labels "app=web,track=canary"
    And there are 0 pods with labels "app=web,track=stable"
    And a connection to "web:80" reaches a pod of deployment "web-canary"

  Scenario: deleting the canary sends every connection back to the stable version
    When I run "kubectl delete deployment web-canary"
    And 30 seconds pass
    Then there are 0 pods with labels "track=canary"
    And a connection to "web:80" reaches a pod of deployment "web-stable"
