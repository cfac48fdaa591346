@epic:Scheduling @story:Preemption
Feature: a higher-priority pod preempts lower-priority pods
  A PriorityClass gives pods a priority (the Priority admission plugin resolves priorityClassName into
  spec.priority). When no node has room, the scheduler's DefaultPreemption picks a node where deleting pods of
  lower priority makes room, deletes them (DisruptionTarget condition, Preempted event) and nominates the node.

  Background:
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 2   |
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: batch
      spec:
        replicas: 2
        selector: {matchLabels: {app: batch}}
        template:
          metadata: {labels: {app: batch}}
          spec:
            containers:
            - name: worker
              image: busybox:1.36
              command: [sleep, "3600"]
              resources: {requests: {cpu: "1"}}
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high-priority
      value: 1000000
      description: "for the pods that must run"
      """

  @severity:critical
  Scenario: the critical pod takes the place of a batch pod
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: critical
      spec:
        priorityClassName: high-priority
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "critical" matches:
      """
      spec: {priority: 1000000, preemptionPolicy: PreemptLowerPriority}
      status: {nominatedNodeName: node-1}
      """
    And the pod "critical" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 Insufficient cpu."
    And eventually the pod "critical" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
    And the deployment "batch" matches:
      """
      status: {replicas: 2, readyReplicas: 1, unavailableReplicas: 1}
      """
    When I run "kubectl get events --field-selector reason=Preempted"
    Then the output matches "Normal +Preempted +pod/batch-\S+ +Preempted by pod [0-9a-f-]{36} on node node-1"
    When I run "kubectl get events --field-selector reason=FailedScheduling"
    Then the output contains "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."

  Scenario: a pod that may not preempt waits
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: polite
      spec:
        priorityClassName: high-priority
        preemptionPolicy: Never
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "polite" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."
    And the deployment "batch" matches:
      """
      status: {replicas: 2, readyReplicas: 2}
      """

  Scenario: the built-in classes and an unknown class
    When I run "kubectl get priorityclass system-node-critical -o jsonpath={.value}"
    Then the output is:
      """
      2000001000
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: lost
      spec:
        priorityClassName: no-such-class
        containers: [{name: app, image: nginx:1.25}]
      """
    Then the command fails with "Error from server (Forbidden): error when creating \"STDIN\": pods \"lost\" is forbidden: no PriorityClass with name no-such-class was found"
