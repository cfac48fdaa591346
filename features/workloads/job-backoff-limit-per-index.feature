@epic:Workloads @story:Job
Feature: an Indexed Job retries each index on its own with backoffLimitPerIndex
  With `spec.backoffLimitPerIndex` (beta and on in v1.30) each index of an Indexed Job gets its own retries:
  the replacement pod carries the index's failures so far in the batch.kubernetes.io/job-index-failure-count
  annotation, and waits out the index's own back-off. An index that fails more often than the limit goes into
  `status.failedIndexes` and is not retried, while the other indexes run on. The Job fails with FailedIndexes
  once every index has succeeded or failed, or with MaxFailedIndexesExceeded as soon as more indexes failed
  than `maxFailedIndexes` allows.

  Background:
    Given a cluster with 3 nodes
    And the image "python:3" exits with code 1 after 5s

  @severity:critical
  Scenario: every index fails twice, so the Job fails with FailedIndexes
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: job-backoff-limit-per-index-example
      spec:
        completions: 3
        parallelism: 3
        completionMode: Indexed
        backoffLimitPerIndex: 1
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: example
              image: python:3
              command: ["python3", "-c", "import os, sys; sys.exit(1)"]
      """
    Then the job "job-backoff-limit-per-index-example" matches:
      """
      spec: {backoffLimit: 2147483647, backoffLimitPerIndex: 1}
      status: {active: 3, failedIndexes: ""}
      """
    When I run "kubectl get pods -l batch.kubernetes.io/job-completion-index=0 -o jsonpath='{.items[0].metadata.annotations.batch\.kubernetes\.io/job-index-failure-count}'"
    Then the output is:
      """
      0
      """
    When 5 seconds pass
    Then the job "job-backoff-limit-per-index-example" matches:
      """
      status: {active: 0, failedIndexes: ""}
      """
    When 10 seconds pass
    Then the job "job-backoff-limit-per-index-example" matches:
      """
      status: {active: 3, failed: 3, failedIndexes: ""}
      """
    And there are 2 pods with labels "batch.kubernetes.io/job-completion-index=1"
    When I run "kubectl get pods -l batch.kubernetes.io/job-completion-index=1 --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[1].metadata.annotations.batch\.kubernetes\.io/job-index-failure-count}'"
    Then the output is:
      """
      1
      """
    When 5 seconds pass
    Then the job "job-backoff-limit-per-index-example" matches:
      """
      status:
        active: 0
        failed: 6
        failedIndexes: 0-2
        conditions: [{type: Failed, status: "True", reason: FailedIndexes, message: Job has failed indexes}]
      """
    And the job "job-backoff-limit-per-index-example" has an event with reason "FailedIndexes" and message "Job has failed indexes"
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME                                  STATUS   COMPLETIONS   DURATION   AGE
      job-backoff-limit-per-index-example   Failed   0/3           20s        20s
      """

  Scenario: more failed indexes than maxFailedIndexes fail the Job at once
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: sample
      spec:
        completions: 4
        parallelism: 2
        completionMode: Indexed
        backoffLimitPerIndex: 0
        maxFailedIndexes: 1
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: example
              image: python:3
      """
    When 5 seconds pass
    Then the job "sample" matches:
      """
      status:
        active: 0
        failedIndexes: 0,1
        conditions: [{type: Failed, status: "True", reason: MaxFailedIndexesExceeded, message: Job has exceeded the specified maximal number of failed indexes}]
      """
    And there are 0 pods with labels "batch.kubernetes.io/job-completion-index=3"

  Scenario: a FailIndex rule fails the index at its first failure; the other indexes run on
    Given the image "python:3" exits with code 42 after 5s
    And the image "ok:1" exits with code 0 after 5s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: sample
      spec:
        completions: 2
        parallelism: 1
        completionMode: Indexed
        backoffLimitPerIndex: 3
        podFailurePolicy:
          rules:
          - action: FailIndex
            onExitCodes:
              operator: In
              values: [42]
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: example
              image: python:3
      """
    When 5 seconds pass
    Then the job "sample" matches:
      """
      status: {active: 1, failed: 1, failedIndexes: "0"}
      """
    And there are 1 pods with labels "batch.kubernetes.io/job-completion-index=1"

  Scenario: backoffLimitPerIndex needs an Indexed Job
    When I try to apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        backoffLimitPerIndex: 1
        maxFailedIndexes: 1
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: pi
              image: python:3
      """
    Then the command fails with "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"
    And the command fails with "spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode"
