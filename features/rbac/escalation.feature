@epic:Security @story:RBAC
Feature: RBAC escalation prevention: nobody grants what they do not hold
  A user allowed to create Roles and RoleBindings still cannot use them to give itself (or anyone) more than it
  already has: the API server checks that the user holds every rule of a Role it writes, and every rule of the
  role a binding refers to. The `escalate` verb on roles lifts the first check, the `bind` verb on a role
  lifts the second. Members of system:masters are never checked.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: role-manager, namespace: team}
      rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [roles, rolebindings]
        verbs: [create, get, list, update, patch]
      - apiGroups: [""]
        resources: [pods]
        verbs: [get, list, watch]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: jane-role-manager, namespace: team}
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: role-manager, apiGroup: rbac.authorization.k8s.io}
      """

  Scenario: a user may create a Role only with rules it holds itself
    Given I am "jane" in group "devs"
    When I run "kubectl create role pod-reader --verb=get,list --resource=pods -n team"
    Then the output is:
      """
      role.rbac.authorization.k8s.io/pod-reader created
      """
    When I run "kubectl create role pod-admin --verb=get,delete --resource=pods,secrets -n team"
    Then the command fails with:
      """
      Error from server (Forbidden): roles.rbac.authorization.k8s.io "pod-admin" is forbidden: user "jane" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:
      {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
      {APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete"]}
      """
    And the role "pod-admin" in namespace "team" does not exist

  Scenario: binding a role the user does not hold is refused, unless it may bind that role
    Given I am "jane"
    When I run "kubectl create rolebinding bob-reader --role=role-manager --user=bob -n team"
    Then the command succeeds
    When I run "kubectl create rolebinding bob-view --clusterrole=view --user=bob -n team"
    Then the command fails with "error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io \"bob-view\" is forbidden: user \"jane\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:"
    Given I am the cluster admin
    And the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: view-binder, namespace: team}
      rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [clusterroles]
        resourceNames: [view]
        verbs: [bind]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: jane-view-binder, namespace: team}
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: view-binder, apiGroup: rbac.authorization.k8s.io}
      """
    And I am "jane"
    When I run "kubectl create rolebinding bob-view --clusterrole=view --user=bob -n team"
    Then the output is:
      """
      rolebinding.rbac.authorization.k8s.io/bob-view created
      """
    When I run "kubectl auth can-i list configmaps -n team --as=bob"
    Then the command fails with "Error from server (Forbidden): users \"bob\" is forbidden: User \"jane\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"
    Given I am the cluster admin
    When I run "kubectl auth can-i list configmaps -n team --as=bob"
    Then the output is:
      """
      yes
      """

  Scenario: the escalate verb lets a user write rules it does not hold
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: escalator, namespace: team}
      rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [roles]
        verbs: [escalate]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: jane-escalator, namespace: team}
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: escalator, apiGroup: rbac.authorization.k8s.io}
      """
    And I am "jane"
    When I run "kubectl create role secret-reader --verb=get --resource=secrets -n team"
    Then the command succeeds
    And the role "secret-reader" in namespace "team" matches:
      """
      rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
      """

  Scenario: a patch that widens a role is checked too
    Given I am "jane"
    When I run "kubectl patch role role-manager -n team --type=json -p '[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"],\"verbs\":[\"create\"]}}]'"
    Then the command fails with:
      """
      roles.rbac.authorization.k8s.io "role-manager" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:
      {APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}
      """
