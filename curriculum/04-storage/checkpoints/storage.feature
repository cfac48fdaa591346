@epic:Curriculum @story:Storage
Feature: lab 4 — a static volume for web's pages, a dynamic one for logs

  Background:
    Given a cluster with 3 nodes
    And the manifest "environment/nfs-provisioner.yaml"
    When the learner's solution is applied

  @points:2
  Scenario: data-claim is bound to the volume pv-data
    * hint: the claim binds only a volume of the same class (manual), an access mode it asks for (ReadWriteMany) and at least its size
    Then the pvc "data-claim" matches:
      """
      spec: {volumeName: pv-data, storageClassName: manual}
      status: {phase: Bound, capacity: {storage: 1Gi}}
      """
    And the pv "pv-data" matches:
      """
      spec:
        claimRef: {name: data-claim, namespace: default}
      status: {phase: Bound}
      """

  @points:2
  Scenario: the pod web mounts data-claim
    * hint: the pod needs a volume with `persistentVolumeClaim: {claimName: data-claim}` and a volumeMount at /usr/share/nginx/html
    Then eventually the pod "web" matches:
      """
      status: {phase: Running}
      """
    When I run "kubectl get pod web -o jsonpath={.spec.volumes[*].persistentVolumeClaim.claimName}"
    Then the output is:
      """
      data-claim
      """

  @points:2
  Scenario: logs-claim gets a volume from the nfs-storage class
    * hint: a StorageClass nfs-storage with `provisioner: k8s-sigs.io/nfs-subdir-external-provisioner`, and the claim names it in `storageClassName`
    Then eventually the pvc "logs-claim" matches:
      """
      spec: {storageClassName: nfs-storage}
      status: {phase: Bound, capacity: {storage: 200Mi}}
      """
    And the pvc "logs-claim" has an event with reason "ProvisioningSucceeded"
