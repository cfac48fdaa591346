@epic:Storage @story:Attach
Feature: attaching volumes to nodes
  A CSI volume is attached to the node of each pod that uses it (a VolumeAttachment) before the kubelet mounts
  it. A ReadWriteOnce volume attached to one node cannot be attached to another: a second pod elsewhere waits
  in ContainerCreating with the Multi-Attach error until the first is gone.

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
      metadata: {name: data}
      spec:
        storageClassName: csi-hostpath-sc
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: first}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: data}
      """
    And eventually the pod "first" matches:
      """
      status: {phase: Running}
      """

  Scenario: the volume is attached to the pod's node, then mounted
    Then the pod "first" has an event with reason "SuccessfulAttachVolume" and message "AttachVolume.Attach succeeded for volume \"pvc-"
    When I run "kubectl get volumeattachments -o jsonpath={.items[0].spec.nodeName}/{.items[0].spec.attacher}/{.items[0].status.attached}"
    Then the output is:
      """
      node-1/hostpath.csi.k8s.io/true
      """

  Scenario: a ReadWriteOnce volume cannot be attached to a second node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: second}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: app
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: data}
      """
    Then the pod "second" has an event with reason "FailedAttachVolume" and message "Volume is already used by pod(s) first"
    And the pod "second" matches:
      """
      spec: {nodeName: node-2}
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: ContainerCreating}}
      """
    When 2 minutes pass
    Then the pod "second" has an event with reason "FailedMount" and message "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition"
    When I run "kubectl delete pod first"
    Then eventually the pod "second" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl get volumeattachments -o jsonpath={.items[*].spec.nodeName}"
    Then the output is:
      """
      node-2
      """

  Scenario: the node's status lists the attached volume, and detaching waits until it is unmounted
    When I run "kubectl get node node-1 -o jsonpath={.status.volumesAttached[*].name}"
    Then the output matches "^kubernetes.io/csi/hostpath.csi.k8s.io\^[0-9a-f-]+$"
    When I run "kubectl get node node-1 -o jsonpath={.status.volumesInUse[*]}"
    Then the output matches "^kubernetes.io/csi/hostpath.csi.k8s.io\^[0-9a-f-]+$"
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: slow-data}
      spec:
        storageClassName: csi-hostpath-sc
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: slow}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: app
          image: nginx
          lifecycle:
            preStop:
              sleep: {seconds: 20}
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: slow-data}
      """
    And eventually the pod "slow" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl delete pod slow --wait=false"
    And 10 seconds pass
    When I run "kubectl get volumeattachments -o jsonpath={.items[*].spec.nodeName}"
    Then the output is:
      """
      node-2 node-1
      """
    When 15 seconds pass
    And I run "kubectl get volumeattachments -o jsonpath={.items[*].spec.nodeName}"
    Then the output is:
      """
      node-1
      """
    When I run "kubectl get node node-2 -o jsonpath={.status.volumesInUse}"
    Then the output matches "^$"
