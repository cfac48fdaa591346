@epic:Scheduling @story:NodeResourcesFit
Feature: the scheduler picks a node with room for the pod's requests
  A pod's requests are the sum of its containers'; the NodeResourcesFit filter keeps the nodes whose allocatable
  minus what their pods already request covers them. "Kubernetes 在调度时，自然就会去选择可用内存等于 3 GB 的
  node-1 节点进行绑定，而根本不会考虑 node-2".

  @severity:critical
  Scenario: a pod requesting 3Gi goes to the only node with that much memory
    Given a cluster with nodes:
      | name   | memory |
      | node-1 | 3Gi    |
      | node-2 | 2Gi    |
      | node-3 | 2Gi    |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big-memory
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests:
              memory: 3Gi
      """
    Then the pod "big-memory" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
    And the pod "big-memory" has an event with reason "Scheduled" and message "Successfully assigned default/big-memory to node-1"

  Scenario: with no node big enough the pod stays Pending with the scheduler's reasons
    Given a cluster with nodes:
      | name   | memory |
      | node-1 | 2Gi    |
      | node-2 | 2Gi    |
      | node-3 | 2Gi    |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: big-memory
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests:
              memory: 3Gi
      """
    Then the pod "big-memory" matches:
      """
      status:
        phase: Pending
        conditions:
        - type: PodScheduled
          status: "False"
          reason: Unschedulable
          message: "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
      """
    And the pod "big-memory" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
    When node "node-4" joins the cluster
    Then eventually the pod "big-memory" matches:
      """
      spec: {nodeName: node-4}
      status: {phase: Running}
      """

  Scenario: a control-plane taint and full nodes are counted separately
    Given a cluster with nodes:
      | name          | cpu | labels                                | taints                                     |
      | control-plane | 4   | node-role.kubernetes.io/control-plane= | node-role.kubernetes.io/control-plane:NoSchedule |
      | node-1        | 1   |                                       |                                            |
      | node-2        | 1   |                                       |                                            |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cpu-hungry
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests:
              cpu: "2"
      """
    Then the pod "cpu-hungry" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    When I run "kubectl get nodes"
    Then the output matches "control-plane +Ready +control-plane +\S+ +v1.30.0"

  Scenario: requests add up: the second pod no longer fits where the first went
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 2   |
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: first}
      spec:
        containers: [{name: app, image: nginx:1.25, resources: {requests: {cpu: 1500m}}}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: second}
      spec:
        containers: [{name: app, image: nginx:1.25, resources: {requests: {cpu: 1000m}}}]
      """
    Then the pod "first" matches:
      """
      spec: {nodeName: node-1}
      """
    And the pod "second" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 Insufficient cpu."
    When I run "kubectl delete pod first"
    Then eventually the pod "second" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
