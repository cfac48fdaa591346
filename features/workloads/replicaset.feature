@epic:Workloads @story:ReplicaSet
Feature: a ReplicaSet keeps its pods: adoption, release and the scale-down order
  A ReplicaSet adopts orphan pods its selector matches and releases pods whose labels stop matching. When it has
  too many pods it deletes first the ones that matter least: unscheduled, pending, not ready, then the lowest
  `controller.kubernetes.io/pod-deletion-cost`, then pods doubled up on one node, then the newest.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: frontend}
      spec:
        replicas: 3
        selector: {matchLabels: {tier: frontend}}
        template:
          metadata: {labels: {tier: frontend}}
          spec: {containers: [{name: php, image: "php:8"}]}
      """

  Scenario: the pods are named after the ReplicaSet, which reports their counts
    Then there are 3 pods with labels "tier=frontend"
    And the replicaset "frontend" matches:
      """
      status: {replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1}
      """
    And the replicaset "frontend" has an event with reason "SuccessfulCreate" and message "Created pod: frontend-"
    When I run "kubectl get pods -l tier=frontend -o name"
    Then the output matches "^(pod/frontend-[bcdfghjklmnpqrstvwxz2456789]{5}\n?){3}$"

  Scenario: an orphan pod with matching labels is adopted, so one pod fewer is needed
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: stray, labels: {tier: frontend}}
      spec: {containers: [{name: php, image: "php:8"}]}
      """
    Then there are 3 pods with labels "tier=frontend"
    And the pod "stray" does not exist
    And the replicaset "frontend" has an event with reason "SuccessfulDelete" and message "Deleted pod: stray"

  Scenario: a pod whose labels stop matching is released and replaced
    When I run "kubectl scale rs frontend --replicas=1"
    And 30 seconds pass
    And I run "kubectl get pods -l tier=frontend -o name"
    Then there are 1 pods with labels "tier=frontend"
    When I run "kubectl label pods -l tier=frontend tier=debug --overwrite"
    Then there are 1 pods with labels "tier=frontend"
    And there are 1 pods with labels "tier=debug"
    When I run "kubectl get pods -l tier=debug -o jsonpath={.items[0].metadata.ownerReferences}"
    Then the output is:
      """
      """

  Scenario: scale down keeps the pod with the higher pod-deletion-cost, even though it is the newest
    # a pod adopted before it is scheduled would go first (unassigned pods are deleted first): it runs, then joins
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: precious
        labels: {tier: staging}
        annotations: {controller.kubernetes.io/pod-deletion-cost: "100"}
      spec: {containers: [{name: php, image: "php:8"}]}
      """
    And 10 seconds pass
    When I run "kubectl label pod precious tier=frontend --overwrite"
    Then there are 3 pods with labels "tier=frontend"
    And the pod "precious" matches:
      """
      metadata:
        ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: frontend, controller: true, blockOwnerDeletion: true}]
      """
    And the replicaset "frontend" has an event with reason "SuccessfulDelete" and message "Deleted pod: frontend-"
