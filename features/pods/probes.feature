Feature: probes
  The kubelet runs each probe every periodSeconds once initialDelaySeconds have passed since the container
  started. Readiness decides the Ready condition (and so the Service's endpoints); a failed liveness or
  startup probe, failureThreshold times in a row, restarts the container. Liveness and readiness wait
  until the startup probe has succeeded.

  Scenario: readiness waits for initialDelaySeconds and successThreshold
    Given a cluster with 1 node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          readinessProbe:
            httpGet: {path: /, port: 80}
            initialDelaySeconds: 10
            periodSeconds: 5
            successThreshold: 2
      """
    Then the pod "web" has condition "Ready" with status "False", reason "ContainersNotReady" and message "containers with unready status: [web]"
    And the pod "web" matches:
      """
      status: {phase: Running, containerStatuses: [{ready: false, started: true}]}
      """
    When 14 seconds pass
    Then the pod "web" has condition "Ready" with status "False"
    When 1 second passes
    Then the pod "web" has condition "Ready" with status "True"
    And the pod "web" has condition "ContainersReady" with status "True"

  Scenario: readiness decides the Service's endpoints
    Given a cluster with 1 node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          ports: [{containerPort: 80}]
          readinessProbe:
            tcpSocket: {port: 80}
            initialDelaySeconds: 20
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """
    Then the endpoints "web" matches:
      """
      subsets: [{notReadyAddresses: [{ip: 10.244.1.2}]}]
      """
    When 20 seconds pass
    Then the endpoints "web" matches:
      """
      subsets: [{addresses: [{ip: 10.244.1.2}]}]
      """

  Scenario: a failing liveness probe restarts the container after failureThreshold failures
    Given a cluster with 1 node
    And the image "app:leaky" fails its liveness probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: app:leaky
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 3
      """
    And 19 seconds pass
    Then the pod "app" matches:
      """
      status: {containerStatuses: [{restartCount: 0, ready: true}]}
      """
    When 1 second passes
    Then the pod "app" matches:
      """
      status:
        containerStatuses:
        - restartCount: 1
          lastState: {terminated: {exitCode: 137, reason: Error, startedAt: "2024-01-01T00:00:00Z", finishedAt: "2024-01-01T00:00:20Z"}}
      """
    And the pod "app" has an event with reason "Unhealthy" and message "Liveness probe failed: HTTP probe failed with statuscode: 500"
    And the pod "app" has an event with reason "Killing" and message "Container app failed liveness probe, will be restarted"
    When I run "kubectl describe pod app"
    Then the output contains "Liveness:       http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3"
    And the output matches "Warning  Unhealthy  \S+ \(x3 over \S+\)  kubelet +Liveness probe failed: HTTP probe failed with statuscode: 500"

  Scenario: liveness and readiness wait for the startup probe
    Given a cluster with 1 node
    And the image "legacy:1" fails its startup probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: legacy}
      spec:
        containers:
        - name: legacy
          image: legacy:1
          startupProbe:
            tcpSocket: {port: 8080}
            periodSeconds: 10
            failureThreshold: 3
          livenessProbe:
            tcpSocket: {port: 8080}
      """
    Then the pod "legacy" matches:
      """
      status: {containerStatuses: [{started: false, ready: false}]}
      """
    When 20 seconds pass
    Then the pod "legacy" matches:
      """
      status: {containerStatuses: [{restartCount: 1}]}
      """
    And the pod "legacy" has an event with reason "Unhealthy" and message "Startup probe failed: dial tcp 10.244.1.2:8080: connect: connection refused"
    And the pod "legacy" has an event with reason "Killing" and message "Container legacy failed startup probe, will be restarted"

  Scenario: a startup probe that passes lets the container start
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          startupProbe:
            httpGet: {path: /, port: 80}
            initialDelaySeconds: 5
            periodSeconds: 10
      """
    Then the pod "app" matches:
      """
      status: {containerStatuses: [{started: false, ready: false}]}
      """
    When 10 seconds pass
    Then the pod "app" matches:
      """
      status: {containerStatuses: [{started: true, ready: true}]}
      """

  Scenario: a readiness gate keeps the pod not Ready until its condition is True
    Given a cluster with 1 node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: gated}
      spec:
        readinessGates:
        - conditionType: example.com/load-balancer-attached
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    Then the pod "gated" has condition "ContainersReady" with status "True"
    And the pod "gated" has condition "Ready" with status "False", reason "ReadinessGatesNotReady" and message "corresponding condition of pod readiness gate \"example.com/load-balancer-attached\" does not exist."
    When I run "kubectl get pod gated -o wide"
    Then the output is:
      """
      NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      gated   1/1     Running   0          0s    10.244.1.2   node-1   <none>           0/1
      """
    # the component behind the gate (a load-balancer controller) writes the condition through the status subresource
    When I run "kubectl patch pod gated --subresource=status -p '{\"status\":{\"conditions\":[{\"type\":\"example.com/load-balancer-attached\",\"status\":\"True\"}]}}'"
    Then the output is:
      """
      pod/gated patched
      """
    And the pod "gated" has condition "Ready" with status "True"
    When I run "kubectl get pod gated -o wide"
    Then the output contains "<none>           1/1"
