@epic:Networking @story:ServiceEnvironment
Feature: Service environment variables
  When a container starts, the kubelet gives it variables for every Service of its namespace that exists then,
  and for the `kubernetes` Service in every namespace: {SVC}_SERVICE_HOST, {SVC}_SERVICE_PORT, one
  {SVC}_SERVICE_PORT_{NAME} per named port, and Docker link variables. This brings an ordering problem: a pod
  that started before its Service does not have the Service's variables until it is re-created.

  Background:
    Given a cluster with 2 nodes

  Scenario: a pod started before the Service does not see it; re-created pods do
    When I run "kubectl create deployment my-nginx --image=nginx:1.25 --replicas=2"
    And I run "kubectl expose deployment my-nginx --port=80"
    And I run "kubectl exec deploy/my-nginx -- printenv"
    Then the output contains "KUBERNETES_SERVICE_HOST=10.96.0.1"
    And the output does not contain "MY_NGINX_"
    When I run:
      """
      kubectl scale deployment my-nginx --replicas=0
      kubectl scale deployment my-nginx --replicas=2
      """
    And I run "kubectl exec deploy/my-nginx -- printenv"
    Then the output matches "MY_NGINX_SERVICE_HOST=10\.\d+\.\d+\.\d+\n"
    And the output contains:
      """
      MY_NGINX_SERVICE_PORT=80
      MY_NGINX_PORT=tcp://
      """
    And the output matches "MY_NGINX_PORT_80_TCP=tcp://10\.\d+\.\d+\.\d+:80\nMY_NGINX_PORT_80_TCP_PROTO=tcp\nMY_NGINX_PORT_80_TCP_PORT=80\nMY_NGINX_PORT_80_TCP_ADDR=10\."

  Scenario: the redis-primary example: a fixed cluster IP, named ports, dashes become underscores
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: redis-primary
      spec:
        clusterIP: 10.96.0.11
        selector: {app: redis}
        ports:
        - {name: redis, port: 6379}
        - {name: metrics, port: 9121}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        containers:
        - name: client
          image: busybox:1.36
          command: [sleep, "3600"]
      """
    And I run "kubectl exec client -- env"
    Then the output contains:
      """
      REDIS_PRIMARY_SERVICE_HOST=10.96.0.11
      REDIS_PRIMARY_SERVICE_PORT=6379
      REDIS_PRIMARY_SERVICE_PORT_REDIS=6379
      REDIS_PRIMARY_SERVICE_PORT_METRICS=9121
      REDIS_PRIMARY_PORT=tcp://10.96.0.11:6379
      REDIS_PRIMARY_PORT_6379_TCP=tcp://10.96.0.11:6379
      REDIS_PRIMARY_PORT_6379_TCP_PROTO=tcp
      REDIS_PRIMARY_PORT_6379_TCP_PORT=6379
      REDIS_PRIMARY_PORT_6379_TCP_ADDR=10.96.0.11
      REDIS_PRIMARY_PORT_9121_TCP=tcp://10.96.0.11:9121
      """

  Scenario: headless and ExternalName Services, and other namespaces' Services, give no variables
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: other}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: elsewhere, namespace: other}
      spec: {selector: {app: x}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: nginx}
      spec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: my-service}
      spec: {type: ExternalName, externalName: my.database.example.com}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client}
      spec: {containers: [{name: client, image: busybox:1.36, command: [sleep, "3600"]}]}
      """
    And I run "kubectl exec client -- env"
    Then the output contains "KUBERNETES_SERVICE_HOST=10.96.0.1"
    And the output does not contain "NGINX_"
    And the output does not contain "MY_SERVICE_"
    And the output does not contain "ELSEWHERE_"

  Scenario: enableServiceLinks false leaves only the kubernetes Service's variables
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec: {selector: {app: web}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: quiet}
      spec:
        enableServiceLinks: false
        containers: [{name: quiet, image: busybox:1.36, command: [sleep, "3600"]}]
      """
    And I run "kubectl exec quiet -- env"
    Then the output contains "KUBERNETES_SERVICE_PORT_HTTPS=443"
    And the output does not contain "WEB_SERVICE_HOST"
