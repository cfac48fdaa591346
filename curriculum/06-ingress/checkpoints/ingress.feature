@epic:Curriculum @story:Ingress
Feature: lab 6 — tomcat.tuling.com through the ingress controller

  Background:
    Given a cluster with 2 nodes
    And the ingress-nginx controller is installed
    When the learner's solution is applied
    Given the host "tomcat.tuling.com" resolves to the ingress controller

  @points:1
  Scenario: the Service my-tomcat serves port 8080
    * hint: `kubectl expose deployment my-tomcat --port=8080`
    Then the service "my-tomcat" matches:
      """
      spec:
        ports:
          - port: 8080
      """

  @points:2
  Scenario: the Ingress sends tomcat.tuling.com to my-tomcat
    * hint: the Ingress web-ingress needs a rule for host tomcat.tuling.com, path / with pathType Prefix, backend service my-tomcat port 8080
    Then an HTTP request for "http://tomcat.tuling.com/" reaches a pod of deployment "my-tomcat"

  @points:1
  Scenario: every path under / goes to my-tomcat
    * hint: pathType Prefix matches / and every path below it; Exact matches only /
    Then an HTTP request for "http://tomcat.tuling.com/manager/html" reaches a pod of deployment "my-tomcat"
