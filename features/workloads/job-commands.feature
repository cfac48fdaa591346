@epic:Workloads @story:Job
Feature: Jobs whose commands decide how they end
  A Job's pods run their containers' commands: what the command prints is the pod's log, its exit code decides
  whether the pod succeeded, and the Job counts successes and failures against completions and backoffLimit.

  Background:
    Given a cluster with 2 nodes

  Scenario: pi, the documentation's Job: perl prints 2000 digits of pi
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        template:
          spec:
            containers:
            - name: pi
              image: perl:5.34.0
              command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
            restartPolicy: Never
        backoffLimit: 4
      """
    Then the job "pi" matches:
      """
      status:
        succeeded: 1
        conditions: [{type: Complete, status: "True"}]
      """
    When I run "kubectl logs job/pi"
    Then the output matches "^3\.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651\d{1889}$"

  Scenario: the seeds' pi Job: bc -l computes 5000 digits, four completions two at a time
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        parallelism: 2
        completions: 4
        template:
          spec:
            containers:
            - name: pi
              image: resouer/ubuntu-bc
              command: ["sh", "-c", "echo 'scale=5000; 4*a(1)' | bc -l "]
            restartPolicy: Never
        backoffLimit: 4
      """
    Then the job "pi" matches:
      """
      status: {succeeded: 4, active: 0}
      """
    When I run "kubectl logs job/pi --tail=2"
    Then the output matches "^\d{68}\\\n\d{38}$"

  Scenario: a Job whose command exits 1 fails after backoffLimit retries
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: fails
      spec:
        backoffLimit: 2
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: c
              image: busybox:1.36
              command: ["sh", "-c", "echo attempt at $(date +%T); exit 1"]
      """
    Then the job "fails" matches:
      """
      status: {failed: 1}
      """
    When 10 seconds pass
    Then the job "fails" matches:
      """
      status: {failed: 2}
      """
    When 20 seconds pass
    Then the job "fails" matches:
      """
      status:
        failed: 3
        conditions:
        - {type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}
      """
    And the job "fails" has an event with reason "BackoffLimitExceeded" and message "Job has reached the specified backoff limit"
    When I run "kubectl get pods -l job-name=fails"
    Then the output matches "(fails-\w{5} +0/1 +Error +0 +\d+s\n?){3}"
