@epic:RBAC @story:RoleBindings
Feature: a binding's roleRef cannot change
  A RoleBinding or ClusterRoleBinding means "these subjects get this role"; changing the role would silently grant
  different permissions, so the API server refuses any change of roleRef (pkg/apis/rbac/validation). To bind another
  role, delete the binding and create a new one. kubectl apply of a changed roleRef fails the same way.

  Background:
    Given a cluster with 1 node
    And the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: read-pods
        namespace: default
      subjects:
      - kind: User
        name: jane
      roleRef:
        kind: ClusterRole
        name: view
      """

  Scenario: the binding is defaulted, and its roleRef is fixed
    Then the rolebinding "read-pods" matches:
      """
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      """
    When I try to apply the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: read-pods
        namespace: default
      subjects:
      - kind: User
        name: jane
      roleRef:
        kind: ClusterRole
        name: edit
      """
    Then the command fails with "The RoleBinding \"read-pods\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef"
    And the rolebinding "read-pods" matches:
      """
      roleRef: {name: view}
      """

  Scenario: a ClusterRoleBinding too, and it may only bind a ClusterRole
    When I run "kubectl create clusterrolebinding readers --clusterrole=view --group=readers"
    And I run "kubectl patch clusterrolebinding readers --type=merge -p '{\"roleRef\":{\"name\":\"admin\"}}'"
    Then the command fails with "The ClusterRoleBinding \"readers\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"admin\"}: cannot change roleRef"
    When I try to apply the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: wrong}
      subjects: [{kind: ServiceAccount, name: default}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
      """
    Then the command fails with "The ClusterRoleBinding \"wrong\" is invalid: "
    And the command fails with "* roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\""
    And the command fails with "* subjects[0].namespace: Required value"
