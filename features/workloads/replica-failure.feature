@epic:Workloads @story:ReplicaSet
Feature: pods a ReplicaSet cannot create: FailedCreate, ReplicaFailure and slow start
  When the API server refuses a pod (here a ResourceQuota is full), the ReplicaSet controller records a Warning
  `FailedCreate` event with the server's error and sets the condition `ReplicaFailure=True` (reason
  FailedCreate); the Deployment controller copies that condition to the Deployment. The controller retries with
  a back-off, and the condition goes once a sync creates all it needs. It creates in batches of 1, 2, 4, 8, ...
  and stops at the first batch with a failure, so a full quota costs a few refused requests, not one per
  missing pod.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: pod-count}
      spec:
        hard: {pods: "2"}
      """

  @model-only:pod-names-from-the-scenario-seed
  Scenario: a Deployment past the quota reports ReplicaFailure until the quota allows its pods
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=3"
    Then there are 2 pods with labels "app=web"
    And the replicaset "web-68bf9f694d" matches:
      """
      spec: {replicas: 3}
      status:
        replicas: 2
        conditions:
        - type: ReplicaFailure
          status: "True"
          reason: FailedCreate
          message: 'pods "web-68bf9f694d-dmm4x" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2'
      """
    And the replicaset "web-68bf9f694d" has an event with reason "FailedCreate" and message "Error creating: pods \"web-68bf9f694d-"
    And the deployment "web" matches:
      """
      status:
        replicas: 2
        unavailableReplicas: 1
        conditions:
        - {type: Available, status: "False", reason: MinimumReplicasUnavailable}
        - type: ReplicaFailure
          status: "True"
          reason: FailedCreate
          message: 'pods "web-68bf9f694d-dmm4x" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2'
        - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
      """
    When I run "kubectl describe deployment web"
    Then the output contains:
      """
      Conditions:
        Type             Status  Reason
        ----             ------  ------
        Available        False   MinimumReplicasUnavailable
        ReplicaFailure   True    FailedCreate
        Progressing      True    ReplicaSetUpdated
      OldReplicaSets:    <none>
      NewReplicaSet:     web-68bf9f694d (2/3 replicas created)
      """
    When I run:
      """
      kubectl patch resourcequota pod-count -p '{"spec":{"hard":{"pods":"5"}}}'
      """
    Then eventually the deployment "web" matches:
      """
      status:
        replicas: 3
        availableReplicas: 3
        conditions:
        - {type: Available, status: "True", reason: MinimumReplicasAvailable}
        - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
      """
    And the replicaset "web-68bf9f694d" matches:
      """
      status: {replicas: 3, readyReplicas: 3}
      """
    When I run "kubectl get rs web-68bf9f694d -o jsonpath={.status.conditions}"
    Then the output is:
      """
      """

  Scenario: a full quota costs one refused create per sync, not one per missing pod
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: pod-count}
      spec:
        hard: {pods: "0"}
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: frontend}
      spec:
        replicas: 10
        selector: {matchLabels: {tier: frontend}}
        template:
          metadata: {labels: {tier: frontend}}
          spec: {containers: [{name: php, image: "php:8"}]}
      """
    Then there are 0 pods with labels "tier=frontend"
    # two syncs so far: the new ReplicaSet, then its own status update (ReplicaFailure)
    When I run "kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[*].count}"
    Then the output is:
      """
      1 1
      """
    # the workqueue retries after 5 ms, 20 ms, 40 ms, ... (the second sync's 10 ms retry is dropped: a key waits
    # for one time, the earliest, as client-go's delaying queue keeps it); from the 10th different message, 2.5 s
    # in, the recorder folds the events into one
    When 3 seconds pass
    Then the replicaset "frontend" has an event with reason "FailedCreate" and message "(combined from similar events): Error creating: pods \"frontend-"
    And the replicaset "frontend" has condition "ReplicaFailure" with status "True" and reason "FailedCreate"

  @model-only:pod-names-from-the-scenario-seed
  Scenario: slow start: 1 pod, then 2, then a batch of 4 that the quota refuses, and the rest not tried
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: pod-count}
      spec:
        hard: {pods: "3"}
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: frontend}
      spec:
        replicas: 10
        selector: {matchLabels: {tier: frontend}}
        template:
          metadata: {labels: {tier: frontend}}
          spec: {containers: [{name: php, image: "php:8"}]}
      """
    Then there are 3 pods with labels "tier=frontend"
    # the first sync: 1 created, 2 created, 4 refused, 3 not tried; each later sync (its status update, the
    # new pods' updates) starts again with a batch of 1
    When I run "kubectl get events --field-selector involvedObject.kind=ReplicaSet"
    Then the output is:
      """
      LAST SEEN   TYPE      REASON             OBJECT                MESSAGE
      0s          Normal    SuccessfulCreate   replicaset/frontend   Created pod: frontend-g278j
      0s          Normal    SuccessfulCreate   replicaset/frontend   Created pod: frontend-mv2v7
      0s          Normal    SuccessfulCreate   replicaset/frontend   Created pod: frontend-c5vmp
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-p59fn" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-nfk6z" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-t76fq" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-whqv8" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-4z2ht" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-4l8v8" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      0s          Warning   FailedCreate       replicaset/frontend   Error creating: pods "frontend-bkbz8" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=3, limited: pods=3
      """
