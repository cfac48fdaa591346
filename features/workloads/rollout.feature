@epic:Workloads @story:Deployment
Feature: my-tomcat rolls forward and back (rolling update and rollback)
  Each template change of a Deployment is a revision: a ReplicaSet carries `deployment.kubernetes.io/revision`,
  and `kubectl rollout history` lists them with their `kubernetes.io/change-cause` (written by `--record`).
  `kubectl rollout undo` puts an old template back: no new ReplicaSet is created; the old one becomes the newest
  revision (max + 1) and remembers its old number in `deployment.kubernetes.io/revision-history`.

  Background:
    Given a cluster with 3 nodes
    And I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"

  @severity:critical
  Scenario: upgrade tomcat with kubectl set image --record, then roll back twice
    When I run "kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record"
    Then the command succeeds
    And the output is:
      """
      deployment.apps/my-tomcat image updated
      """
    When I run "kubectl rollout status deployment my-tomcat"
    Then the output is:
      """
      deployment "my-tomcat" successfully rolled out
      """
    When I run "kubectl rollout history deploy my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat
      REVISION  CHANGE-CAUSE
      1         <none>
      2         kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true
      """
    And there are 2 replicasets with labels "app=my-tomcat"
    When I run "kubectl rollout undo deployment my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat rolled back
      """
    And the deployment "my-tomcat" matches:
      """
      metadata:
        annotations: {deployment.kubernetes.io/revision: "3"}
      spec:
        template:
          spec:
            containers: [{name: tomcat, image: "tomcat:9.0.55"}]
      status: {replicas: 3, updatedReplicas: 3, availableReplicas: 3}
      """
    When I run "kubectl rollout history deploy my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat
      REVISION  CHANGE-CAUSE
      2         kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true
      3         <none>
      """
    When I run "kubectl rollout undo deployment/my-tomcat --to-revision=2"
    Then the output is:
      """
      deployment.apps/my-tomcat rolled back
      """
    And there are 2 replicasets with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      metadata:
        annotations:
          deployment.kubernetes.io/revision: "4"
          kubernetes.io/change-cause: kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true
      spec:
        template:
          spec:
            containers: [{name: tomcat, image: "tomcat:10.1.11"}]
      """
    When I run "kubectl rollout history deploy my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat
      REVISION  CHANGE-CAUSE
      3         <none>
      4         kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true
      """
    When I run "kubectl get rs -l app=my-tomcat -o yaml"
    Then the output contains:
      """
            deployment.kubernetes.io/revision: "4"
            deployment.kubernetes.io/revision-history: "2"
      """
    And the output contains:
      """
            deployment.kubernetes.io/revision: "3"
            deployment.kubernetes.io/revision-history: "1"
      """
    And the deployment "my-tomcat" has an event with reason "ScalingReplicaSet" and message "Scaled up replica set my-tomcat-"

  Scenario: the details of one revision
    Given I run "kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record"
    When I run "kubectl rollout history deployment/my-tomcat --revision=2"
    Then the command succeeds
    And the output contains "deployment.apps/my-tomcat with revision #2"
    And the output contains "kubernetes.io/change-cause: kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true"
    And the output contains "tomcat:10.1.11"
    When I run "kubectl rollout history deployment/my-tomcat --revision=7"
    Then the command fails with "error: unable to find the specified revision"

  Scenario: the change-cause can be written as an annotation instead of --record
    When I run:
      """
      kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.11
      kubectl annotate deployment/my-tomcat kubernetes.io/change-cause="upgrade to tomcat 10"
      """
    Then the output is:
      """
      deployment.apps/my-tomcat annotated
      """
    When I run "kubectl rollout history deployment/my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat
      REVISION  CHANGE-CAUSE
      1         <none>
      2         upgrade to tomcat 10
      """

  Scenario: rolling back to a revision that does not exist, or with no history
    When I run "kubectl rollout undo deployment/my-tomcat"
    Then the command fails
    And the output is:
      """
      """
    And the command fails with "error: no rollout history found for deployment \"my-tomcat\""
    When I run "kubectl rollout undo deployment/my-tomcat --to-revision=5"
    Then the command fails with "error: unable to find specified revision 5 in history"
    When I run "kubectl rollout undo deployment/tomcat"
    Then the command fails with "Error from server (NotFound): deployments.apps \"tomcat\" not found"

  Scenario: rolling back to the revision that is already running is skipped
    Given I run "kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.11"
    When I run "kubectl rollout undo deployment/my-tomcat --to-revision=2"
    Then the output is:
      """
      deployment.apps/my-tomcat skipped rollback (current template already matches revision 2)
      """
    And there are 2 replicasets with labels "app=my-tomcat"

  Scenario: revisionHistoryLimit keeps only the newest old ReplicaSets
    When I run:
      """
      kubectl patch deployment my-tomcat -p '{"spec":{"revisionHistoryLimit":2}}'
      kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.11
      kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.12
      kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.13
      kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.14
      """
    Then there are 3 replicasets with labels "app=my-tomcat"
    When I run "kubectl rollout history deployment/my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat
      REVISION  CHANGE-CAUSE
      3         <none>
      4         <none>
      5         <none>
      """
