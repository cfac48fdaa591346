@epic:Workloads @story:Job
Feature: a Job's podFailurePolicy decides what a failed pod means
  With `spec.podFailurePolicy` (beta and on in v1.30) the first rule a failed pod matches, by a container's
  exit code (onExitCodes) or by a pod condition (onPodConditions), decides: FailJob fails the whole Job at
  once, Ignore does not count the failure against backoffLimit, Count counts it as usual. A Job with a pod
  failure policy restarts its pods Never, and replaces a pod only once it has failed (podReplacementPolicy
  Failed), never while it is still terminating.

  Background:
    Given a cluster with 2 nodes

  @severity:critical
  Scenario: exit code 42 of the main container fails the Job at once, without using up the backoffLimit
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: job-pod-failure-policy-example
      spec:
        completions: 12
        parallelism: 3
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: main
              image: bash:5
              command: ["bash"]
              args: ["-c", "echo \"Hello world!\" && sleep 5 && exit 42"]
        backoffLimit: 6
        podFailurePolicy:
          rules:
          - action: FailJob
            onExitCodes:
              containerName: main
              operator: In
              values: [42]
          - action: Ignore
            onPodConditions:
            - type: DisruptionTarget
      """
    Then the job "job-pod-failure-policy-example" matches:
      """
      spec: {podReplacementPolicy: Failed}
      status: {active: 3}
      """
    When 5 seconds pass
    Then the job "job-pod-failure-policy-example" matches:
      """
      status:
        active: 0
        failed: 3
        conditions:
        - {type: FailureTarget, status: "True", reason: PodFailurePolicy}
        - {type: Failed, status: "True", reason: PodFailurePolicy}
      """
    When I run "kubectl get job job-pod-failure-policy-example -o jsonpath={.status.conditions[1].message}"
    Then the output matches "^Container main for pod default/job-pod-failure-policy-example-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$"
    And the job "job-pod-failure-policy-example" has an event with reason "PodFailurePolicy" and message "failed with exit code 42 matching FailJob rule at index 0"
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME                             STATUS   COMPLETIONS   DURATION   AGE
      job-pod-failure-policy-example   Failed   0/12          5s         5s
      """
    When I run "kubectl describe job job-pod-failure-policy-example"
    Then the output contains:
      """
      Backoff Limit:    6
      Start Time:       Mon, 01 Jan 2024 00:00:00 +0000
      Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed
      """

  Scenario: a pod evicted by a drain fails with the DisruptionTarget condition, which an Ignore rule does not count
    The evicted container is killed (exit code 137), so the Ignore rule must come before the FailJob rule
    for any non-zero exit code: the first matching rule wins.
    Given the image "bash:5" exits with code 0 after 60s
    When I run "kubectl cordon node-2"
    And I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            containers:
            - name: main
              image: bash:5
        podFailurePolicy:
          rules:
          - action: Ignore
            onPodConditions:
            - type: DisruptionTarget
          - action: FailJob
            onExitCodes:
              containerName: main
              operator: NotIn
              values: [0]
      """
    And 10 seconds pass
    And I run "kubectl uncordon node-2"
    And I run "kubectl drain node-1"
    Then the output matches "^node/node-1 cordoned\nevicting pod default/pi-\S+\npod/pi-\S+ evicted\nnode/node-1 drained$"
    And the job "pi" matches:
      """
      status: {active: 1, terminating: 0, uncountedTerminatedPods: {}}
      """
    And there are 1 pods with labels "job-name=pi"
    When 60 seconds pass
    Then the job "pi" matches:
      """
      status:
        succeeded: 1
        conditions: [{type: Complete, status: "True"}]
      """
    And the job "pi" has an event with reason "Completed" and message "Job completed"

  Scenario: a pod failure policy needs restartPolicy Never, replaces only failed pods, and FailIndex needs backoffLimitPerIndex
    When I try to apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: pi
      spec:
        podReplacementPolicy: TerminatingOrFailed
        template:
          spec:
            restartPolicy: OnFailure
            containers:
            - name: main
              image: bash:5
        podFailurePolicy:
          rules:
          - action: FailIndex
            onExitCodes:
              containerName: sidecar
              operator: In
              values: [3, 0, 3]
      """
    Then the command fails with "The Job \"pi\" is invalid:"
    And the command fails with "* spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"
    And the command fails with "* spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"sidecar\": must be one of the container or initContainer names in the pod template"
    And the command fails with "* spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator"
    And the command fails with "* spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3"
    And the command fails with "* spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 0, 3}: must be ordered"
    And the command fails with "* spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\""
    And the command fails with "* spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"
