// The container runtime's record of one container and its state machine: pull, create, start (after the
// image's start delay), run (its command's process on the virtual clock, runtime/process.ts, or the image's
// declared behaviour), exit, restart per restartPolicy with the CrashLoopBackOff back-off
// (pkg/kubelet/container/helpers.go ShouldContainerBeRestarted; kuberuntime_manager.go doBackOff with the
// flowcontrol back-off in backoff.ts).
import type { ImageBehaviour } from '../world/images';
import type { BackoffEntry } from './backoff';
import type { ProbeWorker } from './prober';
import type { EnvVar } from './env';
import type { Process } from './runtime/process';
import type { Stopping } from './kill';

export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS } from './backoff';

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}
export interface LogEntry {
  at: number;
  text: string;
}

export interface ContainerRecord {
  name: string;
  image: string;
  /** a restartable init container (native sidecar) */
  sidecar: boolean;
  /** created (has an id) but not yet running, until startAt */
  containerID?: string;
  startAt?: number;
  startedAt?: number;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  /** the restart back-off entry (doBackOff), keyed by the container */
  backoff?: BackoffEntry;
  /** waiting in CrashLoopBackOff until then */
  backoffUntil?: number;
  /** the image pull back-off entry (image_manager.go), keyed by pod and image */
  pullBackoff?: BackoffEntry;
  waiting?: { reason: string; message?: string };
  probes: ProbeWorker[];
  /** the environment the container was created with */
  env?: EnvVar[];
  /** log lines of the current and the previous instance */
  logs?: LogEntry[];
  lastLogs?: LogEntry[];
  /** the command line PID 1 runs, when kspec runs it (runtime/container.ts) */
  argv?: string[];
  /** the running instance's processes */
  proc?: Process;
  /** set once the kubelet kills the container (kill.ts): its preStop hook, turn, SIGTERM and SIGKILL */
  stopping?: Stopping;
}

/** convertToAPIContainerStatuses' default waiting reason: PodInitializing in a pod with init containers. */
export const defaultWaiting = (podHasInit: boolean) => (podHasInit ? 'PodInitializing' : 'ContainerCreating');

export function newContainer(
  name: string,
  image: string,
  sidecar = false,
  probes: ProbeWorker[] = [],
  podHasInit = false,
): ContainerRecord {
  return { name, image, sidecar, restartCount: 0, waiting: { reason: defaultWaiting(podHasInit) }, probes };
}

export type ContainerState = 'waiting' | 'running' | 'terminated';
export function stateOf(c: ContainerRecord): ContainerState {
  if (c.terminated) return 'terminated';
  if (c.startedAt !== undefined) return 'running';
  return 'waiting';
}

/** ShouldContainerBeRestarted, for a terminated container of a pod not being deleted. */
export function shouldRestart(policy: string, exitCode: number): boolean {
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}

/** How a container's exit is reported: OOMKilled when the behaviour says so, else Completed or Error. */
export function exitReason(b: ImageBehaviour, exitCode: number): string {
  if (b.oomKilled) return 'OOMKilled';
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** Starts a created container once its start time has come; returns when it will start if it has not yet. */
export function startIfDue(c: ContainerRecord, b: ImageBehaviour, now: number): number | undefined {
  if (c.startAt !== undefined && c.startedAt === undefined) {
    if (now < c.startAt) return c.startAt;
    c.startedAt = c.startAt;
    c.startAt = undefined;
    c.waiting = undefined;
    c.logs = (b.logs ?? []).map((text) => ({ at: c.startedAt!, text }));
  }
  return undefined;
}

/** Runs what is due for a running container up to `now`; returns the next time it needs a look. */
export function runDue(c: ContainerRecord, b: ImageBehaviour, now: number): number | undefined {
  const p = c.proc;
  if (p && c.startedAt !== undefined && !c.terminated) {
    p.advance(now);
    if (p.running && p.stopped?.word) p.kill(127);
    if (p.running) return p.nextWake();
    const unsupported = p.stopped?.word ? p.stopped : undefined;
    const reason = p.startError ? 'StartError' : unsupported ? 'UnsupportedCommand' : exitReason(b, p.exitCode!);
    const message = p.startError ?? unsupported?.message;
    c.terminated = {
      exitCode: p.exitCode!,
      reason,
      ...(message ? { message } : {}),
      startedAt: c.startedAt,
      finishedAt: p.exitedAt!,
      containerID: c.containerID!,
    };
    return undefined;
  }
  if (c.startedAt !== undefined && !c.terminated && b.exitCode !== undefined) {
    const exitAt = c.startedAt + (b.exitAfterMs ?? 0);
    if (now < exitAt) return exitAt;
    c.terminated = {
      exitCode: b.exitCode,
      reason: exitReason(b, b.exitCode),
      startedAt: c.startedAt,
      finishedAt: exitAt,
      containerID: c.containerID!,
    };
  }
  return undefined;
}

/** Stops a running container at `at` (a kill: exit code 137 unless given). */
export function kill(c: ContainerRecord, at: number, exitCode = 137): void {
  if (c.startedAt === undefined || c.terminated) return;
  const p = c.proc;
  if (p?.running) {
    p.now = Math.max(p.now, at);
    p.kill(exitCode);
  }
  const code = p ? p.exitCode! : exitCode;
  c.terminated = {
    exitCode: code,
    reason: code === 0 ? 'Completed' : 'Error',
    startedAt: c.startedAt,
    finishedAt: p ? p.exitedAt! : at,
    containerID: c.containerID!,
  };
}

/** Moves a terminated container's state to lastState, ready for its next start. */
export function retire(c: ContainerRecord): void {
  c.lastTerminated = c.terminated;
  c.lastLogs = c.logs;
  c.logs = undefined;
  c.proc = undefined;
  c.terminated = undefined;
  c.startedAt = undefined;
}
