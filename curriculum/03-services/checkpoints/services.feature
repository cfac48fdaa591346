@epic:Curriculum @story:Services
Feature: lab 3 — the web pods behind a ClusterIP, a NodePort and a headless Service

  Background:
    Given a cluster with 3 nodes
    When the learner's solution is applied

  @points:1
  Scenario: the Deployment web runs 3 pods labelled app=web
    * hint: `kubectl create deployment web --image=nginx:1.25 --replicas=3` labels its pods app=web
    Then eventually the deployment "web" matches:
      """
      status: {readyReplicas: 3}
      """
    And there are 3 pods with labels "app=web"

  @points:2
  Scenario: web:80 reaches the pods through a ClusterIP
    * hint: the Service web must select the pods' label app=web, port 80 (`kubectl expose deployment web --port=80` does both)
    Then the service "web" matches:
      """
      spec:
        type: ClusterIP
        ports:
          - port: 80
      """
    And "web" resolves to the cluster IP of service "web"
    And a connection to "web:80" reaches a pod of deployment "web"

  @points:2
  Scenario: port 30080 of every node reaches the pods
    * hint: a Service of type NodePort named web-nodeport with `nodePort: 30080` (kubectl expose cannot choose the port: write a manifest)
    Then the service "web-nodeport" matches:
      """
      spec:
        type: NodePort
        ports:
          - nodePort: 30080
      """
    And a connection to "node-1:30080" reaches a pod of deployment "web"
    And a connection to "node-3:30080" reaches a pod of deployment "web"

  @points:2
  Scenario: web-headless resolves to the pods themselves
    * hint: a headless Service has `clusterIP: None`; its name then resolves to the IP of every ready pod
    Then the service "web-headless" matches:
      """
      spec: {clusterIP: None}
      """
    And "web-headless.default.svc.cluster.local" resolves to the IPs of the pods of deployment "web"
