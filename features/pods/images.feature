Feature: image behaviours
  Containers do not run: an image's declared behaviour says what its containers do. The kubelet pulls,
  creates, starts and restarts them as a real one would, with the same states, reasons and events.

  Scenario: an image that crashes on start goes into CrashLoopBackOff
    Given a cluster with 1 node
    And the image "crasher:1" crashes on start
    When I run "kubectl run crasher --image=crasher:1"
    Then the pod "crasher" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - name: crasher
          restartCount: 1
          ready: false
          state: {waiting: {reason: CrashLoopBackOff}}
          lastState: {terminated: {exitCode: 1, reason: Error}}
      """
    And the pod "crasher" has an event with reason "BackOff" and message "Back-off restarting failed container crasher in pod crasher_default("
    When I run "kubectl get pod crasher"
    Then the output is:
      """
      NAME      READY   STATUS             RESTARTS     AGE
      crasher   0/1     CrashLoopBackOff   1 (0s ago)   0s
      """

  Scenario: an image that exits 0 completes a pod that never restarts
    Given the image "batch:1" exits with code 0 after 30 seconds
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: once}
      spec:
        restartPolicy: Never
        containers:
        - {name: work, image: batch:1}
      """
    Then the pod "once" matches:
      """
      status: {phase: Running}
      """
    And within 30s the pod "once" matches:
      """
      status:
        phase: Succeeded
        containerStatuses:
        - state: {terminated: {exitCode: 0, reason: Completed}}
      """
    And the pod "once" has condition "Ready" with status "False" and reason "PodCompleted"
    When I run "kubectl get pod once"
    Then the output contains "Completed"

  Scenario: a non-zero exit fails a pod with restartPolicy Never
    Given the image "batch:2" exits with code 2 after 5s
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: broken}
      spec:
        restartPolicy: Never
        containers:
        - {name: work, image: batch:2}
      """
    And 5 seconds pass
    Then the pod "broken" matches:
      """
      status:
        phase: Failed
        containerStatuses:
        - restartCount: 0
          state: {terminated: {exitCode: 2, reason: Error}}
      """
    When I run "kubectl get pod broken"
    Then the output contains "0/1     Error"

  Scenario: a slow image keeps the pod in ContainerCreating
    Given the image "slow:1" takes 20 seconds to start
    When I run "kubectl run slow --image=slow:1"
    Then the pod "slow" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - {ready: false, started: false, state: {waiting: {reason: ContainerCreating}}}
      """
    When I run "kubectl get pod slow"
    Then the output contains "ContainerCreating"
    When 20 seconds pass
    Then the pod "slow" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - {ready: true, started: true}
      """

  Scenario: an image that cannot be pulled: ErrImagePull, then ImagePullBackOff
    Given a cluster with 1 node
    And the image "nginx:does-not-exist" cannot be pulled
    When I run "kubectl run web --image=nginx:does-not-exist"
    Then the pod "web" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: ErrImagePull}}
      """
    And the pod "web" has an event with reason "Failed" and message "Failed to pull image \"nginx:does-not-exist\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:does-not-exist\""
    And the pod "web" has an event with reason "Failed" and message "Error: ErrImagePull"
    When 1 second passes
    Then the pod "web" matches:
      """
      status:
        containerStatuses:
        - state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \"nginx:does-not-exist\""}}
      """
    And the pod "web" has an event with reason "BackOff" and message "Back-off pulling image \"nginx:does-not-exist\""
    And the pod "web" has an event with reason "Failed" and message "Error: ImagePullBackOff"
    When I run "kubectl get pod web"
    Then the output is:
      """
      NAME   READY   STATUS             RESTARTS   AGE
      web    0/1     ImagePullBackOff   0          1s
      """

  Scenario: a private image pulls only with a matching docker-registry secret
    Given a cluster with 1 node
    And the image "registry.example.com/team/app:1.0" is private
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: nocreds}
      spec:
        containers:
        - {name: app, image: registry.example.com/team/app:1.0}
      """
    Then the pod "nocreds" matches:
      """
      status:
        containerStatuses:
        - state: {waiting: {reason: ErrImagePull}}
      """
    And the pod "nocreds" has an event with reason "Failed" and message "pull access denied, repository does not exist or may require authorization"
    When I run "kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=me --docker-password=pw"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: withcreds}
      spec:
        imagePullSecrets:
        - name: regcred
        containers:
        - {name: app, image: registry.example.com/team/app:1.0}
      """
    Then the pod "withcreds" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - {ready: true, image: "registry.example.com/team/app:1.0"}
      """

  Scenario: a pull secret for another registry does not help
    Given the image "registry.example.com/team/app:1.0" is private
    When I run "kubectl create secret docker-registry hubcred --docker-username=me --docker-password=pw"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: wrongcreds}
      spec:
        imagePullSecrets:
        - name: hubcred
        - name: missing
        containers:
        - {name: app, image: registry.example.com/team/app:1.0}
      """
    Then the pod "wrongcreds" matches:
      """
      status:
        containerStatuses:
        - state: {waiting: {reason: ErrImagePull}}
      """
    And the pod "wrongcreds" has an event with reason "FailedToRetrieveImagePullSecret" and message "Unable to retrieve some image pull secrets (\"missing\"); attempting to pull the image may not succeed."

  Scenario: an image that fails its readiness probe keeps the pod out of service
    Given the image "web:broken" fails its readiness probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        containers:
        - name: web
          image: web:broken
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            periodSeconds: 5
      """
    And 30 seconds pass
    Then the pod "web" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - {ready: false, started: true, restartCount: 0, state: {running: {}}}
      """
    And the pod "web" has condition "Ready" with status "False", reason "ContainersNotReady" and message "containers with unready status: [web]"
    And the pod "web" has an event with reason "Unhealthy" and message "Readiness probe failed: HTTP probe failed with statuscode: 500"
    When I run "kubectl get pod web"
    Then the output contains "0/1     Running   0"

  Scenario: an image that fails its liveness probe is restarted
    Given a cluster with 1 node
    And the image "web:hangs" fails its liveness probe
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: web
          image: web:hangs
          livenessProbe:
            exec:
              command: [cat, /tmp/healthy]
            initialDelaySeconds: 5
            periodSeconds: 5
      """
    And 15 seconds pass
    Then the pod "web" matches:
      """
      status:
        containerStatuses:
        - restartCount: 1
          lastState: {terminated: {exitCode: 137, reason: Error}}
      """
    And the pod "web" has an event with reason "Unhealthy" and message "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
    And the pod "web" has an event with reason "Killing" and message "Container web failed liveness probe, will be restarted"

  Scenario: one image, two behaviours: a pod annotation overrides the image for one container
    Given the image "app:1" takes 10 seconds to start
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: canary
        annotations:
          behaviour.kspec.io/app: "exits with code 3 after 1s"
      spec:
        restartPolicy: Never
        containers:
        - {name: app, image: "app:1"}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: stable}
      spec:
        restartPolicy: Never
        containers:
        - {name: app, image: "app:1"}
      """
    And 11 seconds pass
    Then the pod "canary" matches:
      """
      status: {phase: Failed, containerStatuses: [{state: {terminated: {exitCode: 3}}}]}
      """
    And the pod "stable" matches:
      """
      status: {phase: Running}
      """

  Scenario: an unreadable behaviour annotation is reported
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: odd
        annotations:
          behaviour.kspec.io/app: "dances on start"
      spec:
        containers:
        - {name: app, image: "nginx:1.25"}
      """
    Then the pod "odd" has an event with reason "InvalidImageBehaviour" and message "unknown image behaviour \"dances on start\""
    And the pod "odd" matches:
      """
      status: {phase: Running}
      """

  Scenario: imagePullPolicy decides when the kubelet pulls
    Given a cluster with 1 node
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: first}
      spec:
        containers:
        - {name: app, image: "nginx:1.25"}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: second}
      spec:
        containers:
        - {name: app, image: "nginx:1.25", imagePullPolicy: IfNotPresent}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: always}
      spec:
        containers:
        - {name: app, image: "nginx:1.25", imagePullPolicy: Always}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: never}
      spec:
        containers:
        - {name: app, image: "redis:7", imagePullPolicy: Never}
      """
    Then the pod "first" has an event with reason "Pulling" and message "Pulling image \"nginx:1.25\""
    And the pod "second" has an event with reason "Pulled" and message "Container image \"nginx:1.25\" already present on machine"
    And the pod "always" has an event with reason "Pulling" and message "Pulling image \"nginx:1.25\""
    And the pod "never" has an event with reason "ErrImageNeverPull" and message "Container image \"redis:7\" is not present with pull policy of Never"
    And the pod "never" matches:
      """
      status:
        phase: Pending
        containerStatuses:
        - state: {waiting: {reason: ErrImageNeverPull, message: "Container image \"redis:7\" is not present with pull policy of Never"}}
      """

  Scenario: fixing an image that cannot be pulled with kubectl set image
    Given the image "nginx:1.255" cannot be pulled
    When I run "kubectl run web --image=nginx:1.255"
    And 1 second passes
    Then the pod "web" matches:
      """
      status: {containerStatuses: [{state: {waiting: {reason: ImagePullBackOff}}}]}
      """
    When I run "kubectl set image pod/web web=nginx:1.25"
    Then the pod "web" matches:
      """
      status:
        phase: Running
        containerStatuses:
        - {ready: true, restartCount: 0, image: "docker.io/library/nginx:1.25"}
      """

  Scenario: a new image for a running container restarts it
    When I run "kubectl run web --image=nginx:1.25"
    And I run "kubectl set image pod/web web=nginx:1.26"
    Then the pod "web" matches:
      """
      status:
        containerStatuses:
        - {ready: true, restartCount: 1, image: "docker.io/library/nginx:1.26", lastState: {terminated: {exitCode: 137}}}
      """
    And the pod "web" has an event with reason "Killing" and message "Container web definition changed, will be restarted"
