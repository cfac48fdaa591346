@epic:Workloads @story:Deployment
Feature: my-tomcat, a Deployment that keeps three Tomcat pods running
  A Deployment runs identical pods through a ReplicaSet named <deployment>-<pod-template-hash>; each pod is
  named <replicaset>-<5 random characters>. Deleted pods are replaced, and `kubectl scale` changes their number.

  Background:
    Given a cluster with 3 nodes

  @severity:critical
  Scenario: kubectl create deployment runs three pods
    When I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    Then the command succeeds
    And the output is:
      """
      deployment.apps/my-tomcat created
      """
    And there are 3 pods with labels "app=my-tomcat"
    And there are 1 replicasets with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      metadata:
        labels: {app: my-tomcat}
        annotations: {deployment.kubernetes.io/revision: "1"}
      spec:
        replicas: 3
        selector: {matchLabels: {app: my-tomcat}}
        template:
          metadata: {labels: {app: my-tomcat}}
          spec:
            containers: [{name: tomcat, image: "tomcat:9.0.55"}]
      status: {replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3}
      """
    When I run "kubectl get pods -l app=my-tomcat"
    Then the output matches "^NAME +READY +STATUS +RESTARTS +AGE\n(my-tomcat-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5} +1/1 +Running +0 +\d+s\n?){3}$"
    And the deployment "my-tomcat" has an event with reason "ScalingReplicaSet" and message "Scaled up replica set my-tomcat-"

  Scenario: kubectl get deployment shows READY, UP-TO-DATE and AVAILABLE
    Given I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    When 10 seconds pass
    And I run "kubectl get deployment"
    Then the output is:
      """
      NAME        READY   UP-TO-DATE   AVAILABLE   AGE
      my-tomcat   3/3     3            3           10s
      """

  Scenario: the YAML form of the Deployment, applied as a manifest
    Given the manifest "manifests/my-tomcat.yaml"
    Then there are 3 pods with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      status: {replicas: 3, readyReplicas: 3, availableReplicas: 3}
      """
    When I run "kubectl apply -f manifests/my-tomcat.yaml"
    Then the command succeeds
    And the output is:
      """
      deployment.apps/my-tomcat unchanged
      """

  @severity:critical
  Scenario: a deleted pod is replaced (self-healing)
    Given I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    When I delete one pod of deployment "my-tomcat"
    And 30 seconds pass
    Then there are 3 pods with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      status: {replicas: 3, readyReplicas: 3, availableReplicas: 3}
      """

  Scenario: scale to 5 with kubectl scale, and back to 3
    Given I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    When I run "kubectl scale --replicas=5 deployment my-tomcat"
    Then the output is:
      """
      deployment.apps/my-tomcat scaled
      """
    And there are 5 pods with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      spec: {replicas: 5}
      status: {replicas: 5, readyReplicas: 5, availableReplicas: 5}
      """
    And the deployment "my-tomcat" has an event with reason "ScalingReplicaSet" and message "to 5 from 3"
    When I run "kubectl scale --replicas=3 deployment my-tomcat"
    And 30 seconds pass
    Then there are 3 pods with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      spec: {replicas: 3}
      status: {replicas: 3, availableReplicas: 3}
      """
    And the deployment "my-tomcat" has an event with reason "ScalingReplicaSet" and message "Scaled down replica set my-tomcat-"
    And the deployment "my-tomcat" has an event with reason "ScalingReplicaSet" and message "to 3 from 5"
