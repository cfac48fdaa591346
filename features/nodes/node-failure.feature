@epic:Nodes @story:NodeFailure
Feature: a failed node is noticed, tainted, and its pods move elsewhere
  A kubelet renews its Lease every 10 seconds. When it stops, the node lifecycle controller waits out the
  node-monitor-grace-period (40s), sets the node's conditions to Unknown and taints it unreachable. Every pod
  tolerates that taint for 300 seconds (the DefaultTolerationSeconds admission); then the taint-eviction
  controller deletes it and its ReplicaSet creates a replacement on a node that still works.

  Background:
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: pinned
      spec:
        nodeName: node-2
        containers:
        - name: app
          image: nginx:1.25
      """

  @severity:critical
  Scenario: nothing happens before the grace period
    When node "node-2" fails
    And 30 seconds pass
    Then the node "node-2" matches:
      """
      spec: {taints: null}
      status:
        conditions:
        - {type: MemoryPressure, status: "False"}
        - {type: DiskPressure, status: "False"}
        - {type: PIDPressure, status: "False"}
        - {type: Ready, status: "True"}
      """
    When I run "kubectl get nodes"
    Then the output contains "node-2   Ready    <none>"

  Scenario: after 40 seconds without a heartbeat the node is unreachable
    When node "node-2" fails
    And 50 seconds pass
    Then the node "node-2" matches:
      """
      spec:
        taints:
        - {key: node.kubernetes.io/unreachable, effect: NoSchedule}
        - {key: node.kubernetes.io/unreachable, effect: NoExecute}
      status:
        conditions:
        - {type: MemoryPressure, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status.}
        - {type: DiskPressure, status: Unknown, reason: NodeStatusUnknown}
        - {type: PIDPressure, status: Unknown, reason: NodeStatusUnknown}
        - {type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status.}
      """
    And the node "node-2" has an event with reason "NodeNotReady" and message "Node node-2 status is now: NodeNotReady"
    And the pod "pinned" matches:
      """
      status:
        phase: Running
        conditions:
        - {type: PodReadyToStartContainers, status: "True"}
        - {type: Initialized, status: "True"}
        - {type: Ready, status: "False"}
        - {type: ContainersReady, status: "True"}
      """
    And the pod "pinned" has an event with reason "NodeNotReady" and message "Node is not ready"
    When I run "kubectl get nodes"
    Then the output contains "node-2   NotReady   <none>"

  Scenario: pods are evicted when their 300s toleration runs out, and replaced elsewhere
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=6"
    And node "node-2" fails
    And 5 minutes pass
    Then there are 6 pods with labels "app=web"
    And the pod "pinned" matches:
      """
      metadata: {deletionTimestamp: null}
      spec:
        tolerations:
        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
      """
    When 45 seconds pass
    Then the pod "pinned" has an event with reason "TaintManagerEviction" and message "Marking for deletion Pod default/pinned"
    And the pod "pinned" matches:
      """
      status:
        conditions:
        - {type: PodReadyToStartContainers, status: "True"}
        - {type: Initialized, status: "True"}
        - {type: Ready, status: "False"}
        - {type: ContainersReady, status: "True"}
        - {type: DisruptionTarget, status: "True", reason: DeletionByTaintManager, message: "Taint manager: deleting due to NoExecute taint"}
      """
    When I run "kubectl get pod pinned"
    Then the output matches "pinned +1/1 +Terminating"
    And the deployment "web" matches:
      """
      status: {replicas: 6, readyReplicas: 6, availableReplicas: 6}
      """
    # the evicted pod stays Terminating: its kubelet cannot confirm the deletion; no running pod is left on node-2
    When I run "kubectl get pods -l app=web -o wide"
    Then the output matches "1/1 +Terminating +0 +\S+ +\S+ +node-2"
    And the output matches "^(?![\s\S]*Running +0 +\S+ +\S+ +node-2)"

  Scenario: a node that recovers in time keeps its pods
    When node "node-2" fails
    And 2 minutes pass
    And node "node-2" recovers
    Then the node "node-2" matches:
      """
      spec: {taints: null}
      status:
        conditions:
        - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory}
        - {type: DiskPressure, status: "False", reason: KubeletHasNoDiskPressure}
        - {type: PIDPressure, status: "False", reason: KubeletHasSufficientPID}
        - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
      """
    And the node "node-2" has an event with reason "NodeReady" and message "Node node-2 status is now: NodeReady"
    And the pod "pinned" has an event with reason "TaintManagerEviction" and message "Cancelling deletion of Pod default/pinned"
    And the pod "pinned" matches:
      """
      status:
        conditions:
        - {type: PodReadyToStartContainers, status: "True"}
        - {type: Initialized, status: "True"}
        - {type: Ready, status: "True"}
        - {type: ContainersReady, status: "True"}
      """
    When 10 minutes pass
    Then the pod "pinned" matches:
      """
      metadata: {deletionTimestamp: null}
      status: {phase: Running}
      """

  Scenario: evicted pods on a recovered node finish terminating
    When node "node-2" fails
    And 6 minutes pass
    Then the pod "pinned" has an event with reason "TaintManagerEviction"
    When node "node-2" recovers
    Then the pod "pinned" does not exist

  Scenario: a replacement that can only run on the failed node stays Pending
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: local
      spec:
        replicas: 1
        selector: {matchLabels: {app: local}}
        template:
          metadata: {labels: {app: local}}
          spec:
            nodeSelector: {kubernetes.io/hostname: node-2}
            containers: [{name: app, image: nginx:1.25}]
      """
    When node "node-2" fails
    And 6 minutes pass
    Then the deployment "local" matches:
      """
      status: {replicas: 1, unavailableReplicas: 1}
      """
    When I run "kubectl get events --field-selector reason=FailedScheduling"
    Then the output contains "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
