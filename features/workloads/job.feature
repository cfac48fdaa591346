@epic:Workloads @story:Job
Feature: pi, a Job that runs pods to completion
  A Job runs pods until `completions` of them succeed, at most `parallelism` at a time. Its pods carry the
  job-name and controller-uid labels the API server adds, and the batch.kubernetes.io/job-tracking finalizer
  until the Job controller has counted them. Failures are retried with a back-off until backoffLimit is passed.

  Background:
    Given a cluster with 3 nodes
    And the image "perl:5.34.0" exits with code 0 after 30s

  @severity:critical
  Scenario: the seeds' pi Job runs two pods at a time until four succeed
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
              image: perl:5.34.0
              command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
            restartPolicy: Never
        backoffLimit: 4
      """
    Then there are 2 pods with labels "job-name=pi"
    And there are 2 pods with labels "batch.kubernetes.io/job-name=pi,controller-uid"
    And the job "pi" matches:
      """
      spec:
        completionMode: NonIndexed
        suspend: false
        podReplacementPolicy: TerminatingOrFailed
      status: {active: 2, ready: 2, terminating: 0, uncountedTerminatedPods: {}}
      """
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME   STATUS    COMPLETIONS   DURATION   AGE
      pi     Running   0/4           0s         0s
      """
    When 30 seconds pass
    Then there are 4 pods with labels "job-name=pi"
    And the job "pi" matches:
      """
      status: {active: 2, succeeded: 2}
      """
    When 30 seconds pass
    Then the job "pi" matches:
      """
      status:
        succeeded: 4
        active: 0
        startTime: "2024-01-01T00:00:00Z"
        completionTime: "2024-01-01T00:01:00Z"
        conditions: [{type: Complete, status: "True"}]
      """
    And the job "pi" has an event with reason "Completed" and message "Job completed"
    And the job "pi" has an event with reason "SuccessfulCreate" and message "Created pod: pi-"
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME   STATUS     COMPLETIONS   DURATION   AGE
      pi     Complete   4/4           60s        60s
      """
    When I run "kubectl get pods -l job-name=pi"
    Then the output matches "^NAME +READY +STATUS +RESTARTS +AGE(\npi-[bcdfghjklmnpqrstvwxz2456789]{5} +0/1 +Completed +0 +(30|60)s){4}$"
    When I run "kubectl describe job pi"
    Then the output contains:
      """
      Parallelism:      2
      Completions:      4
      Completion Mode:  NonIndexed
      Suspend:          false
      Backoff Limit:    4
      Start Time:       Mon, 01 Jan 2024 00:00:00 +0000
      Completed At:     Mon, 01 Jan 2024 00:01:00 +0000
      Duration:         60s
      Pods Statuses:    0 Active (0 Ready) / 4 Succeeded / 0 Failed
      """
    And the output matches "Normal  Completed         \S+ +job-controller  Job completed"

  Scenario: a Job's pods carry the tracking finalizer only until they are counted
    Given the image "sleeper:1" takes 0s to start
    When I run "kubectl create job sleepy --image=sleeper:1"
    Then the output is:
      """
      job.batch/sleepy created
      """
    And the job "sleepy" matches:
      """
      spec: {completions: 1, parallelism: 1, backoffLimit: 6}
      status: {active: 1}
      """
    When I run "kubectl get pods -l job-name=sleepy -o jsonpath={.items[0].metadata.finalizers}"
    Then the output is:
      """
      ["batch.kubernetes.io/job-tracking"]
      """

  Scenario: failed pods past the backoffLimit fail the Job
    Given the image "flaky:1" exits with code 1 after 5s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: flaky}
      spec:
        backoffLimit: 2
        template:
          spec:
            containers: [{name: c, image: "flaky:1"}]
            restartPolicy: Never
      """
    And 5 seconds pass
    Then the job "flaky" matches:
      """
      status: {failed: 1, active: 0}
      """
    When 10 seconds pass
    Then the job "flaky" matches:
      """
      status: {failed: 1, active: 1}
      """
    When 2 minutes pass
    Then the job "flaky" matches:
      """
      status:
        failed: 3
        active: 0
        conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}]
      """
    And the job "flaky" has an event with reason "BackoffLimitExceeded" and message "Job has reached the specified backoff limit"
    And there are 3 pods with labels "job-name=flaky"
    When I run "kubectl get job flaky"
    Then the output matches "^NAME +STATUS +COMPLETIONS +DURATION +AGE\nflaky +Failed +0/1 +"

  Scenario: restarts of an OnFailure pod count against the backoffLimit
    Given the image "flaky:1" exits with code 1 after 1s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: flaky}
      spec:
        backoffLimit: 2
        template:
          spec:
            containers: [{name: c, image: "flaky:1"}]
            restartPolicy: OnFailure
      """
    Then eventually the job "flaky" matches:
      """
      status:
        conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded}]
      """

  Scenario: activeDeadlineSeconds fails a Job that runs too long
    Given the image "forever:1" takes 0s to start
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: slow}
      spec:
        activeDeadlineSeconds: 60
        template:
          spec:
            containers: [{name: c, image: "forever:1"}]
            restartPolicy: Never
      """
    And 59 seconds pass
    Then the job "slow" matches:
      """
      status: {active: 1}
      """
    When 1 second passes
    Then the job "slow" matches:
      """
      status:
        active: 0
        failed: 1
        conditions: [{type: Failed, status: "True", reason: DeadlineExceeded, message: Job was active longer than specified deadline}]
      """
    And the job "slow" has an event with reason "DeadlineExceeded"
    And there are 0 pods with labels "job-name=slow"

  Scenario: an Indexed Job gives each pod its completion index
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: sample}
      spec:
        completions: 3
        parallelism: 3
        completionMode: Indexed
        template:
          spec:
            containers: [{name: c, image: "perl:5.34.0"}]
            restartPolicy: Never
      """
    Then there are 1 pods with labels "batch.kubernetes.io/job-completion-index=0"
    And there are 1 pods with labels "batch.kubernetes.io/job-completion-index=2"
    When I run "kubectl get pods -l batch.kubernetes.io/job-completion-index=1 -o jsonpath={.items[0].metadata.annotations}{.items[0].spec.hostname}"
    Then the output is:
      """
      {"batch.kubernetes.io/job-completion-index":"1"}sample-1
      """
    When I run "kubectl get pods -l batch.kubernetes.io/job-completion-index=1 -o jsonpath={.items[0].spec.containers[0].env}"
    Then the output is:
      """
      [{"name":"JOB_COMPLETION_INDEX","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}]
      """
    And the output matches "JOB_COMPLETION_INDEX"
    When 30 seconds pass
    Then the job "sample" matches:
      """
      status: {succeeded: 3, completedIndexes: 0-2, conditions: [{type: Complete, status: "True"}]}
      """

  Scenario: ttlSecondsAfterFinished deletes the finished Job and its pods
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        ttlSecondsAfterFinished: 100
        template:
          spec:
            containers: [{name: pi, image: "perl:5.34.0"}]
            restartPolicy: Never
      """
    And 30 seconds pass
    Then the job "pi" matches:
      """
      status: {succeeded: 1}
      """
    When 99 seconds pass
    Then there are 1 jobs with labels "job-name=pi"
    When 1 second passes
    Then the job "pi" does not exist
    And there are 0 pods with labels "job-name=pi"

  Scenario: suspending a Job deletes its active pods until it is resumed
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        parallelism: 2
        completions: 2
        template:
          spec:
            containers: [{name: pi, image: "perl:5.34.0"}]
            restartPolicy: Never
      """
    And I run "kubectl patch job pi --type=merge -p '{\"spec\":{\"suspend\":true}}'"
    Then the job "pi" matches:
      """
      status: {active: 0, conditions: [{type: Suspended, status: "True", reason: JobSuspended, message: Job suspended}]}
      """
    And the job "pi" has an event with reason "Suspended"
    When I run "kubectl patch job pi --type=merge -p '{\"spec\":{\"suspend\":false}}'"
    Then the job "pi" matches:
      """
      status: {active: 2, conditions: [{type: Suspended, status: "False", reason: JobResumed, message: Job resumed}]}
      """

  Scenario: a deleted pod of a Job counts as failed and is replaced
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        template:
          spec:
            containers: [{name: pi, image: "perl:5.34.0"}]
            restartPolicy: Never
      """
    And I delete one pod of job "pi"
    Then the job "pi" matches:
      """
      status: {failed: 1, active: 1}
      """
    When 30 seconds pass
    Then the job "pi" matches:
      """
      status: {failed: 1, succeeded: 1, conditions: [{type: Complete, status: "True"}]}
      """

  Scenario: deleting a Job deletes its pods, whose tracking finalizer the Job controller lets go
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        parallelism: 2
        completions: 4
        template:
          spec:
            containers: [{name: pi, image: "perl:5.34.0"}]
            restartPolicy: Never
      """
    And I run "kubectl delete job pi"
    Then the output is:
      """
      job.batch "pi" deleted
      """
    And there are 0 pods with labels "job-name=pi"

  Scenario: a Job's pods may not restart Always
    When I try to apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        template:
          spec:
            containers: [{name: pi, image: "perl:5.34.0"}]
      """
    Then the command fails with "The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""

  Scenario: successPolicy is alpha in v1.30, so the API server drops it and the Job needs all its completions
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        completions: 3
        parallelism: 3
        completionMode: Indexed
        successPolicy:
          rules:
          - succeededIndexes: "0"
        template:
          spec:
            restartPolicy: Never
            containers: [{name: pi, image: "perl:5.34.0"}]
      """
    And I run "kubectl get job pi -o jsonpath={.spec}"
    Then the output does not contain "successPolicy"
    When 30 seconds pass
    Then the job "pi" matches:
      """
      status: {succeeded: 3, completedIndexes: 0-2, conditions: [{type: Complete, status: "True"}]}
      """
