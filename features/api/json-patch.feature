@epic:API @story:JsonPatch
Feature: JSON patch applies whole or not at all
  `kubectl patch --type=json` sends an RFC 6902 patch; the API server applies its operations in order to a copy
  of the object (add, remove, replace, move, copy, test). A `test` that does not hold, a path that does not exist
  or an operation it does not know refuses the whole patch with 422, and nothing of it is applied.

  Background:
    Given a cluster with 1 node
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"

  Scenario: a test that holds guards the change that follows it
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"test","path":"/spec/replicas","value":2},{"op":"replace","path":"/spec/replicas","value":3}]'
      """
    Then the output is:
      """
      deployment.apps/web patched
      """
    And the deployment "web" matches:
      """
      spec: {replicas: 3}
      status: {replicas: 3, readyReplicas: 3}
      """

  Scenario: a test that fails refuses the whole patch
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"},{"op":"test","path":"/spec/replicas","value":5}]'
      """
    Then the command fails with "The request is invalid: the server rejected our request due to an error in our request"
    And the deployment "web" matches:
      """
      spec:
        replicas: 2
        template: {spec: {containers: [{name: nginx, image: "nginx:1.25"}]}}
      """

  Scenario: move and copy
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"copy","from":"/metadata/labels/app","path":"/metadata/labels/tier"},{"op":"move","from":"/metadata/labels/tier","path":"/metadata/labels/team"}]'
      """
    Then the command succeeds
    And the deployment "web" matches:
      """
      metadata: {labels: {app: web, team: web}}
      """

  Scenario: an operation the server does not know, or a path that is not there
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"add","path":"/metadata/labels/x","value":"1"},{"op":"increment","path":"/spec/replicas"}]'
      """
    Then the command fails with "The request is invalid: the server rejected our request due to an error in our request"
    When I run:
      """
      kubectl patch deployment web --type=json -p '[{"op":"add","path":"/spec/nothing/here","value":1}]'
      """
    Then the command fails with "The request is invalid: the server rejected our request due to an error in our request"
    When I run "kubectl get deployment web -o jsonpath={.metadata.labels}"
    Then the output is:
      """
      {"app":"web"}
      """

  Scenario: a patch that is not a list of operations
    When I run:
      """
      kubectl patch deployment web --type=json -p '{"op":"remove","path":"/spec/replicas"}'
      """
    Then the command fails with "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch"
