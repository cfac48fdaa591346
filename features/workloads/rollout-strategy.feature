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

  Scenario: maxUnavailable 1 and maxSurge 0 remove an old pod before adding a new one
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        strategy:
          rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    When I run "kubectl set image deployment/web web=web:2"
    Then during the rollout deployment "web" never had fewer than 2 available replicas
    And the rollout of deployment "web" went through these steps:
      | old | new |
      | 3   | 0   |
      | 2   | 0   |
      | 2   | 1   |
      | 1   | 1   |
      | 1   | 2   |
      | 0   | 2   |
      | 0   | 3   |
    And the deployment "web" has an event with reason "ScalingReplicaSet" and message "Scaled down replica set web-"
    And the deployment "web" has an event with reason "ScalingReplicaSet" and message "to 2 from 3"

  Scenario: percentages: maxSurge rounds up and maxUnavailable rounds down (25% of 10 is 3 and 2)
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 10
        strategy:
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    When I run "kubectl set image deployment/web web=web:2"
    # the new pods all start 10s later; each one that becomes available lets one old replica go
    Then during the rollout deployment "web" never had fewer than 8 available replicas
    And during the rollout deployment "web" never had more than 13 pods
    And the rollout of deployment "web" went through these steps:
      | old | new |
      | 10  | 0   |
      | 10  | 3   |
      | 8   | 3   |
      | 8   | 5   |
      | 7   | 5   |
      | 7   | 6   |
      | 6   | 6   |
      | 6   | 7   |
      | 5   | 7   |
      | 5   | 8   |
      | 4   | 8   |
      | 4   | 9   |
      | 3   | 9   |
      | 3   | 10  |
      | 2   | 10  |
      | 1   | 10  |
      | 0   | 10  |
    And the deployment "web" matches:
      """
      metadata:
        annotations: {deployment.kubernetes.io/revision: "2"}
      status: {replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10, observedGeneration: 2}
      """

  Scenario: Recreate stops every old pod before the first new one starts
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        strategy: {type: Recreate}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    When I run "kubectl set image deployment/web web=web:2"
    Then during the rollout deployment "web" never had more than 3 pods
    And the rollout of deployment "web" went through these steps:
      | old | new | pods | available |
      | 3   | 0   | 3    | 3         |
      | 0   | 0   | 3    | 3         |
      | 0   | 0   | 2    | 2         |
      | 0   | 0   | 1    | 1         |
      | 0   | 0   | 0    | 0         |
      | 0   | 3   | 0    | 0         |
      | 0   | 3   | 1    | 0         |
      | 0   | 3   | 2    | 0         |
      | 0   | 3   | 3    | 0         |
      | 0   | 3   | 3    | 1         |
      | 0   | 3   | 3    | 2         |
      | 0   | 3   | 3    | 3         |
    And the deployment "web" has an event with reason "ScalingReplicaSet" and message "Scaled down replica set web-"

  Scenario: minReadySeconds: a new pod must stay ready that long before an old one goes
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        minReadySeconds: 20
        strategy:
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    And 1 minute passes
    When I run "kubectl set image deployment/web web=web:2"
    And 15 seconds pass
    Then the deployment "web" matches:
      """
      status: {replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 2, unavailableReplicas: 1}
      """
    When 20 seconds pass
    Then the deployment "web" matches:
      """
      status: {replicas: 3, updatedReplicas: 2, availableReplicas: 2}
      """
    And within 1 minute the deployment "web" matches:
      """
      status: {replicas: 2, updatedReplicas: 2, availableReplicas: 2}
      """
    And during the rollout deployment "web" never had fewer than 2 available replicas

  Scenario: maxSurge and maxUnavailable may not both be 0
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        strategy:
          rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """
    Then the command fails with "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"
    And the deployment "web" does not exist
