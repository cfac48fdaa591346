# a common mistake: the pod lands in the default namespace
kubectl create namespace dev
kubectl run nginx --image=nginx:1.25 --labels=app=nginx
