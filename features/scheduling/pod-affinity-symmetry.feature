@epic:Scheduling @story:InterPodAffinity
Feature: the affinity of pods already running attracts or repels new pods
  InterPodAffinity scores symmetrically: besides the incoming pod's own preferred terms, the terms of the pods
  already running count for it. A running pod's preferred affinity (or anti-affinity) term that the new pod
  matches adds (or takes away) its weight on that pod's topology domain, and a running pod's required affinity
  term adds hardPodAffinityWeight (1 by default). The new pod itself says nothing about affinity.

  Scenario: a cache that prefers web pods beside it draws the next web pod to its node
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: cache
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        affinity:
          podAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: {matchLabels: {app: web}}
                topologyKey: kubernetes.io/hostname
        containers:
        - name: redis
          image: redis:7
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels: {app: web}
      spec:
        containers:
        - name: nginx
          image: nginx:1.25
      """
    Then the pod "web" matches:
      """
      spec: {nodeName: node-2}
      """

  Scenario: a pod that requires db pods beside it attracts a new db pod (hardPodAffinityWeight)
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: backup-agent
      spec:
        nodeName: node-3
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: {matchLabels: {app: db}}
              topologyKey: kubernetes.io/hostname
        containers:
        - name: agent
          image: busybox:1.36
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db
        labels: {app: db}
      spec:
        containers:
        - name: postgres
          image: postgres:16
      """
    Then the pod "db" matches:
      """
      spec: {nodeName: node-3}
      """

  Scenario: a latency-sensitive pod that prefers no batch pods beside it keeps them away
    Given a cluster with 2 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: trading
      spec:
        nodeSelector: {kubernetes.io/hostname: node-2}
        affinity:
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: {matchLabels: {tier: batch}}
                topologyKey: kubernetes.io/hostname
        containers:
        - name: engine
          image: nginx:1.25
      """
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: nightly
      spec:
        completions: 3
        parallelism: 3
        template:
          metadata:
            labels: {tier: batch}
          spec:
            restartPolicy: Never
            containers:
            - name: job
              image: busybox:1.36
      """
    Then there are 3 pods with labels "tier=batch,batch.kubernetes.io/job-name=nightly"
    When I run "kubectl get pods -l tier=batch -o wide"
    Then the output does not contain "node-2"
