@epic:Scheduling @story:Priority
Feature: the scheduling queue tries higher-priority pods first
  The scheduler keeps pending pods in an active queue sorted by its QueueSort plugin, PrioritySort: higher
  spec.priority first, and among equal priorities the pod that entered the queue first. When room appears,
  the most important waiting pod takes it, whatever order the pods were created in.

  Background:
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 1   |
    And the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: important
      value: 1000
      preemptionPolicy: Never
      description: "goes first, but never evicts anyone"
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: busy
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """

  Scenario: a node frees up and the higher-priority pod schedules first, though it was created last
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: early-batch
      spec:
        containers:
        - name: app
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: late-batch
      spec:
        containers:
        - name: app
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: urgent
      spec:
        priorityClassName: important
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "urgent" matches:
      """
      spec: {priority: 1000, preemptionPolicy: Never}
      status: {phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable}]}
      """
    When 1 minute passes
    And I run "kubectl delete pod busy"
    Then eventually the pod "urgent" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
    And the pod "early-batch" matches:
      """
      status: {phase: Pending}
      """
    And the pod "late-batch" matches:
      """
      status: {phase: Pending}
      """

  Scenario: among pods of equal priority, the one waiting longest goes first
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: first
      spec:
        containers:
        - name: app
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      """
    And 5 seconds pass
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: second
      spec:
        containers:
        - name: app
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      """
    And 1 minute passes
    And I run "kubectl delete pod busy"
    Then eventually the pod "first" matches:
      """
      spec: {nodeName: node-1}
      """
    And the pod "second" matches:
      """
      status: {phase: Pending}
      """
