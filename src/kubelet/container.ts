// The container runtime's record of one container and its state machine: pull, create, start (after the
// image's start delay), run, exit (after the image's exitAfterMs), restart per restartPolicy with the
// CrashLoopBackOff back-off (pkg/kubelet/container/helpers.go ShouldContainerBeRestarted; kubelet.go
// backOffPeriod 10s, MaxContainerBackOff 300s; client-go flowcontrol/backoff.go, without jitter).
import type { ImageBehaviour } from './images';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export interface Terminated { exitCode: number; reason: string; startedAt: number; finishedAt: number; containerID: string }

export interface ContainerRecord {
  name: string;
  image: string;
  /** created (has an id) but not yet running, until startAt */
  containerID?: string;
  startAt?: number;
  startedAt?: number;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  /** back-off entry for restarts: 0 until the first restart */
  backoffMs: number;
  /** waiting in CrashLoopBackOff until then */
  backoffUntil?: number;
  waiting?: { reason: string; message?: string };
}

export function newContainer(name: string, image: string): ContainerRecord {
  return { name, image, restartCount: 0, backoffMs: 0, waiting: { reason: 'ContainerCreating' } };
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

/** Runs what is due for a running or starting container at `now`; returns the next time it needs a look. */
export function advanceRunning(c: ContainerRecord, b: ImageBehaviour, now: number): number | undefined {
  if (c.startAt !== undefined && c.startedAt === undefined) {
    if (now < c.startAt) return c.startAt;
    c.startedAt = c.startAt;
    c.startAt = undefined;
    c.waiting = undefined;
  }
  if (c.startedAt !== undefined && !c.terminated && b.exitCode !== undefined) {
    const exitAt = c.startedAt + (b.exitAfterMs ?? 0);
    if (now < exitAt) return exitAt;
    c.terminated = { exitCode: b.exitCode, reason: b.exitCode === 0 ? 'Completed' : 'Error', startedAt: c.startedAt, finishedAt: exitAt, containerID: c.containerID! };
  }
  return undefined;
}
