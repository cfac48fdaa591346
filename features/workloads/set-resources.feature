@epic:Workloads @story:SetResources
Feature: kubectl set resources changes a workload's pod template
  The kubectl reference's examples: limits and requests for one container (`-c`) or all of them, each change a new
  rollout of the Deployment; a change that leaves the template as it is sends nothing.

  Background:
    Given a cluster with 2 nodes
    When I run "kubectl create deployment nginx --image=nginx --replicas=2"

  Scenario: limits for the nginx container, then requests for every container
    When I run "kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi"
    Then the output is:
      """
      deployment.apps/nginx resource requirements updated
      """
    When I run "kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi"
    Then the output is:
      """
      deployment.apps/nginx resource requirements updated
      """
    And eventually the deployment "nginx" matches:
      """
      metadata: {annotations: {deployment.kubernetes.io/revision: "3"}}
      spec:
        template:
          spec:
            containers:
            - name: nginx
              resources: {limits: {cpu: 200m, memory: 512Mi}, requests: {cpu: 100m, memory: 256Mi}}
      status: {updatedReplicas: 2, readyReplicas: 2}
      """
    When I run "kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi"
    Then the output is:
      """
      """

  Scenario: the command's errors
    When I run "kubectl set resources deployment nginx -c=web --limits=cpu=1"
    Then the command fails with "error: unable to find container named web"
    When I run "kubectl set resources deployment nginx"
    Then the command fails with "error: you must specify an update to requests or limits (in the form of --requests/--limits)"
    When I run "kubectl set resources deployment nginx --limits=cpu=one"
    Then the command fails with "error: quantities must match the regular expression"
    When I run "kubectl set resources deployment nginx --requests=cpu"
    Then the command fails with "error: Invalid argument syntax cpu, expected <resource>=<value>"
