@epic:Storage @story:PersistentVolume
Feature: static provisioning from a pool of NFS PersistentVolumes
  The PV controller binds a claim to the smallest available volume that satisfies its size, access modes and
  class: the 200Mi nginx-pvc gets pv02-1gi, since pv01-10m is too small and pv03-3gi is larger than needed.

  Background:
    Given a cluster with 3 nodes
    And the manifest "manifests/pv-pool.yaml"

  Scenario: the pool is Available
    Then the pv "pv01-10m" matches:
      """
      spec: {capacity: {storage: 10M}, accessModes: [ReadWriteMany], storageClassName: nfs, persistentVolumeReclaimPolicy: Retain}
      status: {phase: Available}
      """
    And the pv "pv02-1gi" matches:
      """
      status: {phase: Available}
      """
    And the pv "pv03-3gi" matches:
      """
      status: {phase: Available}
      """

  @severity:critical
  Scenario: the 200Mi claim binds the smallest volume that fits
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: nginx-pvc
      spec:
        accessModes:
          - ReadWriteMany
        resources:
          requests:
            storage: 200Mi
        storageClassName: nfs
      """
    Then the pvc "nginx-pvc" matches:
      """
      metadata:
        annotations:
          pv.kubernetes.io/bind-completed: "yes"
          pv.kubernetes.io/bound-by-controller: "yes"
      spec:
        volumeName: pv02-1gi
        resources: {requests: {storage: 200Mi}}
      status:
        phase: Bound
        accessModes: [ReadWriteMany]
        capacity: {storage: 1Gi}
      """
    And the pv "pv02-1gi" matches:
      """
      metadata:
        annotations:
          pv.kubernetes.io/bound-by-controller: "yes"
      spec:
        claimRef: {kind: PersistentVolumeClaim, namespace: default, name: nginx-pvc}
      status: {phase: Bound}
      """
    And the pv "pv01-10m" matches:
      """
      spec: {claimRef: null}
      status: {phase: Available}
      """
    And the pv "pv03-3gi" matches:
      """
      spec: {claimRef: null}
      status: {phase: Available}
      """

  Scenario: kubectl get pv and get pvc show the binding
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: nginx-pvc
      spec:
        accessModes: [ReadWriteMany]
        resources:
          requests:
            storage: 200Mi
        storageClassName: nfs
      """
    When I run "kubectl get pv"
    Then the output matches "^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS "
    And the output matches "\npv01-10m +10M +RWX +Retain +Available +nfs "
    And the output matches "\npv02-1gi +1Gi +RWX +Retain +Bound +default/nginx-pvc +nfs "
    And the output matches "\npv03-3gi +3Gi +RWX +Retain +Available +nfs "
    When I run "kubectl get pvc"
    Then the output matches "^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS "
    And the output matches "\nnginx-pvc +Bound +pv02-1gi +1Gi +RWX +nfs "

  @severity:critical
  Scenario: the nginx-deploy-pvc Deployment mounts the claim and runs
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: nginx-pvc
      spec:
        accessModes: [ReadWriteMany]
        resources:
          requests:
            storage: 200Mi
        storageClassName: nfs
      """
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        labels:
          app: nginx-deploy-pvc
        name: nginx-deploy-pvc
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: nginx-deploy-pvc
        template:
          metadata:
            labels:
              app: nginx-deploy-pvc
          spec:
            containers:
            - image: nginx
              name: nginx
              volumeMounts:
              - name: html
                mountPath: /usr/share/nginx/html
            volumes:
            - name: html
              persistentVolumeClaim:
                claimName: nginx-pvc
      """
    Then there are 2 pods with labels "app=nginx-deploy-pvc"
    And the deployment "nginx-deploy-pvc" matches:
      """
      status: {replicas: 2, readyReplicas: 2, availableReplicas: 2}
      """
    And the pvc "nginx-pvc" matches:
      """
      status: {phase: Bound}
      """

  Scenario: kubectl describe pvc and pv
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: nginx-pvc
      spec:
        accessModes: [ReadWriteMany]
        resources:
          requests:
            storage: 200Mi
        storageClassName: nfs
      """
    When I run "kubectl describe pvc nginx-pvc"
    Then the output is:
      """
      Name:          nginx-pvc
      Namespace:     default
      StorageClass:  nfs
      Status:        Bound
      Volume:        pv02-1gi
      Labels:        <none>
      Annotations:   pv.kubernetes.io/bind-completed: yes
                     pv.kubernetes.io/bound-by-controller: yes
      Finalizers:    [kubernetes.io/pvc-protection]
      Capacity:      1Gi
      Access Modes:  RWX
      VolumeMode:    Filesystem
      Used By:       <none>
      Events:        <none>
      """
    When I run "kubectl describe pv pv02-1gi"
    Then the output is:
      """
      Name:            pv02-1gi
      Labels:          <none>
      Annotations:     pv.kubernetes.io/bound-by-controller: yes
      Finalizers:      [kubernetes.io/pv-protection]
      StorageClass:    nfs
      Status:          Bound
      Claim:           default/nginx-pvc
      Reclaim Policy:  Retain
      Access Modes:    RWX
      VolumeMode:      Filesystem
      Capacity:        1Gi
      Node Affinity:   <none>
      Message:
      Source:
          Type:      NFS (an NFS mount that lasts the lifetime of a pod)
          Server:    192.168.11.101
          Path:      /nfs/data/02
          ReadOnly:  false
      Events:        <none>
      """
