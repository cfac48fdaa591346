@epic:kubectl @story:Commands
Feature: kubectl wait, replace, set image, config, api-versions and explain
  The commands a spec writer reaches for, with kubectl 1.30's output and exit statuses. `kubectl wait` lets
  virtual time pass until the condition holds or its --timeout (30s by default) runs out.

  Scenario: kubectl wait for a condition, a jsonpath value and a deletion
    Given a cluster with 2 nodes
    And the image "slow:1" takes 20 seconds to start
    When I run "kubectl create deployment web --image=slow:1 --replicas=2"
    And I run "kubectl wait --for=condition=Available deployment/web --timeout=60s"
    Then the command succeeds
    And the output is:
      """
      deployment.apps/web condition met
      """
    When I run "kubectl wait --for=jsonpath={.status.readyReplicas}=2 deploy/web"
    Then the output is:
      """
      deployment.apps/web condition met
      """
    When I run "kubectl delete deployment web --wait=false"
    And I run "kubectl wait --for=delete deployment/web"
    Then the command succeeds

  Scenario: kubectl wait times out in virtual time
    Given the image "slow:1" takes 2 minutes to start
    When I run "kubectl run slow --image=slow:1"
    And I run "kubectl wait --for=condition=Ready pod/slow --timeout=30s"
    Then the command fails with "error: timed out waiting for the condition on pods/slow"
    When I run "kubectl wait --for=condition=Ready pod/nope"
    Then the command fails with "Error from server (NotFound): pods \"nope\" not found"

  Scenario: kubectl set image names a container the pod template does not have
    When I run "kubectl create deployment web --image=nginx:1.25"
    And I run "kubectl set image deployment/web web=nginx:1.26"
    Then the command fails with:
      """
      error: unable to find container named "web"
      """
    When I run "kubectl set image deployment/web nginx=nginx:1.26"
    Then the output is:
      """
      deployment.apps/web image updated
      """

  Scenario: kubectl replace puts the manifest over the live object
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
      """
    And a file "settings.yaml" with:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: safe}
      """
    When I run "kubectl replace -f settings.yaml"
    Then the output is:
      """
      configmap/settings replaced
      """
    And the configmap "settings" matches:
      """
      data: {mode: safe}
      """
    Given a file "other.yaml" with:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: other}
      """
    When I run "kubectl replace -f other.yaml"
    Then the command fails with:
      """
      Error from server (NotFound): error when replacing "other.yaml": configmaps "other" not found
      """

  # a live cluster's kubeconfig is the user's own
  @model-only:kubeadm's-admin.conf-names-the-context
  Scenario: the kubeconfig names kubeadm's context
    When I run "kubectl config current-context"
    Then the output is:
      """
      kubernetes-admin@kubernetes
      """

  Scenario: the API versions, explain and top
    When I run "kubectl api-versions"
    Then the output contains:
      """
      apps/v1
      """
    When I run "kubectl explain deployment.spec.replicas"
    Then the output is:
      """
      GROUP:      apps
      KIND:       Deployment
      VERSION:    v1

      FIELD: replicas <integer>


      DESCRIPTION:
          Number of desired pods. This is a pointer to distinguish between explicit
          zero and not specified. Defaults to 1.
      """
    When I run "kubectl top pods"
    # no metrics-server serves metrics.k8s.io, as on a kubeadm cluster without one
    Then the command fails with "error: Metrics API not available"

  Scenario: the wait steps run kubectl wait and fail with its error
    Given the image "slow:1" takes 20 seconds to start
    When I run "kubectl create deployment web --image=slow:1 --replicas=2 -n kube-public"
    And I wait for the deployment "web" in namespace "kube-public" to have condition "Available"
    Then the deployment "web" in namespace "kube-public" matches:
      """
      status: {readyReplicas: 2}
      """
    When I run "kubectl delete deployment web -n kube-public --wait=false"
    And I wait for the deployment "web" in namespace "kube-public" to be deleted
    Then there are 0 pods with labels "app=web" in namespace "kube-public"
