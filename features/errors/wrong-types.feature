@epic:Errors @story:WrongTypes
Feature: a value of the wrong type is refused as the API server's decoder refuses it
  The API server decodes every write into the kind's Go types before defaulting and validation. A string where
  an integer belongs, a number too big for an int32, a quantity or a base64 value that does not parse: the
  request is refused with the decoder's message and nothing is stored. A strategic merge patch (what kubectl
  apply sends for an object that exists) goes through the unstructured converter, with its own texts.

  Background:
    Given a cluster with 2 nodes

  Scenario: a string for replicas refuses the Deployment
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: "three"
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      """
    Then the command fails with "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"
    And the deployment "web" does not exist

  Scenario: a number too big for an int32
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        replicas: 9007199254740992
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: postgres:16}]
      """
    Then the command fails with "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number 9007199254740992 into Go struct field StatefulSetSpec.spec.replicas of type int32"

  Scenario: maxSurge is an int or a string, never a list
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        strategy: {rollingUpdate: {maxSurge: []}}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      """
    Then the command fails with "json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32"

  Scenario: a quantity that does not parse, and a Secret value that is not base64
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: nginx:1.25
          resources: {requests: {cpu: lots}}
      """
    Then the command fails with "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      data: {password: "not base64!"}
      """
    Then the command fails with "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3"

  Scenario: apply to a Deployment that exists: the strategic merge patch's conversion refuses it
    Given the manifest:
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
            containers: [{name: web, image: nginx:1.25}]
      """
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: many
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      """
    Then the command fails with "The request is invalid: patch: Invalid value: \"map[metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:"
    And the command fails with "spec:map[replicas:many]]\": unrecognized type: int32"
    And the deployment "web" matches:
      """
      spec: {replicas: 2}
      """

  Scenario: a YAML document that expands its aliases a billion times is refused before it is sent
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: lol}
      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
      h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
      i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
      """
    Then the command fails with "error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing"
