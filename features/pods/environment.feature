Feature: container environment
  The kubelet builds each container's environment when it creates it: env values with $(VAR) references,
  values from ConfigMaps, Secrets, the pod's own fields and its resources, and envFrom with a prefix.
  A missing ConfigMap, Secret or key keeps the container waiting in CreateContainerConfigError.

  Background:
    Given a cluster with 1 node

  Scenario: env from values, references, ConfigMaps, Secrets and the downward API
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app-config}
      data:
        MODE: production
        log.level: debug
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      stringData:
        password: s3cret
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app, labels: {tier: web}}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          resources:
            limits: {memory: 128Mi}
          envFrom:
          - prefix: CFG_
            configMapRef: {name: app-config}
          env:
          - {name: GREETING, value: hello}
          - {name: MESSAGE, value: "$(GREETING) from $(POD_NAME)"}
          - name: POD_NAME
            valueFrom: {fieldRef: {fieldPath: metadata.name}}
          - name: POD_IP
            valueFrom: {fieldRef: {fieldPath: status.podIP}}
          - name: TIER
            valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password}}
          - name: MEMORY_MI
            valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
      """
    When I run "kubectl exec app -- env"
    Then the output contains:
      """
      GREETING=hello
      MESSAGE=hello from $(POD_NAME)
      POD_NAME=app
      POD_IP=10.244.1.2
      TIER=web
      DB_PASSWORD=s3cret
      MEMORY_MI=128
      """
    And the output contains "CFG_MODE=production"
    And the output contains "CFG_log.level=debug"
    And the output contains "HOSTNAME=app"
    When I run "kubectl exec app -- printenv DB_PASSWORD"
    Then the output is:
      """
      s3cret
      """

  Scenario: invalid envFrom keys are skipped with an event
    Given the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: odd}
      data:
        GOOD: "1"
        1BAD: "2"
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          envFrom:
          - configMapRef: {name: odd}
      """
    Then the pod "app" has an event with reason "InvalidEnvironmentVariableNames" and message "Keys [1BAD] from the EnvFrom configMap default/odd were skipped since they are considered invalid environment variable names."
    When I run "kubectl exec app -- env"
    Then the output contains "GOOD=1"
    And the output does not contain "1BAD"

  Scenario: a missing ConfigMap keeps the container in CreateContainerConfigError until it exists
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          env:
          - name: MODE
            valueFrom: {configMapKeyRef: {name: app-config, key: MODE}}
      """
    Then the pod "app" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: CreateContainerConfigError, message: "configmap \"app-config\" not found"}}
      """
    And the pod "app" has an event with reason "Failed" and message "Error: configmap \"app-config\" not found"
    When I run "kubectl get pod app"
    Then the output is:
      """
      NAME   READY   STATUS                       RESTARTS   AGE
      app    0/1     CreateContainerConfigError   0          0s
      """
    When I run "kubectl create configmap app-config --from-literal=OTHER=1"
    And 10 seconds pass
    Then the pod "app" matches:
      """
      status:
        containerStatuses:
        - state: {waiting: {reason: CreateContainerConfigError, message: "couldn't find key MODE in ConfigMap default/app-config"}}
      """
    When I run "kubectl delete configmap app-config"
    And I run "kubectl create configmap app-config --from-literal=MODE=production"
    And 10 seconds pass
    Then the pod "app" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl exec app -- printenv MODE"
    Then the output is:
      """
      production
      """

  Scenario: optional references may be missing
    Given the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: app}
      spec:
        containers:
        - name: app
          image: nginx:1.25
          envFrom:
          - secretRef: {name: extra, optional: true}
          env:
          - name: MODE
            valueFrom: {configMapKeyRef: {name: app-config, key: MODE, optional: true}}
      """
    Then the pod "app" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl exec app -- printenv MODE"
    Then the command fails
    And the command fails with "command terminated with exit code 1"
