@epic:Tutorials @story:ConfigMapPod
Feature: Configure a Pod to Use a ConfigMap (kubernetes.io task)
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/ as written: a ConfigMap from a
  folder of two property files, described and printed as YAML as the page shows; a Pod taking one key of it as an
  environment variable, described as kubectl describes it.

  Background:
    Given a cluster with 1 node
    And a file "configure-pod-container/configmap/game.properties" with:
      """
      enemies=aliens
      lives=3
      enemies.cheat=true
      enemies.cheat.level=noGoodRotten
      secret.code.passphrase=UUDDLRLRBABAS
      secret.code.allowed=true
      secret.code.lives=30
      """
    And a file "configure-pod-container/configmap/ui.properties" with:
      """
      color.good=purple
      color.bad=yellow
      allow.textmode=true
      how.nice.to.look=fairlyNice
      """

  Scenario: a ConfigMap from a folder, described and printed
    When I run "kubectl create configmap game-config --from-file=configure-pod-container/configmap/"
    Then the output is:
      """
      configmap/game-config created
      """
    When I run "kubectl describe configmaps game-config"
    # describe ranges over the Data map, whose order Go leaves random: each key is checked on its own
    Then the output contains:
      """
      Name:         game-config
      Namespace:    default
      Labels:       <none>
      Annotations:  <none>

      Data
      ====
      """
    And the output contains:
      """
      game.properties:
      ----
      enemies=aliens
      lives=3
      enemies.cheat=true
      enemies.cheat.level=noGoodRotten
      secret.code.passphrase=UUDDLRLRBABAS
      secret.code.allowed=true
      secret.code.lives=30
      """
    And the output contains:
      """
      ui.properties:
      ----
      color.good=purple
      color.bad=yellow
      allow.textmode=true
      how.nice.to.look=fairlyNice
      """
    And the output contains:
      """
      BinaryData
      ====

      Events:  <none>
      """

  Scenario: a Pod takes one key as an environment variable
    When I run "kubectl create configmap special-config --from-literal=special.how=very"
    And a file "pod-single-configmap-env-variable.yaml" with:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: dapi-test-pod
      spec:
        containers:
          - name: test-container
            image: registry.k8s.io/busybox
            command: [ "/bin/sh", "-c", "env" ]
            env:
              # Define the environment variable
              - name: SPECIAL_LEVEL_KEY
                valueFrom:
                  configMapKeyRef:
                    # The ConfigMap containing the value you want to assign to SPECIAL_LEVEL_KEY
                    name: special-config
                    # Specify the key associated with the value
                    key: special.how
        restartPolicy: Never
      """
    And I run "kubectl apply -f pod-single-configmap-env-variable.yaml"
    And I run "kubectl describe pod dapi-test-pod"
    Then the output contains:
      """
          Environment:
            SPECIAL_LEVEL_KEY:  <set to the key 'special.how' of config map 'special-config'>  Optional: false
      """
