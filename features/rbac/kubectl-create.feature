@epic:Security @story:RBAC
Feature: kubectl create role, clusterrole, rolebinding, clusterrolebinding and serviceaccount
  The imperative way to write RBAC objects: `create role` makes one rule an API group from --verb, --resource
  (a resource's short name, `resource.group` or `resource/subresource`) and --resource-name; `create clusterrole`
  also takes --non-resource-url or an --aggregation-rule; the binding commands bind a role to --user, --group and
  --serviceaccount (`<namespace>:<name>`).

  Scenario: a Role and a RoleBinding for a ServiceAccount, made with kubectl
    When I run "kubectl create serviceaccount deployer"
    Then the output is:
      """
      serviceaccount/deployer created
      """
    When I run "kubectl create role deployer --verb=get,list,update --resource=deploy,rs,deployments/scale"
    Then the output is:
      """
      role.rbac.authorization.k8s.io/deployer created
      """
    And the role "deployer" matches:
      """
      rules:
      - apiGroups: [apps]
        resources: [deployments, replicasets, deployments/scale]
        verbs: [get, list, update]
      """
    When I run "kubectl create rolebinding deployer --role=deployer --serviceaccount=default:deployer"
    Then the output is:
      """
      rolebinding.rbac.authorization.k8s.io/deployer created
      """
    When I run "kubectl auth can-i update deployments --subresource=scale --as=system:serviceaccount:default:deployer"
    Then the output is:
      """
      yes
      """
    When I run "kubectl auth can-i update statefulsets --subresource=scale --as=system:serviceaccount:default:deployer"
    Then the output is:
      """
      no
      """

  Scenario: what kubectl would send, without sending it
    When I run "kubectl create role pod-reader --verb=get --verb=list --resource=pods --resource-name=web --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        creationTimestamp: null
        name: pod-reader
      rules:
      - apiGroups:
        - ""
        resourceNames:
        - web
        resources:
        - pods
        verbs:
        - get
        - list
      """
    When I run "kubectl create clusterrolebinding ops-view --clusterrole=view --group=ops --user=jane --dry-run=client -o yaml"
    Then the output is:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        creationTimestamp: null
        name: ops-view
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: view
      subjects:
      - apiGroup: rbac.authorization.k8s.io
        kind: User
        name: jane
      - apiGroup: rbac.authorization.k8s.io
        kind: Group
        name: ops
      """

  Scenario: a ClusterRole aggregated by label
    When I run "kubectl create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true"
    Then the command succeeds
    When I apply the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: monitoring-endpoints
        labels: {rbac.example.com/aggregate-to-monitoring: "true"}
      rules:
      - apiGroups: [""]
        resources: [services, endpoints, pods]
        verbs: [get, list, watch]
      """
    Then the clusterrole "monitoring" matches:
      """
      rules:
      - apiGroups: [""]
        resources: [services, endpoints, pods]
        verbs: [get, list, watch]
      """

  Scenario: kubectl checks the flags before it sends anything
    When I run "kubectl create role r --resource=pods"
    Then the command fails with "error: at least one verb must be specified"
    When I run "kubectl create role r --verb=get --resource=widgets"
    Then the command fails with "the server doesn't have a resource type \"widgets\""
    When I run "kubectl create clusterrole r --verb=create --non-resource-url=/healthz"
    Then the command fails with "error: invalid verb: 'create' for nonResourceURL"
    When I run "kubectl create rolebinding b --role=r --clusterrole=view"
    Then the command fails with "error: exactly one of clusterrole or role must be specified"
    When I run "kubectl create rolebinding b --clusterrole=view --serviceaccount=deployer"
    Then the command fails with "error: serviceaccount must be <namespace>:<name>"
    When I run "kubectl create clusterrolebinding b --user=jane"
    Then the command fails with "error: required flag(s) \"clusterrole\" not set"
