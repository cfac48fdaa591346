@epic:Scheduling @story:Preemption
Feature: a preempting pod's nominated node, and which node it preempts on
  A pod that preempts gets status.nominatedNodeName: the node where its victims are terminating. While a
  victim it preempted is still terminating there, it does not preempt again; when preemption can no longer
  help it, the scheduler clears the nomination, and a higher-priority pod that preempts on the same node takes
  the nomination away from a lower-priority one. (v1.30 leaves nominatedNodeName on the pod once it is bound.)
  Among nodes where preemption would evict equally important pods, the scheduler evicts the pods that started
  last.

  Background:
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 1   |
    And the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: medium}
      value: 100
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
      spec:
        terminationGracePeriodSeconds: 60
        containers:
        - name: worker
          image: busybox:1.36
          command: [sleep, "3600"]
          resources: {requests: {cpu: "1"}}
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 30"]
      """

  Scenario: the nominated pod waits for its victim, and keeps its nomination once bound
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: report
      spec:
        priorityClassName: medium
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "report" matches:
      """
      status: {phase: Pending, nominatedNodeName: node-1}
      """
    And the pod "batch" matches:
      """
      metadata: {deletionGracePeriodSeconds: 60}
      """
    And the pod "batch" has condition "DisruptionTarget" with status "True" and reason "PreemptionByScheduler"
    # an update to the pending pod sends it back to the active queue
    When I run "kubectl label pod report attempt=2"
    Then the pod "report" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node."
    And the pod "report" matches:
      """
      status: {nominatedNodeName: node-1}
      """
    And eventually the pod "report" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running, nominatedNodeName: node-1}
      """

  Scenario: a higher-priority pod takes the nomination of a lower-priority one
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: report
      spec:
        priorityClassName: medium
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: checkout
      spec:
        priorityClassName: high
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "checkout" matches:
      """
      status: {nominatedNodeName: node-1}
      """
    And the pod "report" matches:
      """
      status: {phase: Pending, nominatedNodeName: null}
      """
    And eventually the pod "checkout" matches:
      """
      spec: {nodeName: node-1}
      """
    And the pod "report" matches:
      """
      spec: {nodeName: null}
      status: {phase: Pending}
      """

  Scenario: the nomination is cleared when preemption cannot help any more
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: report
      spec:
        priorityClassName: medium
        containers:
        - name: app
          image: nginx:1.25
          resources: {requests: {cpu: "1"}}
      """
    Then the pod "report" matches:
      """
      status: {nominatedNodeName: node-1}
      """
    When I run "kubectl cordon node-1"
    And 1 minute passes
    Then the pod "report" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    And the pod "report" matches:
      """
      status: {phase: Pending, nominatedNodeName: null}
      """
