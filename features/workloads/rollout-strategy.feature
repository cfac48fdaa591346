@epic:Workloads @story:Deployment
Feature: rolling updates within maxSurge and maxUnavailable
  A RollingUpdate replaces pods a few at a time: the new ReplicaSet may grow until the Deployment has
  replicas + maxSurge pods, and old ReplicaSets may shrink while at least replicas - maxUnavailable pods are
  available. maxSurge rounds up and maxUnavailable rounds down when they are percentages.

  Background:
    Given a cluster with 3 nodes
    And the image "web:2" takes 10s to start

  Scenario: maxSurge 1 and maxUnavailable 0 add one new pod, then remove one old pod
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    When I run "kubectl set image deployment/web web=web:2"
    Then during the rollout deployment "web" never had fewer than 3 available replicas
    And during the rollout deployment "web" never had more than 4 pods
    And the rollout of deployment "web" went through these steps:
      | old | new |
      | 3   | 0   |
      | 3   | 1   |
      | 2   | 1   |
      | 2   | 2   |
      | 1   | 2   |
      | 1   | 3   |
      | 0   | 3   |
