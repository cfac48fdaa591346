# kubectl create cronjob leaves concurrencyPolicy Allow and keeps 3 successful Jobs
kubectl create cronjob hello --image=busybox:1.36 --schedule="*/1 * * * *" -- /bin/sh -c "date; echo Hello from the Kubernetes cluster"
