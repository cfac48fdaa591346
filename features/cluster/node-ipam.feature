Feature: node IPAM gives every node a pod CIDR of the pod subnet, and says when none is left

  kubeadm starts the controller manager with --allocate-node-cidrs, the pod subnet as --cluster-cidr and a
  node CIDR mask size (24 by default): each node that registers gets the next free /24 of the pod subnet as
  spec.podCIDR, and its pods get addresses from it. The default 10.244.0.0/16 holds 256 of them, the control
  plane's included; a larger cluster needs a larger pod subnet or a smaller node range.

  Scenario: a 300-node cluster in a 10.0.0.0/8 pod subnet has valid node and pod addresses
    Given a cluster with 300 nodes and networking:
      | podSubnet | 10.0.0.0/8 |
    When I run "kubectl get node node-300 -o jsonpath={.spec.podCIDR},{.status.addresses[0].address}"
    Then the output is:
      """
      10.1.44.0/24,172.18.1.46
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        nodeName: node-300
        containers: [{name: web, image: nginx:1.25, ports: [{containerPort: 80}]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """
    And I run "kubectl get endpoints web"
    Then the output contains "10.1.44.2:80"

  Scenario: past the last node CIDR a node gets none, and a CIDRNotAvailable event
    Given a cluster with 256 nodes
    When I run "kubectl get node node-255 -o jsonpath={.spec.podCIDR}"
    Then the output is:
      """
      10.244.255.0/24
      """
    And the node "node-256" has an event with reason "CIDRNotAvailable" and message "Node node-256 status is now: CIDRNotAvailable"
    When I run "kubectl get node node-256 -o jsonpath={.spec.podCIDR}"
    Then the output is:
      """
      """

  Scenario: a smaller node CIDR mask fits more nodes in the default pod subnet
    Given a cluster with 300 nodes and networking:
      | nodeCIDRMaskSize | 26 |
    When I run "kubectl get node node-300 -o jsonpath={.spec.podCIDR}"
    Then the output is:
      """
      10.244.75.0/26
      """

  Scenario: another service subnet moves the kubernetes and kube-dns Services and the pods' nameserver
    Given a cluster with 2 nodes and networking:
      | serviceSubnet | 10.100.0.0/16 |
    When I run "kubectl get service kubernetes -o jsonpath={.spec.clusterIP}"
    Then the output is:
      """
      10.100.0.1
      """
    When I run "kubectl run client --image=busybox:1.36 -- sleep 3600"
    And I run "kubectl exec client -- cat /etc/resolv.conf"
    Then the output contains "nameserver 10.100.0.10"
