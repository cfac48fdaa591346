@epic:Pods @story:LabelAnnotate
Feature: kubectl label and annotate, with a resource version as precondition
  The kubectl reference's examples: `--resource-version` sends the version with the change, and the API server
  refuses it with a Conflict once the object has moved past that version.

  Background:
    Given a cluster with 1 node
    When I run "kubectl run foo --image=nginx"

  Scenario: a stale resource version is a Conflict; the current one is accepted
    When I run "kubectl label pods foo status=unhealthy --resource-version=1"
    Then the command fails with "Error from server (Conflict): Operation cannot be fulfilled on pods \"foo\": the object has been modified; please apply your changes to the latest version and try again"
    And the pod "foo" matches:
      """
      metadata: {labels: {run: foo}}
      """
    When I run "kubectl annotate pods foo description='my frontend' --resource-version=1"
    Then the command fails with "Error from server (Conflict): Operation cannot be fulfilled on pods \"foo\""
    When I run "kubectl label pods foo status=unhealthy"
    Then the output is:
      """
      pod/foo labeled
      """
