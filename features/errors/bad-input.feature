@epic:Errors @story:BadInput
Feature: bad input gets kubectl's own error, and changes nothing
  Invalid YAML, unknown kinds, invalid objects, missing and duplicate names and unknown resource types are
  rejected with the text and exit status kubectl gives against a real cluster.

  Background:
    Given a cluster with 3 nodes

  Scenario: invalid YAML
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: broken
      data:
        key: value: other
      """
    Then the command fails with "error converting YAML to JSON: yaml: "
    And the configmap "broken" does not exist

  Scenario: an unknown kind
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Widget
      metadata:
        name: w
      """
    Then the command fails with "no matches for kind \"Widget\" in version \"v1\""

  @severity:critical
  Scenario: a Deployment with only metadata is invalid
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: bad
      """
    Then the command fails with "The Deployment \"bad\" is invalid"
    And the command fails with "spec.selector: Required value"
    And the command fails with "spec.template.spec.containers: Required value"
    And the deployment "bad" does not exist
    And there are 0 replicasets with labels "app=bad"

  Scenario: a Deployment that does not exist
    When I run "kubectl get deployment web"
    Then the command fails with "Error from server (NotFound): deployments.apps \"web\" not found"
    # kubectl 1.30 names no reason when nothing it is asked to scale exists
    When I run "kubectl scale deployment web --replicas=5"
    Then the command fails with "error: no objects passed to scale"
    And the deployment "web" does not exist
    When I run "kubectl delete deployment web"
    Then the command fails with "Error from server (NotFound): deployments.apps \"web\" not found"

  Scenario: creating what already exists
    Given I run "kubectl create namespace shop"
    When I run "kubectl create namespace shop"
    Then the command fails with "Error from server (AlreadyExists): namespaces \"shop\" already exists"
    When I run "kubectl create deployment web --image=nginx:1.25"
    And I run "kubectl create deployment web --image=nginx:1.26"
    Then the command fails with "deployments.apps \"web\" already exists"
    And the deployment "web" matches:
      """
      spec:
        template:
          spec:
            containers: [{image: "nginx:1.25"}]
      """

  Scenario: an unknown resource type
    When I run "kubectl get widgets"
    Then the command fails with "error: the server doesn't have a resource type \"widgets\""
    And the output is:
      """
      """

  Scenario: I run: stops at the first command that fails
    When I run:
      """
      kubectl create deployment web --image=nginx:1.25
      kubectl scale deployment nope --replicas=2
      kubectl scale deployment web --replicas=3
      """
    Then the command fails with "error: no objects passed to scale"
    And the deployment "web" matches:
      """
      spec: {replicas: 1}
      """
