// One line per pod for a failure message: why it is not running, as `kubectl get pods` and `kubectl describe`
// would show it: the phase, then the first container's waiting or terminated reason and message, else an
// unscheduled pod's PodScheduled reason and message (the scheduler's "0/3 nodes are available: ...").
import type { KObject } from '../api/meta';

function containerReason(pod: KObject): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of statuses) {
    const w = c.state?.waiting,
      t = c.state?.terminated;
    if (w?.reason) return `container ${c.name}: ${w.reason}${w.message ? `: ${w.message}` : ''}`;
    if (t?.reason && t.reason !== 'Completed') return `container ${c.name}: ${t.reason} (exit code ${t.exitCode})`;
    if (c.started === false || c.ready === false) {
      if (!pod.status?.phase || pod.status.phase === 'Running') return `container ${c.name} not ready`;
    }
  }
  return undefined;
}

/** `web-7d4b9-abcde  Pending  container web: ErrImageNeverPull: Container image "x" is not present ...`. */
export function podStatusLine(pod: KObject): string {
  const phase = `${pod.status?.phase ?? 'Pending'}${pod.metadata.deletionTimestamp ? ' (terminating)' : ''}`;
  const scheduled = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  const why =
    containerReason(pod) ??
    (scheduled?.status === 'False'
      ? `${scheduled.reason}: ${scheduled.message ?? ''}`.trim()
      : pod.spec?.nodeName
        ? `on ${pod.spec.nodeName}`
        : 'not scheduled yet');
  return `${pod.metadata.name}  ${phase}  ${why}`;
}

/** A summary line for any object in a count: pods with their reasons, others with their phase if they have one. */
export function objectStatusLine(o: KObject): string {
  if (o.kind === 'Pod') return podStatusLine(o);
  const phase = o.status?.phase
    ? ` (${o.status.phase}${o.metadata.deletionTimestamp ? ', terminating' : ''})`
    : o.metadata.deletionTimestamp
      ? ' (terminating)'
      : '';
  return `${o.metadata.name}${phase}`;
}
