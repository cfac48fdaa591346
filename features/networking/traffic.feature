@epic:Networking @story:Traffic
Feature: connections go where kube-proxy's rules send them
  A connection to a Service's name or cluster IP passes the client node's nat table: KUBE-SERVICES matches the
  cluster IP and port, KUBE-SVC-<hash> picks an endpoint with `-m statistic --mode random`, KUBE-SEP-<hash>
  DNATs to the pod. A NodePort is open on every node; a Service without endpoints is rejected.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: hostnames
      spec:
        replicas: 3
        selector:
          matchLabels: {app: hostnames}
        template:
          metadata:
            labels: {app: hostnames}
          spec:
            containers:
            - name: hostnames
              image: registry.k8s.io/serve_hostname
              ports:
              - containerPort: 9376
                protocol: TCP
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: hostnames
      spec:
        selector: {app: hostnames}
        ports:
        - name: default
          protocol: TCP
          port: 80
          targetPort: 9376
      """

  Scenario: the Service's name, its FQDN and its cluster IP all reach a hostnames pod
    Then a connection to "hostnames:80" reaches a pod of deployment "hostnames"
    And a connection to "hostnames.default.svc.cluster.local:80" reaches a pod of service "hostnames"
    And a connection to "hostnames.default:80" reaches a pod of deployment "hostnames" in namespace "default" from namespace "kube-system"

  Scenario: a port the Service does not expose is not answered
    Then a connection to "hostnames:9376" times out

  Scenario: a Service whose pods are all gone rejects connections
    When I run "kubectl scale deployment hostnames --replicas=0"
    Then a connection to "hostnames:80" is refused

  Scenario: pods that fail their readiness probe get no traffic
    Given the image "registry.k8s.io/serve_hostname:broken" fails its readiness probe
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: unready
        labels: {app: unready}
      spec:
        containers:
        - name: hostnames
          image: registry.k8s.io/serve_hostname:broken
          readinessProbe:
            tcpSocket: {port: 9376}
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: unready
      spec:
        selector: {app: unready}
        ports:
        - port: 80
          targetPort: 9376
      """
    When 1 minute passes
    Then the endpoints "unready" matches:
      """
      subsets:
      - notReadyAddresses: [{targetRef: {kind: Pod, name: unready}}]
      """
    And a connection to "unready:80" is refused

  Scenario: a NodePort answers on every node, whichever node the pods run on
    When I run:
      """
      kubectl patch service hostnames -p '{"spec":{"type":"NodePort","ports":[{"name":"default","port":80,"targetPort":9376,"nodePort":30080}]}}'
      """
    Then a connection to "node-1:30080" reaches a pod of deployment "hostnames"
    And a connection to "node-2:30080" reaches a pod of deployment "hostnames"
    And a connection from outside the cluster to "172.18.0.5:30080" reaches a pod of deployment "hostnames"
    And a connection to "node-3:30081" is refused

  Scenario: traffic to a pod IP goes straight to the pod
    Then a connection from a pod of deployment "hostnames" to "hostnames:80" reaches a pod of deployment "hostnames"

  Scenario: connections are spread over the endpoints by the statistic match's probabilities
    When I connect 300 times to "hostnames:80"
    Then the command succeeds
    And the output matches "^POD +NODE +CONNECTIONS\nhostnames-\S+ +node-\d +\d+\nhostnames-\S+ +node-\d +\d+\nhostnames-\S+ +node-\d +\d+$"
    And each pod of deployment "hostnames" received between 70 and 130 of them

  Scenario: ClientIP session affinity keeps a client on one pod
    When I run:
      """
      kubectl patch service hostnames -p '{"spec":{"sessionAffinity":"ClientIP"}}'
      """
    And I connect 20 times to "hostnames:80"
    Then all of them reached the same pod

  Scenario: a canary release: two Deployments behind one Service share the traffic by replica count
    Given the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: myapp-stable}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: myapp, track: stable}
        template:
          metadata:
            labels: {app: myapp, track: stable}
          spec:
            containers: [{name: myapp, image: myapp:1.0}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: myapp-canary}
      spec:
        replicas: 1
        selector:
          matchLabels: {app: myapp, track: canary}
        template:
          metadata:
            labels: {app: myapp, track: canary}
          spec:
            containers: [{name: myapp, image: myapp:2.0}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: myapp}
      spec:
        selector: {app: myapp}
        ports: [{port: 80, targetPort: 8080}]
      """
    When I connect 400 times to "myapp:80"
    Then between 70 and 130 of them reached a pod of deployment "myapp-canary"
    And between 270 and 330 of them reached a pod of deployment "myapp-stable"
    When I run "kubectl scale deployment myapp-canary --replicas=3"
    And I connect 400 times to "myapp:80"
    Then between 160 and 240 of them reached a pod of deployment "myapp-canary"
    When I run "kubectl scale deployment myapp-stable --replicas=0"
    And I connect 50 times to "myapp:80"
    Then between 50 and 50 of them reached a pod of deployment "myapp-canary"
