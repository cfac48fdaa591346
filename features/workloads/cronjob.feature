@epic:Workloads @story:CronJob
Feature: hello, a CronJob that starts a Job on a schedule
  A CronJob creates the Job <cronjob>-<scheduled time in minutes since the epoch> at each time of its cron
  schedule, on the virtual clock: an hour passing creates the Jobs that hour would. concurrencyPolicy decides
  what happens while a Job is still running, and the oldest finished Jobs beyond the history limits go.
  The cluster's clock starts at 2024-01-01T00:00:00Z, 28401120 minutes after the epoch.

  Background:
    Given a cluster with 3 nodes
    And the image "busybox:1.28" exits with code 0 after 5s

  @severity:critical
  Scenario: a CronJob creates a Job every minute
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: hello
      spec:
        schedule: "* * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                - name: hello
                  image: busybox:1.28
                  command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]
                restartPolicy: OnFailure
      """
    Then the cronjob "hello" matches:
      """
      spec: {concurrencyPolicy: Allow, suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1}
      """
    When 1 minute passes
    Then the job "hello-28401121" matches:
      """
      metadata:
        annotations: {batch.kubernetes.io/cronjob-scheduled-timestamp: "2024-01-01T00:01:00Z"}
        ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: hello, controller: true, blockOwnerDeletion: true}]
      status: {active: 1}
      """
    And the cronjob "hello" matches:
      """
      status:
        lastScheduleTime: "2024-01-01T00:01:00Z"
        active: [{apiVersion: batch/v1, kind: Job, name: hello-28401121, namespace: default}]
      """
    And the cronjob "hello" has an event with reason "SuccessfulCreate" and message "Created job hello-28401121"
    When I run "kubectl get cronjobs"
    Then the output is:
      """
      NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      hello   * * * * *   <none>     False     1        0s              60s
      """
    When 5 seconds pass
    Then the job "hello-28401121" matches:
      """
      status: {succeeded: 1, conditions: [{type: Complete, status: "True"}]}
      """
    And the cronjob "hello" matches:
      """
      status: {lastScheduleTime: "2024-01-01T00:01:00Z", lastSuccessfulTime: "2024-01-01T00:01:05Z"}
      """
    And the cronjob "hello" has an event with reason "SawCompletedJob" and message "Saw completed job: hello-28401121, status: Complete"

  Scenario: an hour passing creates an hour's Jobs and keeps the last three that succeeded
    When I run "kubectl create cronjob hello --image=busybox:1.28 --schedule='*/10 * * * *'"
    Then the output is:
      """
      cronjob.batch/hello created
      """
    When 1 hour passes
    Then there are 4 jobs with labels ""
    And the job "hello-28401180" matches:
      """
      metadata: {annotations: {batch.kubernetes.io/cronjob-scheduled-timestamp: "2024-01-01T01:00:00Z"}}
      status: {active: 1}
      """
    And the job "hello-28401150" matches:
      """
      status: {succeeded: 1}
      """
    And the cronjob "hello" has an event with reason "SuccessfulDelete" and message "Deleted job hello-28401130"
    And the job "hello-28401140" does not exist
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME             STATUS     COMPLETIONS   DURATION   AGE
      hello-28401150   Complete   1/1           5s         30m
      hello-28401160   Complete   1/1           5s         20m
      hello-28401170   Complete   1/1           5s         10m
      hello-28401180   Running    0/1           0s         0s
      """

  Scenario: Forbid skips a run while the previous Job is still running
    Given the image "busybox:slow" exits with code 0 after 90s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "* * * * *"
        concurrencyPolicy: Forbid
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: report, image: "busybox:slow"}]
                restartPolicy: Never
      """
    And 2 minutes pass
    Then the job "report-28401121" matches:
      """
      status: {active: 1}
      """
    And the job "report-28401122" does not exist
    And the cronjob "report" has an event with reason "JobAlreadyActive" and message "Not starting job because prior execution is running and concurrency policy is Forbid"
    # the skipped 00:02 run counts as missed: it starts as soon as the running Job finishes, at 00:02:30
    When 30 seconds pass
    Then the job "report-28401122" matches:
      """
      metadata: {creationTimestamp: "2024-01-01T00:02:30Z"}
      status: {active: 1}
      """

  Scenario: with startingDeadlineSeconds a run skipped by Forbid is not started late
    Given the image "busybox:slow" exits with code 0 after 90s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "* * * * *"
        concurrencyPolicy: Forbid
        startingDeadlineSeconds: 10
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: report, image: "busybox:slow"}]
                restartPolicy: Never
      """
    And 3 minutes pass
    Then the job "report-28401122" does not exist
    And the job "report-28401123" matches:
      """
      status: {active: 1}
      """

  Scenario: Replace deletes the running Job and starts the new one
    Given the image "busybox:slow" exits with code 0 after 90s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "* * * * *"
        concurrencyPolicy: Replace
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: report, image: "busybox:slow"}]
                restartPolicy: Never
      """
    And 2 minutes pass
    Then the job "report-28401121" does not exist
    And the job "report-28401122" matches:
      """
      status: {active: 1}
      """
    And the cronjob "report" has an event with reason "SuccessfulDelete" and message "Deleted job report-28401121"

  Scenario: a suspended CronJob starts nothing; resumed after many missed times it starts only the latest
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: hello}
      spec:
        schedule: "* * * * *"
        suspend: true
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: hello, image: "busybox:1.28"}]
                restartPolicy: OnFailure
      """
    And 2 hours pass
    Then there are 0 jobs with labels ""
    When I run "kubectl patch cronjob hello --type=merge -p '{\"spec\":{\"suspend\":false}}'"
    Then there are 1 jobs with labels ""
    And the job "hello-28401240" matches:
      """
      status: {active: 1}
      """
    And the cronjob "hello" has an event with reason "TooManyMissedTimes" and message "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"

  Scenario: resumed after nights of missed weekday times, v1.30's estimate finds no time and waits for the next
    # mostRecentScheduleTime (pkg/controller/cronjob/utils.go): from the gap between the first two missed times (an
    # hour) v1.30 estimates 30 missed runs by Tuesday 16:30 and looks only from Tuesday 15:30 on, where this
    # schedule has none; an exact count would have started Tuesday's 12:30 run at once
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "30 10,11,12 * * 1-5"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: report, image: "busybox:1.28"}]
                restartPolicy: OnFailure
      """
    And 631 minutes pass
    Then the job "report-28401750" matches:
      """
      metadata: {annotations: {batch.kubernetes.io/cronjob-scheduled-timestamp: "2024-01-01T10:30:00Z"}}
      """
    When I run "kubectl patch cronjob report --type=merge -p '{\"spec\":{\"suspend\":true}}'"
    And 30 hours pass
    And I run "kubectl patch cronjob report --type=merge -p '{\"spec\":{\"suspend\":false}}'"
    Then there are 1 jobs with labels ""
    And the cronjob "report" matches:
      """
      status: {lastScheduleTime: "2024-01-01T10:30:00Z"}
      """
    When 18 hours pass
    Then there are 2 jobs with labels ""
    And the cronjob "report" matches:
      """
      status: {lastScheduleTime: "2024-01-03T10:30:00Z"}
      """

  Scenario: a timeZone schedules in that zone's local time
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: morning}
      spec:
        schedule: "0 9 * * *"
        timeZone: Asia/Shanghai
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: hello, image: "busybox:1.28"}]
                restartPolicy: OnFailure
      """
    And 1 hour passes
    Then the job "morning-28401180" matches:
      """
      metadata:
        annotations: {batch.kubernetes.io/cronjob-scheduled-timestamp: "2024-01-01T09:00:00+08:00"}
      """
    When I run "kubectl get cronjob morning"
    Then the output is:
      """
      NAME      SCHEDULE    TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      morning   0 9 * * *   Asia/Shanghai   False     1        0s              60m
      """

  Scenario: a Job made by hand from a CronJob's template
    Given the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: hello}
      spec:
        schedule: "0 0 1 1 *"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: hello, image: "busybox:1.28"}]
                restartPolicy: OnFailure
      """
    When I run "kubectl create job hello-now --from=cronjob/hello"
    Then the output is:
      """
      job.batch/hello-now created
      """
    And the job "hello-now" matches:
      """
      metadata:
        annotations: {cronjob.kubernetes.io/instantiate: manual}
        ownerReferences: [{kind: CronJob, name: hello}]
      status: {active: 1}
      """

  Scenario: an invalid schedule is rejected with the apiserver's message
    When I try to apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: hello}
      spec:
        schedule: "every minute"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: hello, image: "busybox:1.28"}]
                restartPolicy: OnFailure
      """
    Then the command fails with "The CronJob \"hello\" is invalid: spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: [every minute]"

  Scenario: deleting one pod of a CronJob deletes a pod of its running Job, which the Job replaces
    Given the image "busybox:slow" exits with code 0 after 90s
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report}
      spec:
        schedule: "*/5 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{name: report, image: "busybox:slow"}]
                restartPolicy: Never
      """
    And 5 minutes pass
    And I delete one pod of cronjob "report"
    Then the job "report-28401125" matches:
      """
      status: {active: 1, failed: 1}
      """
