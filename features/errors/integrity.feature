@epic:Errors @story:Integrity
Feature: what the API server refuses to change, and keys it keeps
  A Job's completions are immutable, except that an Indexed Job may change them together with its parallelism
  (elastic Indexed Jobs). An owner reference must name its owner fully (a missing uid would have the garbage
  collector delete the object at once). Keys such as `__proto__` and `constructor` are ordinary keys.

  Scenario: a Job's completions cannot change
    Given the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        completions: 3
        template:
          spec:
            restartPolicy: Never
            containers: [{name: pi, image: perl:5.34}]
      """
    When I run:
      """
      kubectl patch job pi --type=merge -p '{"spec":{"completions":4}}'
      """
    Then the command fails with "The Job \"pi\" is invalid: spec.completions: Invalid value: 4: field is immutable"
    And the job "pi" matches:
      """
      spec: {completions: 3}
      """

  Scenario: an Indexed Job scales its completions with its parallelism
    Given the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: shards}
      spec:
        completionMode: Indexed
        completions: 3
        parallelism: 3
        template:
          spec:
            restartPolicy: Never
            containers: [{name: work, image: busybox}]
      """
    When I run:
      """
      kubectl patch job shards --type=merge -p '{"spec":{"completions":5}}'
      """
    Then the command fails with "The Job \"shards\" is invalid: spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism"
    When I run:
      """
      kubectl patch job shards --type=merge -p '{"spec":{"completions":5,"parallelism":5}}'
      """
    Then the command succeeds
    And the job "shards" matches:
      """
      spec: {completions: 5, parallelism: 5}
      """

  Scenario: an owner reference without a uid is refused
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: child
        ownerReferences:
        - {apiVersion: apps/v1, kind: Deployment, name: web}
      data: {a: b}
      """
    Then the command fails with "The ConfigMap \"child\" is invalid: metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty"
    And the configmap "child" does not exist

  Scenario: __proto__ and constructor are keys like any other
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {__proto__: first, constructor: second}
      """
    And I run:
      """
      kubectl patch configmap settings --type=merge -p '{"data":{"__proto__":"patched"}}'
      """
    And I run "kubectl get configmap settings -o jsonpath={.data}"
    Then the output is:
      """
      {"__proto__":"patched","constructor":"second"}
      """
