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
    Then the command fails with "error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\""
    And there are 1 replicasets with labels "app=web"

  Scenario: foreground: the Deployment and its ReplicaSet wait, marked for deletion, while a pod cannot stop
    # the Deployment's pods run on node-2 and node-3; node-2's kubelet is down, so its pod stays Terminating
    When node "node-2" fails
    And I run "kubectl delete deployment web --cascade=foreground --wait=false"
    Then the output is:
      """
      deployment.apps "web" deleted
      """
    And the deployment "web" matches:
      """
      metadata:
        finalizers: [foregroundDeletion]
        deletionTimestamp: "2024-01-01T00:00:00Z"
      """
    And the replicaset "web-68bf9f694d" matches:
      """
      metadata:
        finalizers: [foregroundDeletion]
        deletionTimestamp: "2024-01-01T00:00:00Z"
        ownerReferences: [{kind: Deployment, name: web, blockOwnerDeletion: true}]
      """
    When I run "kubectl get pods -l app=web -o wide"
    Then the output is:
      """
      NAME                   READY   STATUS        RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      web-68bf9f694d-82sk2   1/1     Terminating   0          0s    10.244.2.2   node-2   <none>           <none>
      """
    When 5 minutes pass
    Then the deployment "web" matches:
      """
      metadata: {finalizers: [foregroundDeletion]}
      """
    When node "node-2" recovers
    Then eventually the deployment "web" does not exist
    And there are 0 replicasets with labels "app=web"
    And there are 0 pods with labels "app=web"

  Scenario: background: the dependents stay while the owner, held by its own finalizer, still exists
    When I run:
      """
      kubectl patch deployment web --type=merge -p '{"metadata":{"finalizers":["example.com/keep"]}}'
      kubectl delete deployment web --wait=false
      """
    Then the deployment "web" matches:
      """
      metadata: {finalizers: [example.com/keep], deletionTimestamp: "2024-01-01T00:00:00Z"}
      """
    And there are 1 replicasets with labels "app=web"
    And there are 2 pods with labels "app=web"
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then the deployment "web" does not exist
    And there are 0 replicasets with labels "app=web"
    When 30 seconds pass
    Then there are 0 pods with labels "app=web"

  Scenario: orphan: the ownerReferences go first, then the orphan finalizer, while the owner's own finalizer holds it
    When I run:
      """
      kubectl patch deployment web --type=merge -p '{"metadata":{"finalizers":["example.com/keep"]}}'
      kubectl delete deployment web --cascade=orphan --wait=false
      """
    Then the deployment "web" matches:
      """
      metadata: {finalizers: [example.com/keep], deletionTimestamp: "2024-01-01T00:00:00Z"}
      """
    When I run "kubectl get rs web-68bf9f694d -o jsonpath={.metadata.ownerReferences}"
    Then the output is:
      """
      """
    And there are 2 pods with labels "app=web"
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
      """
    Then the deployment "web" does not exist
    And there are 1 replicasets with labels "app=web"
    And there are 2 pods with labels "app=web"
