// How long a container's preStop hook takes when it does not run a command (kuberuntime_container.go
// executePreStopHook): the sleep action (`sleep: {seconds: N}`, PodLifecycleSleepAction, on in v1.30) takes N
// seconds; an httpGet hook returns at once. Exec hooks run in the container (runtime/container.ts runToEnd).
export function preStopMs(hook: any): number {
  if (hook?.sleep?.seconds !== undefined) return Number(hook.sleep.seconds) * 1000;
  return 0;
}
