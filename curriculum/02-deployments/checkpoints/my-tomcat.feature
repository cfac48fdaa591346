@epic:Curriculum @story:Deployments
Feature: lab 2 — my-tomcat is scaled, updated and rolled back

  Background:
    Given a cluster with 3 nodes
    When the learner's solution is applied

  @points:2
  Scenario: my-tomcat runs 5 ready replicas
    * hint: scale with `kubectl scale deployment my-tomcat --replicas=5`
    Then eventually the deployment "my-tomcat" matches:
      """
      spec: {replicas: 5}
      status: {replicas: 5, readyReplicas: 5, availableReplicas: 5, updatedReplicas: 5}
      """

  @points:3
  Scenario: it was updated to tomcat:10.1.17, then rolled back to tomcat:9.0.55
    * hint: after `kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.17`, go back with `kubectl rollout undo deployment/my-tomcat`
    Then eventually the deployment "my-tomcat" matches:
      """
      metadata:
        annotations: {deployment.kubernetes.io/revision: "3"}
      spec:
        template:
          spec:
            containers:
              - image: tomcat:9.0.55
      """

  @points:1
  Scenario: a deleted pod is replaced
    * hint: 5 ready pods come back after one is deleted only when a Deployment with 5 replicas owns them
    When I delete one pod of deployment "my-tomcat"
    Then eventually the deployment "my-tomcat" matches:
      """
      status: {readyReplicas: 5}
      """
    And there are 5 pods with labels "app=my-tomcat"
