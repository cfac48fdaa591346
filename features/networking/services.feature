@epic:Networking @story:Service
Feature: Service types: ClusterIP, headless, NodePort, LoadBalancer, ExternalName and external IPs
  The apiserver gives a Service its cluster IP (at random from 10.96.0.0/12) and node ports (at random from
  30000-32767); a simulated cloud provider gives a LoadBalancer Service an address from its pool; kube-proxy
  on every node opens the ports.

  Background:
    Given a cluster with 3 nodes
    And the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx
      spec:
        replicas: 2
        selector:
          matchLabels: {app: nginx}
        template:
          metadata:
            labels: {app: nginx}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports:
              - containerPort: 80
              - containerPort: 443
      """

  Scenario: the my-nginx NodePort Service with two ports gets a node port for each
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: my-nginx
        labels:
          run: my-nginx
      spec:
        type: NodePort
        ports:
        - port: 8080
          targetPort: 80
          protocol: TCP
          name: http
        - port: 443
          protocol: TCP
          name: https
        selector:
          app: nginx
      """
    And I run "kubectl get svc my-nginx"
    Then the output matches "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nmy-nginx +NodePort +10\.\d+\.\d+\.\d+ +<none> +8080:3\d{4}/TCP,443:3\d{4}/TCP +\d+s$"
    And the endpoints "my-nginx" matches:
      """
      subsets:
      - addresses: [{}, {}]
        ports:
        - {name: https, port: 443, protocol: TCP}
        - {name: http, port: 80, protocol: TCP}
      """
    And a connection to "my-nginx:8080" reaches a pod of deployment "nginx"
    # nginx's default configuration listens on 80 only (the tutorial's nginxsecure mounts one that listens on 443)
    And a connection to "my-nginx:443" is refused

  Scenario: a node port that is taken, or outside the range, is refused with the apiserver's message
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: first}
      spec:
        type: NodePort
        selector: {app: nginx}
        ports: [{port: 80, nodePort: 30080}]
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: second}
      spec:
        type: NodePort
        selector: {app: nginx}
        ports: [{port: 80, nodePort: 30080}]
      """
    Then the command fails with "The Service \"second\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: third}
      spec:
        type: NodePort
        selector: {app: nginx}
        ports: [{port: 80, nodePort: 80}]
      """
    Then the command fails with "The Service \"third\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"
    And the service "third" does not exist

  Scenario: a requested cluster IP is honoured, and refused when another Service has it
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: config-manager}
      spec:
        clusterIP: 10.103.164.93
        selector: {app: nginx}
        ports: [{port: 80}]
      """
    Then the service "config-manager" matches:
      """
      spec: {clusterIP: 10.103.164.93, clusterIPs: [10.103.164.93]}
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: other}
      spec:
        clusterIP: 10.103.164.93
        ports: [{port: 80}]
      """
    Then the command fails with "The Service \"other\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.103.164.93\"}: failed to allocate IP 10.103.164.93: provided IP is already allocated"

  Scenario: ports must be named when there are several, and unique
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: nginx}
        ports:
        - {name: http, port: 80}
        - {name: http, port: 8080}
        - {port: 9090}
      """
    Then the command fails with "spec.ports[1].name: Duplicate value: \"http\""
    And the command fails with "spec.ports[2].name: Required value"

  Scenario: the example-service LoadBalancer waits for the cloud, then gets an external IP
    When I apply the manifest:
      """
      kind: Service
      apiVersion: v1
      metadata:
        name: example-service
      spec:
        ports:
        - port: 8765
          targetPort: 80
        selector:
          app: nginx
        type: LoadBalancer
      """
    And I run "kubectl get svc example-service"
    Then the output matches "\nexample-service +LoadBalancer +10\.\S+ +<pending> +8765:3\d{4}/TCP +\d+s$"
    And the service "example-service" has an event with reason "EnsuringLoadBalancer" and message "Ensuring load balancer"
    When 10 seconds pass
    Then the service "example-service" matches:
      """
      metadata:
        finalizers: [service.kubernetes.io/load-balancer-cleanup]
      spec: {allocateLoadBalancerNodePorts: true, externalTrafficPolicy: Cluster}
      status:
        loadBalancer:
          ingress: [{ip: 172.18.255.200, ipMode: VIP}]
      """
    And the service "example-service" has an event with reason "EnsuredLoadBalancer" and message "Ensured load balancer"
    When I run "kubectl get svc example-service"
    Then the output matches "\nexample-service +LoadBalancer +10\.\S+ +172\.18\.255\.200 +8765:3\d{4}/TCP +\d+s$"
    And a connection from outside the cluster to "172.18.255.200:8765" reaches a pod of deployment "nginx"
    And a connection to "example-service:8765" reaches a pod of deployment "nginx"

  Scenario: deleting a LoadBalancer Service deletes its load balancer first
    Given the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: lb}
      spec:
        type: LoadBalancer
        selector: {app: nginx}
        ports: [{port: 80}]
      """
    And 10 seconds pass
    When I run "kubectl delete service lb"
    Then the service "lb" does not exist
    And the service "lb" has an event with reason "DeletedLoadBalancer" and message "Deleted load balancer"

  Scenario: without a cloud provider the external IP stays pending
    Given the cluster has no cloud provider
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: lb}
      spec:
        type: LoadBalancer
        selector: {app: nginx}
        ports: [{port: 80, nodePort: 30080}]
      """
    And 5 minutes pass
    And I run "kubectl get svc lb"
    Then the output matches "\nlb +LoadBalancer +10\.\S+ +<pending> +80:30080/TCP +\d+m\d*s?$"
    And the service "lb" has no event with reason "EnsuringLoadBalancer"
    And a connection from outside the cluster to "node-1:30080" reaches a pod of deployment "nginx"

  Scenario: a LoadBalancer Service without node ports
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: lb}
      spec:
        type: LoadBalancer
        allocateLoadBalancerNodePorts: false
        selector: {app: nginx}
        ports: [{port: 80}]
      """
    And I run "kubectl get svc lb"
    Then the output matches "\nlb +LoadBalancer +10\.\S+ +<pending> +80/TCP +\d+s$"

  Scenario: external IPs are served on the Service's port
    When I apply the manifest:
      """
      kind: Service
      apiVersion: v1
      metadata:
        name: my-service
      spec:
        selector:
          app: nginx
        ports:
        - name: http
          protocol: TCP
          port: 80
          targetPort: 80
        externalIPs:
        - 80.11.12.10
      """
    And I run "kubectl get svc my-service"
    Then the output matches "\nmy-service +ClusterIP +10\.\S+ +80\.11\.12\.10 +80/TCP +\d+s$"
    And a connection from outside the cluster to "80.11.12.10:80" reaches a pod of deployment "nginx"

  Scenario: a headless Service has no cluster IP and no rules; its name leads to the pods themselves
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: common-etcd}
      spec:
        clusterIP: None
        selector: {app: nginx}
        ports: [{name: client, port: 80}]
      """
    And I run "kubectl get svc common-etcd"
    Then the output matches "\ncommon-etcd +ClusterIP +None +<none> +80/TCP +\d+s$"
    And a connection to "common-etcd:80" reaches a pod of deployment "nginx"
    When I run "iptables-save -t nat" on node "node-1"
    Then the output does not contain "common-etcd"

  Scenario: a Service without a selector sends traffic to the Endpoints written by hand
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: apiserver}
      spec:
        ports: [{name: https, port: 443, targetPort: 6443}]
      ---
      apiVersion: v1
      kind: Endpoints
      metadata: {name: apiserver}
      subsets:
      - addresses: [{ip: 172.18.0.2}]
        ports: [{name: https, port: 6443}]
      """
    Then there are 1 endpointslices with labels "kubernetes.io/service-name=apiserver"
    When I run "iptables-save -t nat" on node "node-2"
    Then the output contains "-m comment --comment \"default/apiserver:https -> 172.18.0.2:6443\" -j KUBE-SEP-"

  Scenario: an ExternalName Service is only a DNS alias: no cluster IP, no endpoints, no rules
    When I apply the manifest:
      """
      kind: Service
      apiVersion: v1
      metadata:
        name: my-service
      spec:
        type: ExternalName
        externalName: my.database.example.com
      """
    And I run "kubectl get svc my-service"
    Then the output matches "\nmy-service +ExternalName +<none> +my\.database\.example\.com +<none> +\d+s$"
    And the endpoints "my-service" does not exist
    And "my-service" is an alias for "my.database.example.com"
    And a connection to "my-service:80" cannot resolve the host
