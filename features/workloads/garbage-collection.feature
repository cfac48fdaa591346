@epic:Workloads @story:GarbageCollection
Feature: deleting a Deployment: background, foreground and orphan propagation
  A ReplicaSet names its Deployment in an ownerReference (controller, blockOwnerDeletion), and each pod names its
  ReplicaSet. The garbage collector deletes dependents whose owner is gone (background), holds an owner with the
  `foregroundDeletion` finalizer until its dependents are gone (foreground), or removes the ownerReferences and
  keeps the dependents (orphan).

  Background:
    Given a cluster with 3 nodes
    And I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"

  Scenario: background (the default) deletes the ReplicaSet and its pods after the Deployment
    When I run "kubectl delete deployment web"
    Then the output is:
      """
      deployment.apps "web" deleted
      """
    And the deployment "web" does not exist
    And there are 0 replicasets with labels "app=web"
    When 30 seconds pass
    Then there are 0 pods with labels "app=web"

  Scenario: orphan keeps the ReplicaSet and pods, without the reference to the Deployment
    When I run "kubectl delete deployment web --cascade=orphan"
    Then the output is:
      """
      deployment.apps "web" deleted
      """
    And the deployment "web" does not exist
    And there are 1 replicasets with labels "app=web"
    And there are 2 pods with labels "app=web"
    When I run "kubectl get rs -l app=web -o jsonpath={.items[0].metadata.ownerReferences}"
    Then the output is:
      """
      """

  Scenario: foreground deletes the dependents first, the Deployment last
    When I run "kubectl delete deployment web --cascade=foreground"
    Then the output is:
      """
      deployment.apps "web" deleted
      """
    And eventually the deployment "web" does not exist
    And there are 0 replicasets with labels "app=web"

  Scenario: an unknown cascade value is refused
    When I run "kubectl delete deployment web --cascade=sideways"
    Then the command fails with "error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\"."
    And there are 1 replicasets with labels "app=web"
