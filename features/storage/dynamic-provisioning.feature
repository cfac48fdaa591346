@epic:Storage @story:StorageClass
Feature: dynamic provisioning through StorageClasses
  A claim with no matching volume and a class asks the class's provisioner for one: the PV controller marks
  the claim for the external provisioner, which creates `pvc-<claim uid>` for it. The seeds' nfs-storage class is
  the default, so a claim that names no class gets it.

  Scenario: the nfs-storage default class provisions a claim that names no class
    Given the manifest "manifests/nfs-storage.yaml"
    When I apply the manifest:
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
      """
    Then the pvc "nginx-pvc" matches:
      """
      metadata:
        annotations:
          volume.kubernetes.io/storage-provisioner: k8s-sigs.io/nfs-subdir-external-provisioner
          pv.kubernetes.io/bind-completed: "yes"
      spec: {storageClassName: nfs-storage}
      status: {phase: Bound, capacity: {storage: 200Mi}}
      """
    And the pvc "nginx-pvc" has an event with reason "ExternalProvisioning" and message "Waiting for a volume to be created either by the external provisioner 'k8s-sigs.io/nfs-subdir-external-provisioner' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."
    And the pvc "nginx-pvc" has an event with reason "Provisioning" and message "External provisioner is provisioning volume for claim \"default/nginx-pvc\""
    And the pvc "nginx-pvc" has an event with reason "ProvisioningSucceeded" and message "Successfully provisioned volume pvc-"
    When I run "kubectl get pv -o jsonpath={.items[0].spec.nfs.path}"
    Then the output matches "^/nfs/data/default-nginx-pvc-pvc-[0-9a-f-]{36}$"
    When I run "kubectl get pv"
    Then the output matches "pvc-[0-9a-f-]{36} +200Mi +RWX +Delete +Bound +default/nginx-pvc +nfs-storage "

  Scenario: without its provisioner running the claim waits
    Given the manifest:
      """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: nfs-storage}
      provisioner: k8s-sigs.io/nfs-subdir-external-provisioner
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        storageClassName: nfs-storage
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
      """
    When 2 minutes pass
    Then the pvc "data" matches:
      """
      status: {phase: Pending}
      """
    And the pvc "data" has an event with reason "ExternalProvisioning"

  Scenario: archiveOnDelete keeps the deleted claim's files in an archived- directory
    Given the manifest "manifests/nfs-storage.yaml"
    And the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: web-data}
      spec:
        accessModes: [ReadWriteMany]
        resources: {requests: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: nginx
          image: nginx
          volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]
        volumes:
        - name: html
          persistentVolumeClaim: {claimName: web-data}
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
    And eventually the pod "web" matches:
      """
      status: {phase: Running}
      """
    And pod "web" writes the file "/usr/share/nginx/html/index.html" with:
      """
      kept
      """
    When I run "kubectl delete pod web"
    And I run "kubectl delete pvc web-data"
    Then there are 0 pv with labels ""
    And the directory "/nfs" in pod "nfs-browser" has an entry matching "^archived-default-web-data-pvc-"

  Scenario: a WaitForFirstConsumer class provisions on the node the pod is scheduled to
    Given the manifest:
      """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: local-path}
      provisioner: rancher.io/local-path
      volumeBindingMode: WaitForFirstConsumer
      reclaimPolicy: Delete
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: local-data}
      spec:
        storageClassName: local-path
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 128Mi}}
      """
    Then the pvc "local-data" matches:
      """
      status: {phase: Pending}
      """
    And the pvc "local-data" has an event with reason "WaitForFirstConsumer" and message "waiting for first consumer to be created before binding"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: local-data}
      """
    Then the pvc "local-data" matches:
      """
      metadata:
        annotations: {volume.kubernetes.io/selected-node: node-2}
      status: {phase: Bound}
      """
    And the pod "app" matches:
      """
      spec: {nodeName: node-2}
      status: {phase: Running}
      """
    When I run "kubectl get pv -o jsonpath={.items[0].spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}"
    Then the output is:
      """
      node-2
      """

  Scenario: a pod whose immediate claim has no volume is not scheduled
    When I apply the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: orphan}
      spec:
        storageClassName: ""
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: waiting}
      spec:
        containers: [{name: app, image: busybox, volumeMounts: [{name: d, mountPath: /d}]}]
        volumes: [{name: d, persistentVolumeClaim: {claimName: orphan}}]
      """
    Then the pvc "orphan" has an event with reason "FailedBinding" and message "no persistent volumes available for this claim and no storage class is set"
    And the pod "waiting" has an event with reason "FailedScheduling" and message "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    And the pod "waiting" matches:
      """
      status: {phase: Pending}
      """

  Scenario: a claim grows only when its class allows volume expansion
    Given the manifest "manifests/nfs-storage.yaml"
    And the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteMany]
        resources: {requests: {storage: 1Gi}}
      """
    When I run:
      """
      kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
      """
    Then the command fails with "Error from server (Forbidden): persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize"
    When I run:
      """
      kubectl patch storageclass nfs-storage -p '{"allowVolumeExpansion":true}'
      kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
      """
    Then the command succeeds
    And the pvc "data" matches:
      """
      spec: {resources: {requests: {storage: 2Gi}}}
      """

  Scenario: kubectl describe storageclass shows the class's provisioner and policies
    Given the manifest "manifests/nfs-storage.yaml"
    When I run "kubectl describe storageclass nfs-storage"
    Then the output contains "IsDefaultClass:  Yes"
    And the output contains:
      """
      Provisioner:           k8s-sigs.io/nfs-subdir-external-provisioner
      Parameters:            archiveOnDelete=true
      AllowVolumeExpansion:  <unset>
      MountOptions:          <none>
      ReclaimPolicy:         Delete
      VolumeBindingMode:     Immediate
      Events:                <none>
      """
