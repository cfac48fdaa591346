@epic:Networking @story:kube-proxy
Feature: IPVS mode masquerades through ipsets
  In IPVS mode kube-proxy keeps the Service addresses in ipsets (`ipset list` on a node shows them) and a few
  iptables rules match those sets to mark connections for SNAT: a connection to a cluster IP from outside the pod
  network (KUBE-CLUSTER-IP), every NodePort connection (KUBE-NODE-PORT-TCP), a pod that reaches itself through its
  Service (KUBE-LOOP-BACK), and, with `masqueradeAll`, every cluster IP connection. A masqueraded connection
  reaches the pod from the node's address.

  Background:
    Given a cluster with 2 nodes in IPVS mode
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
      kind: Pod
      metadata:
        name: client
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: shell
          image: busybox:1.36
          command: [sleep, "3600"]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: NodePort
        clusterIP: 10.100.1.175
        selector: {app: web}
        ports: [{port: 80, nodePort: 30080}]
      """

  Scenario: ipset list shows the cluster IPs, the node ports and the hairpin entries
    When I run "ipset list KUBE-CLUSTER-IP" on node "node-1"
    Then the output is:
      """
      Name: KUBE-CLUSTER-IP
      Type: hash:ip,port
      Revision: 6
      Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x9e042a60
      Size in memory: 336
      References: 3
      Number of entries: 5
      Members:
      10.96.0.1,tcp:443
      10.96.0.10,tcp:53
      10.96.0.10,tcp:9153
      10.96.0.10,udp:53
      10.100.1.175,tcp:80
      """
    When I run "ipset list KUBE-NODE-PORT-TCP" on node "node-1"
    Then the output is:
      """
      Name: KUBE-NODE-PORT-TCP
      Type: bitmap:port
      Revision: 3
      Header: range 0-65535
      Size in memory: 8264
      References: 1
      Number of entries: 1
      Members:
      30080
      """
    When I run "ipset list | grep -A 1 Members" on node "node-1"
    Then the output contains "10.244.1.2,tcp:80,10.244.1.2"
    When I run "ipset list KUBE-NOPE" on node "node-1"
    Then the command fails with "ipset v7.17: The set with the given name does not exist"

  Scenario: who is masqueraded
    Then a connection from pod "client" to "web:80" arrives from "10.244.2.2"
    And a connection from outside the cluster to "node-2:30080" arrives from "172.18.0.4"
    And a connection from outside the cluster to "10.100.1.175:80" arrives from "172.18.0.3"
    And a connection from pod "web" to "web:80" arrives from "172.18.0.3"

  Scenario: masqueradeAll masquerades pod traffic to cluster IPs too
    Given kube-proxy's masqueradeAll is true
    When I run "iptables-save -t nat | grep KUBE-CLUSTER-IP" on node "node-2"
    Then the output contains "-A KUBE-SERVICES -m comment --comment \"Kubernetes service cluster ip + port for masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ"
    And a connection from pod "client" to "web:80" arrives from "172.18.0.4"
