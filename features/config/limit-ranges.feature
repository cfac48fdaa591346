@epic:Config @story:LimitRange
Feature: LimitRange items for containers, pods and claims
  A LimitRange's Container items bound each container, Pod items bound the sum over the pod's containers, and
  PersistentVolumeClaim items bound the storage a claim requests. maxLimitRequestRatio caps how far a limit may
  exceed its request. The LimitRanger admission plugin refuses what falls outside, with its own messages.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: LimitRange
      metadata: {name: bounds}
      spec:
        limits:
        - type: Container
          maxLimitRequestRatio: {cpu: "2"}
        - type: Pod
          max: {cpu: "1", memory: 1Gi}
        - type: PersistentVolumeClaim
          min: {storage: 1Gi}
          max: {storage: 5Gi}
      """

  Scenario: a pod's containers together may not pass the Pod item's max
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: pair}
      spec:
        containers:
        - name: app
          image: nginx
          resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {cpu: 600m, memory: 512Mi}}
        - name: sidecar
          image: busybox
          resources: {requests: {cpu: 400m, memory: 256Mi}, limits: {cpu: 500m, memory: 768Mi}}
      """
    Then the command fails with "pods \"pair\" is forbidden: [maximum cpu usage per Pod is 1, but limit is 1100m, maximum memory usage per Pod is 1Gi, but limit is 1280Mi]"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: pair}
      spec:
        containers:
        - name: app
          image: nginx
          resources: {requests: {cpu: 300m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
        - name: sidecar
          image: busybox
          resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
      """
    Then the pod "pair" matches:
      """
      status: {phase: Running}
      """

  Scenario: a limit more than twice its request breaks the ratio
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: greedy}
      spec:
        containers:
        - name: app
          image: nginx
          resources: {requests: {cpu: 100m}, limits: {cpu: 400m, memory: 128Mi}}
      """
    Then the command fails with "pods \"greedy\" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000"
    When I run "kubectl run bare --image=nginx"
    Then the command fails with "pods \"bare\" is forbidden: [cpu max limit to request ratio per Container is 2, but no request is specified or request is 0, maximum cpu usage per Pod is 1.  No limit is specified, maximum memory usage per Pod is 1Gi.  No limit is specified]"

  Scenario: a claim's storage request must lie between min and max, when created and when resized
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: tiny}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 500Mi}}
      """
    Then the command fails with "persistentvolumeclaims \"tiny\" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"
    Given the manifest:
      """
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
      kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"8Gi"}}}}'
      """
    Then the command fails with "Error from server (Forbidden): persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 8Gi"

  Scenario: kubectl describe limitrange lists each item's bounds
    When I run "kubectl describe limitrange bounds"
    Then the output contains:
      """
      Name:                  bounds
      Namespace:             default
      Type                   Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
      ----                   --------  ---  ---  ---------------  -------------  -----------------------
      Container              cpu       -    -    -                -              2
      """
    # the real kubectl prints an item's resources in Go's map order, which varies from run to run
    And the output contains "Pod                    cpu       -    1    -                -              -"
    And the output contains "Pod                    memory    -    1Gi  -                -              -"
    And the output contains "PersistentVolumeClaim  storage   1Gi  5Gi  -                -              -"
