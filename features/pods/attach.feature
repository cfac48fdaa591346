@epic:Pods @story:Commands
Feature: kubectl run -i and kubectl attach
  `kubectl run -i` creates a pod whose container keeps its stdin open (`stdin: true`, `stdinOnce: true`), waits for
  it to run, and attaches: kubectl's input goes to the container's PID 1, its output comes back as the container
  writes it, and under restartPolicy Never kubectl waits for the pod's end and exits with the container's exit
  code; `--rm` deletes the pod after. A pod that completed before kubectl could attach has its log printed
  instead. `kubectl attach` follows a running container's output from now on. Virtual time passes while kubectl is
  attached, until the container stops.

  Background:
    Given a cluster with 1 node

  Scenario: a one-off command: its output, the pod deleted after
    When I run "kubectl run -i --rm --restart=Never t --image=busybox -- sh -c 'echo hi'"
    Then the output is:
      """
      hi
      pod "t" deleted
      """
    And the pod "t" does not exist

  Scenario: a shell reads kubectl's input; its exit code is kubectl's
    When I run "kubectl run -i --rm --restart=Never shell --image=busybox:1.36 -- sh" with stdin:
      """
      echo "I am $(hostname)"
      sleep 5
      echo oops >&2
      exit 3
      """
    Then the command fails with:
      """
      If you don't see a command prompt, try pressing enter.
      oops
      pod default/shell terminated (Error)
      """
    And the output is:
      """
      I am shell
      pod "shell" deleted
      """
    And the exit status is 3
    When 30 seconds pass
    Then the pod "shell" does not exist

  Scenario: the pod keeps its stdin open for the attach
    When I run "kubectl run -i --restart=Never reader --image=busybox:1.36 -- sh -c 'read name; echo hello $name'" with stdin:
      """
      kspec
      """
    Then the output is:
      """
      hello kspec
      """
    And the pod "reader" matches:
      """
      spec:
        containers:
        - {name: reader, stdin: true, stdinOnce: true}
      status:
        phase: Succeeded
      """

  Scenario: attach follows a running container's output for as long as kubectl stays
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: ticker}
      spec:
        restartPolicy: Never
        containers:
        - name: ticker
          image: busybox:1.36
          command: ["sh", "-c", "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo tick $i; sleep 10; done; echo bye >&2"]
      """
    And 5 seconds pass
    And I run "kubectl attach ticker"
    Then the output is:
      """
      tick 2
      tick 3
      """
    And the error output is:
      """
      If you don't see a command prompt, try pressing enter.
      bye
      """
    And the command succeeds
    When I run "kubectl attach ticker"
    Then the command fails with "error: cannot attach a container in a completed pod; current phase is Succeeded"

  Scenario: attach -i to a container that keeps its stdin open across sessions
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: repl}
      spec:
        containers:
        - {name: repl, image: "busybox:1.36", stdin: true, command: ["sh"]}
      """
    And I run "kubectl attach -i repl --request-timeout=10s" with stdin:
      """
      x=42
      echo "x is $x"
      """
    Then the output is:
      """
      x is 42
      """
    And the exit status is 130
    When I run "kubectl attach -i -q repl --request-timeout=10s" with stdin:
      """
      echo "still $x"
      exit
      """
    Then the output is:
      """
      still 42
      """
    And the command succeeds
    And the pod "repl" matches:
      """
      status:
        containerStatuses:
        - {name: repl, restartCount: 1}
      """
