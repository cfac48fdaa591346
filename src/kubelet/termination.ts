// How long a container's preStop hook takes (kuberuntime_container.go executePreStopHook). Hooks do not run;
// the time is read from the hook: the sleep action (`sleep: {seconds: N}`, PodLifecycleSleepAction, on in
// v1.30), or an exec hook whose command is `sleep N` (directly or through `sh -c`). Other hooks return at once.
export function preStopMs(hook: any): number {
  if (!hook) return 0;
  if (hook.sleep?.seconds !== undefined) return Number(hook.sleep.seconds) * 1000;
  const cmd: string[] = hook.exec?.command ?? [];
  const script = cmd.length >= 3 && /sh$/.test(cmd[0]) && cmd[1] === '-c' ? cmd[2] : cmd.join(' ');
  const m = /(?:^|[;&|]\s*|\s)sleep\s+(\d+(?:\.\d+)?)/.exec(script.trim());
  return m ? Math.round(Number(m[1]) * 1000) : 0;
}
