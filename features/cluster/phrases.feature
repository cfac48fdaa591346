@epic:Cluster @story:Phrases
Feature: counting, existence and images already on the nodes
  The phrases spec writers reach for: counts in any namespace, `eventually` and `within` forms, `exists`, an
  image present on the nodes (so `imagePullPolicy: Never` runs), and a command that must succeed.

  Scenario: counts and existence in another namespace, waited for in virtual time
    Given the image "slow:1" takes 30 seconds to start
    When I run "kubectl create namespace prod" successfully
    And I run "kubectl create deployment api --image=slow:1 --replicas=2 -n prod"
    Then there are 2 pods with labels "app=api" in namespace "prod"
    And there are 0 pods with labels "app=api"
    And there are 1 deployments in namespace "prod"
    And the deployment "api" in namespace "prod" exists
    When I run "kubectl scale deployment api --replicas=4 -n prod"
    Then eventually there are 4 pods with labels "app=api" in namespace "prod"
    And within 1 minute the deployment "api" in namespace "prod" matches:
      """
      status: {readyReplicas: 4}
      """
    When I run "kubectl delete deployment api -n prod --wait=false"
    Then eventually there are 0 pods with labels "app=api" in namespace "prod"
    And within 90 seconds the deployment "api" in namespace "prod" does not exist

  Scenario: an object that appears later
    When I run "kubectl create cronjob nightly --image=busybox:1.36 --schedule='*/5 * * * *'"
    Then there are 0 pods with labels "batch.kubernetes.io/job-name"
    And eventually there are 1 pods with labels "batch.kubernetes.io/job-name" in namespace "default"
    And within 10 minutes there are 2 pods with labels "batch.kubernetes.io/job-name"
    And eventually the cronjob "nightly" exists

  Scenario: imagePullPolicy Never runs an image present on every node
    Given a cluster with 2 nodes
    And the image "geektime/sample:v2" is present on every node
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: sample}
      spec:
        replicas: 2
        selector: {matchLabels: {app: sample}}
        template:
          metadata: {labels: {app: sample}}
          spec:
            containers: [{name: sample, image: "geektime/sample:v2", imagePullPolicy: Never}]
      """
    Then the deployment "sample" matches:
      """
      status: {readyReplicas: 2}
      """
    And the pod "sample" does not exist

  Scenario: an image present on one node only
    Given a cluster with 2 nodes
    And the image "local/app:1" is present on node "node-1"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        nodeName: node-1
        containers: [{name: app, image: "local/app:1", imagePullPolicy: Never}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: b}
      spec:
        nodeName: node-2
        containers: [{name: app, image: "local/app:1", imagePullPolicy: Never}]
      """
    Then the pod "a" matches:
      """
      status: {phase: Running}
      """
    And the pod "b" has an event with reason "ErrImageNeverPull"
    And the pod "b" matches:
      """
      status: {containerStatuses: [{state: {waiting: {reason: ErrImageNeverPull}}}]}
      """
