@epic:Networking @story:TopologyAwareRouting
Feature: topology aware routing keeps traffic in the client's zone
  A Service annotated `service.kubernetes.io/topology-mode: Auto` asks the EndpointSlice controller for hints: each
  ready endpoint gets `hints.forZones`, so that every zone has endpoints in proportion to its nodes' allocatable CPU.
  kube-proxy on a node then sends cluster traffic only to the endpoints hinted for its zone. When that is not
  possible (too few endpoints, a node without a zone, nodes ready in one zone only) the controller sets no hints,
  says why in a Warning event, and traffic goes to every endpoint.

  Background:
    Given a cluster with 3 nodes
    And node "node-1" is in zone "zone-a"
    And node "node-2" is in zone "zone-b"
    And node "node-3" is in zone "zone-c"
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: topology.kubernetes.io/zone
              whenUnsatisfiable: DoNotSchedule
              labelSelector:
                matchLabels: {app: web}
            containers:
            - name: nginx
              image: nginx:1.25
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: client
      spec:
        nodeSelector: {kubernetes.io/hostname: node-1}
        containers:
        - name: shell
          image: busybox:1.36
          command: [sleep, "3600"]
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        annotations:
          service.kubernetes.io/topology-mode: Auto
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """

  Scenario: each endpoint is hinted for its own zone, and a client reaches its zone's pod only
    Then the service "web" has an event with reason "TopologyAwareHintsEnabled" and message "Topology Aware Hints has been enabled, addressType: IPv4"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[*].zone}'"
    Then the output is:
      """
      zone-b zone-c zone-a
      """
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[*].hints.forZones[*].name}'"
    Then the output is:
      """
      zone-b zone-c zone-a
      """
    When I connect 20 times from pod "client" to "web:80"
    Then all of them reached the same pod
    And the output matches "web-\S+ +node-1 +20"

  Scenario: too few endpoints for the zones: no hints, a Warning, traffic to every pod
    When I run "kubectl scale deployment web --replicas=2"
    Then the service "web" has an event with reason "TopologyAwareHintsDisabled" and message "Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv4"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[*].hints}'"
    Then the output is:
      """
      """
    When I connect 20 times from pod "client" to "web:80"
    Then each pod of deployment "web" received between 1 and 19 of them

  Scenario: removing the annotation removes the hints
    When I run "kubectl annotate service web service.kubernetes.io/topology-mode-"
    Then the service "web" has an event with reason "TopologyAwareHintsDisabled" and message "Topology Aware Hints has been disabled, addressType: IPv4"

  Scenario: a node without a zone leaves the controller without node information
    When node "node-4" joins the cluster
    And I run "kubectl rollout restart deployment web"
    And 1 minute passes
    Then the service "web" has an event with reason "TopologyAwareHintsDisabled" and message "Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4"
