@epic:Namespaces @story:ResourceQuota
Feature: ResourceQuota and LimitRange
  The ResourceQuota controller keeps each quota's status.used; the API server refuses what would go past
  `hard` with the "exceeded quota" error, and asks pods to state the cpu and memory a quota tracks. A
  LimitRange fills in the requests and limits a container leaves out.

  Background:
    Given the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-a}
      ---
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: object-counts, namespace: team-a}
      spec:
        hard:
          pods: "2"
          configmaps: "5"
          services.nodeports: "0"
      """

  Scenario: status.used counts what the namespace holds
    Then the resourcequota "object-counts" in namespace "team-a" matches:
      """
      status:
        hard: {pods: "2", configmaps: "5", services.nodeports: "0"}
        used: {pods: "0", configmaps: "1", services.nodeports: "0"}
      """
    When I run "kubectl create configmap settings --from-literal=a=b -n team-a"
    Then the resourcequota "object-counts" in namespace "team-a" matches:
      """
      status:
        used: {configmaps: "2"}
      """
    When I run "kubectl get quota -n team-a"
    Then the output is:
      """
      NAME            AGE   REQUEST                                               LIMIT
      object-counts   0s    configmaps: 2/5, pods: 0/2, services.nodeports: 0/0
      """

  Scenario: the third pod exceeds the quota
    When I run "kubectl run one --image=nginx -n team-a"
    And I run "kubectl run two --image=nginx -n team-a"
    And I run "kubectl run three --image=nginx -n team-a"
    Then the command fails with "Error from server (Forbidden): pods \"three\" is forbidden: exceeded quota: object-counts, requested: pods=1, used: pods=2, limited: pods=2"
    And the resourcequota "object-counts" in namespace "team-a" matches:
      """
      status: {used: {pods: "2"}}
      """
    When I run "kubectl delete pod one -n team-a"
    And I run "kubectl run three --image=nginx -n team-a"
    Then the command succeeds

  Scenario: a Deployment's pods past the quota are refused to the ReplicaSet controller
    When I run "kubectl create deployment web --image=nginx --replicas=3 -n team-a"
    Then the deployment "web" in namespace "team-a" matches:
      """
      status: {replicas: 2}
      """
    When I run "kubectl get events -n team-a"
    Then the output contains "Error creating: pods \"web-"
    And the output contains "is forbidden: exceeded quota: object-counts, requested: pods=1, used: pods=2, limited: pods=2"

  Scenario: a NodePort Service is refused when node ports are limited to none
    When I run "kubectl create deployment web --image=nginx -n team-a"
    And I run "kubectl expose deployment web --port=80 --type=NodePort -n team-a"
    Then the command fails with "services \"web\" is forbidden: exceeded quota: object-counts, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0"

  Scenario: a compute quota needs requests and limits; a LimitRange supplies them
    Given the manifest:
      """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: compute, namespace: team-a}
      spec:
        hard:
          requests.cpu: "1"
          requests.memory: 1Gi
          limits.cpu: "2"
          limits.memory: 2Gi
      """
    When I run "kubectl run bare --image=nginx -n team-a"
    Then the command fails with "pods \"bare\" is forbidden: failed quota: compute: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: LimitRange
      metadata: {name: defaults, namespace: team-a}
      spec:
        limits:
        - type: Container
          default: {cpu: 500m, memory: 512Mi}
          defaultRequest: {cpu: 250m, memory: 256Mi}
          max: {cpu: "1"}
      """
    And I run "kubectl run web --image=nginx -n team-a"
    Then the pod "web" in namespace "team-a" matches:
      """
      metadata:
        annotations:
          kubernetes.io/limit-ranger: "LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web"
      spec:
        containers:
        - resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: 500m, memory: 512Mi}
      """
    And the resourcequota "compute" in namespace "team-a" matches:
      """
      status:
        used: {requests.cpu: 250m, requests.memory: 256Mi, limits.cpu: 500m, limits.memory: 512Mi}
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: big, namespace: team-a}
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            limits: {cpu: "2"}
      """
    Then the command fails with "pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2"
