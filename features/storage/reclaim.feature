@epic:Storage @story:PersistentVolume
Feature: what happens to a volume when its claim goes
  The reclaim policy decides: Retain keeps the volume Released (with its data and claimRef) until an admin
  frees it, Delete deletes it (a statically made NFS volume has no deleter, so it fails), Recycle scrubs it with a
  recycler pod and makes it Available again. A claim in use by a pod is kept, with the pvc-protection finalizer, until the pod goes.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: nfs-pv}
      spec:
        capacity: {storage: 1Gi}
        accessModes: [ReadWriteMany]
        persistentVolumeReclaimPolicy: Retain
        storageClassName: nfs
        nfs: {path: /nfs/data/01, server: 192.168.11.101}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: nfs-pvc}
      spec:
        accessModes: [ReadWriteMany]
        resources: {requests: {storage: 200Mi}}
        storageClassName: nfs
      """

  Scenario: Retain: the volume is Released and keeps its claimRef
    When I run "kubectl delete pvc nfs-pvc"
    Then the pv "nfs-pv" matches:
      """
      spec: {claimRef: {name: nfs-pvc, namespace: default}}
      status: {phase: Released}
      """
    When I run "kubectl get pv nfs-pv"
    Then the output matches "nfs-pv +1Gi +RWX +Retain +Released +default/nfs-pvc +nfs "
    When I run:
      """
      kubectl patch pv nfs-pv --type=json -p '[{"op":"remove","path":"/spec/claimRef"}]'
      """
    Then the pv "nfs-pv" matches:
      """
      status: {phase: Available}
      """

  Scenario: Delete: a static NFS volume has no deleter and fails
    When I run:
      """
      kubectl patch pv nfs-pv -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'
      kubectl delete pvc nfs-pvc
      """
    Then the pv "nfs-pv" matches:
      """
      status: {phase: Failed, message: 'error getting deleter volume plugin for volume "nfs-pv": no deletable volume plugin matched'}
      """
    And the pv "nfs-pv" has an event with reason "VolumeFailedDelete"

  Scenario: Recycle: the volume is scrubbed and Available again
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: writer}
      spec:
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: d, mountPath: /d}]
        volumes:
        - name: d
          persistentVolumeClaim: {claimName: nfs-pvc}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: nfs-browser}
      spec:
        containers:
        - name: sh
          image: busybox
          volumeMounts: [{name: root, mountPath: /nfs}]
        volumes:
        - name: root
          nfs: {server: 192.168.11.101, path: /nfs/data}
      """
    And eventually the pod "writer" matches:
      """
      status: {phase: Running}
      """
    And pod "writer" writes the file "/d/old.txt" with:
      """
      old data
      """
    Then the directory "/nfs/01" in pod "nfs-browser" lists "old.txt"
    When I run:
      """
      kubectl patch pv nfs-pv -p '{"spec":{"persistentVolumeReclaimPolicy":"Recycle"}}'
      kubectl delete pod writer
      kubectl delete pvc nfs-pvc
      """
    Then the pv "nfs-pv" matches:
      """
      spec: {claimRef: null}
      status: {phase: Available}
      """
    And the pv "nfs-pv" has an event with reason "VolumeRecycled"
    And the directory "/nfs/01" in pod "nfs-browser" lists ""

  Scenario: Recycle of a hostPath volume: the recycler pod scrubs the directory on the node it runs on
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: host-pv}
      spec:
        capacity: {storage: 1Gi}
        accessModes: [ReadWriteOnce]
        persistentVolumeReclaimPolicy: Recycle
        storageClassName: manual
        hostPath: {path: /data/vol1}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: host-pvc}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
        storageClassName: manual
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: writer}
      spec:
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: d, mountPath: /d}]
        volumes:
        - name: d
          persistentVolumeClaim: {claimName: host-pvc}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: host-browser}
      spec:
        containers:
        - name: sh
          image: busybox
          volumeMounts: [{name: root, mountPath: /host-data}]
        volumes:
        - name: root
          hostPath: {path: /data}
      """
    And eventually the pod "writer" matches:
      """
      status: {phase: Running}
      """
    And pod "writer" writes the file "/d/notes.txt" with:
      """
      keep me?
      """
    Then the directory "/host-data/vol1" in pod "host-browser" lists "notes.txt"
    When I run:
      """
      kubectl delete pod writer
      kubectl delete pvc host-pvc
      """
    Then the pv "host-pv" matches:
      """
      spec: {claimRef: null}
      status: {phase: Available}
      """
    And the pv "host-pv" has an event with reason "VolumeRecycled"
    And the directory "/host-data/vol1" in pod "host-browser" lists ""
    When I run "kubectl get events --field-selector involvedObject.name=recycler-for-host-pv -o custom-columns=REASON:.reason,MESSAGE:.message"
    Then the output contains "Successfully assigned default/recycler-for-host-pv to node-1"
    And the pod "recycler-for-host-pv" does not exist

  Scenario: a claim in use is kept until its pod goes
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: user}
      spec:
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: d, mountPath: /d}]
        volumes:
        - name: d
          persistentVolumeClaim: {claimName: nfs-pvc}
      """
    And eventually the pod "user" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl delete pvc nfs-pvc --wait=false"
    Then the pvc "nfs-pvc" matches:
      """
      metadata: {finalizers: [kubernetes.io/pvc-protection]}
      status: {phase: Bound}
      """
    When I run "kubectl get pvc nfs-pvc"
    Then the output matches "nfs-pvc +Terminating +nfs-pv +1Gi +RWX +nfs "
    When I run "kubectl delete pod user"
    Then eventually the pvc "nfs-pvc" does not exist
    And the pv "nfs-pv" matches:
      """
      status: {phase: Released}
      """

  Scenario: a claim whose volume is deleted is Lost
    When I run "kubectl delete pv nfs-pv --wait=false"
    And I run:
      """
      kubectl patch pv nfs-pv --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then the pvc "nfs-pvc" matches:
      """
      status: {phase: Lost}
      """
    And the pvc "nfs-pvc" has an event with reason "ClaimLost" and message "Bound claim has lost its PersistentVolume. Data on the volume is lost!"
