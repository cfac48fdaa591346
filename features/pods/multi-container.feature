Feature: pods with several containers
  A pod is a group of containers that share the pod's network identity (the sandbox's pause container
  holds it) and its volumes. kubectl counts them in READY, describes each one, and asks which one you
  mean when a command needs a single container.

  Background:
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          run: myapp
        name: myapp
      spec:
        containers:
        - image: nginx:1.14.2
          name: nginx
        - image: tomcat:9.0.55
          name: tomcat
      """

  Scenario: the two-container myapp pod runs both containers
    When I run "kubectl get pod myapp"
    Then the output is:
      """
      NAME    READY   STATUS    RESTARTS   AGE
      myapp   2/2     Running   0          0s
      """
    And the pod "myapp" matches:
      """
      status:
        phase: Running
        podIP: 10.244.1.2
        containerStatuses:
        - {name: nginx, ready: true, image: "docker.io/library/nginx:1.14.2"}
        - {name: tomcat, ready: true, image: "docker.io/library/tomcat:9.0.55"}
      """
    When I run "kubectl describe pod myapp"
    Then the output contains:
      """
      Containers:
        nginx:
      """
    And the output contains:
      """
          Image:          nginx:1.14.2
      """
    And the output contains:
      """
        tomcat:
      """
    And the output matches "Normal  Created    \S+ +kubelet            Created container tomcat"
    And the output matches "Normal  Started    \S+ +kubelet            Started container nginx"

  Scenario: the containers share the pod's IP and hostname
    When I run "kubectl exec myapp -c nginx -- cat /etc/hosts"
    Then the output contains "10.244.1.2	myapp"
    When I run "kubectl exec myapp -c tomcat -- cat /etc/hosts"
    Then the output contains "10.244.1.2	myapp"
    When I run "kubectl exec myapp -c tomcat -- hostname"
    Then the output is:
      """
      myapp
      """

  Scenario: logs and exec default to the first container
    When I run "kubectl logs myapp"
    Then the command succeeds
    And the error output contains "Defaulted container \"nginx\" out of: nginx, tomcat"
    When I run "kubectl logs myapp -c mysql"
    Then the command fails with "error: container mysql is not valid for pod myapp"
    When I run "kubectl exec myapp -- hostname"
    Then the command succeeds
    And the output is:
      """
      myapp
      """
    And the error output contains "Defaulted container \"nginx\" out of: nginx, tomcat"

  Scenario: one crashing container makes the pod not ready
    Given the image "tomcat:broken" crashes on start
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: mixed}
      spec:
        containers:
        - {image: "nginx:1.14.2", name: nginx}
        - {image: "tomcat:broken", name: tomcat}
      """
    And I run "kubectl get pod mixed"
    Then the output is:
      """
      NAME    READY   STATUS             RESTARTS     AGE
      mixed   1/2     CrashLoopBackOff   1 (0s ago)   0s
      """
    And the pod "mixed" has condition "ContainersReady" with status "False", reason "ContainersNotReady" and message "containers with unready status: [tomcat]"
