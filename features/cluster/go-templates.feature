@epic:Cluster @story:GoTemplates
Feature: -o go-template and --template print through Go's text/template as kubectl does
  kubectl runs the template on the object as JSON decodes it (whole numbers are int64), with text/template's
  functions and kubectl's base64decode and exists; a missing key prints `<no value>`; an error prints kubectl's
  debugging text and fails the command.

  Background:
    Given a cluster with 2 nodes

  Scenario: the documentation's templates
    When I run "kubectl create deployment web --image=nginx:1.25 --replicas=2"
    And I run "kubectl get pods -l app=web -o go-template='{{range .items}}{{.metadata.name}}{{\"\n\"}}{{end}}'"
    Then the output matches "^web-[a-z0-9]+-[a-z0-9]{5}\nweb-[a-z0-9]+-[a-z0-9]{5}$"
    When I run "kubectl get deployment web -o go-template --template='{{.spec.replicas}} {{printf \"%d/%d\" .status.readyReplicas .spec.replicas}} {{if eq .spec.replicas 2}}two{{end}}'"
    Then the output is:
      """
      2 2/2 two
      """
    When I run "kubectl get deploy web --template='{{range .spec.template.spec.containers}}{{.name}}: {{.image}}{{end}} {{.metadata.annotations.nope}}'"
    Then the output is:
      """
      nginx: nginx:1.25 <no value>
      """

  Scenario: base64decode reads a Secret
    When I run "kubectl create secret generic db --from-literal=password=s3cr3t"
    And I run "kubectl get secret db -o go-template='{{.data.password | base64decode}}'"
    Then the output is:
      """
      s3cr3t
      """

  Scenario: a template that fails
    When I run "kubectl create deployment web --image=nginx"
    And I run "kubectl get deployment web -o go-template='{{if eq .spec.replicas 1.0}}one{{end}}'"
    Then the command fails with "error: error executing template \"{{if eq .spec.replicas 1.0}}one{{end}}\": template: output:1:5: executing \"output\" at <eq .spec.replicas 1.0>: error calling eq: incompatible types for comparison"
    And the output contains "Error executing template: template: output:1:5: executing \"output\" at <eq .spec.replicas 1.0>: error calling eq: incompatible types for comparison. Printing more information for debugging the template:"
    When I run "kubectl get deployment web -o go-template='{{.spec.replicas'"
    Then the command fails with "error: error parsing template {{.spec.replicas, template: output:1: unclosed action"
