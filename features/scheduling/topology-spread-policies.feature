@epic:Scheduling @story:PodTopologySpread
Feature: which pods and nodes a topology spread constraint counts
  matchLabelKeys adds the pod's own values of those labels to the constraint's labelSelector, so a canary or a
  new revision spreads on its own instead of being counted with the other pods. nodeAffinityPolicy (default
  Honor) and nodeTaintsPolicy (default Ignore) say whether nodes that the pod's node affinity rules out, or
  whose taints it does not tolerate, still count as domains: a domain that counts but can never get a pod holds
  the others back.

  Scenario: with matchLabelKeys the canary spreads over the nodes on its own
    Given a cluster with 2 nodes
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-stable
      spec:
        replicas: 2
        selector: {matchLabels: {app: web, track: stable}}
        template:
          metadata: {labels: {app: web, track: stable}}
          spec:
            nodeSelector: {kubernetes.io/hostname: node-1}
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-canary
      spec:
        replicas: 2
        selector: {matchLabels: {app: web, track: canary}}
        template:
          metadata: {labels: {app: web, track: canary}}
          spec:
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: kubernetes.io/hostname
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: web}}
              matchLabelKeys: [track]
            containers: [{name: web, image: nginx:1.26}]
      """
    Then the deployment "web-canary" matches:
      """
      status: {readyReplicas: 2}
      """
    When I run "kubectl get pods -l track=canary -o wide"
    Then the output contains "node-1"
    And the output contains "node-2"

  Scenario: a tainted node holds the spread back unless nodeTaintsPolicy is Honor
    Given a cluster with nodes:
      | name   | taints                  |
      | node-1 |                         |
      | node-2 |                         |
      | node-3 | dedicated=gpu:NoSchedule |
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
              topologyKey: kubernetes.io/hostname
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: api}}
            containers: [{name: api, image: nginx:1.25}]
      """
    Then the deployment "api" matches:
      """
      status: {replicas: 4, readyReplicas: 2}
      """
    When I run "kubectl get pods -l app=api --field-selector=status.phase=Pending -o name"
    Then the output matches "^pod/api-\S+\npod/api-\S+$"
    When I run:
      """
      kubectl patch deployment api --type=json -p '[{"op":"add","path":"/spec/template/spec/topologySpreadConstraints/0/nodeTaintsPolicy","value":"Honor"}]'
      """
    Then eventually the deployment "api" matches:
      """
      status: {replicas: 4, readyReplicas: 4, updatedReplicas: 4}
      """
    When I run "kubectl get pods -l app=api -o wide"
    Then the output does not contain "node-3"

  Scenario: with nodeAffinityPolicy Ignore, nodes the pod may not use still count
    Given a cluster with nodes:
      | name   | labels   |
      | node-1 | disk=ssd |
      | node-2 | disk=ssd |
      | node-3 |          |
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: db
      spec:
        replicas: 3
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            nodeSelector: {disk: ssd}
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: kubernetes.io/hostname
              whenUnsatisfiable: DoNotSchedule
              labelSelector: {matchLabels: {app: db}}
              nodeAffinityPolicy: Ignore
            containers: [{name: db, image: postgres:16}]
      """
    Then the deployment "db" matches:
      """
      status: {replicas: 3, readyReplicas: 2}
      """
    When I run "kubectl get pods -l app=db --field-selector=status.phase=Pending -o name"
    And I run "kubectl describe pods -l app=db"
    Then the output contains "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod topology spread constraints."

  Scenario: the apiserver checks the policies and matchLabelKeys
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: bad
        labels: {app: web}
      spec:
        topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [app]
          nodeTaintsPolicy: Always
        containers: [{name: web, image: nginx:1.25}]
      """
    Then the command fails with 'The Pod "bad" is invalid: '
    And the command fails with 'spec.topologySpreadConstraints[0].nodeTaintsPolicy: Unsupported value: "Always": supported values: "Honor", "Ignore"'
    And the command fails with 'spec.topologySpreadConstraints[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector'
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: bad
      spec:
        topologySpreadConstraints:
        - maxSkew: 0
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          minDomains: 2
          matchLabelKeys: [pod-template-hash]
        containers: [{name: web, image: nginx:1.25}]
      """
    Then the command fails with "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"
    And the command fails with "spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"
    And the command fails with "spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"
