@epic:Config @story:ConfigMap
Feature: ConfigMaps from literals, files, folders and env files
  `kubectl create configmap` builds a ConfigMap from its sources: each --from-literal key=value, each
  --from-file (the file's name is the key, a folder gives one key a file), or the KEY=value lines of an
  --from-env-file. Bad sources are refused with kubectl's messages and nothing is created.

  Scenario: the redis.conf file becomes the redis-conf ConfigMap
    Given a file "redis.conf" with:
      """
      daemonize yes
      requirepass root
      """
    When I run "kubectl create cm redis-conf --from-file=redis.conf"
    Then the output is:
      """
      configmap/redis-conf created
      """
    And the configmap "redis-conf" matches:
      """
      data:
        redis.conf: |
          daemonize yes
          requirepass root
      """
    When I run "kubectl get cm redis-conf"
    Then the output is:
      """
      NAME         DATA   AGE
      redis-conf   1      0s
      """
    When I run "kubectl describe configmap redis-conf"
    Then the output is:
      """
      Name:         redis-conf
      Namespace:    default
      Labels:       <none>
      Annotations:  <none>

      Data
      ====
      redis.conf:
      ----
      daemonize yes
      requirepass root


      BinaryData
      ====

      Events:  <none>
      """

  Scenario: literals, a renamed file and a folder
    Given a file "config-files/a.properties" with:
      """
      color=blue
      """
    And a file "config-files/b.properties" with:
      """
      size=large
      """
    When I run "kubectl create configmap my-config --from-literal=key1=value1 --from-literal=key2=value2"
    Then the configmap "my-config" matches:
      """
      data: {key1: value1, key2: value2}
      """
    When I run "kubectl create configmap folder --from-file=config-files/ --from-file=extra=config-files/a.properties"
    Then the configmap "folder" matches:
      """
      data:
        a.properties: "color=blue\n"
        b.properties: "size=large\n"
        extra: "color=blue\n"
      """

  Scenario: an env file gives one key a line
    Given a file "app.env" with:
      """
      # settings
      LOG_LEVEL=debug
      REPLICAS=3

      GREETING=hello world
      """
    When I run "kubectl create configmap app-env --from-env-file=app.env"
    Then the configmap "app-env" matches:
      """
      data: {LOG_LEVEL: debug, REPLICAS: "3", GREETING: hello world}
      """

  Scenario Outline: bad sources are refused: <case>
    When I run "<command>"
    Then the command fails with "<error>"
    And the configmap "m" does not exist

    Examples:
      | case          | command                                                                     | error                                                                                  |
      | missing file  | kubectl create configmap m --from-file=nope.conf                            | error: error reading nope.conf: no such file or directory                             |
      | duplicate key | kubectl create configmap m --from-literal=a=1 --from-literal=a=2            | another key by that name already exists in Data for ConfigMap                         |
      | no value      | kubectl create configmap m --from-literal=a                                 | error: invalid literal source a, expected key=value                                   |
      | mixed sources | kubectl create configmap m --from-env-file=app.env --from-literal=a=1       | error: from-env-file cannot be combined with from-file or from-literal                |
      | bad key       | kubectl create configmap m --from-literal=a/b=1                             | is not a valid key name for a ConfigMap                                               |

  Scenario: an immutable ConfigMap cannot change
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: frozen}
      immutable: true
      data: {mode: a}
      """
    When I try to apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: frozen}
      immutable: true
      data: {mode: b}
      """
    Then the command fails with "The ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set"

  Scenario: --append-hash names the ConfigMap after its content
    When I run "kubectl create configmap game --from-literal=lives=3 --append-hash"
    Then the output is:
      """
      configmap/game-b4gf5fm9f7 created
      """
    When I run "kubectl create configmap game --from-literal=lives=5 --append-hash"
    Then the output is:
      """
      configmap/game-2b7787tfb5 created
      """
