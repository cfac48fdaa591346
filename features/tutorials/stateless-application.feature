@epic:Tutorials @story:StatelessApplication
Feature: Run a Stateless Application Using a Deployment (kubernetes.io tutorial)
  https://kubernetes.io/docs/tasks/run-application/run-stateless-application-deployment/ as written: create the
  nginx Deployment, describe it, list its pods, update it to nginx:1.16.1, scale it to four replicas, delete it.

  Background:
    Given a cluster with 3 nodes
    And a file "deployment.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
      spec:
        selector:
          matchLabels:
            app: nginx
        replicas: 2 # tells deployment to run 2 pods matching the template
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:1.14.2
              ports:
              - containerPort: 80
      """

  Scenario: creating, updating, scaling and deleting the Deployment
    When I run "kubectl apply -f deployment.yaml"
    Then the output is:
      """
      deployment.apps/nginx-deployment created
      """
    When I run "kubectl describe deployment nginx-deployment"
    Then the output contains:
      """
      Name:                   nginx-deployment
      Namespace:              default
      """
    And the output contains:
      """
      Selector:               app=nginx
      Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
      StrategyType:           RollingUpdate
      MinReadySeconds:        0
      RollingUpdateStrategy:  25% max unavailable, 25% max surge
      Pod Template:
        Labels:  app=nginx
        Containers:
         nginx:
          Image:         nginx:1.14.2
          Port:          80/TCP
          Host Port:     0/TCP
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
      """
    When I run "kubectl get pods -l app=nginx"
    Then the output matches "^NAME +READY +STATUS +RESTARTS +AGE\nnginx-deployment-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +0s\nnginx-deployment-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +0s$"
    # Updating the deployment: deployment-update.yaml changes the image
    Given a file "deployment-update.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
      spec:
        selector:
          matchLabels:
            app: nginx
        replicas: 2
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:1.16.1 # Update the version of nginx from 1.14.2 to 1.16.1
              ports:
              - containerPort: 80
      """
    When I run "kubectl apply -f deployment-update.yaml"
    Then the output is:
      """
      deployment.apps/nginx-deployment configured
      """
    And eventually the deployment "nginx-deployment" matches:
      """
      spec: {template: {spec: {containers: [{image: "nginx:1.16.1"}]}}}
      status: {replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}
      """
    # Scaling the application by increasing the replica count
    Given a file "deployment-scale.yaml" with:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
      spec:
        selector:
          matchLabels:
            app: nginx
        replicas: 4 # Update the replicas from 2 to 4
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:1.16.1
              ports:
              - containerPort: 80
      """
    When I run "kubectl apply -f deployment-scale.yaml"
    Then there are 4 pods with labels "app=nginx"
    And the deployment "nginx-deployment" matches:
      """
      status: {replicas: 4, readyReplicas: 4}
      """
    # Deleting a deployment
    When I run "kubectl delete deployment nginx-deployment"
    Then the output is:
      """
      deployment.apps "nginx-deployment" deleted
      """
    When 1 minute passes
    Then there are 0 pods with labels "app=nginx"
