Feature: init containers and sidecars
  Init containers run one at a time, in order, each to completion, before the app containers start;
  kubectl shows Init:i/n meanwhile. A sidecar (an init container with restartPolicy Always) starts in
  order and keeps running beside the app containers.

  Scenario: the javaweb pod: an init container copies the war into an emptyDir the tomcat container serves
    Given a cluster with 1 node
    And the image "geektime/sample:v2" exits with code 0 after 10 seconds
    And the image "geektime/sample:v2" writes the file "/app/sample.war"
    And the image "geektime/tomcat:7.0" keeps running
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: javaweb-2
      spec:
        initContainers:
        - image: geektime/sample:v2
          name: war
          command: ["cp", "/sample.war", "/app"]
          volumeMounts:
          - mountPath: /app
            name: app-volume
        containers:
        - image: geektime/tomcat:7.0
          name: tomcat
          command: ["sh","-c","/root/apache-tomcat-7.0.42-v2/bin/start.sh"]
          volumeMounts:
          - mountPath: /root/apache-tomcat-7.0.42-v2/webapps
            name: app-volume
          ports:
          - containerPort: 8080
            hostPort: 8001
        volumes:
        - name: app-volume
          emptyDir: {}
      """
    And I run "kubectl get pod javaweb-2"
    Then the output is:
      """
      NAME        READY   STATUS     RESTARTS   AGE
      javaweb-2   0/1     Init:0/1   0          0s
      """
    And the pod "javaweb-2" matches:
      """
      status:
        phase: Pending
        initContainerStatuses:
        - {name: war, ready: false, state: {running: {}}}
        containerStatuses:
        - {name: tomcat, ready: false, state: {waiting: {reason: PodInitializing}}}
      """
    And the pod "javaweb-2" has condition "Initialized" with status "False", reason "ContainersNotInitialized" and message "containers with incomplete status: [war]"
    When 10 seconds pass
    And I run "kubectl get pod javaweb-2"
    Then the output is:
      """
      NAME        READY   STATUS    RESTARTS   AGE
      javaweb-2   1/1     Running   0          10s
      """
    And the pod "javaweb-2" matches:
      """
      status:
        phase: Running
        initContainerStatuses:
        - {name: war, ready: true, state: {terminated: {exitCode: 0, reason: Completed}}}
        containerStatuses:
        - {name: tomcat, ready: true, started: true}
      """
    And the pod "javaweb-2" has condition "Initialized" with status "True"
    When I run "kubectl exec javaweb-2 -c tomcat -- ls /root/apache-tomcat-7.0.42-v2/webapps"
    Then the output is:
      """
      sample.war
      """
    When I run "kubectl describe pod javaweb-2"
    Then the output contains:
      """
      Init Containers:
        war:
      """
    And the output matches "Host Port: +8001/TCP"
    And the output contains "/root/apache-tomcat-7.0.42-v2/webapps from app-volume (rw)"

  Scenario: two init containers run one after the other
    Given the image "wait-db:1" exits with code 0 after 5 seconds
    And the image "migrate:1" exits with code 0 after 20 seconds
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        initContainers:
        - {name: wait-db, image: "wait-db:1"}
        - {name: migrate, image: "migrate:1"}
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    And I run "kubectl get pod app --no-headers"
    Then the output contains "Init:0/2"
    When 5 seconds pass
    And I run "kubectl get pod app --no-headers"
    Then the output contains "Init:1/2"
    And the pod "app" matches:
      """
      status:
        initContainerStatuses:
        - {name: wait-db, state: {terminated: {reason: Completed}}}
        - {name: migrate, state: {running: {}}}
      """
    When 20 seconds pass
    Then the pod "app" matches:
      """
      status: {phase: Running}
      """

  Scenario: a failing init container is restarted with back-off and blocks the app
    Given the image "setup:bad" exits with code 1 after 2 seconds
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        initContainers:
        - {name: setup, image: "setup:bad"}
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    And 5 seconds pass
    Then the pod "app" matches:
      """
      status:
        phase: Pending
        initContainerStatuses:
        - {name: setup, restartCount: 1, state: {waiting: {reason: CrashLoopBackOff}}, lastState: {terminated: {exitCode: 1}}}
        containerStatuses:
        - {name: app, state: {waiting: {reason: PodInitializing}}}
      """
    When I run "kubectl get pod app --no-headers"
    Then the output contains "Init:CrashLoopBackOff"

  Scenario: with restartPolicy Never a failed init container fails the pod
    Given the image "setup:bad" exits with code 1 after 2 seconds
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: once}
      spec:
        restartPolicy: Never
        initContainers:
        - {name: setup, image: "setup:bad"}
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    And 2 seconds pass
    Then the pod "once" matches:
      """
      status: {phase: Failed}
      """
    When I run "kubectl get pod once --no-headers"
    Then the output contains "Init:Error"

  Scenario: a native sidecar starts first and keeps running beside the app
    Given the image "log-shipper:1" takes 5 seconds to start
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        initContainers:
        - {name: shipper, image: "log-shipper:1", restartPolicy: Always}
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    Then the pod "app" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - {name: app, state: {waiting: {reason: PodInitializing}}}
      """
    When I run "kubectl get pod app --no-headers"
    Then the output matches "0/2 +Init:0/1"
    When 5 seconds pass
    Then the pod "app" matches:
      """
      status:
        phase: Running
        initContainerStatuses:
        - {name: shipper, ready: true, started: true, state: {running: {}}}
        containerStatuses:
        - {name: app, ready: true}
      """
    When I run "kubectl get pod app --no-headers"
    Then the output matches "2/2 +Running"
