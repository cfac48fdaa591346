@epic:Networking @story:HostPorts
Feature: a container's hostPort is open on its node's address
  A container port with `hostPort` is forwarded by the CNI portmap plugin: the node's nat table jumps from
  PREROUTING and OUTPUT to CNI-HOSTPORT-DNAT for local destinations, where the pod's sandbox has a CNI-DN-<hash>
  chain that DNATs hostIP:hostPort to podIP:containerPort. Traffic from the node's own pod range (hairpin) and
  from localhost is marked in CNI-HOSTPORT-SETMARK and masqueraded by CNI-HOSTPORT-MASQ. No Service is involved,
  so the port is open only on the node the pod runs on, and the scheduler's NodePorts plugin never puts two pods
  asking for the same host port on one node.

  Background:
    Given a cluster with 2 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: edge
        labels: {app: edge}
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: nginx
          image: nginx:1.25
          ports:
          - containerPort: 80
            hostPort: 8080
      """

  Scenario: the host port answers on the pod's node only
    Then a connection from outside the cluster to "172.18.0.3:8080" reaches a pod of pod "edge"
    And a connection from outside the cluster to "node-1:8080" arrives from "198.51.100.10"
    And a connection from outside the cluster to "node-2:8080" is refused
    And a connection from outside the cluster to "node-1:80" is refused

  Scenario: a pod on the same node reaches the host port masqueraded, as hairpin traffic
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: shell
          image: busybox:1.36
          command: [sleep, "3600"]
      """
    Then a connection from pod "client" to "node-1:8080" reaches a pod of pod "edge"
    And a connection from pod "client" to "node-1:8080" arrives from "172.18.0.3"

  Scenario: iptables-save on the node shows the portmap plugin's chains
    When I run "iptables-save -t nat | grep CNI" on node "node-1"
    Then the output contains "-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT"
    And the output contains "-A POSTROUTING -m comment --comment \"CNI portfwd requiring masquerade\" -j CNI-HOSTPORT-MASQ"
    And the output contains "-A CNI-HOSTPORT-SETMARK -m comment --comment \"CNI portfwd masquerade mark\" -j MARK --set-xmark 0x2000/0x2000"
    And the output contains "-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE"
    And the output matches "-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment \"dnat name: .\"cbr0.\" id: .\"[0-9a-f]{64}.\"\" -m multiport --dports 8080 -j CNI-DN-[0-9a-f]{21}"
    And the output matches "-A CNI-DN-[0-9a-f]{21} -s 10.244.1.0/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK"
    And the output matches "-A CNI-DN-[0-9a-f]{21} -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK"
    And the output matches "-A CNI-DN-[0-9a-f]{21} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.[0-9]+:80"
    When I run "iptables-save -t nat | grep CNI" on node "node-2"
    Then the command fails

  Scenario: a hostIP limits the host port to that address
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: local-only
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        containers:
        - name: nginx
          image: nginx:1.25
          ports:
          - containerPort: 80
            hostPort: 9090
            hostIP: 127.0.0.1
      """
    When I run "iptables -t nat -S" on node "node-2"
    Then the output matches "-A CNI-DN-[0-9a-f]{21} -d 127.0.0.1/32 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 10.244.2.[0-9]+:80"
    And a connection from outside the cluster to "node-2:9090" is refused

  Scenario: two pods asking for the same host port never share a node
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: agents
      spec:
        replicas: 3
        selector:
          matchLabels: {app: agents}
        template:
          metadata:
            labels: {app: agents}
          spec:
            containers:
            - name: agent
              image: nginx:1.25
              ports:
              - containerPort: 80
                hostPort: 7070
      """
    Then the deployment "agents" matches:
      """
      status: {replicas: 3, readyReplicas: 2, unavailableReplicas: 1}
      """
    And a connection from outside the cluster to "node-1:7070" reaches a pod of deployment "agents"
    And a connection from outside the cluster to "node-2:7070" reaches a pod of deployment "agents"
