@epic:Workloads @story:StatefulSet
Feature: web, a StatefulSet whose pods keep their names, hostnames and volumes
  A StatefulSet names its pods <set>-0, <set>-1, ... and creates them one at a time, each Running and Ready
  before the next. Each pod gets hostname = its name and subdomain = the serviceName, so the headless Service
  gives it the DNS name web-0.nginx.default.svc.cluster.local; each gets its own claim www-web-<n> from the
  volumeClaimTemplates, which outlives the pod.

  Background:
    Given a cluster with 3 nodes

  @severity:critical
  Scenario: the seeds' web StatefulSet with its www claims bound to volumes
    Given the manifest "manifests/local-pvs.yaml"
    When I apply the manifest "manifests/web-statefulset.yaml"
    Then there are 2 pods with labels "app=nginx"
    And the pod "web-0" matches:
      """
      metadata:
        labels:
          app: nginx
          statefulset.kubernetes.io/pod-name: web-0
          apps.kubernetes.io/pod-index: "0"
        ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, controller: true, blockOwnerDeletion: true}]
      spec:
        hostname: web-0
        subdomain: nginx
      status: {phase: Running}
      """
    When I run "kubectl get pod web-0 -o jsonpath={.spec.volumes[0]}"
    Then the output is:
      """
      {"name":"www","persistentVolumeClaim":{"claimName":"www-web-0"}}
      """
    And the persistentvolumeclaim "www-web-0" matches:
      """
      metadata: {labels: {app: nginx}}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
      status: {phase: Bound}
      """
    And the pvc "www-web-1" matches:
      """
      status: {phase: Bound}
      """
    And the statefulset "web" matches:
      """
      spec:
        podManagementPolicy: OrderedReady
        updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
        persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Retain}
        revisionHistoryLimit: 10
      status: {replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2, collisionCount: 0, observedGeneration: 1}
      """
    And the statefulset "web" has an event with reason "SuccessfulCreate" and message "create Claim www-web-0 Pod web-0 in StatefulSet web success"
    And the statefulset "web" has an event with reason "SuccessfulCreate" and message "create Pod web-1 in StatefulSet web successful"
    When I run "kubectl get statefulset web"
    Then the output is:
      """
      NAME   READY   AGE
      web    2/2     0s
      """

  Scenario: without volumes for the claims, web-0 waits and web-1 is not created
    When I apply the manifest "manifests/web-statefulset.yaml"
    Then there are 1 pods with labels "app=nginx"
    And the pvc "www-web-0" matches:
      """
      status: {phase: Pending}
      """
    And the pvc "www-web-1" does not exist
    And the pod "web-0" matches:
      """
      status: {phase: Pending}
      """

  Scenario: OrderedReady creates one pod at a time, each Running and Ready before the next
    Given the image "nginx:slow" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        replicas: 3
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: "nginx:slow"}]
      """
    Then there are 1 pods with labels "app=db"
    When 10 seconds pass
    Then there are 2 pods with labels "app=db"
    When 10 seconds pass
    Then there are 3 pods with labels "app=db"
    And the statefulset "db" matches:
      """
      status: {replicas: 3, readyReplicas: 2}
      """
    When 10 seconds pass
    Then the statefulset "db" matches:
      """
      status: {replicas: 3, readyReplicas: 3}
      """

  Scenario: Parallel creates every pod at once
    Given the image "nginx:slow" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        replicas: 3
        podManagementPolicy: Parallel
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: "nginx:slow"}]
      """
    Then there are 3 pods with labels "app=db"
    And the statefulset "db" matches:
      """
      status: {replicas: 3}
      """

  Scenario: a deleted pod comes back with the same name, claim and DNS name
    Given the manifest "manifests/local-pvs.yaml"
    And the manifest "manifests/web-statefulset.yaml"
    When I run "kubectl delete pod web-0"
    Then the pod "web-0" matches:
      """
      spec:
        hostname: web-0
        subdomain: nginx
      status: {phase: Running}
      """
    And the pvc "www-web-0" matches:
      """
      spec: {volumeName: pv-a}
      status: {phase: Bound}
      """
    And "web-0.nginx.default.svc.cluster.local" resolves to the IP of pod "web-0"

  Scenario: deleting one pod of the StatefulSet deletes the highest ordinal, which comes back
    Given the image "nginx:slow" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        replicas: 3
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: "nginx:slow"}]
      """
    And 30 seconds pass
    And I delete one pod of statefulset "web"
    Then the pod "web-2" matches:
      """
      status: {phase: Pending}
      """
    And the pod "web-1" matches:
      """
      status: {phase: Running}
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 3, readyReplicas: 2}
      """
    When 10 seconds pass
    Then the statefulset "web" matches:
      """
      status: {replicas: 3, readyReplicas: 3}
      """

  Scenario: scaling down removes the highest ordinals first and keeps their claims
    Given the manifest "manifests/local-pvs.yaml"
    And the manifest "manifests/web-statefulset.yaml"
    When I run "kubectl scale statefulset web --replicas=1"
    Then the output is:
      """
      statefulset.apps/web scaled
      """
    And the pod "web-1" does not exist
    And the pod "web-0" matches:
      """
      status: {phase: Running}
      """
    And the statefulset "web" has an event with reason "SuccessfulDelete" and message "delete Pod web-1 in StatefulSet web successful"
    And the pvc "www-web-1" matches:
      """
      status: {phase: Bound}
      """
    When I run "kubectl scale statefulset web --replicas=2"
    Then the pod "web-1" matches:
      """
      status: {phase: Running}
      """
    And the pvc "www-web-1" matches:
      """
      spec: {volumeName: pv-b}
      """

  Scenario: persistentVolumeClaimRetentionPolicy whenScaled Delete removes the claims of removed pods
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: cache}
      spec:
        serviceName: cache
        replicas: 2
        podManagementPolicy: Parallel
        persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}
        selector: {matchLabels: {app: cache}}
        template:
          metadata: {labels: {app: cache}}
          spec:
            containers: [{name: redis, image: "redis:7"}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """
    Then the pvc "data-cache-1" matches:
      """
      status: {phase: Pending}
      """
    When I run "kubectl scale statefulset cache --replicas=1"
    Then eventually the pvc "data-cache-1" does not exist
    And the pvc "data-cache-0" matches:
      """
      status: {phase: Pending}
      """

  Scenario: persistentVolumeClaimRetentionPolicy whenDeleted Delete removes the claims with the StatefulSet
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: cache}
      spec:
        serviceName: cache
        replicas: 2
        podManagementPolicy: Parallel
        persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}
        selector: {matchLabels: {app: cache}}
        template:
          metadata: {labels: {app: cache}}
          spec:
            containers: [{name: redis, image: "redis:7"}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """
    Then the pvc "data-cache-0" matches:
      """
      metadata:
        ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: cache}]
      """
    When I run "kubectl delete statefulset cache"
    Then eventually the pvc "data-cache-0" does not exist
    And the pvc "data-cache-1" does not exist
    And there are 0 pods with labels "app=cache"

  Scenario: by default the claims outlive the StatefulSet
    Given the manifest "manifests/web-statefulset.yaml"
    When I run "kubectl delete statefulset web"
    Then there are 0 pods with labels "app=nginx"
    And the pvc "www-web-0" matches:
      """
      status: {phase: Pending}
      """

  Scenario: a rolling update replaces pods from the highest ordinal down, each at the new revision
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        replicas: 3
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: "nginx:1.9.1"}]
      """
    And I run "kubectl set image statefulset/web nginx=nginx:1.25"
    Then there are 2 controllerrevisions with labels "app=nginx"
    And the statefulset "web" matches:
      """
      status: {replicas: 3, updatedReplicas: 3, currentReplicas: 3, readyReplicas: 3}
      """
    And the pod "web-0" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
      """
    And the statefulset "web" has an event with reason "SuccessfulDelete" and message "delete Pod web-2 in StatefulSet web successful"
    When I run "kubectl get controllerrevisions"
    Then the output matches "^NAME +CONTROLLER +REVISION +AGE\nweb-[bcdfghjklmnpqrstvwxz2456789]+ +statefulset.apps/web +[12] +0s\nweb-[bcdfghjklmnpqrstvwxz2456789]+ +statefulset.apps/web +[12] +0s\n?$"

  Scenario: a partition keeps the lower ordinals at the current revision
    Given the image "nginx:slow" takes 10s to start
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        replicas: 3
        podManagementPolicy: Parallel
        updateStrategy:
          type: RollingUpdate
          rollingUpdate: {partition: 2}
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: "nginx:1.9.1"}]
      """
    And I run "kubectl set image statefulset/web nginx=nginx:1.25"
    Then the pod "web-2" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
      """
    And the pod "web-1" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.9.1"}]}
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 3, currentReplicas: 2, updatedReplicas: 1}
      """
    When I run "kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}'"
    Then the pod "web-0" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 3, currentReplicas: 3, updatedReplicas: 3}
      """

  Scenario: OnDelete leaves the pods alone until they are deleted
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        replicas: 2
        updateStrategy: {type: OnDelete}
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: "nginx:1.9.1"}]
      """
    And I run "kubectl set image statefulset/web nginx=nginx:1.25"
    Then the pod "web-1" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.9.1"}]}
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 2, currentReplicas: 2}
      """
    When I run "kubectl delete pod web-1"
    Then the pod "web-1" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.25"}]}
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 2, currentReplicas: 1, updatedReplicas: 1}
      """

  Scenario: a StatefulSet whose template does not match its selector is rejected
    When I try to apply the manifest:
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: nginx, image: "nginx:1.9.1"}]
      """
    Then the command fails with "The StatefulSet \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"

  Scenario: kubectl rollout status, history, undo and restart for a StatefulSet
    Given the manifest "manifests/local-pvs.yaml"
    And the manifest "manifests/web-statefulset.yaml"
    When I run "kubectl rollout status statefulset/web"
    Then the output is:
      """
      partitioned roll out complete: 2 new pods have been updated...
      """
    When I run:
      """
      kubectl annotate statefulset web kubernetes.io/change-cause="nginx 1.25"
      kubectl set image statefulset/web nginx=nginx:1.25
      kubectl rollout history statefulset/web
      """
    Then the output is:
      """
      statefulset.apps/web
      REVISION  CHANGE-CAUSE
      1         <none>
      2         nginx 1.25
      """
    When I run "kubectl rollout undo statefulset/web"
    Then the output is:
      """
      statefulset.apps/web rolled back
      """
    And the pod "web-0" matches:
      """
      spec: {containers: [{name: nginx, image: "nginx:1.9.1"}]}
      """
    When I run "kubectl rollout undo statefulset/web --to-revision=7"
    Then the command fails with "error: unable to find specified revision 7 in history"
    When I run "kubectl rollout restart statefulset/web"
    Then the output is:
      """
      statefulset.apps/web restarted
      """
    And the statefulset "web" matches:
      """
      status: {replicas: 2, readyReplicas: 2, updatedReplicas: 2}
      """
