Feature: restart policy and CrashLoopBackOff
  The kubelet restarts exited containers as the pod's restartPolicy says: Always, OnFailure or Never.
  The first restart is immediate; each later one waits a back-off that starts at 10s and doubles to 5
  minutes, and that resets once a container has run for 10 minutes.

  Scenario Outline: restartPolicy <policy> with exit code <code>
    Given the image "job:<code>" exits with code <code> after 10 seconds
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        restartPolicy: <policy>
        containers:
        - {name: c, image: "job:<code>"}
      """
    And 10 seconds pass
    Then the pod "p" matches:
      """
      status:
        phase: <phase>
        containerStatuses:
        - restartCount: <restarts>
      """
    When I run "kubectl get pod p --no-headers"
    Then the output matches "^p +\d/1 +<status> +"

    Examples:
      | policy    | code | phase     | restarts | status    |
      | Always    | 0    | Running   | 1        | Running   |
      | Always    | 1    | Running   | 1        | Running   |
      | OnFailure | 0    | Succeeded | 0        | Completed |
      | OnFailure | 1    | Running   | 1        | Running   |
      | Never     | 0    | Succeeded | 0        | Completed |
      | Never     | 1    | Failed    | 0        | Error     |

  Scenario: the back-off doubles from 10s to 5 minutes
    Given a cluster with 1 node
    And the image "crasher:1" crashes on start
    When I run "kubectl run crasher --image=crasher:1"
    Then the pod "crasher" matches:
      """
      status:
        containerStatuses:
        - restartCount: 1
          state: {waiting: {reason: CrashLoopBackOff}}
      """
    When I run "kubectl get pod crasher -o jsonpath={.status.containerStatuses[0].state.waiting.message}"
    Then the output matches "^back-off 10s restarting failed container=crasher pod=crasher_default\([0-9a-f-]{36}\)$"
    When 10 seconds pass
    Then the pod "crasher" matches:
      """
      status:
        containerStatuses:
        - restartCount: 2
          state: {waiting: {reason: CrashLoopBackOff}}
      """
    And the pod "crasher" has an event with reason "BackOff" and message "Back-off restarting failed container crasher in pod crasher_default"
    When 20 seconds pass
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 3}]}
      """
    When 40 seconds pass
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 4}]}
      """
    When 80 seconds pass
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 5}]}
      """
    When 160 seconds pass
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 6}]}
      """
    When I run "kubectl get pod crasher -o jsonpath={.status.containerStatuses[0].state.waiting.message}"
    Then the output matches "^back-off 5m0s restarting failed container=crasher"
    When 299 seconds pass
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 6}]}
      """
    When 1 second passes
    Then the pod "crasher" matches:
      """
      status: {containerStatuses: [{restartCount: 7}]}
      """
    When I run "kubectl get pod crasher"
    Then the output is:
      """
      NAME      READY   STATUS             RESTARTS     AGE
      crasher   0/1     CrashLoopBackOff   7 (0s ago)   10m
      """

  Scenario: a container that ran for 10 minutes restarts at once
    Given the image "worker:1" exits with code 1 after 11 minutes
    And the image "worker:2" exits with code 1 after 5 minutes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: long}
      spec:
        containers:
        - {name: w, image: "worker:1"}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: short}
      spec:
        containers:
        - {name: w, image: "worker:2"}
      """
    And 22 minutes pass
    Then the pod "long" matches:
      """
      status:
        containerStatuses:
        - {restartCount: 2, ready: true, state: {running: {}}}
      """
    And the pod "short" matches:
      """
      status:
        containerStatuses:
        - {restartCount: 4}
      """

  Scenario: RESTARTS shows when the last restart was
    Given the image "worker:1" exits with code 1 after 10 minutes
    When I run "kubectl run worker --image=worker:1"
    And 15 minutes pass
    And I run "kubectl get pod worker"
    Then the output is:
      """
      NAME     READY   STATUS    RESTARTS     AGE
      worker   1/1     Running   1 (5m ago)   15m
      """

  Scenario: an OOM-killed container
    Given the image "hungry:1" is OOM killed after 30 seconds
    When I run "kubectl run hungry --image=hungry:1 --restart=Never"
    And 30 seconds pass
    Then the pod "hungry" matches:
      """
      status:
        phase: Failed
        containerStatuses:
        - state: {terminated: {exitCode: 137, reason: OOMKilled}}
      """
    When I run "kubectl get pod hungry --no-headers"
    Then the output matches "OOMKilled"
