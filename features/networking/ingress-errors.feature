@epic:Networking @story:Ingress
Feature: Ingress manifests the API server refuses
  Ingress left extensions/v1beta1 and networking.k8s.io/v1beta1 in Kubernetes 1.22; manifests from older notes
  get kubectl's mapping error (and a kspec hint for the v1 form). A v1 Ingress needs a pathType on every path.

  Scenario: the legacy cafe Ingress in extensions/v1beta1
    When I try to apply the manifest:
      """
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata:
        name: cafe-ingress
      spec:
        tls:
        - hosts:
          - cafe.example.com
          secretName: cafe-secret
        rules:
        - host: cafe.example.com
          http:
            paths:
            - path: /tea
              backend:
                serviceName: tea-svc
                servicePort: 80
      """
    Then the command fails with "error: resource mapping not found for name: \"cafe-ingress\" namespace: \"\" from \"STDIN\": no matches for kind \"Ingress\" in version \"extensions/v1beta1\""
    And the command fails with "ensure CRDs are installed first"
    And the ingress "cafe-ingress" does not exist

  Scenario: networking.k8s.io/v1beta1 is gone too
    When I try to apply the manifest:
      """
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata:
        name: web
      spec:
        backend:
          serviceName: web
          servicePort: 80
      """
    Then the command fails with "no matches for kind \"Ingress\" in version \"networking.k8s.io/v1beta1\""

  Scenario: a path without pathType
    When I try to apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: cafe-ingress
      spec:
        rules:
        - host: cafe.example.com
          http:
            paths:
            - path: /tea
              backend:
                service:
                  name: tea-svc
                  port:
                    number: 80
      """
    Then the command fails with "The Ingress \"cafe-ingress\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"
    And the ingress "cafe-ingress" does not exist

  Scenario: the backend needs a port
    When I try to apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        rules:
        - http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: web
      """
    Then the command fails with "spec.rules[0].http.paths[0].backend: Required value: port name or number is required"
