// Killing a pod's containers (kuberuntime_manager.go killPodWithSyncResult, kuberuntime_container.go killContainer,
// kuberuntime_termination_order.go), on the virtual clock. The kubelet kills a pod when it is deleted, and when its
// regular containers have all finished and none will restart (computePodActions' KillPod): the sidecars of a Job's
// pod go then. Every running container gets `Killing` and runs its preStop hook at once; then
//   - a regular container gets SIGTERM when its hook ends;
//   - a sidecar (restartable init container) waits for its turn: until every regular container has exited and the
//     next sidecar after it has exited, so sidecars stop in reverse order, but never past its grace period;
// and SIGKILL comes when what is left of the grace period (whole seconds: the hook's time and the wait are taken
// off it, truncated) has passed after the SIGTERM, at least 2 seconds (minimumGracePeriodInSeconds).
import type { ContainerRecord } from './container';
import { stateOf } from './container';

/** minimumGracePeriodInSeconds: a container always gets this long after its SIGTERM. */
export const MIN_GRACE_MS = 2000;

export interface Stopping {
  /** when its preStop hook ends (the kill began then, if it has none) */
  hookEndsAt: number;
  /** the grace period left once the hook has run, in whole seconds as ms */
  graceMs: number;
  /** the containers whose exit it waits for before its SIGTERM */
  after: ContainerRecord[];
  /** when it gets SIGTERM and SIGKILL, once its turn is known */
  termAt?: number;
  killAt?: number;
  termSent?: boolean;
  /** when it stopped (exited, or was never started) */
  stoppedAt?: number;
}

const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Whether the kubelet kills this container: it runs, or was created and is about to. */
export const killable = (c: ContainerRecord) =>
  !c.stopping && (stateOf(c) === 'running' || (c.startAt !== undefined && !c.terminated));

/**
 * Begins the kill at `now` with a grace period: each container killed gets its Stopping (the returned ones, in the
 * order their `Killing` events are recorded). `preStopMs` is how long a container's hook runs (at most the grace).
 */
export function beginKill(
  init: ContainerRecord[],
  containers: ContainerRecord[],
  now: number,
  graceMs: number,
  preStopMs: (c: ContainerRecord) => number,
): ContainerRecord[] {
  const killed = [...containers, ...init].filter(killable);
  const runningSet = new Set(killed);
  for (const c of killed) {
    const hook = graceMs > 0 ? Math.min(graceMs, preStopMs(c)) : 0;
    c.stopping = {
      hookEndsAt: now + hook,
      graceMs: Math.max(0, wholeSeconds(graceMs) - wholeSeconds(hook)),
      after: [],
    };
  }
  // newTerminationOrdering: a sidecar waits for the regular containers and the next sidecar after it
  let later: ContainerRecord | undefined;
  for (let i = init.length - 1; i >= 0; i--) {
    const c = init[i];
    if (!c.sidecar) continue;
    if (c.stopping)
      c.stopping.after = [
        ...containers.filter((x) => runningSet.has(x)),
        ...(later && runningSet.has(later) ? [later] : []),
      ];
    later = c;
  }
  return killed;
}

/**
 * When the container gets its SIGTERM, once that is known at `now` (its turn came, or the grace period ran out
 * waiting); undefined while it still waits, with `wakeAt` the time its wait gives up.
 */
export function turnOf(c: ContainerRecord, now: number): { termAt?: number; wakeAt?: number } {
  const s = c.stopping!;
  if (s.termAt !== undefined) return { termAt: s.termAt };
  const limit = s.hookEndsAt + s.graceMs;
  const exits = s.after.map((x) => x.stopping?.stoppedAt);
  let at: number | undefined;
  if (exits.every((t) => t !== undefined)) at = Math.min(limit, Math.max(s.hookEndsAt, ...(exits as number[])));
  else if (now >= limit || s.graceMs === 0) at = s.graceMs === 0 ? s.hookEndsAt : limit;
  if (at === undefined) return { wakeAt: limit };
  const waited = wholeSeconds(at - s.hookEndsAt);
  s.termAt = at;
  s.killAt = at + Math.max(MIN_GRACE_MS, s.graceMs - waited);
  return { termAt: at };
}

/**
 * The containers in the order their stops are worked out: the regular containers, then the sidecars last to first
 * (each one's turn depends on those before it in this order).
 */
export function killOrder(init: ContainerRecord[], containers: ContainerRecord[]): ContainerRecord[] {
  return [...containers, ...init.filter((c) => !c.sidecar), ...init.filter((c) => c.sidecar).reverse()].filter(
    (c) => c.stopping,
  );
}

/**
 * A second delete with a shorter grace period: the pod worker restarts the kill, so nothing runs past the new
 * deadline (a hook is cut there, a SIGTERM not yet sent is sent then).
 */
export function shortenKill(cs: ContainerRecord[], deadline: number): void {
  for (const c of cs) {
    const s = c.stopping;
    if (!s || s.stoppedAt !== undefined) continue;
    s.hookEndsAt = Math.min(s.hookEndsAt, deadline);
    s.graceMs = Math.min(s.graceMs, Math.max(0, deadline - s.hookEndsAt));
    if (s.termAt !== undefined) {
      s.termAt = Math.min(s.termAt, deadline);
      s.killAt = Math.min(s.killAt!, Math.max(deadline, s.termAt));
    }
  }
}
