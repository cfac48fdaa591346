@epic:Workloads @story:ResourceArguments
Feature: kubectl takes resources in the resource.version.group form
  The Deployment documentation writes `deployment.v1.apps/nginx-deployment`; kubectl's RESTMapper also takes
  `resource.group` (`deployments.apps`, `deploy.apps`) and a kind in the same form. A version the server does not
  serve is no resource type, named by what precedes the first dot.

  Background:
    Given a cluster with 2 nodes
    When I run "kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=2"

  Scenario: the documentation's commands
    When I run "kubectl set image deployment.v1.apps/nginx-deployment nginx=nginx:1.16.1"
    Then the output is:
      """
      deployment.apps/nginx-deployment image updated
      """
    When I run "kubectl rollout status deployment.v1.apps/nginx-deployment"
    Then the output contains "deployment \"nginx-deployment\" successfully rolled out"
    When I run "kubectl rollout history deployment.v1.apps/nginx-deployment"
    Then the output contains "REVISION  CHANGE-CAUSE"
    When I run "kubectl scale deployment.v1.apps/nginx-deployment --replicas=3"
    Then the output is:
      """
      deployment.apps/nginx-deployment scaled
      """
    When I run "kubectl rollout undo deployment.v1.apps/nginx-deployment --to-revision=1"
    Then the output is:
      """
      deployment.apps/nginx-deployment rolled back
      """
    And eventually the deployment "nginx-deployment" matches:
      """
      spec: {replicas: 3, template: {spec: {containers: [{image: "nginx:1.14.2"}]}}}
      status: {updatedReplicas: 3, readyReplicas: 3}
      """

  Scenario Outline: <argument> names the Deployment
    When I run "kubectl get <argument> -o name"
    Then the output is:
      """
      deployment.apps/nginx-deployment
      """

    Examples:
      | argument                            |
      | deployment.v1.apps/nginx-deployment |
      | deploy.v1.apps                      |
      | deployments.apps                    |
      | deploy.apps nginx-deployment        |
      | Deployment.v1.apps                  |

  Scenario: a version the server does not serve
    When I run "kubectl get deployment.v1beta1.apps"
    Then the command fails with "error: the server doesn't have a resource type \"deployment\""
