@epic:Networking @story:kube-proxy
Feature: a cluster whose kube-proxy runs in IPVS mode
  `--proxy-mode=ipvs` with `--ipvs-scheduler`: every Service address is an IPVS virtual server on each node.

  Scenario: a cluster created in IPVS mode, with the sh scheduler, keeps a client on one server
    Given a cluster with 2 nodes in IPVS mode
    And kube-proxy runs in "ipvs" mode with the "sh" scheduler
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """
    When I run "ipvsadm -L -n" on node "node-2"
    Then the output matches "\nTCP  10\.\d+\.\d+\.\d+:80 sh\n"
    When I connect 12 times to "web:80"
    Then all of them reached the same pod

  Scenario: round-robin spreads connections evenly, and a NodePort is a virtual server on the node's address
    Given a cluster with 3 nodes in IPVS mode
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: NodePort
        selector: {app: web}
        ports: [{port: 80, nodePort: 30080}]
      """
    When I run "ipvsadm -ln | grep -A 3 172.18.0.4:30080" on node "node-2"
    Then the output matches "^TCP  172\.18\.0\.4:30080 rr\n(  -> 10\.244\.\d+\.\d+:80 +Masq +1 +0 +0\n?){3}$"
    When I connect 30 times to "web:80"
    Then each pod of deployment "web" received 10 of them
    And a connection from outside the cluster to "node-3:30080" reaches a pod of deployment "web"

  Scenario: in IPVS mode the iptables rules are a fixed set over ipsets, whatever the number of pods
    Given a cluster with 3 nodes in IPVS mode
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """
    When I run "iptables-save -t nat | grep -c ^-A" on node "node-1"
    Then the output is:
      """
      13
      """
    And I run "iptables-save -t nat | grep KUBE-SERVICES" on node "node-1"
    And the output contains:
      """
      -A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ
      -A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
      -A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
      """
    When I run "kubectl scale deployment web --replicas=20"
    And I run "iptables-save -t nat | grep -c ^-A" on node "node-1"
    Then the output is:
      """
      13
      """
    And I run "iptables-save -t nat | grep -c KUBE-SEP" on node "node-1"
    And the command fails

  Scenario: ClientIP session affinity makes the virtual server persistent
    Given a cluster with 2 nodes in IPVS mode
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        clusterIP: 10.96.100.100
        sessionAffinity: ClientIP
        sessionAffinityConfig:
          clientIP: {timeoutSeconds: 600}
        selector: {app: web}
        ports: [{port: 80}]
      """
    When I run "ipvsadm -ln | grep 10.96.100.100" on node "node-1"
    Then the output is:
      """
      TCP  10.96.100.100:80 rr persistent 600
      """
    When I connect 10 times to "web:80"
    Then all of them reached the same pod
