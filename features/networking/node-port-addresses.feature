@epic:Networking @story:kube-proxy
Feature: nodePortAddresses limits the addresses NodePorts answer on
  By default kube-proxy opens a NodePort on every local address of the node (`-m addrtype --dst-type LOCAL`).
  With `nodePortAddresses` in its configuration it writes one KUBE-NODEPORTS jump per node address that one of
  the CIDRs selects (`primary` selects the node's primary address), so the port answers on those only.

  Background:
    Given a cluster with 2 nodes
    And the manifest:
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
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: NodePort
        selector: {app: web}
        ports: [{port: 80, nodePort: 30080}]
      """

  Scenario: by default every local address answers
    When I run "iptables-save -t nat | grep 'KUBE-SERVICES.*KUBE-NODEPORTS'" on node "node-1"
    Then the output is:
      """
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      """
    And a connection from outside the cluster to "node-1:30080" reaches a pod of deployment "web"

  Scenario: only the node addresses the CIDRs select
    Given kube-proxy's nodePortAddresses is "172.18.0.3/32, 127.0.0.0/8"
    When I run "iptables-save -t nat | grep 'KUBE-SERVICES.*KUBE-NODEPORTS'" on node "node-1"
    Then the output is:
      """
      -A KUBE-SERVICES -d 127.0.0.1/32 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS
      -A KUBE-SERVICES -d 172.18.0.3/32 -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS
      """
    And a connection from outside the cluster to "node-1:30080" reaches a pod of deployment "web"
    And a connection from outside the cluster to "node-2:30080" is refused

  Scenario: in IPVS mode a NodePort virtual server exists only on the selected addresses
    Given kube-proxy runs in "ipvs" mode
    And kube-proxy's nodePortAddresses is "primary"
    When I run "ipvsadm -Ln | grep 30080" on node "node-2"
    Then the output is:
      """
      TCP  172.18.0.4:30080 rr
      """
    Given kube-proxy's nodePortAddresses is "10.0.0.0/8"
    When I run "ipvsadm -Ln | grep -c 30080" on node "node-2"
    Then the output is:
      """
      0
      """
    And a connection from outside the cluster to "node-2:30080" is refused
