@epic:kubectl @story:Commands
Feature: kubectl set env, events and get --raw
  `kubectl set env` edits a workload's environment (and rolls it out); `kubectl events` lists what happened,
  oldest first; `kubectl get --raw` prints the API server's response body for a path.

  Scenario: kubectl set env adds, lists, takes from a ConfigMap and removes variables
    When I run "kubectl create deployment web --image=nginx:1.25"
    And I run "kubectl create configmap cfg --from-literal=log.level=debug"
    And I run "kubectl set env deployment/web MODE=fast"
    Then the output is:
      """
      deployment.apps/web env updated
      """
    When I run "kubectl set env deployment/web --from=configmap/cfg --prefix=APP_"
    And I run "kubectl set env deployment/web --list"
    Then the output is:
      """
      # Deployment web, container nginx
      MODE=fast
      # APP_LOG_LEVEL from configmap cfg, key log.level
      """
    When I run "kubectl set env deployment/web MODE-"
    Then the deployment "web" matches:
      """
      spec: {template: {spec: {containers: [{name: nginx, env: [{name: APP_LOG_LEVEL, valueFrom: {configMapKeyRef: {name: cfg, key: log.level}}}]}]}}}
      """
    When I run "kubectl set env deployment/web -c sidecar X=1"
    Then the command succeeds
    And the error output contains "Warning: Deployment/web does not have any containers matching \"sidecar\""
    When I run "kubectl set env deployment/web 1X=y"
    Then the command fails with "error: \"1X\" is not a valid key name"

  Scenario: kubectl events lists a pod's pull failures, the warnings only
    Given the image "nginx:nope" cannot be pulled
    When I run "kubectl run web --image=nginx:nope"
    And 1 minute passes
    And I run "kubectl events --for pod/web --types=Warning"
    Then the output contains "Warning   Failed   Pod/web   Error: ErrImagePull"
    And the output does not contain "Normal"
    When I run "kubectl events -n kube-public"
    Then the error output contains "No events found in kube-public namespace."

  Scenario: kubectl get --raw answers with the API server's body
    When I run "kubectl get --raw /healthz"
    Then the output is:
      """
      ok
      """
    When I run "kubectl create namespace dev"
    And I run "kubectl get --raw /api/v1/namespaces/dev"
    Then the output matches "^\{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":\{\"name\":\"dev\""
    When I run "kubectl get --raw /apis/apps/v1/nope"
    Then the command fails with "Error from server (NotFound): the server could not find the requested resource"
