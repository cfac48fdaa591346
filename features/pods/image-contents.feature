@epic:Pods @story:Images
Feature: files an image holds, which its containers' commands use
  `Given the image "x" contains the file "/p"` puts a file in the image: each container of the image starts with it
  in its own layer, as it starts with the image's files (a volume mounted over its directory hides it). The
  command the manifest gives then works with it as written: the javaweb pod's init container copies the war the
  sample image holds into an emptyDir, and tomcat, started by a script its image holds, deploys it.

  Background:
    Given a cluster with 1 node
    And the image "geektime/sample:v2" contains the file "/sample.war" with:
      """
      PK (a web application archive)
      """
    And the image "geektime/tomcat:7.0" contains the file "/root/apache-tomcat-7.0.42-v2/bin/start.sh" with:
      """
      #!/bin/sh
      exec /root/apache-tomcat-7.0.42-v2/bin/catalina.sh run
      """

  Scenario: the javaweb pod as written: cp /sample.war /app into an emptyDir that tomcat serves
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: javaweb-2
      spec:
        initContainers:
        - image: geektime/sample:v2
          name: war
          command: ["cp", "/sample.war", "/app"]
          volumeMounts:
          - mountPath: /app
            name: app-volume
        containers:
        - image: geektime/tomcat:7.0
          name: tomcat
          command: ["sh","-c","/root/apache-tomcat-7.0.42-v2/bin/start.sh"]
          volumeMounts:
          - mountPath: /root/apache-tomcat-7.0.42-v2/webapps
            name: app-volume
          ports:
          - containerPort: 8080
            hostPort: 8001
        volumes:
        - name: app-volume
          emptyDir: {}
      """
    Then the pod "javaweb-2" matches:
      """
      status:
        phase: Running
        initContainerStatuses:
        - {name: war, state: {terminated: {exitCode: 0, reason: Completed}}}
        containerStatuses:
        - {name: tomcat, ready: true, state: {running: {}}}
      """
    And the pod "javaweb-2" has no event with reason "UnsupportedCommand"
    When I run "kubectl exec javaweb-2 -c tomcat -- ls /root/apache-tomcat-7.0.42-v2/webapps"
    Then the output is:
      """
      sample.war
      """
    When I run "kubectl exec javaweb-2 -c tomcat -- cat /root/apache-tomcat-7.0.42-v2/webapps/sample.war"
    Then the output is:
      """
      PK (a web application archive)
      """
    When I run "kubectl run client --image=busybox:1.36 --restart=Never -- wget -S --spider http://10.244.1.2:8080/sample/"
    And 1 second passes
    Then the pod "client" matches:
      """
      status: {phase: Succeeded}
      """
    When I run "kubectl run missing --image=busybox:1.36 --restart=Never -- wget -q --spider http://10.244.1.2:8080/other/"
    And 1 second passes
    And I run "kubectl logs missing"
    Then the output is:
      """
      wget: server returned error: HTTP/1.1 404 Not Found
      """

  Scenario: without the war the init container fails as cp does
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: nowar}
      spec:
        restartPolicy: Never
        initContainers:
        - {name: war, image: "geektime/sample:v1", command: ["cp", "/sample.war", "/app"], volumeMounts: [{mountPath: /app, name: app}]}
        containers:
        - {name: tomcat, image: "geektime/tomcat:7.0", command: ["sh", "-c", "/root/apache-tomcat-7.0.42-v2/bin/start.sh"]}
        volumes: [{name: app, emptyDir: {}}]
      """
    Then the pod "nowar" matches:
      """
      status:
        phase: Failed
        initContainerStatuses:
        - {name: war, state: {terminated: {exitCode: 1, reason: Error}}}
      """
    When I run "kubectl logs nowar -c war"
    Then the output is:
      """
      cp: cannot stat '/sample.war': No such file or directory
      """
