@epic:Nodes @story:Maintenance
Feature: PodDisruptionBudgets limit voluntary disruptions
  A PodDisruptionBudget says how many of an application's pods must stay up (minAvailable) or may be down
  (maxUnavailable). The disruption controller counts the healthy pods and writes how many disruptions are
  allowed; the Eviction API, which `kubectl drain` uses, refuses an eviction that would take the budget below
  zero with 429 TooManyRequests, and drain retries every 5 seconds until the budget allows it or its --timeout
  passes. The scheduler's preemption prefers victims whose budgets allow the disruption.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: nginx, image: nginx:1.25}]
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
      spec:
        minAvailable: 2
        selector: {matchLabels: {app: web}}
      """

  @severity:critical
  Scenario: the disruption controller counts the healthy pods against the budget
    Then the poddisruptionbudget "web" matches:
      """
      status:
        expectedPods: 3
        currentHealthy: 3
        desiredHealthy: 2
        disruptionsAllowed: 1
        observedGeneration: 1
        conditions: [{type: DisruptionAllowed, status: "True", reason: SufficientPods}]
      """
    When I run "kubectl get pdb"
    Then the output is:
      """
      NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
      web    2               N/A               1                     0s
      """
    When I run "kubectl scale deployment web --replicas=2"
    Then the pdb "web" matches:
      """
      status:
        expectedPods: 2
        currentHealthy: 2
        disruptionsAllowed: 0
        conditions: [{type: DisruptionAllowed, status: "False", reason: InsufficientPods}]
      """
    When I run "kubectl describe pdb web"
    Then the output contains:
      """
      Name:           web
      Namespace:      default
      Min available:  2
      Selector:       app=web
      Status:
          Allowed disruptions:  0
          Current:              2
          Desired:              2
          Total:                2
      """

  @severity:critical
  Scenario: draining two nodes waits for the budget between evictions
    Given the image "nginx:1.25" takes 10s to start
    When I run "kubectl drain node-1"
    Then the command succeeds
    And the pdb "web" matches:
      """
      status: {currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0}
      """
    # the replacement pod is still starting, so the budget allows no more disruption until it is Ready
    When I run "kubectl drain node-2"
    Then the command succeeds
    # the refused pod is evicted again every 5 seconds (kubectl's own clock) until the budget allows it
    And the output matches "evicting pod default/(web-\S+)\n(.*\n)*evicting pod default/\1\n(.*\n)*pod/\1 evicted\nnode/node-2 drained$"
    And the error output contains "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."
    And the error output contains "error when evicting pods/\"web-"
    And eventually the deployment "web" matches:
      """
      status: {readyReplicas: 3}
      """
    And there are 3 pods with labels "app=web"

  Scenario: drain gives up when the budget never allows the eviction
    When I run:
      """
      kubectl patch pdb web --type=merge -p '{"spec":{"minAvailable":3}}'
      """
    Then the pdb "web" matches:
      """
      metadata: {generation: 2}
      status: {observedGeneration: 2, desiredHealthy: 3, disruptionsAllowed: 0}
      """
    When I run "kubectl drain node-1 --timeout=12s"
    Then the command fails with "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."
    And the command fails with "There are pending pods in node \"node-1\" when an error occurred: error when evicting pods/\"web-"
    And the command fails with "global timeout reached: 12s"
    And the command fails with "error: unable to drain node \"node-1\" due to error:error when evicting pods/\"web-"
    And the output matches "^node/node-1 cordoned(\nevicting pod default/web-\S+){4}$"
    And there are 3 pods with labels "app=web"

  Scenario: a budget with maxUnavailable, made with kubectl create
    When I run "kubectl delete pdb web"
    And I run "kubectl create pdb web --selector=app=web --max-unavailable=34%"
    Then the output is:
      """
      poddisruptionbudget.policy/web created
      """
    And the pdb "web" matches:
      """
      spec: {maxUnavailable: 34%, selector: {matchLabels: {app: web}}}
      status: {expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2}
      """
    When I run "kubectl create pdb other --selector=app=web --min-available=1 --max-unavailable=1"
    Then the command fails with "error: min-available and max-unavailable cannot be both specified"

  Scenario: a pod two budgets select cannot be evicted
    Given the manifest:
      """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web-too
      spec:
        maxUnavailable: 1
        selector: {matchLabels: {app: web}}
      """
    When I run "kubectl drain node-1"
    Then the command fails with "error when evicting pods/\"web-"
    And the command fails with "\" -n \"default\": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."

  Scenario: the budget's fields are checked as the API server checks them
    When I try to apply the manifest:
      """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: strict
      spec:
        minAvailable: 2
        maxUnavailable: 150%
        unhealthyPodEvictionPolicy: Sometimes
        selector: {matchLabels: {app: web}}
      """
    Then the command fails with "The PodDisruptionBudget \"strict\" is invalid:"
    And the command fails with "* spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc0"
    And the command fails with "minAvailable and maxUnavailable cannot be both set"
    And the command fails with "* spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%"
    And the command fails with "* spec.unhealthyPodEvictionPolicy: Unsupported value: \"Sometimes\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\""

  Scenario: preemption spares the pod whose budget allows no disruption
    Given a cluster with nodes:
      | name   | cpu |
      | node-1 | 1   |
      | node-2 | 1   |
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
        labels: {app: cache}
      spec:
        nodeName: node-1
        containers: [{name: redis, image: redis:7, resources: {requests: {cpu: "1"}}}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
        labels: {app: batch}
      spec:
        nodeName: node-2
        containers: [{name: worker, image: busybox:1.36, resources: {requests: {cpu: "1"}}}]
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: cache
      spec:
        minAvailable: 1
        selector: {matchLabels: {app: cache}}
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high-priority
      value: 1000000
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: critical
      spec:
        priorityClassName: high-priority
        containers: [{name: app, image: nginx:1.25, resources: {requests: {cpu: "1"}}}]
      """
    Then the pod "critical" matches:
      """
      status: {nominatedNodeName: node-2}
      """
    And the pod "batch" has an event with reason "Preempted"
    And the pod "cache" matches:
      """
      spec: {nodeName: node-1}
      status: {phase: Running}
      """
