@epic:extensions
Feature: CustomResourceDefinitions: the API grows a kind of its own
  An Operator is a Deployment plus a CRD: the CRD describes the application to the API server, and the
  operator's controller acts on the custom resources. These scenarios check the API side: a CRD becomes
  Established, its resource is served with the names it gives, objects of it are defaulted, pruned and
  validated by its schema, printed with its columns, and deleted with it.

  Background:
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: crontabs.stable.example.com
      spec:
        group: stable.example.com
        scope: Namespaced
        names:
          plural: crontabs
          singular: crontab
          kind: CronTab
          shortNames: [ct]
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [image]
                    properties:
                      cronSpec:
                        type: string
                        pattern: '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'
                      image:
                        type: string
                      replicas:
                        type: integer
                        minimum: 1
                        maximum: 10
                        default: 1
            additionalPrinterColumns:
              - name: Spec
                type: string
                jsonPath: .spec.cronSpec
              - name: Replicas
                type: integer
                jsonPath: .spec.replicas
              - name: Age
                type: date
                jsonPath: .metadata.creationTimestamp
      """

  Scenario: the CRD is established and its resource is served under every name it gives
    Then the customresourcedefinition "crontabs.stable.example.com" matches:
      """
      spec: {names: {listKind: CronTabList}, conversion: {strategy: None}}
      status:
        acceptedNames: {plural: crontabs, singular: crontab, kind: CronTab, listKind: CronTabList, shortNames: [ct]}
        conditions:
          - {type: NamesAccepted, status: "True", reason: NoConflicts, message: no conflicts found}
          - {type: Established, status: "True", reason: InitialNamesAccepted, message: the initial names have been accepted}
      """
    When I run "kubectl get crd"
    Then the output is:
      """
      NAME                          CREATED AT
      crontabs.stable.example.com   2024-01-01T00:00:00Z
      """
    When I run "kubectl api-resources --api-group=stable.example.com"
    Then the output is:
      """
      NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND
      crontabs   ct           stable.example.com/v1   true         CronTab
      """
    When I run "kubectl get ct"
    Then the error output contains "No resources found in default namespace."
    When I run "kubectl get crontabs.stable.example.com"
    Then the command succeeds

  Scenario: a custom resource is defaulted by its schema and printed with the CRD's columns
    When I apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata:
        name: my-new-cron-object
      spec:
        cronSpec: "* * * * */5"
        image: my-awesome-cron-image
      """
    And 2 minutes pass
    And I run "kubectl get crontab"
    Then the output is:
      """
      NAME                 SPEC          REPLICAS   AGE
      my-new-cron-object   * * * * */5   1          2m
      """
    And the crontab.stable.example.com "my-new-cron-object" matches:
      """
      metadata: {generation: 1}
      spec: {replicas: 1}
      """
    When I run "kubectl describe ct my-new-cron-object"
    Then the output contains:
      """
      API Version:  stable.example.com/v1
      Kind:         CronTab
      Metadata:
      """
    And the output contains:
      """
      Spec:
        Cron Spec:  * * * * */5
        Image:      my-awesome-cron-image
        Replicas:   1
      Events:       <none>
      """

  Scenario: a custom resource that breaks the schema is refused with the apiserver's messages
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata:
        name: bad
      spec:
        cronSpec: "* * * *"
        replicas: 15
      """
    Then the command fails
    And the command fails with "The CronTab \"bad\" is invalid:"
    And the command fails with "* spec.image: Required value"
    And the command fails with "* spec.cronSpec: Invalid value: \"* * * *\": spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'"
    And the command fails with "* spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10"
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: bad}
      spec: {image: x, replicas: "two"}
      """
    Then the command fails with "The CronTab \"bad\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""
    And the crontab.stable.example.com "bad" does not exist

  Scenario: unknown fields are refused by kubectl's strict validation, and pruned when validation is off
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: typo}
      spec: {image: x, replica: 3}
      """
    Then the command fails with "Error from server (BadRequest): error when creating \"STDIN\": CronTab in version \"v1\" cannot be handled as a CronTab: strict decoding error: unknown field \"spec.replica\""
    Given a file "typo.yaml" with:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: typo}
      spec: {image: x, replica: 3}
      """
    When I run "kubectl apply -f typo.yaml --validate=false"
    Then the output is:
      """
      crontab.stable.example.com/typo created
      """
    When I run "kubectl get ct typo -o jsonpath={.spec}"
    Then the output is:
      """
      {"image":"x","replicas":1}
      """

  Scenario: a custom resource is changed with a merge patch, not a strategic one
    Given the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: nightly}
      spec: {image: backup:1, cronSpec: "0 3 * * *"}
      """
    When I run:
      """
      kubectl patch ct nightly -p '{"spec":{"replicas":2}}'
      """
    Then the command fails with "error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
    When I run:
      """
      kubectl patch ct nightly --type=merge -p '{"spec":{"replicas":2}}'
      """
    Then the output is:
      """
      crontab.stable.example.com/nightly patched
      """
    And the crontab.stable.example.com "nightly" matches:
      """
      metadata: {generation: 2}
      spec: {replicas: 2, image: backup:1}
      """

  Scenario: a manifest of a kind whose CRD is not installed is refused by kubectl
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v2
      kind: CronTab
      metadata: {name: future}
      spec: {image: x}
      """
    Then the command fails with "error: resource mapping not found for name: \"future\" namespace: \"\" from \"STDIN\": no matches for kind \"CronTab\" in version \"stable.example.com/v2\""
    And the command fails with "ensure CRDs are installed first"

  Scenario: deleting the CRD deletes every custom resource of it, in every namespace
    Given the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-a}
      ---
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: one}
      spec: {image: x}
      ---
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: two, namespace: team-a, finalizers: [example.com/cleanup]}
      spec: {image: x}
      """
    When I run "kubectl delete crd crontabs.stable.example.com --wait=false"
    Then the output is:
      """
      customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted
      """
    And the crontab.stable.example.com "one" does not exist
    And the customresourcedefinition "crontabs.stable.example.com" matches:
      """
      metadata: {finalizers: [customresourcecleanup.apiextensions.k8s.io]}
      status:
        conditions:
          - {type: NamesAccepted}
          - {type: Established}
          - {type: Terminating, status: "True", reason: InstanceDeletionInProgress, message: CustomResource deletion is in progress}
      """
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: three}
      spec: {image: x}
      """
    Then the command fails with "Error from server (MethodNotAllowed): error when creating \"STDIN\": create not allowed while custom resource definition is terminating"
    When I run:
      """
      kubectl patch ct two -n team-a --type=merge -p '{"metadata":{"finalizers":null}}'
      """
    Then eventually the customresourcedefinition "crontabs.stable.example.com" does not exist
    When I run "kubectl get crontabs -A"
    Then the command fails with "error: the server doesn't have a resource type \"crontabs\""

  Scenario: deleting a namespace deletes the custom resources in it
    Given the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-b}
      ---
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: report, namespace: team-b}
      spec: {image: x}
      """
    When I run "kubectl delete namespace team-b"
    Then eventually the namespace "team-b" does not exist
    And the crontab.stable.example.com "report" in namespace "team-b" does not exist

  Scenario: an invalid CRD is refused with the apiextensions validation messages
    When I try to apply the manifest:
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widget.example
      spec:
        group: example
        scope: Global
        names: {plural: widgets, kind: Widget}
        versions:
          - {name: v1, served: true, storage: false}
      """
    Then the command fails with "The CustomResourceDefinition \"widget.example\" is invalid:"
    And the command fails with "* metadata.name: Invalid value: \"widget.example\": must be spec.names.plural+\".\"+spec.group"
    And the command fails with "* spec.group: Invalid value: \"example\": should be a domain with at least one dot"
    And the command fails with "* spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\""
    And the command fails with "* spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"
    And the command fails with "must have exactly one version marked as storage version"

  Scenario: a second CRD of the group may not take a name the first one has
    When I apply the manifest:
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: crontabjobs.stable.example.com
      spec:
        group: stable.example.com
        scope: Namespaced
        names: {plural: crontabjobs, singular: crontabjob, kind: CronTab, listKind: CronTabJobList}
        versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object}}
      """
    Then the customresourcedefinition "crontabjobs.stable.example.com" matches:
      """
      status:
        conditions:
          - {type: NamesAccepted, status: "False", reason: KindConflict, message: '"CronTab" is already in use'}
          - {type: Established, status: "False", reason: NotAccepted, message: not all names are accepted}
      """
    When I run "kubectl get crontabjobs"
    Then the command fails with "error: the server doesn't have a resource type \"crontabjobs\""

  Scenario: RBAC covers custom resources by their group and plural
    When I try to apply the manifest:
      """
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata: {name: janes}
      spec: {image: x}
      """
    Then the command succeeds
    When I run "kubectl get crontabs --as=jane"
    Then the command fails with "Error from server (Forbidden): crontabs.stable.example.com is forbidden: User \"jane\" cannot list resource \"crontabs\" in API group \"stable.example.com\" in the namespace \"default\""
    When I run:
      """
      kubectl create role crontab-reader --verb=get,list --resource=crontabs.stable.example.com
      kubectl create rolebinding jane-reads-crontabs --role=crontab-reader --user=jane
      kubectl get crontabs --as=jane
      """
    Then the output is:
      """
      NAME    SPEC     REPLICAS   AGE
      janes   <none>   1          0s
      """
    When I run "kubectl auth can-i delete crontabs --as=jane"
    Then the output is:
      """
      no
      """
