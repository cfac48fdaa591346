@epic:Scheduling @story:PodTopologySpread
Feature: replicas spread over nodes and zones
  With no constraints of its own, a Deployment's pods are spread by the scheduler's default constraints (at most
  3 apart per node, 5 per zone, as preferences). A pod's own topologySpreadConstraints with DoNotSchedule are
  rules: a pod that would make the skew larger than maxSkew does not go there.

  @severity:critical
  Scenario: the default constraints spread a Deployment evenly over the nodes
    Given a cluster with 3 nodes
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=6"
    Then there are 6 pods with labels "app=web"
    When I run "kubectl get pods -l app=web -o wide"
    Then the output matches "(node-1[\s\S]*){2}"
    And the output matches "(node-2[\s\S]*){2}"
    And the output matches "(node-3[\s\S]*){2}"

  Scenario: maxSkew 1 over zones with DoNotSchedule
    Given a cluster with nodes:
      | name   | labels                               |
      | node-1 | topology.kubernetes.io/zone=zone-a   |
      | node-2 | topology.kubernetes.io/zone=zone-a   |
      | node-3 | topology.kubernetes.io/zone=zone-b   |
      | node-4 |                                      |
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: 4
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: topology.kubernetes.io/zone
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: api}}
            containers: [{name: api, image: nginx:1.25}]
      """
    Then the deployment "api" matches:
      """
      status: {replicas: 4, readyReplicas: 4}
      """
    When I run "kubectl get pods -l app=api -o wide"
    Then the output does not contain "node-4"
    And the output matches "node-3[\s\S]*node-3"
    # zone-b takes no more pods: the next two must go to zone-a, and only one may
    When I run "kubectl taint nodes node-3 maintenance:NoSchedule"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: extra-1
        labels: {app: api}
      spec:
        topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: api}}
        containers: [{name: api, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: extra-2
        labels: {app: api}
      spec:
        topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: api}}
        containers: [{name: api, image: nginx:1.25}]
      """
    Then the pod "extra-1" matches:
      """
      status: {phase: Running}
      """
    And the pod "extra-2" matches:
      """
      spec: {nodeName: null}
      status: {phase: Pending}
      """
    And the pod "extra-2" has an event with reason "FailedScheduling" and message "0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) had untolerated taint {maintenance: }, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
