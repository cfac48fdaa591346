@epic:Networking @story:Ingress
Feature: an Ingress without an installed controller, and with only its IngressClass
  A fresh cluster has no Ingress controller: an Ingress is stored, but nothing routes it and its status stays
  empty. An IngressClass naming k8s.io/ingress-nginx is enough for the model to route its Ingresses.

  Background:
    Given a cluster with 2 nodes
    And I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"
    And I run "kubectl expose deployment web --port=80"

  Scenario: no controller: the Ingress has no class and no address, and its host does not resolve
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web}
      spec:
        rules:
        - host: web.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      """
    And I run "kubectl get ingress web"
    Then the output matches "^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nweb +<none> +web\.example\.com +80 +\d+s$"
    And the ingress "web" matches:
      """
      status: {loadBalancer: {}}
      """
    And "web.example.com" does not resolve

  Scenario: only the IngressClass: its Ingresses are routed
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: nginx
      spec:
        controller: k8s.io/ingress-nginx
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web}
      spec:
        ingressClassName: nginx
        rules:
        - host: web.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      """
    Then an HTTP request for "http://web.example.com/index.html" reaches a pod of deployment "web"
    And the ingress "web" matches:
      """
      status: {loadBalancer: {}}
      """
