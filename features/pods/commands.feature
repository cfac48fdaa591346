@epic:Pods @story:Commands
Feature: containers run their commands
  A container runs the command its manifest gives (`command` and `args` over the image's ENTRYPOINT and CMD,
  `$(VAR)` expanded from its environment), on the virtual clock: `sleep 30` takes 30 seconds, files land in the
  container's filesystem and its volumes, what it prints is its log, and its exit code ends it. kspec interprets
  a POSIX shell subset and the busybox and coreutils commands manifests use (docs/image-behaviours.md).

  Background:
    Given a cluster with 1 node

  Scenario: liveness-exec, as the Kubernetes documentation runs it: restarted once /tmp/healthy is gone
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          test: liveness
        name: liveness-exec
      spec:
        containers:
        - name: liveness
          image: registry.k8s.io/busybox
          args:
          - /bin/sh
          - -c
          - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
          livenessProbe:
            exec:
              command:
              - cat
              - /tmp/healthy
            initialDelaySeconds: 5
            periodSeconds: 5
      """
    And 25 seconds pass
    And I run "kubectl exec liveness-exec -- cat /tmp/healthy"
    Then the command succeeds
    And the pod "liveness-exec" has no event with reason "Unhealthy"
    When 20 seconds pass
    Then the pod "liveness-exec" has an event with reason "Unhealthy" and message "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
    And the pod "liveness-exec" has an event with reason "Killing" and message "Container liveness failed liveness probe, will be restarted"
    And the pod "liveness-exec" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - name: liveness
          restartCount: 1
          state: {running: {}}
          lastState: {terminated: {exitCode: 137, reason: Error}}
      """
    When I run "kubectl get pod liveness-exec"
    Then the output matches "liveness-exec   1/1     Running   1 \(\d+s ago\)   45s"
    When I run "kubectl exec liveness-exec -- ls /tmp"
    Then the output is:
      """
      healthy
      """

  Scenario: myapp-pod waits in its init containers until both Services exist
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: myapp-pod
        labels:
          app.kubernetes.io/name: MyApp
      spec:
        containers:
        - name: myapp-container
          image: busybox:1.28
          command: ['sh', '-c', 'echo The app is running! && sleep 3600']
        initContainers:
        - name: init-myservice
          image: busybox:1.28
          command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
        - name: init-mydb
          image: busybox:1.28
          command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
      """
    And 10 seconds pass
    And I run "kubectl get pod myapp-pod"
    Then the output is:
      """
      NAME        READY   STATUS     RESTARTS   AGE
      myapp-pod   0/1     Init:0/2   0          10s
      """
    When I run "kubectl logs myapp-pod -c init-myservice --tail=2"
    Then the output is:
      """
      nslookup: can't resolve 'myservice.default.svc.cluster.local'
      waiting for myservice
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: myservice
      spec:
        ports:
        - protocol: TCP
          port: 80
          targetPort: 9376
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: mydb
      spec:
        ports:
        - protocol: TCP
          port: 80
          targetPort: 9377
      """
    And 4 seconds pass
    And I run "kubectl get pod myapp-pod"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE
      myapp-pod   1/1     Running   0          14s
      """
    When I run "kubectl logs myapp-pod -c myapp-container"
    Then the output is:
      """
      The app is running!
      """
    And the pod "myapp-pod" matches:
      """
      status:
        initContainerStatuses:
        - {name: init-myservice, state: {terminated: {exitCode: 0, reason: Completed}}}
        - {name: init-mydb, state: {terminated: {exitCode: 0, reason: Completed}}}
      """

  Scenario: two containers share an emptyDir: debian writes the page nginx serves
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: two-containers
      spec:
        restartPolicy: Never
        volumes:
        - name: shared-data
          emptyDir: {}
        containers:
        - name: nginx-container
          image: nginx
          volumeMounts:
          - name: shared-data
            mountPath: /usr/share/nginx/html
        - name: debian-container
          image: debian
          volumeMounts:
          - name: shared-data
            mountPath: /pod-data
          command: ["/bin/sh"]
          args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
      """
    Then the pod "two-containers" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - {name: debian-container, ready: false, state: {terminated: {exitCode: 0, reason: Completed}}}
        - {name: nginx-container, ready: true, state: {running: {}}}
      """
    When I run "kubectl exec two-containers -c nginx-container -- curl -s localhost"
    Then the output is:
      """
      Hello from the debian container
      """

  Scenario: a writer's loop fills the page its sidecar serves, seen through a Service
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels: {app: web}
      spec:
        volumes:
        - name: html
          emptyDir: {}
        containers:
        - name: nginx
          image: nginx:1.25
          volumeMounts:
          - {name: html, mountPath: /usr/share/nginx/html}
        - name: writer
          image: busybox:1.36
          volumeMounts:
          - {name: html, mountPath: /html}
          command: ["/bin/sh", "-c"]
          args:
          - while true; do date >> /html/index.html; sleep 10; done
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client}
      spec:
        containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
      """
    And 25 seconds pass
    And I run "kubectl exec client -- wget -qO- http://web"
    Then the output is:
      """
      Mon Jan  1 00:00:00 UTC 2024
      Mon Jan  1 00:00:10 UTC 2024
      Mon Jan  1 00:00:20 UTC 2024
      """
    When I run "kubectl exec client -- wget -qO- http://web/missing.html"
    Then the command fails with "wget: server returned error: HTTP/1.1 404 Not Found"
    When I run "kubectl exec client -- wget -T 2 -qO- http://client:80"
    Then the command fails with "wget: bad address 'client'"
    When I run "kubectl exec web -c writer -- wget -qO- http://localhost:8080"
    Then the command fails with "wget: can't connect to remote host (127.0.0.1): Connection refused"

  Scenario: exit codes end containers: Completed, Error and the restart back-off
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: once}
      spec:
        restartPolicy: Never
        containers:
        - {name: c, image: busybox:1.36, command: [sh, -c, "echo working; sleep 5; echo done"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: fails}
      spec:
        restartPolicy: Never
        containers:
        - {name: c, image: busybox:1.36, command: [sh, -c, "echo oops >&2; exit 3"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: shell}
      spec:
        containers:
        - {name: c, image: busybox:1.36}
      """
    And 5 seconds pass
    And I run "kubectl get pods"
    Then the output is:
      """
      NAME    READY   STATUS             RESTARTS     AGE
      fails   0/1     Error              0            5s
      once    0/1     Completed          0            5s
      shell   0/1     CrashLoopBackOff   1 (5s ago)   5s
      """
    And the pod "fails" matches:
      """
      status:
        phase: Failed
        containerStatuses:
        - state: {terminated: {exitCode: 3, reason: Error}}
      """
    When I run "kubectl logs once --timestamps"
    Then the output is:
      """
      2024-01-01T00:00:00.000000000Z working
      2024-01-01T00:00:05.000000000Z done
      """
    When I run "kubectl logs fails"
    Then the output is:
      """
      oops
      """
    When 1 minute passes
    And I run "kubectl get pod shell"
    Then the output matches "shell   0/1     CrashLoopBackOff   3 \(\d+s ago\)   65s"

  Scenario: a command kspec cannot run is named, never silently running
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: cache}
      spec:
        containers:
        - {name: app, image: "shop/cache:1", command: [sh, -c, "memcached -p 11211"]}
      """
    Then the pod "cache" has an event with reason "UnsupportedCommand" and message "kspec cannot run \"memcached\" in container app"
    And the pod "cache" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: UnsupportedCommand}}
      """
    When I run "kubectl get pod cache"
    Then the output contains "cache   0/1     UnsupportedCommand   0"

  Scenario: each restart is a new container: a fresh layer, and the last run's log under --previous
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: counter}
      spec:
        containers:
        - name: c
          image: busybox:1.36
          command: ["sh", "-c", "ls /tmp; echo run at $(date +%T) > /tmp/run; cat /tmp/run; sleep 10; exit 1"]
      """
    And 10 seconds pass
    And I run "kubectl logs counter"
    Then the output is:
      """
      run at 00:00:10
      """
    When I run "kubectl logs counter --previous"
    Then the output is:
      """
      run at 00:00:00
      """

  Scenario: an exec probe that outlasts timeoutSeconds fails with the runtime's timeout
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: slow}
      spec:
        containers:
        - name: c
          image: busybox:1.36
          command: [sleep, "3600"]
          readinessProbe:
            exec:
              command: [sh, -c, "sleep 5"]
            timeoutSeconds: 1
            periodSeconds: 10
      """
    And 10 seconds pass
    Then the pod "slow" has an event with reason "Unhealthy" and message "Readiness probe failed: command \"sh -c sleep 5\" timed out"
    And the pod "slow" matches:
      """
      status: {phase: Running, containerStatuses: [{ready: false}]}
      """
