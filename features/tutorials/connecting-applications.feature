@epic:Tutorials @story:ConnectingApplications
Feature: Connecting Applications with Services (kubernetes.io tutorial)
  https://kubernetes.io/docs/tutorials/services/connect-applications-service/ as written: two nginx Pods of the
  my-nginx Deployment, exposed with kubectl expose; the Service, its description and its EndpointSlice list the
  Pods' addresses.

  Scenario: exposing the my-nginx Deployment
    Given a cluster with 1 node
    And a file "run-my-nginx.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: my-nginx
      spec:
        selector:
          matchLabels:
            run: my-nginx
        replicas: 2
        template:
          metadata:
            labels:
              run: my-nginx
          spec:
            containers:
            - name: my-nginx
              image: nginx
              ports:
              - containerPort: 80
      """
    When I run "kubectl apply -f ./run-my-nginx.yaml"
    Then the output is:
      """
      deployment.apps/my-nginx created
      """
    And there are 2 pods with labels "run=my-nginx"
    When I run "kubectl get pods -l run=my-nginx -o wide"
    Then the output matches "^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\n(my-nginx-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +0s +10\.244\.1\.\d+ +node-1 +<none> +<none>\n?){2}$"
    When I run "kubectl expose deployment/my-nginx"
    Then the output is:
      """
      service/my-nginx exposed
      """
    When I run "kubectl get svc my-nginx"
    Then the output matches "^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nmy-nginx +ClusterIP +10\.96\.\d+\.\d+ +<none> +80/TCP +0s$"
    When I run "kubectl describe svc my-nginx"
    Then the output matches "Selector: +run=my-nginx\n"
    And the output matches "Port: +<unset>  80/TCP\nTargetPort: +80/TCP\nEndpoints: +10\.244\.1\.\d+:80,10\.244\.1\.\d+:80\n"
    When I run "kubectl get endpointslices -l kubernetes.io/service-name=my-nginx"
    Then the output matches "^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nmy-nginx-[a-z0-9]{5} +IPv4 +80 +10\.244\.1\.\d+,10\.244\.1\.\d+ +0s$"
