@epic:Config @story:ResourceQuota
Feature: ResourceQuota scopes and quota checks on updates
  A quota with scopes counts only the pods that match all of them: Terminating pods have an
  activeDeadlineSeconds, BestEffort pods state no cpu or memory, and a scopeSelector can pick pods by their
  PriorityClass. A claim resized past the namespace's requests.storage is refused like a new one.

  Scenario: a BestEffort quota limits only the pods without requests or limits
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: best-effort}
      spec:
        hard: {pods: "1"}
        scopes: [BestEffort]
      """
    When I run "kubectl run first --image=nginx"
    And I run "kubectl run second --image=nginx"
    Then the command fails with "pods \"second\" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: sized}
      spec:
        containers:
        - name: app
          image: nginx
          resources: {requests: {cpu: 100m}}
      """
    Then the resourcequota "best-effort" matches:
      """
      status: {used: {pods: "1"}}
      """
    When I run "kubectl describe quota best-effort"
    Then the output is:
      """
      Name:       best-effort
      Namespace:  default
      Scopes:     BestEffort
       * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
      Resource  Used  Hard
      --------  ----  ----
      pods      1     1
      """

  Scenario: a Terminating quota counts the pods with an active deadline
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: short-lived}
      spec:
        hard: {pods: "5"}
        scopes: [Terminating]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: batch}
      spec:
        activeDeadlineSeconds: 600
        containers: [{name: app, image: busybox}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: server}
      spec:
        containers: [{name: app, image: nginx}]
      """
    Then the resourcequota "short-lived" matches:
      """
      status: {used: {pods: "1"}}
      """

  Scenario: a scopeSelector limits the pods of one PriorityClass
    Given the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
      ---
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: high-priority}
      spec:
        hard: {pods: "1"}
        scopeSelector:
          matchExpressions:
          - {scopeName: PriorityClass, operator: In, values: [high]}
      """
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: urgent}
      spec:
        priorityClassName: high
        containers: [{name: app, image: nginx}]
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: urgent-too}
      spec:
        priorityClassName: high
        containers: [{name: app, image: nginx}]
      """
    Then the command fails with "pods \"urgent-too\" is forbidden: exceeded quota: high-priority, requested: pods=1, used: pods=1, limited: pods=1"
    When I run "kubectl run ordinary --image=nginx"
    Then the command succeeds

  Scenario: resizing a claim past requests.storage exceeds the quota
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: storage}
      spec:
        hard: {requests.storage: 3Gi}
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: expandable}
      provisioner: hostpath.csi.k8s.io
      allowVolumeExpansion: true
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        storageClassName: expandable
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 2Gi}}
      """
    And eventually the pvc "data" matches:
      """
      status: {phase: Bound}
      """
    When I run:
      """
      kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"4Gi"}}}}'
      """
    Then the command fails with "Error from server (Forbidden): persistentvolumeclaims \"data\" is forbidden: exceeded quota: storage, requested: requests.storage=2Gi, used: requests.storage=2Gi, limited: requests.storage=3Gi"
    When I run:
      """
      kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'
      """
    Then the command succeeds
    And the resourcequota "storage" matches:
      """
      status: {used: {requests.storage: 3Gi}}
      """

  Scenario: a BestEffort quota can only count pods, and opposite scopes conflict
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: odd}
      spec:
        hard: {pods: "5", requests.cpu: "1"}
        scopes: [BestEffort]
      """
    Then the command fails with "The ResourceQuota \"odd\" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\"}: unsupported scope applied to resource"
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: odd}
      spec:
        hard: {pods: "5"}
        scopes: [Terminating, NotTerminating]
      """
    Then the command fails with "The ResourceQuota \"odd\" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{\"Terminating\", \"NotTerminating\"}: conflicting scopes"
