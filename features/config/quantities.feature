@epic:Config @story:Quantities
Feature: quantities are stored in their canonical form
  The API server decodes every resource.Quantity and stores Quantity.String(): `1024Mi` is served as `1Gi`,
  `0.5` CPU as `500m`, `1000M` as `1G`, a YAML number as a string, in pods, quotas, limit ranges, claims,
  volumes and node status alike. A malformed quantity fails the decoding of the whole object.

  Background:
    Given a cluster with 1 node

  Scenario: a pod's requests and limits are served canonical
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx
          resources:
            requests: {cpu: 0.5, memory: 1024Mi}
            limits: {cpu: 1, memory: 2000M}
        volumes:
        - name: scratch
          emptyDir: {sizeLimit: 2048Ki}
      """
    When I run "kubectl get pod web -o jsonpath={.spec.containers[0].resources}"
    Then the output is:
      """
      {"limits":{"cpu":"1","memory":"2G"},"requests":{"cpu":"500m","memory":"1Gi"}}
      """
    When I run "kubectl get pod web -o jsonpath={.spec.volumes[0].emptyDir.sizeLimit}"
    Then the output is:
      """
      2Mi
      """
    When I run "kubectl describe node node-1"
    Then the output matches "  default                     web     500m \(12%\)    1 \(25%\)     1Gi \(6%\)         2G \(11%\)       \S+"

  Scenario: a ResourceQuota's hard limits and usage, and a LimitRange's defaults
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: compute}
      spec:
        hard: {requests.cpu: 2000m, requests.memory: 2048Mi, pods: 10}
      ---
      apiVersion: v1
      kind: LimitRange
      metadata: {name: defaults}
      spec:
        limits:
        - type: Container
          default: {cpu: 0.5, memory: 512Mi}
          defaultRequest: {cpu: 250m, memory: 0.25Gi}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - {name: app, image: nginx}
      """
    When I run "kubectl get quota compute -o jsonpath={.spec.hard}"
    Then the output is:
      """
      {"pods":"10","requests.cpu":"2","requests.memory":"2Gi"}
      """
    When I run "kubectl get limitrange defaults -o jsonpath={.spec.limits[0].defaultRequest}"
    Then the output is:
      """
      {"cpu":"250m","memory":"256Mi"}
      """
    When I run "kubectl describe quota compute"
    Then the output is:
      """
      Name:            compute
      Namespace:       default
      Resource         Used   Hard
      --------         ----   ----
      pods             1      10
      requests.cpu     250m   2
      requests.memory  256Mi  2Gi
      """

  Scenario: a claim's request and a volume's capacity
    Given the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv1}
      spec:
        capacity: {storage: 1024Mi}
        accessModes: [ReadWriteOnce]
        hostPath: {path: /data/pv1}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: ""
        resources:
          requests: {storage: 1000Mi}
      """
    When I run "kubectl get pv,pvc"
    Then the output is:
      """
      NAME                   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
      persistentvolume/pv1   1Gi        RWO            Retain           Bound    default/data                  <unset>                          0s

      NAME                         STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
      persistentvolumeclaim/data   Bound    pv1      1Gi        RWO                           <unset>                 0s
      """

  Scenario: a malformed quantity fails the decoding of the object
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx
          resources:
            requests: {cpu: 1x}
      """
    Then the command fails with "Error from server (BadRequest): error when creating \"STDIN\": Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    And the pod "web" does not exist
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx
          resources:
            limits: {memory: 1K}
      """
    Then the command fails with "Pod in version \"v1\" cannot be handled as a Pod: unable to parse quantity's suffix"
