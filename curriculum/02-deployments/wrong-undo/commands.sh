# a realistic mistake: the rollback names a revision that does not exist; everything before it counts
kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3
kubectl scale deployment my-tomcat --replicas=5
kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.17
kubectl rollout undo deployment/my-tomcat --to-revision=5
