@epic:Networking @story:DNS
Feature: DNS from inside a pod: nslookup and /etc/resolv.conf
  The kubelet writes each container's /etc/resolv.conf from the pod's dnsPolicy: ClusterFirst (the default)
  points at the kube-dns Service with the namespace's search path and ndots:5; Default uses the node's
  resolver; None uses only spec.dnsConfig; a hostNetwork pod needs ClusterFirstWithHostNet for cluster DNS.

  Background:
    Given a cluster with 2 nodes
    And I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"
    And I run "kubectl expose deployment web --port=80"
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: busybox
      spec:
        containers:
        - name: busybox
          image: busybox:1.28
          command: [sleep, "3600"]
      """

  Scenario: nslookup from a busybox:1.28 pod, as the DNS debugging guide runs it
    When I run "kubectl exec -i -t busybox -- nslookup kubernetes.default"
    Then the command succeeds
    And the output is:
      """
      Server:    10.96.0.10
      Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

      Name:      kubernetes.default
      Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
      """
    When I run "kubectl exec busybox -- nslookup nope"
    Then the command fails with "nslookup: can't resolve 'nope'"

  Scenario: nslookup from a newer busybox prints the answer's full name
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: bb}
      spec: {containers: [{name: bb, image: busybox:1.36, command: [sleep, "3600"]}]}
      """
    And I run "kubectl exec bb -- nslookup web"
    Then the command succeeds
    And the output matches "^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+$"
    When I run "kubectl exec bb -- nslookup web.nowhere"
    Then the command fails
    And the output contains "** server can't find web.nowhere: NXDOMAIN"
    When I run "kubectl exec bb -- nslookup 10-244-1-5.default.pod.cluster.local"
    Then the output contains:
      """
      Name:	10-244-1-5.default.pod.cluster.local
      Address: 10.244.1.5
      """

  Scenario: the default resolv.conf
    When I run "kubectl exec busybox -- cat /etc/resolv.conf"
    Then the output is:
      """
      search default.svc.cluster.local svc.cluster.local cluster.local
      nameserver 10.96.0.10
      options ndots:5
      """

  Scenario: dnsPolicy None with dnsConfig, and Default
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: dns-example
      spec:
        containers:
        - name: test
          image: nginx:1.25
        dnsPolicy: "None"
        dnsConfig:
          nameservers:
          - 192.0.2.1
          searches:
          - ns1.svc.cluster-domain.example
          - my.dns.search.suffix
          options:
          - name: ndots
            value: "2"
          - name: edns0
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: host-dns}
      spec:
        dnsPolicy: Default
        containers: [{name: bb, image: busybox:1.36, command: [sleep, "3600"]}]
      """
    And I run "kubectl exec dns-example -- cat /etc/resolv.conf"
    Then the output is:
      """
      search ns1.svc.cluster-domain.example my.dns.search.suffix
      nameserver 192.0.2.1
      options ndots:2 edns0
      """
    When I run "kubectl exec host-dns -- cat /etc/resolv.conf"
    Then the output is:
      """
      nameserver 172.18.0.1
      """
    When I run "kubectl exec host-dns -- nslookup web"
    Then the output contains "** server can't find web: NXDOMAIN"

  Scenario: a hostNetwork pod resolves Service names only with ClusterFirstWithHostNet
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: hostnet}
      spec:
        hostNetwork: true
        dnsPolicy: ClusterFirstWithHostNet
        containers: [{name: bb, image: busybox:1.36, command: [sleep, "3600"]}]
      """
    And I run "kubectl exec hostnet -- cat /etc/resolv.conf"
    Then the output contains "nameserver 10.96.0.10"
    When I run "kubectl exec hostnet -- nslookup web.default"
    Then the command succeeds
