@epic:Cluster @story:Printing
Feature: kubectl get prints the columns the API server's printers give
  Tables come from pkg/printers/internalversion/printers.go: a Lease's HOLDER, a PriorityClass's VALUE and
  GLOBAL-DEFAULT, a HorizontalPodAutoscaler's REFERENCE, TARGETS, MINPODS, MAXPODS and REPLICAS; a load balancer's
  addresses with the external IPs after them; events with -o wide in kubectl's column order. The API server calls the
  printers wide (its table convertor's GenerateOptions{Wide: true}): a PriorityClass's PREEMPTIONPOLICY is filled
  in and a load balancer's addresses are not cut at 16 characters, with or without -o wide.

  Background:
    Given a cluster with 1 node

  Scenario: a node's Lease names its holder
    When I run "kubectl get leases -n kube-node-lease"
    Then the output is:
      """
      NAME     HOLDER   AGE
      node-1   node-1   0s
      """

  Scenario: PriorityClasses with their preemption policy
    Given the manifest:
      """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata:
        name: high-priority
      value: 1000000
      globalDefault: false
      description: "This priority class should be used for XYZ service pods only."
      """
    When I run "kubectl get priorityclass high-priority"
    Then the output is:
      """
      NAME            VALUE     GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
      high-priority   1000000   false            0s    PreemptLowerPriority
      """
    When I run "kubectl get pc -o wide"
    Then the output is:
      """
      NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
      high-priority             1000000      false            0s    PreemptLowerPriority
      system-cluster-critical   2000000000   false            0s    PreemptLowerPriority
      system-node-critical      2000001000   false            0s    PreemptLowerPriority
      """

  Scenario: the HorizontalPodAutoscaler walkthrough's autoscaler
    Given the manifest:
      """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: php-apache
      spec:
        scaleTargetRef:
          apiVersion: apps/v1
          kind: Deployment
          name: php-apache
        minReplicas: 1
        maxReplicas: 10
        metrics:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: 50
      """
    When I run "kubectl get hpa"
    Then the output is:
      """
      NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
      php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s
      """

  Scenario: a LoadBalancer Service's EXTERNAL-IP: the cloud's addresses, then the external IPs
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: LoadBalancer
        externalIPs: [80.11.12.10]
        ports: [{port: 80}]
      """
    When 10 seconds pass
    And I run "kubectl get svc web -o jsonpath={.status.loadBalancer.ingress[0].ip}"
    Then the output is:
      """
      172.18.255.200
      """
    When I run "kubectl get svc web"
    Then the output matches "\nweb +LoadBalancer +10\.\S+ +172\.18\.255\.200,80\.11\.12\.10 +80:3\d{4}/TCP +10s$"

  Scenario: events with -o wide, in kubectl's column order
    When I run "kubectl create deployment web --image=nginx"
    And I run "kubectl get events --field-selector involvedObject.kind=Deployment -o wide"
    Then the output matches "^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME\n0s +Normal +ScalingReplicaSet +deployment/web +deployment-controller +Scaled up replica set web-[a-z0-9]+ to 1 +0s +1 +web\.[0-9a-f]+$"
