Feature: pod termination
  Deleting a pod gives its containers terminationGracePeriodSeconds to stop: kubectl shows Terminating,
  the preStop hook runs first, and the pod is gone once its containers have stopped. A forced deletion
  with --grace-period=0 removes the object at once.

  Background:
    Given a cluster with 1 node

  Scenario: a preStop hook keeps the pod Terminating while it runs
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        terminationGracePeriodSeconds: 30
        containers:
        - name: web
          image: nginx:1.25
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 15"]
      """
    When I run "kubectl delete pod web --wait=false"
    And I run "kubectl get pod web"
    Then the output is:
      """
      NAME   READY   STATUS        RESTARTS   AGE
      web    1/1     Terminating   0          0s
      """
    And the pod "web" matches:
      """
      metadata: {deletionTimestamp: "2024-01-01T00:00:30Z", deletionGracePeriodSeconds: 30}
      """
    And the pod "web" has an event with reason "Killing" and message "Stopping container web"
    When I run "kubectl describe pod web"
    Then the output matches "Status: +Terminating \(lasts \S+\)"
    And the output contains "Termination Grace Period:  30s"
    When 14 seconds pass
    Then the pod "web" matches:
      """
      status: {phase: Running}
      """
    When 1 second passes
    Then the pod "web" does not exist

  Scenario: a preStop hook longer than the grace period is cut short
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: slow}
      spec:
        terminationGracePeriodSeconds: 10
        containers:
        - name: app
          image: nginx:1.25
          lifecycle:
            preStop:
              sleep: {seconds: 60}
      """
    When I run "kubectl delete pod slow --wait=false"
    And 9 seconds pass
    Then the pod "slow" matches:
      """
      metadata: {deletionGracePeriodSeconds: 10}
      """
    When 1 second passes
    Then the pod "slow" does not exist

  Scenario: without a hook the default image stops at once
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: quick}
      spec:
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    When I run "kubectl delete pod quick"
    Then the pod "quick" does not exist

  Scenario: a forced deletion does not wait
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: stuck}
      spec:
        terminationGracePeriodSeconds: 3600
        containers:
        - name: app
          image: nginx:1.25
          lifecycle: {preStop: {exec: {command: [sleep, "3600"]}}}
      """
    When I run "kubectl delete pod stuck --grace-period=0 --force"
    Then the command succeeds
    And the output is:
      """
      pod "stuck" force deleted
      """
    And the error output contains "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely."
    And the pod "stuck" does not exist

  Scenario: a second delete with a shorter grace period ends the wait sooner
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          lifecycle: {preStop: {exec: {command: [sleep, "25"]}}}
      """
    When I run "kubectl delete pod web --wait=false"
    And 2 seconds pass
    And I run "kubectl delete pod web --grace-period=5 --wait=false"
    And 4 seconds pass
    Then the pod "web" matches:
      """
      metadata: {deletionGracePeriodSeconds: 5}
      """
    When 1 second passes
    Then the pod "web" does not exist
