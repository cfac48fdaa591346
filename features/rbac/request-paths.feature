@epic:Security @story:RBAC
Feature: RBAC on every request path
  Every request a user makes is authorized with the attributes the API server gives it: listing across all
  namespaces (`-A`) is a list at the cluster scope; `kubectl exec`, `logs` and `scale` need their subresources
  (`pods/exec`, `pods/log`, `deployments/scale`) besides reading the object; `kubectl get -w` also needs `watch`.
  `kubectl describe` leaves out the related objects the user may not list, as kubectl's describers do.

  Background:
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: other}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: other}
      data: {mode: production}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: dev-view, namespace: default}
      subjects: [{kind: User, name: dev, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      """
    And I run "kubectl run web --image=nginx"

  Scenario: a user who may view one namespace may not list every namespace
    When I run "kubectl get configmaps -A -o yaml" as "dev"
    Then the command fails with "Error from server (Forbidden): configmaps is forbidden: User \"dev\" cannot list resource \"configmaps\" in API group \"\" at the cluster scope"
    And the output does not contain "production"
    When I run "kubectl auth can-i list configmaps -A" as "dev"
    Then the output is:
      """
      no
      """
    When I run "kubectl get configmaps -n default" as "dev"
    Then the command succeeds

  Scenario: view lets a user read a pod's logs but not exec into it
    When I run "kubectl exec web -- env" as "dev"
    Then the command fails with "Error from server (Forbidden): pods \"web\" is forbidden: User \"dev\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\""
    And the output is:
      """
      """
    When I run "kubectl logs web" as "dev"
    Then the command succeeds
    When I run "kubectl logs web" as "stranger"
    Then the command fails with "pods \"web\" is forbidden: User \"stranger\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\""
    When I run "kubectl auth can-i create pods --subresource=exec" as "dev"
    Then the output is:
      """
      no
      """

  Scenario: exec with its subresource granted
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: debugger, namespace: default}
      rules:
      - {apiGroups: [""], resources: [pods], verbs: [get]}
      - {apiGroups: [""], resources: [pods/exec], verbs: [create]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: debugger, namespace: default}
      subjects: [{kind: User, name: dev, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: debugger, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl exec web -- echo hello" as "dev"
    Then the output is:
      """
      hello
      """

  Scenario: scaling goes through the scale subresource
    Given I run "kubectl create deployment app --image=nginx"
    When I run "kubectl scale deployment app --replicas=3" as "dev"
    Then the command fails with "deployments.apps \"app\" is forbidden: User \"dev\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"default\""
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: scaler, namespace: default}
      rules: [{apiGroups: [apps], resources: [deployments/scale], verbs: [patch]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: scaler, namespace: default}
      subjects: [{kind: User, name: dev, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: scaler, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl scale deployment app --replicas=3" as "dev"
    Then the output is:
      """
      deployment.apps/app scaled
      """
    And there are 3 pods with labels "app=app"
    When I run "kubectl auth can-i patch deployments --subresource=scale" as "dev"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i patch deployments" as "dev"
    Then the output is:
      """
      no
      """

  Scenario: describe pod without permission to list events prints the rest, and no events
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: pod-reader, namespace: default}
      rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: pod-reader, namespace: default}
      subjects: [{kind: User, name: reader, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl describe pod web" as "reader"
    Then the command succeeds
    And the output contains "Status:           Running"
    And the output matches "Events: +<none>"
    When I run "kubectl describe pod web"
    Then the output matches "Events:\n  Type +Reason +Age"

  Scenario: watching needs watch
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: lister, namespace: default}
      rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: lister, namespace: default}
      subjects: [{kind: User, name: lister, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: lister, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl get pods" as "lister"
    Then the command succeeds
    When I run "kubectl get pods -w" as "lister"
    Then the command fails with "Error from server (Forbidden): unknown (get pods)"
    And the output contains "web    1/1     Running"
    When I run "kubectl get --raw /api/v1/namespaces/default/pods?watch=true" as "lister"
    Then the command fails with "pods is forbidden: User \"lister\" cannot watch resource \"pods\" in API group \"\" in the namespace \"default\""
