# the NodePort Service gets a random port: kubectl expose cannot choose one
kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl expose deployment web --name=web-nodeport --port=80 --type=NodePort
