@epic:Pods @story:Probes
Feature: httpGet and tcpSocket probes reach what listens in the pod
  An httpGet or tcpSocket probe connects to the pod's IP: it succeeds only if a program in one of the pod's
  containers listens on that port, the image's own server (nginx on 80, tomcat on 8080, redis on 6379 ...) or one a
  command starts (`httpd -f -p 8080`, `nc -lk -p 9000`, `python3 -m http.server`). A port nobody listens on refuses
  the connection, and the probe fails with the kubelet's message; an httpGet probe fails on a status of 400 or
  more. Connections to such a pod through a Service are refused too. An image behaviour still decides over all this.

  Background:
    Given a cluster with 1 node

  Scenario: a liveness probe to a port nobody listens on fails, and the container is restarted
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: sleeper}
      spec:
        containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "sleep 3600"]
          livenessProbe:
            tcpSocket: {port: 8080}
            periodSeconds: 5
      """
    And 15 seconds pass
    Then the pod "sleeper" has an event with reason "Unhealthy" and message "Liveness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused"
    And the pod "sleeper" has an event with reason "Killing" and message "Container app failed liveness probe, will be restarted"
    And the pod "sleeper" matches:
      """
      status:
        containerStatuses:
        - {name: app, restartCount: 1, lastState: {terminated: {exitCode: 137, reason: Error}}}
      """

  Scenario: an httpGet readiness probe waits for the server the command starts
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: busybox:1.36
          command: ["sh", "-c", "mkdir -p /www && echo ok > /www/healthz && sleep 20 && httpd -f -p 8080 -h /www"]
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 5
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 8080}]
      """
    And 10 seconds pass
    Then the pod "web" has condition "Ready" with status "False"
    And the pod "web" has an event with reason "Unhealthy" and message "Readiness probe failed: Get \"http://10.244.1.2:8080/healthz\": dial tcp 10.244.1.2:8080: connect: connection refused"
    When 10 seconds pass
    Then the pod "web" has condition "Ready" with status "True"
    And a connection to "web:80" reaches a pod of pod "web"
    When I run "kubectl run client --image=busybox:1.36 --restart=Never -- wget -qO- http://web/healthz"
    And 1 second passes
    And I run "kubectl logs client"
    Then the output is:
      """
      ok
      """

  Scenario: nginx answers 404 for a path it has no file for
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          readinessProbe:
            httpGet: {path: /healthz, port: 80}
            periodSeconds: 5
            failureThreshold: 1
      """
    And 5 seconds pass
    Then the pod "web" has condition "Ready" with status "False"
    And the pod "web" has an event with reason "Unhealthy" and message "Readiness probe failed: HTTP probe failed with statuscode: 404"
    When I run "kubectl exec web -- sh -c 'echo ok > /usr/share/nginx/html/healthz'"
    And 5 seconds pass
    Then the pod "web" has condition "Ready" with status "True"

  Scenario: nginx listens where its configuration says, here a ConfigMap's
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: nginx-conf}
      data:
        default.conf: |
          server {
              listen 8080;
              root /usr/share/nginx/html;
          }
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          volumeMounts: [{name: conf, mountPath: /etc/nginx/conf.d}]
          readinessProbe:
            tcpSocket: {port: 8080}
        volumes: [{name: conf, configMap: {name: nginx-conf}}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{name: new, port: 8080}, {name: old, port: 80}]
      """
    Then the pod "web" has condition "Ready" with status "True"
    And a connection to "web:8080" reaches a pod of pod "web"
    And a connection to "web:80" is refused

  Scenario: a raw TCP server, a Python one, and a sidecar listening for the pod
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: tools}
      spec:
        initContainers:
        - name: metrics
          image: busybox:1.36
          restartPolicy: Always
          command: ["nc", "-lk", "-p", "9100"]
        containers:
        - name: files
          image: python:3.12
          command: ["python3", "-m", "http.server", "8000"]
          readinessProbe:
            httpGet: {path: /, port: 8000}
          livenessProbe:
            tcpSocket: {port: 9100}
      """
    And 30 seconds pass
    Then the pod "tools" has condition "Ready" with status "True"
    And the pod "tools" has no event with reason "Unhealthy"
    When I run "kubectl exec tools -c files -- wget -qO- http://localhost:8000/"
    Then the output contains "<title>Directory listing for /</title>"

  Scenario: a request to nc -l gets what nc was given, and nc prints the request
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: hello, labels: {app: hello}}
      spec:
        containers:
        - name: hello
          image: busybox:1.36
          command: ["sh", "-c", "while true; do printf 'HTTP/1.1 200 OK\\r\\n\\r\\nhello\\n' | nc -l -p 8080; done"]
      """
    And I run "kubectl run client --image=busybox:1.36 --restart=Never -- wget -qO- http://10.244.1.2:8080/greeting"
    And 1 second passes
    And I run "kubectl logs client"
    Then the output is:
      """
      hello
      """
    When I run "kubectl logs hello"
    Then the output contains "GET /greeting HTTP/1.1"

  Scenario: an image behaviour still decides: nginx listens, but the image fails its readiness probe
    Given the image "nginx:1.25" fails its readiness probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          readinessProbe:
            httpGet: {path: /, port: 80}
      """
    And 30 seconds pass
    Then the pod "web" has condition "Ready" with status "False"
    And the pod "web" has an event with reason "Unhealthy" and message "Readiness probe failed: HTTP probe failed with statuscode: 500"
