@epic:Curriculum @story:StatefulSets
Feature: lab 7 — web-0 and web-1, each with its name, its DNS record and its volume

  Background:
    Given a cluster with 2 nodes
    And the manifest "environment/local-pvs.yaml"
    When the learner's solution is applied

  @points:2
  Scenario: web runs web-0 and web-1
    * hint: a StatefulSet named web with 2 replicas, selector and template labels app=nginx
    Then eventually the statefulset "web" matches:
      """
      status: {replicas: 2, readyReplicas: 2}
      """
    And the pod "web-0" matches:
      """
      status: {phase: Running}
      """
    And the pod "web-1" matches:
      """
      status: {phase: Running}
      """

  @points:2
  Scenario: each pod has its own bound claim
    * hint: `volumeClaimTemplates` with a claim named www (1Gi, ReadWriteOnce) gives each pod a claim www-<pod>
    Then eventually the pvc "www-web-0" matches:
      """
      status: {phase: Bound}
      """
    And the pvc "www-web-1" matches:
      """
      status: {phase: Bound}
      """

  @points:2
  Scenario: each pod has a stable DNS name under the headless Service
    * hint: the Service nginx must be headless (`clusterIP: None`) and the StatefulSet's `serviceName` must be nginx
    Then eventually the statefulset "web" matches:
      """
      status: {readyReplicas: 2}
      """
    And "web-0.nginx" resolves to the IP of pod "web-0"
    And "web-1.nginx.default.svc.cluster.local" resolves to the IP of pod "web-1"
