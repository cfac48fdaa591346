@epic:Curriculum @story:CronJobs @speed:60
Feature: lab 10 — hello, a CronJob every minute that never overlaps and keeps two Jobs

  Background:
    Given a cluster with 2 nodes
    And the image "busybox:1.36" exits with code 0 after 5s
    When the learner's solution is applied

  @points:1
  Scenario: hello runs busybox:1.36 every minute
    * hint: `schedule: "*/1 * * * *"` and a container with `image: busybox:1.36` in the jobTemplate
    Then the cronjob "hello" matches:
      """
      spec:
        schedule: "*/1 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{image: "busybox:1.36"}]
      """

  @points:2
  Scenario: each minute's Job runs to completion
    * hint: the Job's pod must exit 0: `restartPolicy: OnFailure` and the command `/bin/sh -c "date; echo Hello from the Kubernetes cluster"`
    When 2 minutes pass
    Then the cronjob "hello" has an event with reason "SawCompletedJob" and message "status: Complete"

  @points:1
  Scenario: a running Job is never doubled
    * hint: `concurrencyPolicy: Forbid` (the default, Allow, starts the next Job anyway)
    Then the cronjob "hello" matches:
      """
      spec: {concurrencyPolicy: Forbid}
      """

  @points:1
  Scenario: only the last 2 successful Jobs are kept
    * hint: `successfulJobsHistoryLimit: 2` (the default keeps 3)
    When 5 minutes pass
    Then the cronjob "hello" has an event with reason "SuccessfulDelete"
    And the cronjob "hello" matches:
      """
      spec: {successfulJobsHistoryLimit: 2}
      """
