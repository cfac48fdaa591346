@epic:Nodes @story:NodeStatus
Feature: what kubectl shows about nodes
  `kubectl get nodes` shows each node's STATUS (Ready, NotReady, with SchedulingDisabled when cordoned), its ROLES
  from the node-role.kubernetes.io/ labels, AGE and the kubelet VERSION; `-o wide` adds addresses and the
  node's software; `kubectl describe node` shows taints, whether it is schedulable, its Lease and conditions.

  Scenario: a cordoned node, a labelled worker and a failed node
    Given a cluster with 3 nodes
    When I run:
      """
      kubectl label nodes node-2 node-role.kubernetes.io/worker= disktype=ssd
      kubectl cordon node-1
      """
    And node "node-3" fails
    And 1 minute passes
    And I run "kubectl get nodes"
    Then the output is:
      """
      NAME     STATUS                     ROLES    AGE   VERSION
      node-1   Ready,SchedulingDisabled   <none>   60s   v1.30.0
      node-2   Ready                      worker   60s   v1.30.0
      node-3   NotReady                   <none>   60s   v1.30.0
      """
    When I run "kubectl get nodes -l disktype=ssd -o wide"
    Then the output is:
      """
      NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME
      node-2   Ready    worker   60s   v1.30.0   172.18.0.4    <none>        Debian GNU/Linux 12 (bookworm)   6.5.0-1025-azure   containerd://1.7.13
      """
    When I run "kubectl describe node node-3"
    Then the output contains:
      """
      Taints:             node.kubernetes.io/unreachable:NoExecute
                          node.kubernetes.io/unreachable:NoSchedule
      Unschedulable:      false
      Lease:
        HolderIdentity:  node-3
        AcquireTime:     <unset>
        RenewTime:       Mon, 01 Jan 2024 00:00:00 +0000
      """
    And the output contains "Ready            Unknown   Mon, 01 Jan 2024 00:00:00 +0000   Mon, 01 Jan 2024 00:00:45 +0000   NodeStatusUnknown   Kubelet stopped posting node status."
    When I run "kubectl describe node node-1"
    Then the output contains:
      """
      Taints:             node.kubernetes.io/unschedulable:NoSchedule
      Unschedulable:      true
      """

  Scenario: nodes joining and leaving
    Given a cluster with 2 nodes
    When node "node-3" joins the cluster
    And I run "kubectl create deployment web --image=nginx:1.25 --replicas=3"
    Then there are 3 pods with labels "app=web"
    And the lease "node-3" in namespace "kube-node-lease" matches:
      """
      spec: {holderIdentity: node-3, leaseDurationSeconds: 40}
      """
    When node "node-3" is removed
    And I run "kubectl get nodes"
    Then the output does not contain "node-3"
    And eventually the deployment "web" matches:
      """
      status: {replicas: 3, readyReplicas: 3}
      """
