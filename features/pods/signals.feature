@epic:Pods @story:Termination
Feature: SIGTERM reaches PID 1, as it does in a container
  When a pod is deleted, the kubelet runs each container's preStop hook, then sends SIGTERM to the container's
  PID 1, and SIGKILL when the grace period ends. A shell that traps TERM runs its handler between commands (a
  foreground `sleep` finishes first; `wait` is interrupted at once); a PID 1 without a handler, a plain `sleep`
  or `sh -c` whose only command the shell execs, ignores SIGTERM, as the kernel ignores it for a container's init,
  and is killed when the grace period ends.

  Background:
    Given a cluster with 1 node

  Scenario: graceful shutdown: the trap handler runs and the pod goes once it exits
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: worker}
      spec:
        containers:
        - name: worker
          image: busybox:1.36
          command: ["/bin/sh", "-c"]
          args:
          - |
            trap 'echo SIGTERM received, finishing; sleep 3; echo bye; exit 0' TERM
            echo started
            while true; do sleep 1; done
      """
    And 10 seconds pass
    And I run "kubectl delete pod worker --wait=false"
    And 2 seconds pass
    And I run "kubectl logs worker"
    Then the output is:
      """
      started
      SIGTERM received, finishing
      """
    When I run "kubectl get pod worker"
    Then the output contains "worker   1/1     Terminating   0          12s"
    When 2 seconds pass
    Then the pod "worker" does not exist

  Scenario: a PID 1 without a handler ignores SIGTERM and is killed when the grace period ends
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: sleeper}
      spec:
        terminationGracePeriodSeconds: 30
        containers:
        - {name: c, image: busybox:1.36, command: ["sh", "-c", "sleep 3600"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: deferred}
      spec:
        containers:
        - {name: c, image: busybox:1.36, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: waiting}
      spec:
        containers:
        - {name: c, image: busybox:1.36, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - {name: c, image: nginx:1.25}
      """
    And I run "kubectl delete pod sleeper deferred waiting web --wait=false"
    Then the pod "waiting" does not exist
    And the pod "web" does not exist
    When 29 seconds pass
    Then the pod "sleeper" matches:
      """
      metadata: {deletionGracePeriodSeconds: 30}
      """
    And the pod "deferred" matches:
      """
      metadata: {deletionGracePeriodSeconds: 30}
      """
    When 1 second passes
    Then the pod "sleeper" does not exist
    And the pod "deferred" does not exist

  Scenario: with podReplacementPolicy Failed a deleted Job pod counts as its exit codes say: exit 0 in the trap succeeds, SIGKILL fails
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: graceful}
      spec:
        podReplacementPolicy: Failed
        template:
          spec:
            restartPolicy: Never
            containers:
            - {name: c, image: busybox:1.36, command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: stubborn}
      spec:
        podReplacementPolicy: Failed
        template:
          spec:
            restartPolicy: Never
            terminationGracePeriodSeconds: 10
            containers:
            - {name: c, image: busybox:1.36, command: ["sleep", "3600"]}
      """
    And I run "kubectl delete pods -l job-name=graceful --wait=false"
    And I run "kubectl delete pods -l job-name=stubborn --wait=false"
    And 1 second passes
    Then the job "graceful" matches:
      """
      status:
        succeeded: 1
        conditions: [{type: Complete, status: "True"}]
      """
    And the job "stubborn" matches:
      """
      status: {active: 0, terminating: 1}
      """
    When 9 seconds pass
    Then the job "stubborn" matches:
      """
      status: {failed: 1, active: 1}
      """
    And there are 1 pods with labels "job-name=stubborn"
