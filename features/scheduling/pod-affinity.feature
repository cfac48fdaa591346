@epic:Scheduling @story:InterPodAffinity
Feature: pods placed next to, or away from, other pods
  Required pod anti-affinity on kubernetes.io/hostname keeps replicas of an ingress controller on different
  nodes (as the study notes' ingress-kong Deployment does); pod affinity puts a pod beside the pods it needs.
  Host ports are a node's too: two pods cannot both take port 80 of one node.

  @severity:critical
  Scenario: one ingress controller per node; a fourth replica has nowhere to go
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ingress-kong
        namespace: default
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: ingress-kong
        template:
          metadata:
            labels:
              app: ingress-kong
          spec:
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchExpressions:
                    - key: app
                      operator: In
                      values:
                      - ingress-kong
                  topologyKey: kubernetes.io/hostname
            containers:
            - name: proxy
              image: kong:3.6
      """
    Then the deployment "ingress-kong" matches:
      """
      status: {replicas: 3, readyReplicas: 3}
      """
    When I run "kubectl get pods -l app=ingress-kong -o wide"
    Then the output contains "node-1"
    And the output contains "node-2"
    And the output contains "node-3"
    When I run "kubectl scale deployment ingress-kong --replicas=4"
    Then the deployment "ingress-kong" matches:
      """
      status: {replicas: 4, readyReplicas: 3, unavailableReplicas: 1}
      """
    When I run "kubectl get events --field-selector reason=FailedScheduling"
    Then the output contains "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
    When node "node-4" joins the cluster
    Then eventually the deployment "ingress-kong" matches:
      """
      status: {replicas: 4, readyReplicas: 4}
      """

  Scenario: pod affinity puts a pod on the node of the pod it needs
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
        labels: {app: cache}
      spec:
        nodeName: node-2
        containers: [{name: redis, image: redis:7}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: {matchLabels: {app: cache}}
              topologyKey: kubernetes.io/hostname
        containers: [{name: nginx, image: nginx:1.25}]
      """
    Then the pod "web" matches:
      """
      spec: {nodeName: node-2}
      status: {phase: Running}
      """

  Scenario: pod affinity to pods that do not exist leaves the pod Pending
    Given a cluster with 3 nodes
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: {matchLabels: {app: cache}}
              topologyKey: kubernetes.io/hostname
        containers: [{name: nginx, image: nginx:1.25}]
      """
    Then the pod "web" has an event with reason "FailedScheduling" and message "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
        labels: {app: cache}
      spec:
        nodeName: node-3
        containers: [{name: redis, image: redis:7}]
      """
    Then eventually the pod "web" matches:
      """
      spec: {nodeName: node-3}
      """

  Scenario: two pods cannot take the same host port on one node
    Given a cluster with 1 node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: edge-a
      spec:
        containers:
        - name: nginx
          image: nginx:1.25
          ports: [{containerPort: 80, hostPort: 8080}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: edge-b
      spec:
        containers:
        - name: nginx
          image: nginx:1.25
          ports: [{containerPort: 80, hostPort: 8080}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: edge-udp
      spec:
        containers:
        - name: dns
          image: coredns/coredns:1.11.1
          ports: [{containerPort: 53, hostPort: 8080, protocol: UDP}]
      """
    Then the pod "edge-a" matches:
      """
      spec: {nodeName: node-1}
      """
    And the pod "edge-udp" matches:
      """
      spec: {nodeName: node-1}
      """
    And the pod "edge-b" has an event with reason "FailedScheduling" and message "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    When I run "kubectl delete pod edge-a"
    Then eventually the pod "edge-b" matches:
      """
      spec: {nodeName: node-1}
      """
