@epic:Workloads @story:Rollout
Feature: rolling out a Deployment by applying its changed manifest
  `kubectl apply -f` keeps the manifest it applied in the annotation
  `kubectl.kubernetes.io/last-applied-configuration` and sends only the difference. A changed pod template
  starts a rollout (a new ReplicaSet and revision); applying the same file again changes nothing
  (`unchanged`); a change to replicas alone scales the current ReplicaSet without a new revision.

  Background:
    Given a cluster with 3 nodes
    And a file "web.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.24
      """

  Scenario: a new image is a new revision; the same file again is unchanged; new replicas are not a revision
    When I run "kubectl apply -f web.yaml"
    Then the output is:
      """
      deployment.apps/web created
      """
    When I run "kubectl get deployment web -o jsonpath='{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}'"
    Then the output is:
      """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.24","name":"nginx"}]}}}}
      """
    # a new image in the file: the template changed, so a new ReplicaSet and revision 2
    Given a file "web.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
      """
    When I run "kubectl apply -f web.yaml"
    Then the output is:
      """
      deployment.apps/web configured
      """
    And eventually the deployment "web" matches:
      """
      metadata:
        annotations: {deployment.kubernetes.io/revision: "2"}
      status: {replicas: 2, updatedReplicas: 2, availableReplicas: 2}
      """
    When I run "kubectl rollout history deployment web"
    Then the output is:
      """
      deployment.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      """
    # the same file again: nothing to send
    When I run "kubectl apply -f web.yaml"
    Then the output is:
      """
      deployment.apps/web unchanged
      """
    And the deployment "web" matches:
      """
      metadata:
        generation: 2
        annotations: {deployment.kubernetes.io/revision: "2"}
      """
    # only replicas changed: the current ReplicaSet scales, no new revision
    Given a file "web.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 4
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
      """
    When I run "kubectl apply -f web.yaml"
    Then the output is:
      """
      deployment.apps/web configured
      """
    And there are 4 pods with labels "app=web"
    And the deployment "web" matches:
      """
      metadata:
        generation: 3
        annotations: {deployment.kubernetes.io/revision: "2"}
      status: {replicas: 4, updatedReplicas: 4, availableReplicas: 4}
      """
    When I run "kubectl get rs -l app=web"
    Then the output is:
      """
      NAME             DESIRED   CURRENT   READY   AGE
      web-68bf9f694d   4         4         4       0s
      web-6ccf99756c   0         0         0       0s
      """
