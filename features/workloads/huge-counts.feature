@epic:Workloads @story:Scale
Feature: valid but huge counts
  `replicas: 1000000` is valid. The ReplicaSet controller creates pods in slow-start batches (1, 2, 4 ...) of at
  most burstReplicas (500) a sync; quota and the nodes' capacity (110 pods a node) bound what runs, and the rest
  stay Pending. An embedded cluster holds at most 10,000 pods by default (a limit of kspec's model, not of
  Kubernetes): past it creates are refused with a message that says so, reported as FailedCreate, and the
  scenario goes on. The scenarios here lower the limit to stay fast.

  Background:
    Given a cluster with 2 nodes
    And the cluster holds at most 300 pods

  Scenario: a Deployment of a million replicas
    When I run "kubectl create deployment web --image=nginx --replicas=1000000"
    And 10 seconds pass
    Then there are 300 pods with labels "app=web"
    When I run "kubectl get deployment web"
    Then the output is:
      """
      NAME   READY         UP-TO-DATE   AVAILABLE   AGE
      web    220/1000000   300          220         10s
      """
    When I run "kubectl get events --field-selector reason=FailedCreate"
    Then the output contains "Error creating: pods \"web-7957885594-\" is forbidden: the embedded cluster holds at most 300 pods (a limit of kspec's model, not of Kubernetes"
    And the deployment "web" matches:
      """
      status:
        conditions:
        - {type: Available, status: "False"}
        - {type: ReplicaFailure, status: "True", reason: FailedCreate}
        - {type: Progressing, status: "True"}
      """

  Scenario: quota bounds it first
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: pods}
      spec: {hard: {pods: "50"}}
      """
    When I run "kubectl create deployment web --image=nginx --replicas=1000000"
    And 10 seconds pass
    Then there are 50 pods with labels "app=web"

  Scenario: a StatefulSet of a million
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        replicas: 1000000
        podManagementPolicy: Parallel
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: nginx}]
      """
    And 10 seconds pass
    Then there are 300 pods with labels "app=db"
    And the statefulset "db" has an event with reason "FailedCreate" and message "the embedded cluster holds at most 300 pods"
