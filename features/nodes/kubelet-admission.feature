@epic:Nodes @story:KubeletAdmission
Feature: the kubelet rejects a pod bound to a node it does not fit
  A pod whose spec.nodeName is set skips the scheduler; the node's kubelet admits it only if it fits beside the
  pods it already runs (pkg/kubelet/lifecycle/predicate.go). A rejected pod fails at once: phase Failed, the
  reason OutOfcpu, OutOfmemory, OutOfpods, ... or the predicate's name, the kubelet's message, a Warning event,
  and no container ever starts.

  Background:
    Given a cluster with nodes:
      | name   | cpu | memory | pods |
      | node-1 | 2   | 4Gi    | 3    |

  Scenario: a pod that asks for more CPU than the node has left
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: first}
      spec:
        nodeName: node-1
        containers:
        - {name: app, image: nginx, resources: {requests: {cpu: 1500m}}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: second}
      spec:
        nodeName: node-1
        containers:
        - {name: app, image: nginx, resources: {requests: {cpu: "1"}}}
      """
    Then the pod "second" matches:
      """
      status:
        phase: Failed
        reason: OutOfcpu
        message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000"
      """
    And the pod "second" has an event with reason "OutOfcpu" and message "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000"
    When I run "kubectl get pods"
    Then the output is:
      """
      NAME     READY   STATUS     RESTARTS   AGE
      first    1/1     Running    0          0s
      second   0/1     OutOfcpu   0          0s
      """

  Scenario: memory, and the node's pod count
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: hungry}
      spec:
        nodeName: node-1
        containers:
        - {name: app, image: nginx, resources: {requests: {memory: 5Gi}}}
      """
    Then the pod "hungry" matches:
      """
      status: {phase: Failed, reason: OutOfmemory, message: "Pod was rejected: Node didn't have enough resource: memory, requested: 5368709120, used: 0, capacity: 4294967296"}
      """
    When I run "kubectl run a --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node-1\"}}'"
    And I run "kubectl run b --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node-1\"}}'"
    And I run "kubectl run c --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node-1\"}}'"
    And I run "kubectl run d --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node-1\"}}'"
    Then the pod "d" matches:
      """
      status: {phase: Failed, reason: OutOfpods, message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3"}
      """

  Scenario: the node's labels still apply to a pod bound by name
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: ssd-only}
      spec:
        nodeName: node-1
        nodeSelector: {disktype: ssd}
        containers:
        - {name: app, image: nginx}
      """
    Then the pod "ssd-only" matches:
      """
      status: {phase: Failed, reason: NodeAffinity, message: "Pod was rejected: Predicate NodeAffinity failed"}
      """
    When I run "kubectl get pod ssd-only"
    Then the output is:
      """
      NAME       READY   STATUS         RESTARTS   AGE
      ssd-only   0/1     NodeAffinity   0          0s
      """
