@epic:Config @story:Secret
Feature: Secrets: generic, docker-registry and tls
  A Secret keeps its values base64-encoded in `data`; `stringData` is written into `data` by the API server;
  `kubectl describe` shows sizes, never values. A docker-registry Secret named in imagePullSecrets lets a
  private image pull.

  Scenario: my-secret from literals
    When I run "kubectl create secret generic my-secret --from-literal=username=admin --from-literal=password=admin123"
    Then the output is:
      """
      secret/my-secret created
      """
    And the secret "my-secret" matches:
      """
      type: Opaque
      data: {username: YWRtaW4=, password: YWRtaW4xMjM=}
      """
    When I run "kubectl get secret my-secret"
    Then the output is:
      """
      NAME        TYPE     DATA   AGE
      my-secret   Opaque   2      0s
      """
    When I run "kubectl describe secret my-secret"
    Then the output contains:
      """
      Name:         my-secret
      Namespace:    default
      Labels:       <none>
      Annotations:  <none>

      Type:  Opaque

      Data
      ====
      """
    # the real kubectl prints the keys in Go's map order, which varies from run to run
    And the output contains "password:  8 bytes"
    And the output contains "username:  5 bytes"
    And the output does not contain "admin"

  Scenario: my-secret from YAML, with data and stringData
    Given the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: my-secret
      type: Opaque
      data:
        username: YWRtaW4=
        password: MWYyZDFlMmU2N2Rm
      stringData:
        note: plain text
      """
    Then the secret "my-secret" matches:
      """
      data: {username: YWRtaW4=, password: MWYyZDFlMmU2N2Rm, note: cGxhaW4gdGV4dA==}
      """

  Scenario: a docker-registry secret holds .dockerconfigjson
    When I run "kubectl create secret docker-registry myregistrykey --docker-server=registry.cn-hangzhou.aliyuncs.com --docker-username=fox666 --docker-password=xxx"
    Then the secret "myregistrykey" matches:
      """
      type: kubernetes.io/dockerconfigjson
      data:
        .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5jbi1oYW5nemhvdS5hbGl5dW5jcy5jb20iOnsidXNlcm5hbWUiOiJmb3g2NjYiLCJwYXNzd29yZCI6Inh4eCIsImF1dGgiOiJabTk0TmpZMk9uaDRlQT09In19fQ==
      """
    When I run "kubectl create secret docker-registry incomplete --docker-username=fox666"
    Then the command fails with "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required"

  Scenario: a tls Secret needs both its keys, and a certificate that matches its key
    Given a file "tls.crt" with:
      """
      -----BEGIN CERTIFICATE-----
      MIIBizCCATGgAwIBAgIUC+b5pYgYNWw+LnDhoio2IzJPRrMwCgYIKoZIzj0EAwIw
      GjEYMBYGA1UEAwwPd2ViLmV4YW1wbGUuY29tMCAXDTI2MTIwNzIxMjE0NVoYDzIx
      MjYxMTEzMjEyMTQ1WjAaMRgwFgYDVQQDDA93ZWIuZXhhbXBsZS5jb20wWTATBgcq
      hkjOPQIBBggqhkjOPQMBBwNCAATIbn0vPqlr6SmpP0Sgn/6WrOzhEoiteJQiiDpn
      /z1ZE+ly+dSRMLEp+5lodM+KNWfWNQwKN2L5x4ooDGGRb5U8o1MwUTAdBgNVHQ4E
      FgQUw8AdGax3D6oPaE8CPusXMcB6NIwwHwYDVR0jBBgwFoAUw8AdGax3D6oPaE8C
      PusXMcB6NIwwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAmEAK
      NmZQKjv20w10VVoRzXX2+nJsV9JdwdtFVFVYgYsCIGPW2mfLHe0HqcaQ5SUTrA66
      W8UgKEh42G18yFbUDw1B
      -----END CERTIFICATE-----
      """
    And a file "tls.key" with:
      """
      -----BEGIN PRIVATE KEY-----
      MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcJBKziyPC/TPtyCJ
      zQB8jvNMHjKHwbxFBEEl1txb1VahRANCAATIbn0vPqlr6SmpP0Sgn/6WrOzhEoit
      eJQiiDpn/z1ZE+ly+dSRMLEp+5lodM+KNWfWNQwKN2L5x4ooDGGRb5U8
      -----END PRIVATE KEY-----
      """
    And a file "broken.crt" with:
      """
      -----BEGIN CERTIFICATE-----
      MIIB
      -----END CERTIFICATE-----
      """
    When I run "kubectl create secret tls web-tls --cert=tls.crt --key=tls.key"
    Then the secret "web-tls" matches:
      """
      type: kubernetes.io/tls
      """
    When I run "kubectl create secret tls nokey --cert=tls.crt"
    Then the command fails with "error: key and cert must be specified"
    When I run "kubectl create secret tls broken --cert=broken.crt --key=tls.key"
    Then the command fails with "error: x509: malformed certificate"
    When I run "kubectl create secret tls swapped --cert=tls.key --key=tls.crt"
    Then the command fails with "error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched"
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: half}
      type: kubernetes.io/tls
      stringData: {tls.crt: x}
      """
    Then the command fails with "The Secret \"half\" is invalid: data[tls.key]: Required value"

  Scenario: an immutable Secret cannot change
    Given the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: frozen}
      immutable: true
      stringData: {k: a}
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: frozen}
      immutable: true
      stringData: {k: b}
      """
    Then the command fails with "data: Forbidden: field is immutable when `immutable` is set"

  Scenario: the docker-registry secret lets the private tulingmall-product image pull
    Given the image "registry.cn-hangzhou.aliyuncs.com/fox666/tulingmall-product:0.0.5" is private
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: without-secret
      spec:
        containers:
        - name: tulingmall-product
          image: registry.cn-hangzhou.aliyuncs.com/fox666/tulingmall-product:0.0.5
      """
    Then eventually the pod "without-secret" matches:
      """
      status:
        containerStatuses:
        - state: {waiting: {reason: ImagePullBackOff}}
      """
    When I run "kubectl create secret docker-registry myregistrykey --docker-server=registry.cn-hangzhou.aliyuncs.com --docker-username=fox666 --docker-password=xxx"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: tulingmall-product
      spec:
        containers:
        - name: tulingmall-product
          image: registry.cn-hangzhou.aliyuncs.com/fox666/tulingmall-product:0.0.5
        imagePullSecrets:
        - name: myregistrykey
      """
    Then eventually the pod "tulingmall-product" matches:
      """
      status: {phase: Running}
      """

  Scenario: a service-account-token Secret is filled in for its ServiceAccount
    Given the manifest:
      """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: build-robot}
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: build-robot-secret
        annotations:
          kubernetes.io/service-account.name: build-robot
      type: kubernetes.io/service-account-token
      """
    Then the secret "build-robot-secret" matches:
      """
      data:
        namespace: ZGVmYXVsdA==
      """
    When I run "kubectl describe secret build-robot-secret"
    Then the output contains "Type:  kubernetes.io/service-account-token"
    And the output matches "token: +eyJ"
    And the output matches "ca.crt: +\d+ bytes"
    When I run "kubectl delete serviceaccount build-robot"
    Then eventually the secret "build-robot-secret" does not exist

  Scenario: --append-hash names a generic Secret after its type and content
    When I run "kubectl create secret generic db --from-literal=password=s3cret --append-hash"
    Then the output is:
      """
      secret/db-4gfhb7c4m4 created
      """
    And the secret "db-4gfhb7c4m4" matches:
      """
      type: Opaque
      data: {password: czNjcmV0}
      """
