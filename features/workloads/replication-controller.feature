@epic:Workloads @story:ReplicationController
Feature: the ReplicationController documentation's nginx, and the kubectl reference's scale examples
  A ReplicationController keeps its replicas of pods running, as a ReplicaSet does (pkg/controller/replication
  runs the ReplicaSet controller for it); its selector is a map that defaults to the template's labels.
  kubectl v1.30 no longer has rolling-update.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: nginx
      spec:
        replicas: 3
        selector:
          app: nginx
        template:
          metadata:
            name: nginx
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx
              ports:
              - containerPort: 80
      """

  Scenario: three pods, replaced when one goes
    Then the replicationcontroller "nginx" matches:
      """
      metadata: {labels: {app: nginx}}
      status: {replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3}
      """
    And there are 3 pods with labels "app=nginx"
    When I run "kubectl get rc"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   AGE
      nginx   3         3         3       0s
      """
    When I delete one pod of replicationcontroller "nginx"
    Then there are 3 pods with labels "app=nginx"
    And the replicationcontroller "nginx" has an event with reason "SuccessfulCreate" and message "Created pod: nginx-"
    When I run "kubectl describe replicationcontrollers/nginx"
    Then the output contains:
      """
      Name:         nginx
      Namespace:    default
      Selector:     app=nginx
      Labels:       app=nginx
      Annotations:  <none>
      Replicas:     3 current / 3 desired
      Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
      """

  Scenario: kubectl scale rc
    When I run "kubectl scale --replicas=5 rc/nginx"
    Then the output is:
      """
      replicationcontroller/nginx scaled
      """
    And there are 5 pods with labels "app=nginx"
    When I run "kubectl scale --current-replicas=4 --replicas=2 rc/nginx"
    Then the command fails with "error: Expected replicas to be 4, was 5"
    When I run "kubectl scale --current-replicas=5 --replicas=2 replicationcontroller nginx"
    Then there are 2 pods with labels "app=nginx"

  Scenario: the selector defaults to the template's labels, and must match them
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ReplicationController
      metadata: {name: web}
      spec:
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      """
    Then the replicationcontroller "web" matches:
      """
      metadata: {labels: {app: web}}
      spec: {replicas: 1, selector: {app: web}}
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ReplicationController
      metadata: {name: wrong}
      spec:
        selector: {app: other}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      """
    Then the command fails with "The ReplicationController \"wrong\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: selector does not match template labels"

  Scenario: rolling-update is gone from kubectl
    When I run "kubectl rolling-update nginx --image=nginx:1.25"
    Then the command fails with "error: unknown command \"rolling-update\" for \"kubectl\""
