@epic:Networking @story:LoadBalancer
Feature: the cloud load balancer follows the cluster's nodes
  The service controller gives each cloud load balancer the cluster's nodes as hosts. When a node joins or is
  deleted, or gets or loses the `node.kubernetes.io/exclude-from-external-load-balancers` label, it updates every
  load balancer (event `UpdatedLoadBalancer`). A node that is merely NotReady stays a host (since v1.30): the load
  balancer's health check stops sending to it. A cluster without a cloud provider, as kubeadm sets one up, never
  gives a LoadBalancer Service an address.

  Background:
    Given a cluster with 2 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels: {app: web}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: nginx
          image: nginx:1.25
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: LoadBalancer
        externalTrafficPolicy: Local
        selector: {app: web}
        ports: [{port: 80}]
      """
    And 10 seconds pass

  Scenario: excluding the only node with the pod takes it out of the load balancer
    Then a connection from outside the cluster to "172.18.255.200:80" reaches a pod of service "web"
    When I run "kubectl label node node-1 node.kubernetes.io/exclude-from-external-load-balancers="
    Then the service "web" has an event with reason "UpdatedLoadBalancer" and message "Updated load balancer with new hosts"
    And a connection from outside the cluster to "172.18.255.200:80" times out
    When I run "kubectl label node node-1 node.kubernetes.io/exclude-from-external-load-balancers-"
    Then a connection from outside the cluster to "172.18.255.200:80" reaches a pod of service "web"

  Scenario: a node joining or leaving updates the hosts; other node changes do not
    When I run "kubectl label node node-2 disk=ssd"
    Then the service "web" has no event with reason "UpdatedLoadBalancer"
    When node "node-3" joins the cluster
    Then the service "web" has an event with reason "UpdatedLoadBalancer" and message "Updated load balancer with new hosts"
    When I run "kubectl get events --field-selector reason=UpdatedLoadBalancer -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name,COUNT:.count"
    Then the output is:
      """
      REASON                OBJECT   COUNT
      UpdatedLoadBalancer   web      1
      """
    When node "node-3" is removed
    And I run "kubectl get events --field-selector reason=UpdatedLoadBalancer -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name,COUNT:.count"
    Then the output is:
      """
      REASON                OBJECT   COUNT
      UpdatedLoadBalancer   web      2
      """

  Scenario: a NotReady node stays a host, but the health check passes it over
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-2
        labels: {app: web}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: nginx
          image: nginx:1.25
      """
    When node "node-1" fails
    And 60 seconds pass
    Then the service "web" has no event with reason "UpdatedLoadBalancer"
    And a connection from outside the cluster to "172.18.255.200:80" reaches a pod of pod "web-2"
