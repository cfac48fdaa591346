@epic:Curriculum @story:Jobs
Feature: lab 8 — the pi Job runs two pods at a time until four succeed

  Background:
    Given a cluster with 2 nodes
    And the image "perl:5.34.0" exits with code 0 after 30s
    When the learner's solution is applied

  @points:1
  Scenario: two pods run at a time
    * hint: `parallelism: 2` runs two pods at a time
    Then there are 2 pods with labels "job-name=pi"
    And the job "pi" matches:
      """
      status: {active: 2}
      """

  @points:2
  Scenario: it completes after four successes
    * hint: `completions: 4` asks for four pods that exit 0
    Then within 5 minutes the job "pi" matches:
      """
      spec: {completions: 4}
      status:
        succeeded: 4
        conditions:
          - type: Complete
            status: "True"
      """
    And the job "pi" has an event with reason "Completed" and message "Job completed"

  @points:1
  Scenario: failed pods are retried at most 4 times
    * hint: `backoffLimit: 4` (the default is 6)
    Then the job "pi" matches:
      """
      spec: {backoffLimit: 4, template: {spec: {restartPolicy: Never}}}
      """
