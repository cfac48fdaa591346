@epic:Scheduling @story:NodeAffinity
Feature: node affinity terms on the node's name, and terms that cannot match
  A required node affinity term may select nodes by field: `matchFields` on `metadata.name`, with one value for
  In or NotIn (what the DaemonSet controller writes). The API server refuses any other form with validation's
  messages. A term whose expression does not parse as a label requirement (a NotIn value that is no label value)
  passes v1.30's validation but matches no node, so the scheduler leaves the pod Pending.

  Background:
    Given a cluster with 3 nodes

  Scenario: a pod pinned to a node by name through node affinity
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: pinned}
      spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchFields:
                - {key: metadata.name, operator: In, values: [node-2]}
        containers:
        - {name: app, image: nginx}
      """
    Then the pod "pinned" matches:
      """
      spec: {nodeName: node-2}
      status: {phase: Running}
      """

  Scenario: a matchFields term with two names is refused
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: two}
      spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchFields:
                - {key: metadata.name, operator: In, values: [node-1, node-2]}
        containers:
        - {name: app, image: nginx}
      """
    Then the command fails with "The Pod \"two\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"

  Scenario: a NotIn term whose value is no label value matches no node
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: unmatched}
      spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: disktype, operator: NotIn, values: ["spinning disk"]}
        containers:
        - {name: app, image: nginx}
      """
    Then the pod "unmatched" matches:
      """
      status:
        phase: Pending
        conditions: [{type: PodScheduled, status: "False", reason: Unschedulable}]
      """
    And the pod "unmatched" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
