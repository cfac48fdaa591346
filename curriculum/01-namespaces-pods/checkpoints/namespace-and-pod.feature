@epic:Curriculum @story:Namespaces
Feature: lab 1 — a namespace for the dev team and its first pod

  Background:
    Given a cluster with 2 nodes
    When the learner's solution is applied

  @points:1
  Scenario: the namespace dev exists
    * hint: create it with `kubectl create namespace dev`
    Then the namespace "dev" matches:
      """
      status: {phase: Active}
      """

  @points:2
  Scenario: the pod nginx runs in dev from nginx:1.25
    * hint: the pod belongs in the dev namespace: add `-n dev` (or `metadata.namespace: dev`)
    Then eventually the pod "nginx" in namespace "dev" matches:
      """
      spec:
        containers:
          - image: nginx:1.25
      status: {phase: Running}
      """

  @points:1
  Scenario: the pod carries the label app=nginx
    * hint: label it with `--labels=app=nginx` (or `metadata.labels`)
    Then the pod "nginx" in namespace "dev" matches:
      """
      metadata:
        labels: {app: nginx}
      """
