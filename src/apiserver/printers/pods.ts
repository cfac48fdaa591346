// printPod (pkg/printers/internalversion/printers.go): READY, STATUS and RESTARTS as kubectl computes them.

import type { KObject } from '../../api/meta';
import { since } from '../../api/format';
import { formatTime } from '../../runtime/clock';

const isRestartable = (c: any) => c?.restartPolicy === 'Always';

export function printPodRow(pod: KObject, now: number): string[] {
  const spec = pod.spec ?? {},
    status = pod.status ?? {};
  let restarts = 0,
    restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = 0,
    lastRestartableInitRestart = 0;
  let reason: string = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? [])
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = new Map<string, any>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }
  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const fin = c.lastState?.terminated?.finishedAt ? Date.parse(c.lastState.terminated.finishedAt) : 0;
    if (fin > lastRestart) lastRestart = fin;
    if (isRestartable(inits.get(c.name))) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (fin > lastRestartableInitRestart) lastRestartableInitRestart = fin;
    }
    const t = c.state?.terminated,
      w = c.state?.waiting;
    if (t && t.exitCode === 0) continue;
    if (isRestartable(inits.get(c.name)) && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (t)
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (w && w.reason && w.reason !== 'PodInitializing') reason = `Init:${w.reason}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs: any[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      const fin = c.lastState?.terminated?.finishedAt ? Date.parse(c.lastState.terminated.finishedAt) : 0;
      if (fin > lastRestart) lastRestart = fin;
      const w = c.state?.waiting,
        t = c.state?.terminated;
      if (w && w.reason) reason = w.reason;
      else if (t && t.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart) restartsStr = `${restarts} (${since(formatTime(lastRestart), now)} ago)`;
  return [
    pod.metadata.name!,
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    since(pod.metadata.creationTimestamp, now),
  ];
}

export function podWide(pod: KObject): string[] {
  const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
  const gates: any[] = pod.spec?.readinessGates ?? [];
  let readiness = '<none>';
  if (gates.length) {
    const ok = gates.filter((g) =>
      (pod.status?.conditions ?? []).some((c: any) => c.type === g.conditionType && c.status === 'True'),
    ).length;
    readiness = `${ok}/${gates.length}`;
  }
  return [ip, pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readiness];
}
