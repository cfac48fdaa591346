@epic:Errors @story:UnknownFields
Feature: a field the kind does not have is refused, as kubectl's default --validate=strict has the server do
  kubectl v1.30 asks the API server for strict field validation: a misspelt field, or a field of an older API
  version, refuses the whole object with the decoder's message, instead of being dropped without a word.
  `--validate=false` (or `ignore`) drops unknown fields as older clients did.

  Background:
    Given a cluster with 2 nodes

  Scenario: a misspelt field in a Deployment refuses it
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replica: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              imagePullPolice: Always
      """
    Then the command fails with "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolice\""
    And the deployment "web" does not exist

  Scenario: the seeds' extensions/v1beta1 backend fields in a networking.k8s.io/v1 Ingress
    When I try to apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: tomcat}
      spec:
        rules:
        - host: tomcat.tuling.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                serviceName: tomcat
                servicePort: 8080
      """
    Then the command fails with "Ingress in version \"v1\" cannot be handled as a Ingress: strict decoding error: unknown field \"spec.rules[0].http.paths[0].backend.serviceName\", unknown field \"spec.rules[0].http.paths[0].backend.servicePort\""

  Scenario: with --validate=false the unknown field is dropped and the object created
    Given a file "web.yaml" with:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          imagePullPolice: Always
      """
    When I run "kubectl apply -f web.yaml --validate=false"
    Then the output is:
      """
      pod/web created
      """
    And the pod "web" matches:
      """
      spec: {containers: [{name: web, imagePullPolicy: IfNotPresent}]}
      """
    When I run "kubectl apply -f web.yaml --validate=maybe"
    Then the command fails with "error: invalid - validate option \"maybe\"; must be one of: strict (or true), warn, ignore (or false)"

  Scenario: --validate=warn, and kubectl patch, drop the unknown field with the server's warning
    Given a file "web.yaml" with:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: web}
      dat: {a: b}
      """
    When I run "kubectl apply -f web.yaml --validate=warn"
    Then the output is:
      """
      configmap/web created
      """
    And the error output contains "Warning: unknown field \"dat\""
    When I run:
      """
      kubectl patch configmap web -p '{"data":{"a":"b"},"metadata":{"lables":{"x":"y"}}}'
      """
    Then the output is:
      """
      configmap/web patched
      """
    And the error output contains "Warning: unknown field \"metadata.lables\""
    And the configmap "web" matches:
      """
      data: {a: b}
      """
