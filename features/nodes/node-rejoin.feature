@epic:Nodes @story:NodeFailure
Feature: a node that failed, was removed and joins again
  A machine that failed is removed from the cluster (`kubectl delete node`), then joins again under the same name.
  Its kubelet registers a new Node object, which node-ipam gives a fresh podCIDR; the kubelet finds the pods still
  bound to the name (the pod garbage collector waits 40 s before deleting them) and, as its runtime holds none of
  them, starts them in new sandboxes with IPs from the new range; the EndpointSlices follow.

  Background:
    Given a cluster with 2 nodes
    When I run "kubectl create deployment web --image=nginx --replicas=4"
    And I run "kubectl expose deployment web --port=80"
    And 10 seconds pass
    And node "node-2" fails
    And 10 seconds pass
    And node "node-2" is removed
    And node "node-2" joins the cluster
    And 10 seconds pass

  Scenario: the node runs its pods again, in its new range
    When I run "kubectl get node node-2 -o jsonpath={.spec.podCIDR}"
    Then the output is:
      """
      10.244.3.0/24
      """
    When I run "kubectl get pods -o wide --field-selector spec.nodeName=node-2"
    Then the output is:
      """
      NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      web-7957885594-clbnj   1/1     Running   0          30s   10.244.3.2   node-2   <none>           <none>
      web-7957885594-pthdn   1/1     Running   0          30s   10.244.3.3   node-2   <none>           <none>
      """
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath={.items[0].endpoints[*].addresses[0]}"
    Then the output is:
      """
      10.244.1.2 10.244.3.2 10.244.1.3 10.244.3.3
      """

  Scenario: new pods run on it
    When I run "kubectl scale deployment web --replicas=6"
    And 10 seconds pass
    Then there are 6 pods with labels "app=web"
    When I run "kubectl get pods -o wide --field-selector spec.nodeName=node-2"
    Then the output is:
      """
      NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      web-7957885594-lnwm2   1/1     Running   0          10s   10.244.3.4   node-2   <none>           <none>
      web-7957885594-tc99s   1/1     Running   0          40s   10.244.3.3   node-2   <none>           <none>
      web-7957885594-z9knl   1/1     Running   0          40s   10.244.3.2   node-2   <none>           <none>
      """
