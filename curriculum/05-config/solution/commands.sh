kubectl create configmap app-config --from-literal=MODE=production --from-literal=LOG_LEVEL=debug
kubectl create secret generic db-secret --from-literal=password=s3cr3t-pass
