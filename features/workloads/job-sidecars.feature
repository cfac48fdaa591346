@epic:Workloads @story:Job
Feature: Jobs with sidecar containers
  A sidecar is an init container with `restartPolicy: Always` (on by default since v1.29): it starts before the
  app containers and keeps running beside them. When the regular containers of a Job's pod have finished, the
  kubelet stops the sidecars, the last one first, each with SIGTERM and, when the grace period ends, SIGKILL;
  until then the pod is Running, and the Job completes once its pod has Succeeded.

  Background:
    Given a cluster with 1 node

  Scenario: the documentation's Job with a log-shipping sidecar completes once the sidecar is stopped
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: myjob
      spec:
        template:
          spec:
            containers:
              - name: myjob
                image: alpine:latest
                command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
                volumeMounts:
                  - name: data
                    mountPath: /opt
            initContainers:
              - name: logshipper
                image: alpine:latest
                restartPolicy: Always
                command: ['sh', '-c', 'tail -F /opt/logs.txt']
                volumeMounts:
                  - name: data
                    mountPath: /opt
            restartPolicy: Never
            volumes:
              - name: data
                emptyDir: {}
      """
    And I run "kubectl get pods,jobs"
    Then the output is:
      """
      NAME              READY   STATUS      RESTARTS   AGE
      pod/myjob-6gfl5   1/2     Completed   0          0s

      NAME              STATUS    COMPLETIONS   DURATION   AGE
      job.batch/myjob   Running   0/1           0s         0s
      """
    And the pod "myjob-6gfl5" matches:
      """
      status:
        phase: Running
        initContainerStatuses:
        - {name: logshipper, started: true, state: {running: {}}}
        containerStatuses:
        - {name: myjob, state: {terminated: {exitCode: 0, reason: Completed}}}
      """
    And the pod "myjob-6gfl5" has an event with reason "Killing" and message "Stopping container logshipper"
    When I run "kubectl logs myjob-6gfl5 -c logshipper"
    Then the output is:
      """
      tail: can't open '/opt/logs.txt': No such file or directory
      tail: /opt/logs.txt has appeared; following end of new file
      logging
      """
    # tail is PID 1 (the shell execs its only command) and has no SIGTERM handler: SIGKILL after 30 seconds
    When 29 seconds pass
    Then the job "myjob" matches:
      """
      status: {active: 1}
      """
    When 1 second passes
    Then the pod "myjob-6gfl5" matches:
      """
      status:
        phase: Succeeded
        initContainerStatuses:
        - {name: logshipper, state: {terminated: {exitCode: 137, reason: Error}}}
      """
    And the job "myjob" has condition "Complete" with status "True"
    When I run "kubectl get pods,jobs"
    Then the output is:
      """
      NAME              READY   STATUS      RESTARTS   AGE
      pod/myjob-6gfl5   0/2     Completed   0          30s

      NAME              STATUS     COMPLETIONS   DURATION   AGE
      job.batch/myjob   Complete   1/1           30s        30s
      """

  Scenario: sidecars that handle SIGTERM stop in reverse order, each after the one started after it
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: report}
      spec:
        template:
          spec:
            restartPolicy: Never
            initContainers:
            - name: proxy
              image: busybox:1.36
              restartPolicy: Always
              command: ["sh", "-c", "trap 'echo proxy draining; sleep 2; exit 0' TERM; while true; do sleep 1; done"]
            - name: shipper
              image: busybox:1.36
              restartPolicy: Always
              command: ["sh", "-c", "trap 'echo shipper flushing; sleep 5; exit 0' TERM; while true; do sleep 1; done"]
            containers:
            - name: report
              image: busybox:1.36
              command: ["sh", "-c", "sleep 10; echo done"]
      """
    And 10 seconds pass
    And I run "kubectl get pods -l job-name=report"
    Then the output is:
      """
      NAME           READY   STATUS      RESTARTS   AGE
      report-77t56   2/3     Completed   0          10s
      """
    And the pod "report-77t56" has an event with reason "Killing" and message "Stopping container shipper"
    # shipper's handler runs when its loop's `sleep 1` ends (11s) and exits at 16s; then proxy's turn
    When 6 seconds pass
    Then the pod "report-77t56" matches:
      """
      status:
        phase: Running
        initContainerStatuses:
        - {name: proxy, state: {running: {}}}
        - {name: shipper, state: {terminated: {exitCode: 0, reason: Completed}}}
      """
    When 3 seconds pass
    Then the pod "report-77t56" matches:
      """
      status:
        phase: Succeeded
        initContainerStatuses:
        - {name: proxy, state: {terminated: {exitCode: 0, reason: Completed}}}
        - {name: shipper, state: {terminated: {exitCode: 0, reason: Completed}}}
      """
    And the job "report" has condition "Complete" with status "True"
    When I run "kubectl logs report-77t56 --all-containers --prefix"
    Then the output is:
      """
      [pod/report-77t56/proxy] proxy draining
      [pod/report-77t56/shipper] shipper flushing
      [pod/report-77t56/report] done
      """
