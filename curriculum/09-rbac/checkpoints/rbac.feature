@epic:Curriculum @story:RBAC
Feature: lab 9 — example-user may read pods in mynamespace, and nothing more

  Background:
    Given a cluster with 1 node
    When the learner's solution is applied

  @points:2
  Scenario: example-user may list and watch pods in mynamespace
    * hint: a Role pod-reader in mynamespace with verbs get, list, watch on pods, bound to the user example-user by a RoleBinding in mynamespace
    When I run "kubectl auth can-i list pods --as=example-user -n mynamespace"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i watch pods --as=example-user -n mynamespace"
    Then the output is:
      """
      yes
      """

  @points:1
  Scenario: example-user may not delete pods
    * hint: give the Role only the verbs get, list and watch
    When I run "kubectl auth can-i delete pods --as=example-user -n mynamespace"
    Then the output is:
      """
      no
      """

  @points:1
  Scenario: example-user may read pods in mynamespace only
    * hint: a Role and a RoleBinding grant within their namespace; a ClusterRoleBinding would grant everywhere
    When I run "kubectl auth can-i list pods --as=example-user -n default"
    Then the output is:
      """
      no
      """
