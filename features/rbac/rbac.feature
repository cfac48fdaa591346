@epic:Security @story:RBAC
Feature: RBAC: who may do what
  Requests run as the cluster admin unless they say who they are (`--as`). The API server then allows a request
  only when a Role or ClusterRole bound to the user, one of its groups or its ServiceAccount has a rule for
  the verb, the API group, the resource and the name; otherwise it answers Forbidden.

  Background:
    Given the manifest "manifests/example-role.yaml"

  Scenario: example-user may read pods in mynamespace and nothing more
    When I run "kubectl auth can-i list pods --as=example-user -n mynamespace"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i delete pods --as=example-user -n mynamespace"
    Then the command fails
    And the output is:
      """
      no
      """
    When I run "kubectl auth can-i list pods --as=example-user -n default"
    Then the output is:
      """
      no
      """

  Scenario: a forbidden request gets the API server's message
    When I run "kubectl get pods -n mynamespace" as "example-user"
    Then the command succeeds
    When I run "kubectl get pods" as "example-user"
    Then the command fails with "Error from server (Forbidden): pods is forbidden: User \"example-user\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
    When I run "kubectl get deployments -n mynamespace" as "example-user"
    Then the command fails with "Error from server (Forbidden): deployments.apps is forbidden: User \"example-user\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"mynamespace\""
    When I run "kubectl create deployment web --image=nginx -n mynamespace" as "example-user"
    Then the command fails with "User \"example-user\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"mynamespace\""
    And the deployment "web" in namespace "mynamespace" does not exist

  Scenario: kubectl get shows bindings and roles
    When I run "kubectl get rolebinding -n mynamespace -o wide"
    Then the output is:
      """
      NAME                  ROLE                AGE   USERS          GROUPS   SERVICEACCOUNTS
      example-rolebinding   Role/example-role   0s    example-user
      """
    When I run "kubectl get role -n mynamespace"
    Then the output is:
      """
      NAME           CREATED AT
      example-role   2024-01-01T00:00:00Z
      """

  Scenario: the rules that apply, listed
    Every authenticated user holds the bootstrap roles system:basic-user (reviews of its own access),
    system:discovery and system:public-info-viewer (health, version and discovery URLs), so they are listed too.
    When I run "kubectl auth can-i --list -n mynamespace --as=example-user"
    Then the output is:
      """
      Resources                                       Non-Resource URLs   Resource Names   Verbs
      selfsubjectreviews.authentication.k8s.io        []                  []               [create]
      selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
      selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
      pods                                            []                  []               [get watch list]
                                                      [/api/*]            []               [get]
                                                      [/api]              []               [get]
                                                      [/apis/*]           []               [get]
                                                      [/apis]             []               [get]
                                                      [/healthz]          []               [get]
                                                      [/healthz]          []               [get]
                                                      [/livez]            []               [get]
                                                      [/livez]            []               [get]
                                                      [/openapi/*]        []               [get]
                                                      [/openapi]          []               [get]
                                                      [/readyz]           []               [get]
                                                      [/readyz]           []               [get]
                                                      [/version/]         []               [get]
                                                      [/version/]         []               [get]
                                                      [/version]          []               [get]
                                                      [/version]          []               [get]
      """
    When I run "kubectl get clusterrolebinding system:basic-user -o wide"
    Then the output is:
      """
      NAME                ROLE                            AGE   USERS   GROUPS                 SERVICEACCOUNTS
      system:basic-user   ClusterRole/system:basic-user   0s            system:authenticated
      """

  Scenario: resourceNames limit a rule to named objects
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: one-config, namespace: mynamespace}
      rules:
      - apiGroups: [""]
        resources: [configmaps]
        resourceNames: [app-config]
        verbs: [get]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: one-config, namespace: mynamespace}
      subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: Role, name: one-config, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl auth can-i get configmap/app-config -n mynamespace --as=jane --as-group=devs"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i get configmap/other -n mynamespace --as=jane --as-group=devs"
    Then the output is:
      """
      no
      """

  Scenario: a ServiceAccount bound to the built-in view ClusterRole
    Given the manifest:
      """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: reader, namespace: mynamespace}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: reader-view, namespace: mynamespace}
      subjects: [{kind: ServiceAccount, name: reader, namespace: mynamespace}]
      roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      """
    When I run "kubectl auth can-i list deployments -n mynamespace" as "system:serviceaccount:mynamespace:reader"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i get secrets -n mynamespace" as "system:serviceaccount:mynamespace:reader"
    Then the output is:
      """
      no
      """

  Scenario: the nfs provisioner's ClusterRoleBinding lets its ServiceAccount create volumes
    Given the manifest "../storage/manifests/nfs-storage.yaml"
    When I run "kubectl auth can-i create persistentvolumes --as=system:serviceaccount:default:nfs-client-provisioner"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i delete nodes --as=system:serviceaccount:default:nfs-client-provisioner"
    Then the output is:
      """
      no
      """

  Scenario: the cluster admin may do anything
    When I run "kubectl auth can-i '*' '*'"
    Then the output is:
      """
      yes
      """

  Scenario: a ClusterRole labelled aggregate-to-view adds its rules to view
    Given the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: crontab-reader
        labels:
          rbac.authorization.k8s.io/aggregate-to-view: "true"
      rules:
      - apiGroups: ["stable.example.com"]
        resources: ["crontabs"]
        verbs: ["get", "list", "watch"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: jane-view, namespace: mynamespace}
      subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
      roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      """
    Then the clusterrole "view" matches:
      """
      aggregationRule:
        clusterRoleSelectors:
        - matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
      """
    When I run "kubectl get clusterrole view -o jsonpath={.rules[*].resources}"
    Then the output contains "crontabs"
    When I run "kubectl auth can-i list pods -n mynamespace --as=jane"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i delete pods -n mynamespace --as=jane"
    Then the output is:
      """
      no
      """
    When I run "kubectl get clusterrole edit -o jsonpath={.rules[*].resources}"
    Then the output contains "crontabs"

  Scenario: from "I am" on, commands and manifests run as that user
    Given I am "example-user"
    When I run "kubectl get pods -n mynamespace"
    Then the command succeeds
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: mine, namespace: mynamespace}
      data: {a: b}
      """
    Then the command fails with "configmaps \"mine\" is forbidden: User \"example-user\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"mynamespace\""
    When I run "kubectl auth can-i create configmaps -n mynamespace"
    Then the output is:
      """
      no
      """
    Given I am the cluster admin
    When I run "kubectl auth can-i create configmaps -n mynamespace"
    Then the output is:
      """
      yes
      """
