@epic:kubectl @story:Commands
Feature: kubectl diff and kubectl edit
  `kubectl diff` shows what applying a manifest would change, as `diff -u` of the live object and what a
  server dry run returns (exit status 1 when something would change). `kubectl edit` runs the editor that
  KUBE_EDITOR names on the object's YAML, so a scenario edits with a command such as sed.

  Scenario: kubectl diff shows a change to the replicas, and nothing once applied
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
      """
    And a file "settings.yaml" with:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: safe}
      """
    When I run "kubectl diff -f settings.yaml"
    Then the command fails
    And the output contains:
      """
      -  mode: fast
      +  mode: safe
      """
    And the configmap "settings" matches:
      """
      data: {mode: fast}
      """
    When I run "kubectl apply -f settings.yaml"
    And I run "kubectl diff -f settings.yaml"
    Then the command succeeds
    And the output is:
      """
      """

  Scenario: kubectl edit with KUBE_EDITOR scales a Deployment
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=1"
    And I run "KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 3/'\" kubectl edit deployment/web"
    Then the output is:
      """
      deployment.apps/web edited
      """
    And there are 3 pods with labels "app=web"
    When I run "kubectl edit deployment/web"
    Then the command fails with "kspec runs no interactive editor"
