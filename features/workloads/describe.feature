@epic:Workloads @story:Describe
Feature: kubectl describe of ReplicaSets, StatefulSets, DaemonSets and CronJobs
  `kubectl describe` prints what a controller was asked for and what it has: the desired and current counts,
  its pods by phase (Running, Waiting for Pending, Succeeded, Failed), the pod template, a StatefulSet's
  volume claim templates, a CronJob's schedule and job template, and the events the controller recorded.

  Background:
    Given a cluster with 3 nodes

  Scenario: a StatefulSet with its partition, pods and volume claim templates
    Given the manifest "manifests/local-pvs.yaml"
    When I apply the manifest "manifests/web-statefulset.yaml"
    And I run "kubectl describe statefulset web"
    Then the output contains:
      """
      Name:               web
      Namespace:          default
      CreationTimestamp:  Mon, 01 Jan 2024 00:00:00 +0000
      Selector:           app=nginx
      Labels:             <none>
      Annotations:        <none>
      Replicas:           2 desired | 2 total
      Update Strategy:    RollingUpdate
        Partition:        0
      Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=nginx
        Containers:
         nginx:
          Image:        nginx:1.9.1
          Port:         80/TCP
          Host Port:    0/TCP
          Environment:  <none>
          Mounts:
            /usr/share/nginx/html from www (rw)
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      Volume Claims:
        Name:          www
      """
    # StorageClass: ends in the tabwriter's padding, which a docstring cannot keep
    And the output matches "\n  StorageClass:\n"
    And the output contains:
      """
        Labels:        <none>
        Annotations:   <none>
        Capacity:      1Gi
        Access Modes:  [ReadWriteOnce]
      Events:
      """
    # the events' ages are kubectl's own clock less the events' times: the real kubectl's is the wall clock
    And the output matches "Events:\n  Type    Reason            Age +From                    Message\n  ----    ------            ---- +----                    -------\n  Normal  SuccessfulCreate  \S+ +statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success\n  Normal  SuccessfulCreate  \S+ +statefulset-controller  create Pod web-0 in StatefulSet web successful\n  Normal  SuccessfulCreate  \S+ +statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success\n  Normal  SuccessfulCreate  \S+ +statefulset-controller  create Pod web-1 in StatefulSet web successful$"

  Scenario: a DaemonSet counts the nodes it schedules to
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: fluentd, labels: {app: logging}}
      spec:
        selector: {matchLabels: {name: fluentd}}
        template:
          metadata: {labels: {name: fluentd}}
          spec:
            nodeSelector: {kubernetes.io/os: linux}
            containers: [{name: fluentd, image: "fluentd:v1.16"}]
      """
    And I run "kubectl describe daemonset fluentd --show-events=false"
    Then the output is:
      """
      Name:           fluentd
      Selector:       name=fluentd
      Node-Selector:  kubernetes.io/os=linux
      Labels:         app=logging
      Annotations:    deprecated.daemonset.template.generation: 1
      Desired Number of Nodes Scheduled: 3
      Current Number of Nodes Scheduled: 3
      Number of Nodes Scheduled with Up-to-date Pods: 3
      Number of Nodes Scheduled with Available Pods: 3
      Number of Nodes Misscheduled: 0
      Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  name=fluentd
        Containers:
         fluentd:
          Image:         fluentd:v1.16
          Port:          <none>
          Host Port:     <none>
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  kubernetes.io/os=linux
        Tolerations:     <none>
      """
    When I run "kubectl describe ds fluentd"
    Then the output matches "SuccessfulCreate  \S+ +daemonset-controller  Created pod: fluentd-"

  Scenario: a CronJob before and after its first run
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: hello}
      spec:
        schedule: "*/5 * * * *"
        startingDeadlineSeconds: 60
        jobTemplate:
          spec:
            completions: 1
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: hello, image: busybox:1.36, command: [sleep, "30"]}]
      """
    And I run "kubectl describe cronjob hello"
    Then the output is:
      """
      Name:                          hello
      Namespace:                     default
      Labels:                        <none>
      Annotations:                   <none>
      Schedule:                      */5 * * * *
      Concurrency Policy:            Allow
      Suspend:                       False
      Successful Job History Limit:  3
      Failed Job History Limit:      1
      Starting Deadline Seconds:     60s
      Selector:                      <unset>
      Parallelism:                   <unset>
      Completions:                   1
      Pod Template:
        Labels:  <none>
        Containers:
         hello:
          Image:      busybox:1.36
          Port:       <none>
          Host Port:  <none>
          Command:
            sleep
            30
          Environment:     <none>
          Mounts:          <none>
        Volumes:           <none>
        Node-Selectors:    <none>
        Tolerations:       <none>
      Last Schedule Time:  <unset>
      Active Jobs:         <none>
      Events:              <none>
      """
    When 5 minutes pass
    And I run "kubectl describe cronjob hello"
    Then the output contains:
      """
      Last Schedule Time:  Mon, 01 Jan 2024 00:05:00 +0000
      Active Jobs:         hello-28401125
      Events:
      """
    And the output matches "Normal  SuccessfulCreate  \S+ +cronjob-controller  Created job hello-28401125"

  Scenario: a ReplicaSet names its Deployment and counts its pods
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"
    And I run "kubectl describe rs -l app=web --show-events=false"
    Then the output is:
      """
      Name:           web-68bf9f694d
      Namespace:      default
      Selector:       app=web,pod-template-hash=68bf9f694d
      Labels:         app=web
                      pod-template-hash=68bf9f694d
      Annotations:    deployment.kubernetes.io/desired-replicas: 2
                      deployment.kubernetes.io/max-replicas: 3
                      deployment.kubernetes.io/revision: 1
      Controlled By:  Deployment/web
      Replicas:       2 current / 2 desired
      Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=web
                 pod-template-hash=68bf9f694d
        Containers:
         nginx:
          Image:         nginx:1.25
          Port:          <none>
          Host Port:     <none>
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      """
    And the replicaset "web-68bf9f694d" has an event with reason "SuccessfulCreate" and message "Created pod: web-68bf9f694d-"
