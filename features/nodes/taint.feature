@epic:Nodes @story:Taints
Feature: taints keep pods off nodes unless the pods tolerate them
  `kubectl taint` adds `key=value:Effect` and removes `key:Effect-` or `key-`. NoSchedule keeps new pods away,
  PreferNoSchedule only lowers the node's score, and NoExecute also evicts the pods already running there that
  do not tolerate it.

  Background:
    Given a cluster with 2 nodes

  @severity:critical
  Scenario: NoSchedule taints send pods elsewhere; a toleration lets them in
    When I run "kubectl taint nodes node-1 dedicated=gpu:NoSchedule"
    Then the output is:
      """
      node/node-1 tainted
      """
    And the node "node-1" matches:
      """
      spec:
        taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
      """
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=4"
    Then there are 4 pods with labels "app=web"
    When I run "kubectl get pods -l app=web -o wide"
    Then the output does not contain "node-1"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: trainer
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        tolerations:
        - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
        containers: [{name: app, image: nginx:1.25}]
      """
    Then the pod "trainer" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
    When I run "kubectl describe node node-1"
    Then the output contains "Taints:             dedicated=gpu:NoSchedule"

  Scenario: a pod that tolerates nothing is told which taint stopped it
    When I run:
      """
      kubectl taint nodes node-1 dedicated=gpu:NoSchedule
      kubectl taint nodes node-2 maintenance:NoSchedule
      """
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: plain
      spec:
        containers: [{name: app, image: nginx:1.25}]
      """
    Then the pod "plain" has an event with reason "FailedScheduling" and message "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {maintenance: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    When I run "kubectl taint nodes node-2 maintenance:NoSchedule-"
    Then the output is:
      """
      node/node-2 untainted
      """
    And eventually the pod "plain" matches:
      """
      spec: {nodeName: node-2}
      """

  Scenario: NoExecute evicts the pods already on the node that do not tolerate it
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: stays
      spec:
        nodeName: node-1
        tolerations: [{key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]
        containers: [{name: app, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: goes
      spec:
        nodeName: node-1
        containers: [{name: app, image: nginx:1.25}]
      """
    When I run "kubectl taint nodes node-1 maintenance=now:NoExecute"
    Then the pod "goes" does not exist
    And the pod "goes" has an event with reason "TaintManagerEviction" and message "Marking for deletion Pod default/goes"
    And the pod "stays" matches:
      """
      status: {phase: Running}
      """
    When 59 seconds pass
    Then the pod "stays" matches:
      """
      metadata: {deletionTimestamp: null}
      """
    When 1 second passes
    Then the pod "stays" does not exist

  Scenario: errors as kubectl reports them
    When I run "kubectl taint nodes node-1 dedicated=gpu:NoSchedule"
    And I run "kubectl taint nodes node-1 dedicated=cpu:NoSchedule"
    Then the command fails with "error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false"
    When I run "kubectl taint nodes node-1 dedicated=cpu:NoSchedule --overwrite"
    Then the output is:
      """
      node/node-1 modified
      """
    When I run "kubectl taint nodes node-1 missing:NoSchedule-"
    Then the command fails with "error: taint \"missing:NoSchedule\" not found"
    When I run "kubectl taint nodes node-1 dedicated=gpu:Sometimes"
    Then the command fails with "error: invalid taint effect: Sometimes, unsupported taint effect"
    When I run "kubectl taint nodes node-1"
    Then the command fails with "error: at least one taint update is required"
    When I run "kubectl taint pods web a=b:NoSchedule"
    Then the command fails with "error: invalid resource type pods, only node types are supported"
    When I run "kubectl taint nodes node-7 a=b:NoSchedule"
    Then the command fails with "Error from server (NotFound): nodes \"node-7\" not found"
    When I run "kubectl taint nodes node-1 dedicated-"
    Then the output is:
      """
      node/node-1 untainted
      """
    And the node "node-1" matches:
      """
      spec: {taints: null}
      """
