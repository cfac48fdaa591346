Feature: resources and QoS class
  A pod's QoS class follows from its containers' requests and limits: Guaranteed when every container
  has equal cpu and memory requests and limits, BestEffort when none has any, Burstable otherwise.

  Scenario Outline: <class>
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources: <resources>
      """
    Then the pod "p" matches:
      """
      status: {phase: Running, qosClass: <class>}
      """
    When I run "kubectl describe pod p"
    Then the output matches "QoS Class: +<class>"

    Examples:
      | class      | resources                                                                       |
      | BestEffort | {}                                                                              |
      | Burstable  | {requests: {cpu: 100m}}                                                         |
      | Burstable  | {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 64Mi}}        |
      | Guaranteed | {limits: {cpu: 500m, memory: 128Mi}}                                            |
      | Guaranteed | {requests: {cpu: "1", memory: 1Gi}, limits: {cpu: "1", memory: 1Gi}}            |

  Scenario: requests and limits in describe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            requests: {cpu: 250m, memory: 64Mi}
            limits: {cpu: 500m, memory: 128Mi}
      """
    And I run "kubectl describe pod p"
    Then the output contains:
      """
          Limits:
            cpu:     500m
            memory:  128Mi
          Requests:
            cpu:        250m
            memory:     64Mi
      """
