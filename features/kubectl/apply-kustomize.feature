@epic:kubectl @story:Kustomize
Feature: kubectl apply -k builds a kustomization
  kspec builds kustomization.yaml as kubectl 1.30's kustomize does: resources, a name prefix, common labels,
  and generated ConfigMaps whose names carry the hash of their data, which the Deployment refers to.

  Scenario: a kustomization with a prefix, common labels and a generated ConfigMap
    Given a file "app/kustomization.yaml" with:
      """
      resources: [deployment.yaml]
      namePrefix: staging-
      commonLabels: {env: staging}
      configMapGenerator:
      - name: settings
        literals: [MODE=fast]
      """
    And a file "app/deployment.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              envFrom: [{configMapRef: {name: settings}}]
      """
    When I run "kubectl apply -k app"
    Then the output is:
      """
      configmap/staging-settings-7kcm455446 created
      deployment.apps/staging-web created
      """
    And there are 2 pods with labels "app=web,env=staging"
    And the deployment "staging-web" matches:
      """
      spec: {template: {spec: {containers: [{name: web, envFrom: [{configMapRef: {name: staging-settings-7kcm455446}}]}]}}}
      status: {readyReplicas: 2}
      """
    When I run "kubectl kustomize app"
    Then the output contains "name: staging-settings-7kcm455446"
    When I run "kubectl apply -k nowhere"
    Then the command fails with "error: must build at directory: not a valid directory: evalsymlink failure on 'nowhere'"
