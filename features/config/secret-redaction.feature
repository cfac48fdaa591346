@epic:Config @story:Secret
Feature: reports never show a Secret's values
  Failure messages and attachments reach every report (JUnit, Cucumber HTML, messages, Allure), so kspec
  replaces every value of every Secret the cluster held, in every form a report can carry it: base64 as stored,
  decoded (a container's environment, a mounted file), JSON-escaped inside the last-applied annotation, and
  service account tokens. Values shorter than 4 characters are left, as replacing them would garble the text.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      stringData:
        password: 'pa"ss\word'
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: nginx
          env:
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password}}
      """

  Scenario: kubectl get secret -o yaml
    When I run "kubectl get secret db -o yaml"
    Then the output contains "cGEic3Ncd29yZA=="
    And a report shows the output as:
      """
      apiVersion: v1
      data:
        password: <redacted>
      kind: Secret
      metadata:
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: |
            {"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"db","namespace":"default"},"stringData":{"password":"<redacted>"}}
        creationTimestamp: "2024-01-01T00:00:00Z"
        name: db
        namespace: default
        resourceVersion: "45"
        uid: 082ffb3b-e2f3-4867-8670-f5eaa6028ccc
      type: Opaque
      """

  Scenario: a container's environment and its service account token
    When I run "kubectl exec app -- env"
    Then the output contains "DB_PASSWORD=pa"
    And a report shows the output as:
      """
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      HOSTNAME=app
      DB_PASSWORD=<redacted>
      KUBERNETES_SERVICE_HOST=10.96.0.1
      KUBERNETES_SERVICE_PORT=443
      KUBERNETES_SERVICE_PORT_HTTPS=443
      KUBERNETES_PORT=tcp://10.96.0.1:443
      KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443
      KUBERNETES_PORT_443_TCP_PROTO=tcp
      KUBERNETES_PORT_443_TCP_PORT=443
      KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1
      HOME=/root
      """
    When I run "kubectl exec app -- cat /var/run/secrets/kubernetes.io/serviceaccount/token"
    Then the output matches "^eyJ"
    And a report shows the output as:
      """
      <redacted>
      """
