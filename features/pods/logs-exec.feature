Feature: kubectl logs and kubectl exec
  A container's log is what its image writes each time it starts; --previous reads the instance before
  the last restart. exec runs a command in a running container: env, hostname, cat and ls of the files
  the kubelet mounts, echo, sh -c.

  Background:
    Given a cluster with 1 node
    And the image "api:1" logs:
      """
      starting api
      listening on :8080
      """

  Scenario: the log of a running container, its tail and its timestamps
    When I run "kubectl run api --image=api:1"
    And I run "kubectl logs api"
    Then the output is:
      """
      starting api
      listening on :8080
      """
    When I run "kubectl logs api --tail=1"
    Then the output is:
      """
      listening on :8080
      """
    When I run "kubectl logs pod/api --timestamps"
    Then the output is:
      """
      2024-01-01T00:00:00.000000000Z starting api
      2024-01-01T00:00:00.000000000Z listening on :8080
      """

  Scenario: --previous reads the container before the restart
    Given the image "api:1" exits with code 1 after 1 minute
    When I run "kubectl run api --image=api:1"
    And I run "kubectl logs api --previous"
    Then the command fails with "Error from server (BadRequest): previous terminated container \"api\" in pod \"api\" not found"
    When 1 minute passes
    And I run "kubectl logs api -p"
    Then the output is:
      """
      starting api
      listening on :8080
      """

  Scenario: no log before the container starts
    Given the image "api:1" takes 30 seconds to start
    When I run "kubectl run api --image=api:1"
    And I run "kubectl logs api"
    Then the command fails with "Error from server (BadRequest): container \"api\" in pod \"api\" is waiting to start: ContainerCreating"

  Scenario: no log for an image that cannot be pulled
    Given the image "api:2" cannot be pulled
    When I run "kubectl run api --image=api:2"
    And 1 second passes
    And I run "kubectl logs api"
    Then the command fails with "Error from server (BadRequest): container \"api\" in pod \"api\" is waiting to start: trying and failing to pull image"

  Scenario: logs of a deployment's pod
    When I run "kubectl create deployment api --image=api:1 --replicas=2"
    And I run "kubectl logs deployment/api"
    Then the output contains "listening on :8080"
    And the error output contains "Found 2 pods, using pod/api-"

  Scenario: exec: hostname, files the kubelet mounts, ls, sh -c
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        hostname: web-0
        subdomain: nginx
        hostAliases:
        - ip: 10.1.2.3
          hostnames: [foo.local, bar.local]
        containers:
        - {name: web, image: "nginx:1.25", env: [{name: COLOR, value: blue}]}
      """
    When I run "kubectl exec web -- hostname"
    Then the output is:
      """
      web-0
      """
    When I run "kubectl exec web -- cat /etc/hosts"
    Then the output is:
      """
      # Kubernetes-managed hosts file.
      127.0.0.1	localhost
      ::1	localhost ip6-localhost ip6-loopback
      fe00::0	ip6-localnet
      fe00::0	ip6-mcastprefix
      fe00::1	ip6-allnodes
      fe00::2	ip6-allrouters
      10.244.1.2	web-0.nginx.default.svc.cluster.local	web-0

      # Entries added by HostAliases.
      10.1.2.3	foo.local	bar.local
      """
    When I run "kubectl exec web -- cat /etc/resolv.conf"
    Then the output is:
      """
      search default.svc.cluster.local svc.cluster.local cluster.local
      nameserver 10.96.0.10
      options ndots:5
      """
    When I run "kubectl exec web -- ls /etc"
    Then the output contains:
      """
      hostname
      hosts
      nginx
      resolv.conf
      """
    When I run "kubectl exec web -- sh -c 'echo color is $COLOR && hostname'"
    Then the output is:
      """
      color is blue
      web-0
      """

  Scenario: exec errors as kubectl reports them
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - {name: web, image: "nginx:1.25"}
        - {name: tools, image: "busybox:1.36", command: [sleep, "3600"]}
      """
    When I run "kubectl exec web -- cat /nope"
    Then the command fails with "cat: /nope: No such file or directory"
    And the command fails with "command terminated with exit code 1"
    When I run "kubectl exec web -- ls /nope"
    Then the command fails with "command terminated with exit code 2"
    When I run "kubectl exec web -c tools -- redis-cli"
    Then the command fails with "exec: \"redis-cli\": executable file not found in $PATH: unknown"
    When I run "kubectl exec web -c web env"
    Then the command succeeds
    And the error output contains "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead."
    And the output contains "HOSTNAME=web"
    When I run "kubectl exec web"
    Then the command fails with "error: you must specify at least one command for the container"
    When I run "kubectl exec web -c sidecar -- env"
    Then the command fails with "Error from server (BadRequest): container sidecar is not valid for pod web"
    When I run "kubectl exec nope -- env"
    Then the command fails with "Error from server (NotFound): pods \"nope\" not found"

  Scenario: exec into a completed pod
    Given the image "once:1" exits with code 0 after 1 second
    When I run "kubectl run once --image=once:1 --restart=Never"
    And 1 second passes
    And I run "kubectl exec once -- env"
    Then the command fails with "error: cannot exec into a container in a completed pod; current phase is Succeeded"
