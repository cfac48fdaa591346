@epic:Cluster @story:Sharding
Feature: the Indexed Job of docs/sharding.md runs a suite's shards on a cluster
  docs/kspec-shards-job.yaml fans a kspec suite out as an Indexed Job: four pods at once, each told its
  completion index in JOB_COMPLETION_INDEX (the shard is that plus one), writing its reports to a shared
  ReadWriteMany volume. Applied here to the model, it must schedule, run every shard, and complete.

  Background:
    Given a cluster with 3 nodes
    And the image "kspec-suite:1" exits with code 0 after 40s
    And the manifest:
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: shared-reports}
      spec:
        capacity: {storage: 5Gi}
        accessModes: [ReadWriteMany]
        nfs: {server: 192.168.11.101, path: /exports/reports}
      """

  Scenario: four shards run at once, each with its index, and the Job completes when all have
    When I apply the manifest "../../docs/kspec-shards-job.yaml"
    Then the persistentvolumeclaim "kspec-reports" matches:
      """
      spec: {volumeName: shared-reports}
      status: {phase: Bound}
      """
    And there are 4 pods with labels "job-name=kspec-shards"
    And there are 1 pods with labels "batch.kubernetes.io/job-completion-index=0"
    And there are 1 pods with labels "batch.kubernetes.io/job-completion-index=3"
    When I run "kubectl get pods -l batch.kubernetes.io/job-completion-index=2 -o jsonpath={.items[0].spec.containers[0].env}"
    Then the output is:
      """
      [{"name":"JOB_COMPLETION_INDEX","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}]
      """
    When I run "kubectl get job kspec-shards -o jsonpath={.spec.template.spec.containers[0].args[0]}"
    Then the output contains "npx kspec run --ci --shard $((JOB_COMPLETION_INDEX + 1))/4 $timings"
    And the job "kspec-shards" matches:
      """
      status: {active: 4}
      """
    When 40 seconds pass
    Then the job "kspec-shards" matches:
      """
      status:
        succeeded: 4
        completedIndexes: 0-3
        conditions: [{type: Complete, status: "True"}]
      """
