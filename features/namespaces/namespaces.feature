@epic:Namespaces @story:Namespace
Feature: namespaces
  A cluster starts with four namespaces. Names are unique within a namespace, not across them. Deleting a
  namespace marks it Terminating, deletes everything in it, and then the namespace itself goes.

  Scenario: the four initial namespaces, each with its default ServiceAccount
    When I run "kubectl get namespaces"
    Then the output is:
      """
      NAME              STATUS   AGE
      default           Active   0s
      kube-node-lease   Active   0s
      kube-public       Active   0s
      kube-system       Active   0s
      """
    And the serviceaccount "default" in namespace "kube-public" matches:
      """
      metadata: {name: default}
      """

  Scenario: the same name in two namespaces, but not twice in one
    When I run:
      """
      kubectl create namespace dev
      kubectl create configmap settings --from-literal=env=dev -n dev
      kubectl create configmap settings --from-literal=env=default
      """
    Then the configmap "settings" in namespace "dev" matches:
      """
      data: {env: dev}
      """
    When I run "kubectl create configmap settings --from-literal=env=again -n dev"
    Then the command fails with "error: failed to create configmap: configmaps \"settings\" already exists"

  Scenario: deleting a namespace deletes what is in it
    Given the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: mynamespace}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: mynamespace}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: nginx, image: nginx}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: mynamespace}
      data: {a: b}
      """
    When I run "kubectl delete namespace mynamespace --wait=false"
    Then the output is:
      """
      namespace "mynamespace" deleted
      """
    And eventually the namespace "mynamespace" does not exist
    And the configmap "settings" in namespace "mynamespace" does not exist
    And the deployment "web" in namespace "mynamespace" does not exist
    When I run "kubectl create configmap late -n mynamespace"
    Then the command fails with "error: failed to create configmap: namespaces \"mynamespace\" not found"
