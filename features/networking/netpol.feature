@epic:Networking @story:NetworkPolicy
Feature: NetworkPolicies decide which pods may connect
  Once a policy selects a pod for ingress, only the connections some selecting policy's rule allows get in;
  the rest are dropped, so the client sees its connection time out. Egress works the same way for the
  client. Rules name peers by pod labels, namespace labels or IP blocks, and ports.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: monitoring
        labels: {team: ops}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: backend}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: backend}
        template:
          metadata:
            labels: {app: backend}
          spec:
            containers:
            - name: api
              image: registry.k8s.io/e2e-test-images/agnhost:2.47
              args: ["netexec", "--http-port=8080"]
              ports: [{name: http, containerPort: 8080}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: backend}
      spec:
        selector: {app: backend}
        ports: [{port: 80, targetPort: http}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: frontend}
      spec:
        replicas: 1
        selector:
          matchLabels: {app: frontend}
        template:
          metadata:
            labels: {app: frontend}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: prometheus, namespace: monitoring}
      spec:
        replicas: 1
        selector:
          matchLabels: {app: prometheus}
        template:
          metadata:
            labels: {app: prometheus}
          spec:
            containers: [{name: prometheus, image: prom/prometheus}]
      """

  Scenario: without policies every pod is reachable
    Then a connection to "backend:80" reaches a pod of deployment "backend"
    And a connection from a pod of deployment "prometheus" to "backend.default:80" reaches a pod of deployment "backend" in namespace "default" from namespace "monitoring"

  Scenario: a default-deny policy drops every connection to the selected pods
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-deny-ingress}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    Then a connection to "backend:80" times out
    And a connection from a pod of deployment "frontend" to "backend:80" times out
    When I run "kubectl get networkpolicy"
    Then the output is:
      """
      NAME                   POD-SELECTOR   AGE
      default-deny-ingress   <none>         0s
      """

  Scenario: only the frontend, and the ops namespace, may reach the backend on its named port
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: backend-allow}
      spec:
        podSelector:
          matchLabels: {app: backend}
        ingress:
        - from:
          - podSelector:
              matchLabels: {app: frontend}
          - namespaceSelector:
              matchLabels: {team: ops}
          ports:
          - port: http
      """
    Then a connection from a pod of deployment "frontend" to "backend:80" reaches a pod of deployment "backend"
    And a connection from a pod of deployment "prometheus" to "backend.default:80" reaches a pod of deployment "backend" in namespace "default" from namespace "monitoring"
    And a connection to "backend:80" times out
    And a connection from outside the cluster to "backend.default.svc.cluster.local:80" times out
    When I run "kubectl describe networkpolicy backend-allow"
    Then the output is:
      """
      Name:         backend-allow
      Namespace:    default
      Created on:   2024-01-01 00:00:00 +0000 UTC
      Labels:       <none>
      Annotations:  <none>
      Spec:
        PodSelector:     app=backend
        Allowing ingress traffic:
          To Port: http/TCP
          From:
            PodSelector: app=frontend
          From:
            NamespaceSelector: team=ops
        Not affecting egress traffic
        Policy Types: Ingress
      """

  Scenario: a port the rule does not list stays closed
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: backend-9090}
      spec:
        podSelector:
          matchLabels: {app: backend}
        ingress:
        - ports:
          - {protocol: TCP, port: 9090}
      """
    Then a connection from a pod of deployment "frontend" to "backend:80" times out

  Scenario: an egress policy keeps the frontend in, except towards the backend
    When I apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: frontend-egress}
      spec:
        podSelector:
          matchLabels: {app: frontend}
        policyTypes: [Egress]
        egress:
        - to:
          - podSelector:
              matchLabels: {app: backend}
      """
    Then a connection from a pod of deployment "frontend" to "backend:80" reaches a pod of deployment "backend"
    And a connection from a pod of deployment "frontend" to "kubernetes:443" times out

  Scenario: an ipBlock admits outside clients whose address survives the trip
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: backend-lb}
      spec:
        type: LoadBalancer
        externalTrafficPolicy: Local
        selector: {app: backend}
        ports: [{port: 80, targetPort: 8080, nodePort: 30090}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-clients}
      spec:
        podSelector:
          matchLabels: {app: backend}
        ingress:
        - from:
          - ipBlock:
              cidr: 198.51.100.0/24
      """
    And 10 seconds pass
    Then a connection from outside the cluster to "172.18.255.200:80" reaches a pod of deployment "backend"
    And a connection from a pod of deployment "frontend" to "backend:80" times out
    When I run:
      """
      kubectl patch service backend-lb -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'
      """
    Then a connection from outside the cluster to "172.18.255.200:80" times out

  Scenario: invalid policies are refused with the apiserver's messages
    When I try to apply the manifest:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: bad}
      spec:
        podSelector: {}
        ingress:
        - from:
          - {}
          - ipBlock: {cidr: 10.0.0.0/24, except: [192.168.0.0/24]}
          ports:
          - {protocol: ICMP, port: 80}
        policyTypes: [Ingress, Sideways]
      """
    Then the command fails with "The NetworkPolicy \"bad\" is invalid: "
    And the command fails with "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\""
    And the command fails with "spec.ingress[0].from[0]: Required value: must specify a peer"
    And the command fails with "spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"192.168.0.0/24\": must be a strict subset of `cidr`"
    And the command fails with "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\""
