@epic:Scheduling @story:Preemption
Feature: which node a pod preempts on
  When preemption could make room on several nodes, the scheduler prefers the node whose victims matter least:
  the lowest highest priority, then the smallest sum of priorities, then the fewest victims, and then the node
  whose most important victims started last, so that long-running work is kept.

  Scenario: of two equally cheap victims, the one that started last is preempted
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 1   |
      | node-2 | 1   |
    And the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: long-running
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: worker
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      """
    When 10 minutes pass
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: just-started
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: worker
          image: busybox:1.36
          resources: {requests: {cpu: "1"}}
      """
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: urgent
      spec:
        priorityClassName: high
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "urgent" matches:
      """
      status: {nominatedNodeName: node-2}
      """
    And the pod "just-started" has an event with reason "Preempted"
    And eventually the pod "urgent" matches:
      """
      spec: {nodeName: node-2}
      status: {phase: Running}
      """
    And the pod "long-running" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
