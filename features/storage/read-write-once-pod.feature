@epic:Storage @story:ReadWriteOncePod
Feature: ReadWriteOncePod claims are used by one pod at a time
  A claim with the ReadWriteOncePod access mode may be used by a single pod in the whole cluster (ReadWriteOnce
  only limits it to one node). The scheduler's VolumeRestrictions plugin keeps a second pod Pending while
  another pod uses the claim; a pod of higher priority preempts the holder.

  Background:
    Given the manifest:
      """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: csi-hostpath-sc}
      provisioner: hostpath.csi.k8s.io
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: single-writer}
      spec:
        storageClassName: csi-hostpath-sc
        accessModes: [ReadWriteOncePod]
        resources: {requests: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: writer}
      spec:
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: single-writer}
      """
    And eventually the pod "writer" matches:
      """
      status: {phase: Running}
      """

  Scenario: a second pod using the claim stays Pending, then runs when the first is gone
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: second-writer}
      spec:
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: single-writer}
      """
    Then the pod "second-writer" matches:
      """
      status:
        phase: Pending
        conditions:
        - type: PodScheduled
          status: "False"
          reason: Unschedulable
          message: "0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
      """
    When I run "kubectl delete pod writer"
    Then eventually the pod "second-writer" matches:
      """
      status: {phase: Running}
      """

  Scenario: a higher-priority pod preempts the pod holding the claim
    Given the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: important}
      value: 1000
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: urgent-writer}
      spec:
        priorityClassName: important
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: single-writer}
      """
    Then the pod "writer" has an event with reason "Preempted"
    And eventually the pod "urgent-writer" matches:
      """
      status: {phase: Running}
      """
    And the pod "writer" does not exist
