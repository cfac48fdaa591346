@epic:Workloads @story:Deployment
Feature: watching, pausing, resuming and restarting a rollout
  `kubectl rollout status` watches the Deployment and prints its progress at every change it sees (so a step repeats
  while other status fields change); a rollout that makes no progress for
  progressDeadlineSeconds turns the Progressing condition False with ProgressDeadlineExceeded. A paused Deployment
  does not roll out template changes, but still scales, proportionally across its ReplicaSets.

  Background:
    Given a cluster with 3 nodes
    And the image "web:2" takes 10s to start
    And the image "web:stuck" takes 1h to start
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        progressDeadlineSeconds: 60
        strategy:
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """

  @severity:critical
  Scenario: rollout status prints each step until the rollout is done
    When I run:
      """
      kubectl set image deployment/web web=web:2
      kubectl rollout status deployment/web
      """
    Then the output is:
      """
      Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...
      Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
      Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
      deployment "web" successfully rolled out
      """
    And the deployment "web" matches:
      """
      status:
        observedGeneration: 2
        replicas: 3
        updatedReplicas: 3
        readyReplicas: 3
        availableReplicas: 3
        conditions:
        - {type: Available, status: "True", reason: MinimumReplicasAvailable, message: Deployment has minimum availability.}
        - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
      """

  Scenario: a rollout that stops making progress exceeds its progress deadline
    When I run "kubectl set image deployment/web web=web:stuck"
    Then the deployment "web" matches:
      """
      status:
        replicas: 4
        updatedReplicas: 1
        availableReplicas: 3
        unavailableReplicas: 1
        conditions:
        - {type: Available, status: "True", reason: MinimumReplicasAvailable}
        - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
      """
    When 62 seconds pass
    Then the deployment "web" matches:
      """
      status:
        conditions:
        - {type: Available, status: "True"}
        - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded}
      """
    And the deployment "web" has an event with reason "ScalingReplicaSet" and message "Scaled up replica set web-"
    When I run "kubectl rollout status deployment/web"
    Then the command fails with "error: deployment \"web\" exceeded its progress deadline"

  Scenario: a paused Deployment keeps its template change back and scales proportionally
    Given I run "kubectl scale deployment web --replicas=10"
    And I run "kubectl set image deployment/web web=web:stuck"
    When I run "kubectl rollout pause deployment/web"
    Then the output is:
      """
      deployment.apps/web paused
      """
    And the deployment "web" matches:
      """
      status:
        conditions:
        - {type: Available, status: "True"}
        - {type: Progressing, status: Unknown, reason: DeploymentPaused, message: Deployment is paused}
      """
    When I run "kubectl rollout pause deployment/web"
    Then the command fails with "error: deployments.apps \"web\" is already paused"
    When I run "kubectl rollout undo deployment/web"
    Then the command fails with "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
    When I run "kubectl get rs"
    Then the output matches "web-[4-9bcdf]+ +10 +10 +10 "
    And the output matches "web-[4-9bcdf]+ +1 +1 +0 "
    # 20 + maxSurge 1 = 21 replicas shared in proportion: the old ReplicaSet 10 -> round(10*21/11) = 19, the new 1 -> 2
    When I run "kubectl scale deployment web --replicas=20"
    Then the deployment "web" has an event with reason "ScalingReplicaSet" and message "to 19 from 10"
    And the deployment "web" has an event with reason "ScalingReplicaSet" and message "to 2 from 1"
    # 19 old replicas are available, fewer than 20 - maxUnavailable 0
    When I run "kubectl rollout resume deployment/web"
    Then the output is:
      """
      deployment.apps/web resumed
      """
    And the deployment "web" matches:
      """
      status:
        conditions:
        - {type: Available, status: "False", reason: MinimumReplicasUnavailable}
        - {type: Progressing, status: Unknown, reason: DeploymentResumed, message: Deployment is resumed}
      """

  Scenario: rollout restart rolls out new pods with the same image
    When I run "kubectl rollout restart deployment/web"
    Then the output is:
      """
      deployment.apps/web restarted
      """
    And the deployment "web" matches:
      """
      metadata:
        annotations: {deployment.kubernetes.io/revision: "2"}
      """
    # restartedAt is the time on kubectl's machine (the real kubectl's is the wall clock)
    When I run "kubectl get deployment web -o jsonpath={.spec.template.metadata.annotations}"
    Then the output matches "^\{\"kubectl.kubernetes.io/restartedAt\":\"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\"\}$"
    And there are 2 replicasets with labels "app=web"
    And during the rollout deployment "web" never had fewer than 3 available replicas

  Scenario: get deployments and replica sets mid-rollout
    When I run "kubectl set image deployment/web web=web:stuck"
    And I run "kubectl get deployments"
    Then the output is:
      """
      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
      web    3/3     1            3           0s
      """
    When I run "kubectl get rs"
    Then the output matches "^NAME +DESIRED +CURRENT +READY +AGE\n"
    And the output matches "web-[4-9bcdf]+ +3 +3 +3 +0s"
    And the output matches "web-[4-9bcdf]+ +1 +1 +0 +0s"
