kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=2
kubectl expose deployment my-tomcat --port=8080
