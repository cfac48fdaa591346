@epic:Networking @story:Service
Feature: the my-tomcat NodePort Service and its Endpoints
  A Service selects pods by label; the Endpoints controller lists the ready pods' IPs with the resolved
  target port, and keeps the list in step as pods come and go. NodePort 30001 opens the port on every node.

  Background:
    Given a cluster with 3 nodes
    And I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    And the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        labels:
          app: my-tomcat
        name: my-tomcat
      spec:
        ports:
        - port: 8080
          nodePort: 30001
          protocol: TCP
          targetPort: 8080
        selector:
          app: my-tomcat
        type: NodePort
      """

  @severity:critical
  Scenario: the Endpoints list the three pods on port 8080
    Then the service "my-tomcat" matches:
      """
      spec:
        type: NodePort
        selector: {app: my-tomcat}
        ports: [{port: 8080, nodePort: 30001, targetPort: 8080, protocol: TCP}]
        sessionAffinity: None
        externalTrafficPolicy: Cluster
      """
    And the endpoints "my-tomcat" matches:
      """
      metadata:
        labels: {app: my-tomcat}
      subsets:
      - addresses:
        - targetRef: {kind: Pod, namespace: default}
        - targetRef: {kind: Pod, namespace: default}
        - targetRef: {kind: Pod, namespace: default}
        ports: [{port: 8080, protocol: TCP}]
      """
    And there are 1 endpointslices with labels "kubernetes.io/service-name=my-tomcat"

  @own-cluster:the-kubernetes-Service-lives-in-the-real-default-namespace
  Scenario: kubectl get svc shows the node port
    When I run "kubectl get svc"
    Then the output matches "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\n"
    And the output matches "\nkubernetes +ClusterIP +10\.96\.0\.1 +<none> +443/TCP +\S+\n"
    And the output matches "\nmy-tomcat +NodePort +10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+ +<none> +8080:30001/TCP +\S+$"

  Scenario: the Endpoints follow a scale to 5
    When I run "kubectl scale --replicas=5 deployment my-tomcat"
    Then the endpoints "my-tomcat" matches:
      """
      subsets:
      - addresses: [{}, {}, {}, {}, {}]
        ports: [{port: 8080, protocol: TCP}]
      """

  Scenario: the Endpoints drop a deleted pod and list its replacement
    When I delete one pod of deployment "my-tomcat"
    Then the endpoints "my-tomcat" matches:
      """
      subsets:
      - addresses: [{}, {}, {}]
        ports: [{port: 8080, protocol: TCP}]
      """
    When 30 seconds pass
    Then there are 3 pods with labels "app=my-tomcat"
    And the endpoints "my-tomcat" matches:
      """
      subsets:
      - addresses: [{}, {}, {}]
      """

  Scenario: kubectl expose gives the Deployment a NodePort Service with a random node port
    When I run "kubectl expose deployment my-tomcat --name=tomcat --port=8080 --type=NodePort"
    Then the command succeeds
    And the output is:
      """
      service/tomcat exposed
      """
    And the service "tomcat" matches:
      """
      spec:
        type: NodePort
        selector: {app: my-tomcat}
        ports: [{port: 8080, targetPort: 8080, protocol: TCP}]
      """
    When I run "kubectl get svc tomcat"
    Then the output matches "\ntomcat +NodePort +\S+ +<none> +8080:3[0-2]\d{3}/TCP +\S+$"

  Scenario: a Service with a named targetPort resolves it to each pod's container port
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports:
              - name: http
                containerPort: 8080
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports:
        - name: web
          port: 80
          targetPort: http
      """
    Then the endpoints "web" matches:
      """
      subsets:
      - addresses: [{}, {}]
        ports: [{name: web, port: 8080, protocol: TCP}]
      """

  Scenario: the documentation's Service with a named target port and a long port name gets its Endpoints
    # https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports: a Service port name is a
    # DNS-1123 label (up to 63 characters), and so is an Endpoints port name; only container ports are IANA names
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nginx
        labels:
          app.kubernetes.io/name: proxy
      spec:
        containers:
        - name: nginx
          image: nginx:stable
          ports:
            - containerPort: 80
              name: http-web-svc
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: nginx-service
      spec:
        selector:
          app.kubernetes.io/name: proxy
        ports:
        - name: name-of-service-port
          protocol: TCP
          port: 80
          targetPort: http-web-svc
      """
    Then the endpoints "nginx-service" matches:
      """
      subsets:
      - addresses: [{targetRef: {kind: Pod, name: nginx}}]
        ports: [{name: name-of-service-port, port: 80, protocol: TCP}]
      """
    When I run "kubectl get endpoints nginx-service"
    Then the output matches "nginx-service +10\.244\.\d+\.\d+:80 +0s"
    And the service "nginx-service" has no event with reason "FailedToUpdateEndpoint"
