# scaled to 4, and never rolled back
kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3
kubectl scale deployment my-tomcat --replicas=4
kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.17
