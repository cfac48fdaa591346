@epic:Scheduling @story:ImageLocality
Feature: nodes that already have a pod's images score higher
  Each kubelet reports the images it has pulled in its node's status.images (names and sizeBytes, the largest
  first), at its next status update. The scheduler's ImageLocality plugin favours nodes that already have the
  pod's images, by their size scaled by how many nodes have them. It matches the image as the pod spec names it
  (plus `:latest` when there is no tag) against the names containerd reports, which are fully qualified: a pod
  that says `nginx:1.25` does not match `docker.io/library/nginx:1.25`.

  Background:
    Given a cluster with 3 nodes
    And the image "registry.example.com/ml/trainer:2.1" has size 3Gi
    And the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: warm-up
      spec:
        nodeSelector: {kubernetes.io/hostname: node-3}
        containers:
        - name: trainer
          image: registry.example.com/ml/trainer:2.1
          resources: {requests: {cpu: "1", memory: 2Gi}}
        - name: proxy
          image: nginx:1.25
      """

  Scenario: the kubelet lists the pulled images, largest first
    When 10 seconds pass
    And I run "kubectl get node node-3 -o jsonpath={.status.images[0]}"
    Then the output matches '^\{"names":\["registry.example.com/ml/trainer@sha256:[0-9a-f]{64}","registry.example.com/ml/trainer:2.1"\],"sizeBytes":3221225472\}$'
    When I run "kubectl get node node-3 -o jsonpath={.status.images[1].names[1]}"
    Then the output is:
      """
      docker.io/library/nginx:1.25
      """
    And the node "node-1" matches:
      """
      status: {images: null}
      """
    And the pod "warm-up" has an event with reason "Pulled" and message "Successfully pulled image \"registry.example.com/ml/trainer:2.1\" in 0s (0s including waiting). Image size: 3221225472 bytes."

  Scenario: a second pod with the big image goes where it is already pulled, though that node is the busiest
    When 10 seconds pass
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: train
      spec:
        containers:
        - name: trainer
          image: registry.example.com/ml/trainer:2.1
      """
    Then the pod "train" matches:
      """
      spec: {nodeName: node-3}
      """
    And the pod "train" has an event with reason "Pulled" and message "Container image \"registry.example.com/ml/trainer:2.1\" already present on machine"
