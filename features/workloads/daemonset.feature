@epic:Workloads @story:DaemonSet
Feature: fluentd, a DaemonSet that runs one pod on every node
  A DaemonSet keeps exactly one pod on each node that should run it: its nodeSelector and required node
  affinity match the node and its tolerations, with those the controller adds for node conditions, cover the
  node's taints. Each pod is pinned to its node by node affinity on metadata.name and bound by the scheduler.

  Background:
    Given a cluster with 3 nodes

  @severity:critical
  Scenario: one pod on every node, pinned by node affinity
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: fluentd}
      spec:
        selector: {matchLabels: {name: fluentd}}
        template:
          metadata: {labels: {name: fluentd}}
          spec:
            containers: [{name: fluentd, image: "fluentd:v1.16"}]
      """
    Then there are 3 pods with labels "name=fluentd"
    And the daemonset "fluentd" matches:
      """
      metadata: {annotations: {deprecated.daemonset.template.generation: "1"}}
      spec:
        updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}
        revisionHistoryLimit: 10
      status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1}
      """
    When I run "kubectl get daemonset"
    Then the output is:
      """
      NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
      fluentd   3         3         3       3            3           <none>          0s
      """
    When I run "kubectl get pods -l name=fluentd --field-selector spec.nodeName=node-2 -o jsonpath={.items[0].spec.affinity.nodeAffinity}"
    Then the output is:
      """
      {"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["node-2"]}]}]}}
      """
    When I run "kubectl get pods -l name=fluentd --field-selector spec.nodeName=node-2 -o jsonpath={.items[0].spec.tolerations[*].key}"
    Then the output is:
      """
      node.kubernetes.io/not-ready node.kubernetes.io/unreachable node.kubernetes.io/disk-pressure node.kubernetes.io/memory-pressure node.kubernetes.io/pid-pressure node.kubernetes.io/unschedulable
      """
    And the daemonset "fluentd" has an event with reason "SuccessfulCreate" and message "Created pod: fluentd-"

  Scenario: a nodeSelector limits the DaemonSet to the nodes it matches
    Given a cluster with nodes:
      | name   | labels       |
      | node-1 | disk=ssd     |
      | node-2 | disk=ssd     |
      | node-3 | disk=hdd     |
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: ssd-monitor}
      spec:
        selector: {matchLabels: {app: ssd-monitor}}
        template:
          metadata: {labels: {app: ssd-monitor}}
          spec:
            nodeSelector: {disk: ssd}
            containers: [{name: main, image: "monitor:1"}]
      """
    Then there are 2 pods with labels "app=ssd-monitor"
    When I run "kubectl get ds ssd-monitor"
    Then the output is:
      """
      NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
      ssd-monitor   2         2         2       2            2           disk=ssd        0s
      """
    When I run "kubectl label node node-3 disk=ssd --overwrite"
    Then there are 3 pods with labels "app=ssd-monitor"
    When I run "kubectl label node node-1 disk=hdd --overwrite"
    Then there are 2 pods with labels "app=ssd-monitor"
    And the daemonset "ssd-monitor" matches:
      """
      status: {desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0}
      """

  Scenario: a tainted node runs the pod only if the DaemonSet tolerates the taint; cordoned nodes still do
    Given a cluster with nodes:
      | name   | taints                 |
      | node-1 |                        |
      | node-2 | dedicated=gpu:NoSchedule |
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    Then there are 1 pods with labels "app=agent"
    And the daemonset "agent" matches:
      """
      status: {desiredNumberScheduled: 1}
      """
    When I run "kubectl cordon node-1"
    And node "node-3" joins the cluster
    Then there are 2 pods with labels "app=agent"
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]
            containers: [{name: main, image: "agent:1"}]
      """
    Then there are 3 pods with labels "app=agent"

  Scenario: a node that joins gets its pod, a node that is removed loses it
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    And node "node-4" joins the cluster
    Then there are 4 pods with labels "app=agent"
    When I run "kubectl get pods -l app=agent --field-selector spec.nodeName=node-4 -o jsonpath={.items[0].status.phase}"
    Then the output is:
      """
      Running
      """
    When node "node-2" is removed
    And 1 minute passes
    Then there are 3 pods with labels "app=agent"
    And the daemonset "agent" matches:
      """
      status: {desiredNumberScheduled: 3, currentNumberScheduled: 3}
      """

  Scenario: a rolling update replaces one node's pod at a time (maxUnavailable 1)
    Given the image "agent:2" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    And I run "kubectl set image daemonset/agent main=agent:2"
    Then the daemonset "agent" matches:
      """
      metadata: {annotations: {deprecated.daemonset.template.generation: "2"}}
      status: {desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 2, numberUnavailable: 1}
      """
    When 10 seconds pass
    Then the daemonset "agent" matches:
      """
      status: {updatedNumberScheduled: 2, numberAvailable: 2}
      """
    When 20 seconds pass
    Then the daemonset "agent" matches:
      """
      status: {updatedNumberScheduled: 3, numberAvailable: 3}
      """
    And there are 2 controllerrevisions with labels "app=agent"

  Scenario: maxSurge starts the new pod before the old one goes
    Given the image "agent:2" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        updateStrategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    And 10 seconds pass
    And I run "kubectl set image daemonset/agent main=agent:2"
    Then there are 4 pods with labels "app=agent"
    And the daemonset "agent" matches:
      """
      status: {numberAvailable: 3}
      """
    When 30 seconds pass
    Then there are 3 pods with labels "app=agent"
    And the daemonset "agent" matches:
      """
      status: {updatedNumberScheduled: 3, numberAvailable: 3}
      """

  Scenario: OnDelete updates a node's pod only when it is deleted
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        updateStrategy: {type: OnDelete}
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    And I run "kubectl set image daemonset/agent main=agent:2"
    Then the daemonset "agent" matches:
      """
      status: {desiredNumberScheduled: 3, numberAvailable: 3}
      """
    When I run "kubectl get ds agent"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
      agent   3         3         3       0            3           <none>          0s
      """
    When I delete one pod of daemonset "agent"
    Then there are 3 pods with labels "app=agent"
    And the daemonset "agent" matches:
      """
      status: {updatedNumberScheduled: 1}
      """

  Scenario: kubectl rollout status, history and undo for a DaemonSet
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: main, image: "agent:1"}]
      """
    And I run "kubectl rollout status daemonset/agent"
    Then the output is:
      """
      daemon set "agent" successfully rolled out
      """
    When I run:
      """
      kubectl set image daemonset/agent main=agent:2
      kubectl rollout history daemonset/agent
      """
    Then the output is:
      """
      daemonset.apps/agent
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      """
    When I run "kubectl rollout undo daemonset/agent"
    Then the output is:
      """
      daemonset.apps/agent rolled back
      """
    And there are 3 pods with labels "app=agent"
    When I run "kubectl get pods -l app=agent -o jsonpath={.items[*].spec.containers[0].image}"
    Then the output is:
      """
      agent:1 agent:1 agent:1
      """
