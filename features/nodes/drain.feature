@epic:Nodes @story:Maintenance
Feature: cordon and drain a node for maintenance
  `kubectl cordon` marks a node unschedulable (the node lifecycle controller adds the unschedulable taint);
  `kubectl drain` cordons it and evicts its pods through the Eviction API, refusing pods that would be lost:
  pods no controller would recreate, pods with emptyDir data, and DaemonSet pods.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            nodeSelector: {kubernetes.io/hostname: node-1}
            containers: [{name: nginx, image: nginx:1.25}]
      """

  @severity:critical
  Scenario: cordon keeps new pods off the node and shows SchedulingDisabled
    When I run "kubectl cordon node-1"
    Then the output is:
      """
      node/node-1 cordoned
      """
    And the node "node-1" matches:
      """
      spec:
        unschedulable: true
        taints: [{key: node.kubernetes.io/unschedulable, effect: NoSchedule}]
      """
    When I run "kubectl get nodes"
    Then the output matches "node-1 +Ready,SchedulingDisabled +<none>"
    When I run "kubectl scale deployment web --replicas=2"
    Then there are 2 pods with labels "app=web"
    And the deployment "web" matches:
      """
      status: {replicas: 2, readyReplicas: 1}
      """
    When I run "kubectl cordon node-1"
    Then the output is:
      """
      node/node-1 already cordoned
      """
    When I run "kubectl uncordon node-1"
    Then the output is:
      """
      node/node-1 uncordoned
      """
    And the node "node-1" matches:
      """
      spec: {unschedulable: null, taints: null}
      """
    And eventually the deployment "web" matches:
      """
      status: {replicas: 2, readyReplicas: 2}
      """

  Scenario: drain evicts the pods; a Deployment recreates them where they may go
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: 1
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            nodeSelector: {kubernetes.io/hostname: node-1}
            containers: [{name: api, image: nginx:1.25}]
      """
    When I run "kubectl drain node-1"
    Then the command succeeds
    # kubectl evicts each pod in a goroutine of its own: the two pods' lines come in either order
    And the output matches "^node/node-1 cordoned\n(evicting pod default/(api|web)-\S+\n){2}(pod/(api|web)-\S+ evicted\n){2}node/node-1 drained$"
    And the output contains "evicting pod default/api-"
    And the output contains "evicting pod default/web-"
    When I run "kubectl get pods -o wide"
    Then the output matches "web-\S+ +0/1 +Pending"
    And the output does not contain "Terminating"
    When I run "kubectl get events --field-selector reason=FailedScheduling"
    Then the output contains "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector."

  Scenario: drain refuses a pod that no controller would recreate, and --force deletes it
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: lonely
      spec:
        nodeName: node-1
        containers: [{name: app, image: nginx:1.25}]
      """
    When I run "kubectl drain node-1"
    Then the command fails
    And the output is:
      """
      node/node-1 cordoned
      """
    And the error output is:
      """
      error: unable to drain node "node-1" due to error:cannot delete cannot delete Pods that declare no controller (use --force to override): default/lonely, continuing command...
      There are pending nodes to be drained:
       node-1
      cannot delete cannot delete Pods that declare no controller (use --force to override): default/lonely
      """
    When I run "kubectl drain node-1 --force"
    Then the command succeeds
    And the output contains:
      """
      node/node-1 already cordoned
      """
    And the output contains "evicting pod default/lonely"
    And the output contains "pod/lonely evicted"
    And the pod "lonely" does not exist

  Scenario: pods with emptyDir data need --delete-emptydir-data
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
      spec:
        nodeName: node-1
        volumes: [{name: scratch, emptyDir: {}}]
        containers: [{name: app, image: nginx:1.25, volumeMounts: [{name: scratch, mountPath: /cache}]}]
      """
    When I run "kubectl drain node-1 --force"
    Then the command fails
    And the error output is:
      """
      error: unable to drain node "node-1" due to error:cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache, continuing command...
      There are pending nodes to be drained:
       node-1
      cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache
      """
    When I run "kubectl drain node-1 --force --delete-emptydir-data"
    Then the command succeeds
    And the output contains "pod/cache evicted"
    And the output contains "node/node-1 drained"

  Scenario: draining a node that does not exist
    When I run "kubectl drain node-9"
    Then the command fails with "Error from server (NotFound): nodes \"node-9\" not found"
    When I run "kubectl drain"
    Then the command fails with "error: USAGE: drain NODE [flags]"
