@epic:Networking @story:kube-proxy
Feature: kube-proxy's rules on each node, in iptables and IPVS mode
  In iptables mode kube-proxy writes, per service port, a KUBE-SERVICES rule for the cluster IP, a
  KUBE-SVC-<hash> chain that picks an endpoint with `-m statistic --mode random --probability`, and a
  KUBE-SEP-<hash> chain per endpoint that DNATs to the pod. The hash is base32(sha256(port name + protocol)).
  In IPVS mode it binds every cluster IP to the dummy interface kube-ipvs0 and makes it an IPVS virtual
  server whose real servers are the pods, scheduled round-robin.

  Background:
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: hostnames
      spec:
        replicas: 3
        selector:
          matchLabels: {app: hostnames}
        template:
          metadata:
            labels: {app: hostnames}
          spec:
            containers:
            - name: hostnames
              image: registry.k8s.io/serve_hostname
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: hostnames
      spec:
        clusterIP: 10.100.1.175
        selector: {app: hostnames}
        ports:
        - protocol: TCP
          port: 80
          targetPort: 9376
      """

  Scenario: the hostnames Service in iptables-save, as the notes show it
    When I run "iptables-save -t nat | grep hostnames" on node "node-1"
    Then the output contains:
      """
      -A KUBE-SERVICES -d 10.100.1.175/32 -p tcp -m comment --comment "default/hostnames cluster IP" -m tcp --dport 80 -j KUBE-SVC-YN5D6RYVEVZOH44Q
      """
    And the output contains:
      """
      -A KUBE-SVC-YN5D6RYVEVZOH44Q ! -s 10.244.0.0/16 -d 10.100.1.175/32 -p tcp -m comment --comment "default/hostnames cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
      """
    And the output matches "-A KUBE-SVC-YN5D6RYVEVZOH44Q -m comment --comment \"default/hostnames -> 10\.244\.\d+\.\d+:9376\" -m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-[A-Z2-7]{16}\n"
    And the output matches "-A KUBE-SVC-YN5D6RYVEVZOH44Q -m comment --comment \"default/hostnames -> 10\.244\.\d+\.\d+:9376\" -m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-[A-Z2-7]{16}\n"
    And the output matches "-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment \"default/hostnames\" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:9376"

  Scenario: every node has the same service rules, and they follow the endpoints
    When I run "kubectl scale deployment hostnames --replicas=1"
    And I run "iptables-save -t nat | grep KUBE-SVC-YN5D6RYVEVZOH44Q" on node "node-3"
    Then the output matches "-A KUBE-SVC-YN5D6RYVEVZOH44Q -m comment --comment \"default/hostnames -> 10\.244\.\d+\.\d+:9376\" -j KUBE-SEP-[A-Z2-7]{16}$"
    And the output does not contain "statistic"

  Scenario: a Service without endpoints is rejected in the filter table
    When I run "kubectl scale deployment hostnames --replicas=0"
    And I run "iptables-save -t filter | grep hostnames" on node "node-2"
    Then the output is:
      """
      -A KUBE-SERVICES -d 10.100.1.175/32 -p tcp -m comment --comment "default/hostnames has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
      """
    And a connection to "hostnames:80" is refused

  Scenario: a NodePort with externalTrafficPolicy Local is only answered on nodes with a local endpoint
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: local-web
        labels: {app: local-web}
      spec:
        nodeName: node-1
        containers:
        - name: web
          image: nginx:1.25
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: local-web
      spec:
        type: NodePort
        externalTrafficPolicy: Local
        selector: {app: local-web}
        ports:
        - port: 80
          nodePort: 30080
      """
    Then a connection from outside the cluster to "172.18.0.3:30080" reaches a pod of pod "local-web"
    And a connection from outside the cluster to "172.18.0.4:30080" times out
    And a connection to "node-2:30080" reaches a pod of pod "local-web"
    When I run "iptables-save -t filter | grep local-web" on node "node-2"
    Then the output contains:
      """
      -A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/local-web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP
      """
    When I run "iptables-save -t nat | grep KUBE-EXT" on node "node-2"
    Then the output contains:
      """
      -A KUBE-EXT-
      """
    And the output contains "-s 10.244.0.0/16 -m comment --comment \"pod traffic for default/local-web external destinations\" -j KUBE-SVC-"

  Scenario: config-manager in IPVS mode: kube-ipvs0 holds the cluster IP, IPVS balances round-robin
    Given kube-proxy runs in "ipvs" mode
    And the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: svc-test}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: config-manager
        namespace: svc-test
      spec:
        replicas: 2
        selector:
          matchLabels: {app: config-manager}
        template:
          metadata:
            labels: {app: config-manager}
          spec:
            containers:
            - name: config-manager
              image: config-manager:1.0
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: config-manager
        namespace: svc-test
      spec:
        clusterIP: 10.103.164.93
        selector: {app: config-manager}
        ports:
        - port: 80
          targetPort: 8085
      """
    When I run "ipvsadm -ln | grep -A 2 10.103.164.93" on node "node-1"
    Then the output matches "^TCP  10\.103\.164\.93:80 rr\n  -> 10\.244\.\d+\.\d+:8085 +Masq +1 +0 +0\n  -> 10\.244\.\d+\.\d+:8085 +Masq +1 +0 +0$"
    When I run "ip addr show kube-ipvs0" on node "node-1"
    Then the output contains "inet 10.103.164.93/32 scope global kube-ipvs0"
    When I run "kubectl get svc -n svc-test -o wide"
    Then the output matches "\nconfig-manager +ClusterIP +10\.103\.164\.93 +<none> +80/TCP +\d+s +app=config-manager$"
    When I connect 10 times to "config-manager.svc-test:80"
    Then the output matches "^POD +NODE +CONNECTIONS\nconfig-manager-\S+ +node-\d +5\nconfig-manager-\S+ +node-\d +5$"

  Scenario: commands a node does not have
    When I run "iptables-save -t bogus" on node "node-1"
    Then the command fails with "iptables-save v1.8.9 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)"
    When I run "ip addr show kube-ipvs0" on node "node-1"
    Then the command fails with "Device \"kube-ipvs0\" does not exist."
    When I run "iptables-save" on node "node-9"
    Then the command fails with "Error from server (NotFound): nodes \"node-9\" not found"

  Scenario: internalTrafficPolicy Local keeps cluster IP traffic on the client's node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: agent
        labels: {app: agent}
      spec:
        nodeName: node-1
        containers: [{name: agent, image: fluent/fluent-bit}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client-1}
      spec:
        nodeName: node-1
        containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client-2}
      spec:
        nodeName: node-2
        containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: agent}
      spec:
        internalTrafficPolicy: Local
        selector: {app: agent}
        ports: [{port: 24224}]
      """
    Then a connection from pod "client-1" to "agent:24224" reaches a pod of pod "agent"
    And a connection from pod "client-2" to "agent:24224" times out
    When I run "iptables-save -t filter | grep agent" on node "node-2"
    Then the output matches "-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+/32 -p tcp -m comment --comment \"default/agent has no local endpoints\" -m tcp --dport 24224 -j DROP"

  Scenario: a named targetPort is resolved per pod, so endpoints may differ in port
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: api-v1
        labels: {app: api}
      spec:
        containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 8080}]}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: api-v2
        labels: {app: api}
      spec:
        containers: [{name: api, image: api:2, ports: [{name: http, containerPort: 9090}]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: api}
      spec:
        selector: {app: api}
        ports: [{name: web, port: 80, targetPort: http}]
      """
    And I run "iptables-save -t nat | grep DNAT | grep default/api" on node "node-1"
    Then the output matches "-j DNAT --to-destination 10\.244\.\d+\.\d+:8080"
    And the output matches "-j DNAT --to-destination 10\.244\.\d+\.\d+:9090"

  Scenario: publishNotReadyAddresses sends traffic to pods that are not ready
    Given the image "db:starting" fails its readiness probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db-0
        labels: {app: db}
      spec:
        containers:
        - name: db
          image: db:starting
          readinessProbe:
            tcpSocket: {port: 5432}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db-peers}
      spec:
        publishNotReadyAddresses: true
        selector: {app: db}
        ports: [{port: 5432}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db}
      spec:
        selector: {app: db}
        ports: [{port: 5432}]
      """
    And 1 minute passes
    Then a connection to "db-peers:5432" reaches a pod of pod "db-0"
    And a connection to "db:5432" is refused

  Scenario: one chain at a time with iptables -S
    When I run "iptables -t nat -S KUBE-SVC-YN5D6RYVEVZOH44Q" on node "node-2"
    Then the output matches "^-N KUBE-SVC-YN5D6RYVEVZOH44Q\n-A KUBE-SVC-YN5D6RYVEVZOH44Q ! -s 10\.244\.0\.0/16 -d 10\.100\.1\.175/32 "
    When I run "iptables -t nat -S KUBE-SVC-AAAAAAAAAAAAAAAA" on node "node-2"
    Then the command fails with "iptables: No chain/target/match by that name."
