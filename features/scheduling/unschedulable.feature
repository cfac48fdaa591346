@epic:Scheduling @story:Unschedulable
Feature: pods that no node can take stay Pending
  The scheduler filters nodes (resources, node selectors, taints); a pod that fits none stays Pending with
  PodScheduled=False (reason Unschedulable) and a FailedScheduling event that counts the reasons.

  @severity:critical
  Scenario: a pod requesting more CPU than any node has
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests:
              cpu: "8"
      """
    Then the pod "big" matches:
      """
      spec: {nodeName: null}
      status:
        phase: Pending
        conditions: [{type: PodScheduled, status: "False", reason: Unschedulable}]
      """
    And the pod "big" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
    When 5 minutes pass
    Then the pod "big" matches:
      """
      status: {phase: Pending}
      """
    When I run "kubectl get pod big"
    Then the output matches "\nbig +0/1 +Pending +0 +\S+$"

  Scenario: the same pod fits on a node that is big enough
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 4   |
      | big-1  | 16  |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests:
              cpu: "8"
      """
    Then the pod "big" matches:
      """
      spec: {nodeName: big-1}
      status: {phase: Running}
      """
    And the pod "big" has an event with reason "Scheduled" and message "Successfully assigned default/big to big-1"

  Scenario: a nodeSelector that no node matches
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: fast
      spec:
        nodeSelector:
          disktype: ssd
        containers:
        - name: app
          image: nginx:1.25
      """
    Then the pod "fast" matches:
      """
      status:
        phase: Pending
        conditions: [{type: PodScheduled, status: "False", reason: Unschedulable}]
      """
    And the pod "fast" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."

  Scenario: a nodeSelector picks the labelled node
    Given a cluster with nodes:
      | name   | labels       |
      | node-1 |              |
      | node-2 | disktype=ssd |
      | node-3 |              |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: fast
      spec:
        nodeSelector:
          disktype: ssd
        containers:
        - name: app
          image: nginx:1.25
      """
    Then the pod "fast" matches:
      """
      spec: {nodeName: node-2}
      status: {phase: Running}
      """
