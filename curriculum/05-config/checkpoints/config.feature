@epic:Curriculum @story:Configuration
Feature: lab 5 — the app pod configured from a ConfigMap and a Secret

  Background:
    Given a cluster with 2 nodes
    When the learner's solution is applied

  @points:1
  Scenario: the ConfigMap app-config holds MODE and LOG_LEVEL
    * hint: `kubectl create configmap app-config --from-literal=MODE=production --from-literal=LOG_LEVEL=debug`
    Then the configmap "app-config" matches:
      """
      data: {MODE: production, LOG_LEVEL: debug}
      """

  @points:1
  Scenario: the Secret db-secret holds the password
    * hint: `kubectl create secret generic db-secret --from-literal=password=s3cr3t-pass`
    Then the secret "db-secret" matches:
      """
      type: Opaque
      data: {password: czNjcjN0LXBhc3M=}
      """

  @points:2
  Scenario: the app pod sees the settings and the password in its environment
    * hint: the container needs `envFrom: [{configMapRef: {name: app-config}}]` and an env entry DB_PASSWORD with `valueFrom.secretKeyRef` (name db-secret, key password)
    Then eventually the pod "app" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl exec app -- env"
    Then the output contains "MODE=production"
    And the output contains "LOG_LEVEL=debug"
    And the output contains "DB_PASSWORD=s3cr3t-pass"
