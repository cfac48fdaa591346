@epic:Networking @story:Ingress
Feature: Ingress through the ingress-nginx controller
  An Ingress says which host and path go to which Service; an Ingress controller does the routing. With
  ingress-nginx installed (its IngressClass `nginx` is the default class), an Ingress gets the class when it is
  created, the controller writes its address into status.loadBalancer, and requests for the Ingress's hosts reach
  the Services' pods. Paths match as the spec says (Prefix by whole path elements, Exact exactly, longest first),
  ImplementationSpecific as nginx does (a plain prefix).

  Background:
    Given a cluster with 2 nodes
    And the ingress-nginx controller is installed

  Scenario: the tomcat.tuling.com Ingress of the study notes
    When I run:
      """
      kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=2
      kubectl expose deployment my-tomcat --port=8080 --type=NodePort
      """
    And I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web-ingress
      spec:
        rules:
        - host: tomcat.tuling.com
          http:
            paths:
            - pathType: Prefix
              path: /
              backend:
                service:
                  name: my-tomcat
                  port:
                    number: 8080
      """
    Then the ingress "web-ingress" matches:
      """
      spec: {ingressClassName: nginx}
      """
    And the ingress "web-ingress" has an event with reason "Sync" and message "Scheduled for sync"
    When I run "kubectl get ing"
    Then the output matches "^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nweb-ingress +nginx +tomcat\.tuling\.com +172\.18\.0\.\d+ +80 +\d+s$"
    When I run "kubectl get ingress web-ingress -o jsonpath={.status.loadBalancer.ingress[0].ip}"
    Then the output matches "^172\.18\.0\.\d+$"
    Given the host "tomcat.tuling.com" resolves to the ingress controller
    Then an HTTP request for "http://tomcat.tuling.com/" reaches a pod of deployment "my-tomcat"
    And an HTTP request for "http://tomcat.tuling.com/manager/html" reaches a pod of deployment "my-tomcat"
    And the ingress controller sends "http://tomcat.tuling.com/docs" to service "my-tomcat" with path "/docs"

  Scenario: the cafe Ingress: /tea and /coffee on one host, with TLS
    When I run:
      """
      kubectl create deployment tea --image=nginxdemos/nginx-hello:plain-text --replicas=2
      kubectl expose deployment tea --name=tea-svc --port=80 --target-port=8080
      kubectl create deployment coffee --image=nginxdemos/nginx-hello:plain-text --replicas=2
      kubectl expose deployment coffee --name=coffee-svc --port=80 --target-port=8080
      """
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: cafe-secret
      type: kubernetes.io/tls
      data:
        tls.crt: Y2VydGlmaWNhdGU=
        tls.key: a2V5
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: cafe-ingress
      spec:
        ingressClassName: nginx
        tls:
        - hosts:
          - cafe.example.com
          secretName: cafe-secret
        rules:
        - host: cafe.example.com
          http:
            paths:
            - path: /tea
              pathType: Prefix
              backend:
                service:
                  name: tea-svc
                  port:
                    number: 80
            - path: /coffee
              pathType: Prefix
              backend:
                service:
                  name: coffee-svc
                  port:
                    number: 80
      """
    Then an HTTP request for "https://cafe.example.com/tea" reaches a pod of deployment "tea"
    And an HTTP request for "https://cafe.example.com/coffee" reaches a pod of deployment "coffee"
    And an HTTP request for "https://cafe.example.com/tea/green" reaches a pod of deployment "tea"
    And an HTTP request for "https://cafe.example.com/teapot" is answered with status 404
    And an HTTP request for "http://cafe.example.com/tea" is answered with status 308
    When I run "kubectl get ingress cafe-ingress"
    Then the output matches "^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\ncafe-ingress +nginx +cafe\.example\.com +172\.18\.0\.\d+ +80, 443 +\d+s$"
    When I run "kubectl describe ingress cafe-ingress"
    Then the output contains:
      """
      Ingress Class:    nginx
      Default backend:  <default>
      TLS:
        cafe-secret terminates cafe.example.com
      Rules:
        Host              Path  Backends
        ----              ----  --------
        cafe.example.com
      """
    And the output matches "/tea +tea-svc:80 \(10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\)"
    And the output matches "/coffee +coffee-svc:80 \(10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\)"

  Scenario: the longest path wins, Exact before Prefix, ImplementationSpecific as nginx's prefix
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: shop
      spec:
        rules:
        - host: shop.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: front, port: {number: 80}}}}
            - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
            - {path: /api/v2, pathType: Prefix, backend: {service: {name: api-v2, port: {number: 80}}}}
            - {path: /api/health, pathType: Exact, backend: {service: {name: health, port: {number: 80}}}}
            - {path: /static, pathType: ImplementationSpecific, backend: {service: {name: static, port: {number: 80}}}}
      """
    Then the ingress controller sends "http://shop.example.com/" to service "front"
    And the ingress controller sends "http://shop.example.com/api/users" to service "api"
    And the ingress controller sends "http://shop.example.com/apiary" to service "front"
    And the ingress controller sends "http://shop.example.com/api/v2/users" to service "api-v2"
    And the ingress controller sends "http://shop.example.com/api/health" to service "health"
    And the ingress controller sends "http://shop.example.com/api/health/deep" to service "api"
    And the ingress controller sends "http://shop.example.com/staticfiles/a.css" to service "static"

  Scenario: rewrite-target sends the captured rest of the path
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: rewrite
        annotations:
          nginx.ingress.kubernetes.io/rewrite-target: /$2
      spec:
        ingressClassName: nginx
        rules:
        - host: rewrite.bar.com
          http:
            paths:
            - path: /something(/|$)(.*)
              pathType: ImplementationSpecific
              backend:
                service:
                  name: http-svc
                  port:
                    number: 80
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: minimal-ingress
        annotations:
          nginx.ingress.kubernetes.io/rewrite-target: /
      spec:
        rules:
        - http:
            paths:
            - path: /testpath
              pathType: Prefix
              backend:
                service:
                  name: test
                  port:
                    number: 80
      """
    Then the ingress controller sends "http://rewrite.bar.com/something/new" to service "http-svc" with path "/new"
    And the ingress controller sends "http://rewrite.bar.com/something" to service "http-svc" with path "/"
    Given the host "any.example.net" resolves to the ingress controller
    Then the ingress controller sends "http://any.example.net/testpath/a/b" to service "test" with path "/"

  Scenario: a default backend takes what no rule matches
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: fallback
      spec:
        defaultBackend:
          service:
            name: fallback-svc
            port:
              number: 80
      """
    And I run "kubectl get ingress fallback"
    Then the output matches "^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nfallback +nginx +\* +172\.18\.0\.\d+ +80 +\d+s$"
    Given the host "whatever.example.org" resolves to the ingress controller
    Then the ingress controller sends "http://whatever.example.org/any/path" to service "fallback-svc"

  Scenario: the IngressClass and the default class
    When I run "kubectl get ingressclass"
    Then the output matches "^NAME +CONTROLLER +PARAMETERS +AGE\nnginx +k8s\.io/ingress-nginx +<none> +\d+s$"
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: other
      spec:
        ingressClassName: traefik
        rules:
        - host: other.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: other, port: {number: 80}}}}
      """
    Then the ingress "other" matches:
      """
      spec: {ingressClassName: traefik}
      status: {loadBalancer: {}}
      """
    Given the host "other.example.com" resolves to the ingress controller
    Then an HTTP request for "http://other.example.com/" is answered with status 404
