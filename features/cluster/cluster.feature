@epic:Cluster @story:Nodes
Feature: the embedded cluster looks like a fresh kubeadm cluster
  Every scenario gets its own cluster: the four namespaces, a default ServiceAccount in each, the kubernetes
  and kube-dns Services, and Ready nodes with the default capacity unless a table says otherwise.

  Scenario: a fresh cluster
    Given a cluster with 3 nodes
    When I run "kubectl get namespaces"
    Then the output is:
      """
      NAME              STATUS   AGE
      default           Active   0s
      kube-node-lease   Active   0s
      kube-public       Active   0s
      kube-system       Active   0s
      """
    And the namespace "kube-system" matches:
      """
      status: {phase: Active}
      """
    And the serviceaccount "default" matches:
      """
      metadata: {name: default, namespace: default}
      """
    And the serviceaccount "default" in namespace "kube-system" matches:
      """
      metadata: {name: default, namespace: kube-system}
      """
    And the serviceaccount "default" in namespace "kube-public" matches:
      """
      metadata: {name: default}
      """
    And the serviceaccount "default" in namespace "kube-node-lease" matches:
      """
      metadata: {name: default}
      """
    And the service "kubernetes" matches:
      """
      metadata:
        labels: {component: apiserver, provider: kubernetes}
      spec:
        type: ClusterIP
        clusterIP: 10.96.0.1
        ports: [{name: https, port: 443, protocol: TCP, targetPort: 6443}]
      """
    And the service "kube-dns" in namespace "kube-system" matches:
      """
      metadata:
        labels: {k8s-app: kube-dns}
      spec:
        clusterIP: 10.96.0.10
        ports:
        - {name: dns, port: 53, protocol: UDP}
        - {name: dns-tcp, port: 53, protocol: TCP}
        - {name: metrics, port: 9153, protocol: TCP}
      """
    And there are 0 storageclasses with labels ""

  @severity:critical
  Scenario: nodes are Ready with the default capacity
    Given a cluster with 3 nodes
    Then the node "node-1" matches:
      """
      metadata:
        labels: {kubernetes.io/hostname: node-1, kubernetes.io/os: linux}
      status:
        capacity: {cpu: 4, memory: 16Gi, pods: 110}
        allocatable: {cpu: 4, memory: 16Gi, pods: 110}
      """
    When I run "kubectl get nodes"
    Then the output matches "^NAME +STATUS +ROLES +AGE +VERSION\n"
    And the output matches "\nnode-1 +Ready +<none> +\S+ +v1\.30\.\d+\nnode-2 +Ready +<none> +\S+ +v1\.30\.\d+\nnode-3 +Ready +<none> +\S+ +v1\.30\.\d+$"

  Scenario: nodes from a table, with capacity, labels and taints
    Given a cluster with nodes:
      | name    | cpu | memory | pods | labels                  | taints                  |
      | big-1   | 16  | 64Gi   | 250  | disk=ssd,zone=a         | dedicated=db:NoSchedule |
      | small-1 |     |        |      |                         |                         |
    Then the node "big-1" matches:
      """
      metadata:
        labels: {disk: ssd, zone: a, kubernetes.io/hostname: big-1}
      spec:
        taints: [{key: dedicated, value: db, effect: NoSchedule}]
      status:
        capacity: {cpu: 16, memory: 64Gi, pods: 250}
      """
    And the node "small-1" matches:
      """
      spec: {taints: null}
      status:
        capacity: {cpu: 4, memory: 16Gi, pods: 110}
      """
    And the node "node-1" does not exist

  Scenario: a node joins the cluster and is removed
    Given a cluster with 3 nodes
    When node "node-4" joins the cluster
    Then the node "node-4" matches:
      """
      status:
        capacity: {cpu: 4, memory: 16Gi, pods: 110}
      """
    When I run "kubectl get nodes"
    Then the output matches "\nnode-4 +Ready +<none> +\S+ +v1\.30\.\d+$"
    When node "node-4" is removed
    Then the node "node-4" does not exist
    When I run "kubectl get nodes"
    Then the output does not contain "node-4"

  Scenario: a scenario with no cluster step gets three nodes
    When I run "kubectl get nodes -o name"
    Then the output is:
      """
      node/node-1
      node/node-2
      node/node-3
      """
