@epic:Storage @story:Volumes
Feature: the files a container sees at its mount paths
  A pod's volumes are directories the kubelet mounts into its containers: an emptyDir shared by the pod's
  containers and gone with the pod, a configMap or secret written as files (only the `items` asked for),
  downward API files, the service account token, and network volumes whose files outlive the pod.

  Scenario: the redis ConfigMap is mounted with items and read from the container
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: redis-conf
      data:
        redis.conf: |
          maxmemory-policy allkeys-lru
          requirepass root
        unused.conf: "x"
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: redis
      spec:
        containers:
        - name: redis
          image: redis
          command: [redis-server, "/redis-master/redis.conf"]
          ports:
          - containerPort: 6379
          volumeMounts:
          - mountPath: /data
            name: data
          - mountPath: /redis-master
            name: config
        volumes:
        - name: data
          emptyDir: {}
        - name: config
          configMap:
            name: redis-conf
            items:
            - key: redis.conf
              path: redis.conf
      """
    Then the file "/redis-master/redis.conf" in pod "redis" contains:
      """
      maxmemory-policy allkeys-lru
      """
    And the directory "/redis-master" in pod "redis" lists "redis.conf"
    And the directory "/data" in pod "redis" lists ""
    When I run "kubectl exec redis -- cat /redis-master/redis.conf"
    Then the output is:
      """
      maxmemory-policy allkeys-lru
      requirepass root
      """
    When I run "kubectl exec redis -- ls /redis-master"
    Then the output is:
      """
      redis.conf
      """
    When I run "kubectl exec redis -- cat /redis-master/unused.conf"
    Then the command fails with "cat: /redis-master/unused.conf: No such file or directory"

  Scenario: a file an init container writes to an emptyDir is there for the app container
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        initContainers:
        - name: install
          image: busybox
          volumeMounts:
          - {name: workdir, mountPath: /work-dir}
        containers:
        - name: nginx
          image: nginx
          volumeMounts:
          - {name: workdir, mountPath: /usr/share/nginx/html}
        volumes:
        - name: workdir
          emptyDir: {}
      """
    When container "install" of pod "web" writes the file "/work-dir/index.html" with:
      """
      <h1>hello from init</h1>
      """
    Then the file "/usr/share/nginx/html/index.html" in container "nginx" of pod "web" contains:
      """
      <h1>hello from init</h1>
      """

  Scenario: an emptyDir goes with its pod
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: cache}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: scratch, mountPath: /cache}]
        volumes: [{name: scratch, emptyDir: {}}]
      """
    And pod "cache" writes the file "/cache/a.txt" with:
      """
      one
      """
    When I run "kubectl delete pod cache"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: cache}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: scratch, mountPath: /cache}]
        volumes: [{name: scratch, emptyDir: {}}]
      """
    Then the file "/cache/a.txt" in pod "cache" does not exist

  Scenario: a mounted ConfigMap is updated after the kubelet's sync period, a subPath mount is not
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app-config}
      data:
        application.yml: "name: fox\n"
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts:
          - {name: config, mountPath: /config}
          - {name: config, mountPath: /etc/app.yml, subPath: application.yml}
        volumes:
        - name: config
          configMap: {name: app-config}
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app-config}
      data:
        application.yml: "name: wolf\n"
      """
    Then the file "/config/application.yml" in pod "app" contains "name: fox"
    When 60 seconds pass
    Then the file "/config/application.yml" in pod "app" contains "name: wolf"
    And the file "/etc/app.yml" in pod "app" contains "name: fox"

  Scenario: a Secret volume holds the decoded values
    Given the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: my-secret}
      type: Opaque
      data:
        username: YWRtaW4=
        password: MWYyZDFlMmU2N2Rm
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: reader}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: creds, mountPath: /etc/creds, readOnly: true}]
        volumes:
        - name: creds
          secret: {secretName: my-secret, defaultMode: 0400}
      """
    Then the directory "/etc/creds" in pod "reader" lists "password,username"
    And the file "/etc/creds/username" in pod "reader" contains "admin"
    And the file "/etc/creds/password" in pod "reader" contains "1f2d1e2e67df"

  Scenario: a missing ConfigMap fails the mount
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: test-pod}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: foo, mountPath: /etc/foo, readOnly: true}]
        volumes:
        - name: foo
          configMap: {name: cm1}
      """
    Then the pod "test-pod" has an event with reason "FailedMount" and message "MountVolume.SetUp failed for volume \"foo\" : configmap \"cm1\" not found"
    And the pod "test-pod" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: ContainerCreating}}
      """
    When I run "kubectl create configmap cm1 --from-literal=greeting=hello"
    Then eventually the pod "test-pod" matches:
      """
      status: {phase: Running}
      """
    And the file "/etc/foo/greeting" in pod "test-pod" contains "hello"

  Scenario: every pod gets the service account token, the cluster CA and its namespace
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: api-client}
      spec:
        containers:
        - {name: app, image: busybox}
      """
    Then the directory "/var/run/secrets/kubernetes.io/serviceaccount" in pod "api-client" lists "ca.crt,namespace,token"
    And the file "/var/run/secrets/kubernetes.io/serviceaccount/namespace" in pod "api-client" contains "default"
    And the file "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt" in pod "api-client" contains "-----BEGIN CERTIFICATE-----"
    And the directory "/var/run/secrets" in pod "api-client" lists "kubernetes.io"

  Scenario: the downward API writes the pod's labels and name
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: labelled
        labels: {app: web, tier: frontend}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: podinfo, mountPath: /etc/podinfo}]
        volumes:
        - name: podinfo
          downwardAPI:
            items:
            - {path: labels, fieldRef: {fieldPath: metadata.labels}}
            - {path: name, fieldRef: {fieldPath: metadata.name}}
      """
    Then the file "/etc/podinfo/labels" in pod "labelled" contains:
      """
      app="web"
      tier="frontend"
      """
    And the file "/etc/podinfo/name" in pod "labelled" contains "labelled"

  Scenario: files on an NFS volume outlive the pod that wrote them
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: writer}
      spec:
        containers:
        - name: nginx
          image: nginx
          volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]
        volumes:
        - name: html
          nfs: {server: 172.31.0.4, path: /nfs/data/nginx-pv}
      """
    And pod "writer" writes the file "/usr/share/nginx/html/index.html" with:
      """
      hello nfs
      """
    When I run "kubectl delete pod writer"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: reader}
      spec:
        containers:
        - name: nginx
          image: nginx
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          nfs: {server: 172.31.0.4, path: /nfs/data}
      """
    Then the file "/data/nginx-pv/index.html" in pod "reader" contains "hello nfs"

  Scenario: automountServiceAccountToken false leaves the token out
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: no-token}
      spec:
        automountServiceAccountToken: false
        containers:
        - {name: app, image: busybox}
      """
    Then the pod "no-token" matches:
      """
      spec: {serviceAccountName: default, volumes: null}
      """
    And the file "/var/run/secrets/kubernetes.io/serviceaccount/token" in pod "no-token" does not exist

  Scenario: a hostPath volume shows the node's files; type Directory must exist
    Given a cluster with 1 node
    And node "node-1" has the file "/etc/app/app.conf" with:
      """
      mode=production
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: host-reader}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: conf, mountPath: /config}]
        volumes:
        - name: conf
          hostPath: {path: /etc/app, type: Directory}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: missing-dir}
      spec:
        containers:
        - name: app
          image: busybox
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          hostPath: {path: /srv/data, type: Directory}
      """
    Then the file "/config/app.conf" in pod "host-reader" contains "mode=production"
    And the pod "missing-dir" has an event with reason "FailedMount" and message "MountVolume.SetUp failed for volume \"data\" : hostPath type check failed: /srv/data is not a directory"
