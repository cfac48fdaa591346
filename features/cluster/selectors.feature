@epic:Cluster @story:Selectors
Feature: label and field selectors as the API server parses them
  `-l` takes labels.Parse's grammar: `=`, `==`, `!=`, `in`, `notin`, `!key`, and `>`/`<` comparing integer
  values; `in ()` selects the empty value. A selector that does not parse fails the list with the parser's message,
  which kubectl rewords to say what it listed. `--field-selector` takes `=`, `==`, `!=`, values escape `,`, `=` and
  `\` with a backslash, and only the fields a kind registers may be selected.

  Background:
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: small, labels: {app: web, replicas: "2", tier: ""}}
      spec: {containers: [{name: web, image: nginx}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: large, labels: {app: web, replicas: "12"}}
      spec: {containers: [{name: web, image: nginx}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: other, labels: {app: db}}
      spec: {containers: [{name: db, image: redis}]}
      """

  Scenario: greater-than and less-than compare integers
    When I run "kubectl get pods -l 'replicas>5' -o name"
    Then the output is:
      """
      pod/large
      """
    When I run "kubectl get pods -l 'replicas<5,app=web' -o name"
    Then the output is:
      """
      pod/small
      """

  Scenario: an empty value in a set
    When I run "kubectl get pods -l 'tier in ()' -o name"
    Then the output is:
      """
      pod/small
      """
    When I run "kubectl get pods -l 'app notin (web,)' -o name"
    Then the output is:
      """
      pod/other
      """

  Scenario: a selector that does not parse fails the list
    When I run "kubectl get pods -l 'replicas>many'"
    Then the command fails with "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"replicas>many\", field selector \"\": unable to parse requirement: values[0]: Invalid value: \"many\": for 'Gt', 'Lt' operators, the value must be an integer"
    When I run "kubectl get deployments -l 'app in (web db)'"
    Then the command fails with "Error from server (BadRequest): Unable to find \"apps/v1, Resource=deployments\" that match label selector \"app in (web db)\", field selector \"\": unable to parse requirement: found 'db', expected: ',' or ')'"
    When I run "kubectl delete pods -l '!app=web'"
    Then the command fails with "that match label selector \"!app=web\", field selector \"\": found '=', expected: ',' or 'end of string'"
    And there are 3 pods with labels "app"

  Scenario: field selectors, their escapes and their errors
    When I run "kubectl get pods --field-selector 'metadata.name!=small,status.phase=Running' -o name"
    Then the output is:
      """
      pod/large
      pod/other
      """
    When I run "kubectl get pods --field-selector 'metadata.name=a\,b'"
    Then the output is:
      """
      """
    When I run "kubectl get pods --field-selector 'metadata.name=a=b'"
    Then the command fails with "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"metadata.name=a=b\": invalid field selector: unescaped character in value: 61"
    When I run "kubectl get pods --field-selector 'metadata.name=a\b'"
    Then the command fails with "invalid field selector: invalid escape sequence: \b"
    When I run "kubectl get pods --field-selector 'spec.containers=web'"
    Then the command fails with "field selector \"spec.containers=web\": field label not supported: spec.containers"
