@epic:Security @story:RBAC
Feature: impersonation: acting as another user is itself authorized
  `kubectl --as=bob` asks the API server to treat the request as bob's; `--as-group` adds groups and
  `--as=system:serviceaccount:<namespace>:<name>` acts as a ServiceAccount. The cluster admin may impersonate
  anyone; any other user needs the `impersonate` verb on the users, groups or serviceaccounts it names.
  A refused impersonation refuses every request, discovery's too: kubectl 1.30 (with a fresh discovery cache)
  logs each failed try of its aggregated discovery and cannot decode that refusal (`Error from server
  (Forbidden): unknown`); a request that needs no discovery (`get --raw`, `create configmap`, `auth can-i`'s
  review) shows the API server's message.

  Background:
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: support}
      rules:
      - apiGroups: [""]
        resources: [users]
        resourceNames: [bob]
        verbs: [impersonate]
      - apiGroups: [""]
        resources: [serviceaccounts]
        verbs: [impersonate]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: jane-support}
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: ClusterRole, name: support, apiGroup: rbac.authorization.k8s.io}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: bob-view}
      subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      """

  Scenario: a user without the impersonate verb cannot act as someone else
    Given I am "joe"
    When I run "kubectl get pods --as=bob"
    Then the command fails with "memcache.go:265] couldn't get current server API group list: unknown"
    And the command fails with "Error from server (Forbidden): unknown"
    When I run "kubectl get --raw /api/v1/namespaces/default/pods --as=bob"
    Then the command fails with "Error from server (Forbidden): users \"bob\" is forbidden: User \"joe\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"

  Scenario: a user may impersonate only the users its rules name
    Given I am "jane"
    When I run "kubectl get pods"
    Then the command fails with "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
    When I run "kubectl get pods --as=bob"
    Then the command succeeds
    When I run "kubectl create configmap settings --as=alice"
    Then the command fails with "error: failed to create configmap: users \"alice\" is forbidden: User \"jane\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"

  Scenario: each group named with --as-group is authorized too
    Given I am "jane"
    When I run "kubectl get --raw /api/v1/namespaces/default/pods --as=bob --as-group=admins"
    Then the command fails with "Error from server (Forbidden): groups \"admins\" is forbidden: User \"jane\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope"

  Scenario: impersonating a ServiceAccount
    Given I am "jane"
    When I run "kubectl auth can-i list pods --as=system:serviceaccount:default:default"
    Then the output is:
      """
      no
      """
    Given I am "joe"
    When I run "kubectl auth can-i list pods --as=system:serviceaccount:default:default"
    Then the command fails with "serviceaccounts \"default\" is forbidden: User \"joe\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"default\""
