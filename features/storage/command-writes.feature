@epic:Storage @story:Volumes
Feature: what a container's command writes lands on its volumes
  Files a command writes go to the volume mounted at that path, where every container and pod that mounts the
  same volume sees them: an NFS export through its PersistentVolume, a read-only mount refuses the write.

  Background:
    Given a cluster with 2 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: nfs-pv}
      spec:
        capacity: {storage: 1Gi}
        accessModes: [ReadWriteMany]
        storageClassName: nfs
        nfs: {path: /nfs/data/02, server: 192.168.11.101}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: test-claim}
      spec:
        accessModes: [ReadWriteMany]
        resources: {requests: {storage: 200Mi}}
        storageClassName: nfs
      """

  Scenario: the seeds' test-pod touches SUCCESS on the NFS claim and completes; another pod sees the file
    When I apply the manifest:
      """
      kind: Pod
      apiVersion: v1
      metadata:
        name: test-pod
      spec:
        containers:
        - name: test-pod
          image: busybox:stable
          command:
            - "/bin/sh"
          args:
            - "-c"
            - "touch /mnt/SUCCESS && exit 0 || exit 1"
          volumeMounts:
            - name: nfs-pvc
              mountPath: "/mnt"
        restartPolicy: "Never"
        volumes:
          - name: nfs-pvc
            persistentVolumeClaim:
              claimName: test-claim
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: reader}
      spec:
        nodeName: node-2
        containers:
        - name: c
          image: busybox:1.36
          command: [sleep, "3600"]
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: test-claim}
      """
    Then the pod "test-pod" matches:
      """
      status:
        phase: Succeeded
        containerStatuses: [{state: {terminated: {exitCode: 0, reason: Completed}}}]
      """
    When I run "kubectl exec reader -- ls /data"
    Then the output is:
      """
      SUCCESS
      """

  Scenario: a read-only mount refuses the write: the command's `|| exit 1` fails the pod
    When I apply the manifest:
      """
      kind: Pod
      apiVersion: v1
      metadata: {name: test-pod}
      spec:
        restartPolicy: Never
        containers:
        - name: test-pod
          image: busybox:stable
          command: ["/bin/sh", "-c", "touch /mnt/SUCCESS && exit 0 || exit 1"]
          volumeMounts: [{name: nfs-pvc, mountPath: /mnt, readOnly: true}]
        volumes:
        - name: nfs-pvc
          persistentVolumeClaim: {claimName: test-claim}
      """
    Then the pod "test-pod" matches:
      """
      status:
        phase: Failed
        containerStatuses: [{state: {terminated: {exitCode: 1, reason: Error}}}]
      """
    When I run "kubectl logs test-pod"
    Then the output is:
      """
      touch: /mnt/SUCCESS: Read-only file system
      """
