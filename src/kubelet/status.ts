// The pod status the kubelet posts (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase,
// convertToAPIContainerStatuses; pkg/kubelet/status/generate.go for the conditions).
import type { KObject } from '../api/meta';
import { formatTime } from '../runtime/clock';
import { type ContainerRecord, stateOf } from './container';
import { imageID, normalizeImage } from '../world/images';
import { goList } from '../util/go/fmt';

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

export interface PodRecordView {
  init: ContainerRecord[];
  containers: ContainerRecord[];
  /** sandbox ready (has an IP) */
  sandbox: boolean;
  ready: (c: ContainerRecord) => boolean;
  /** started (running, past its startup probe): a sidecar counts as initialized once started */
  started: (c: ContainerRecord) => boolean;
  /** every init container has completed (or, a sidecar, started) once: stays true after */
  initialized: boolean;
}

/** An init container is done when it exited 0, or, for a sidecar, once it has started. */
export const initDone = (v: PodRecordView, c: ContainerRecord): boolean =>
  c.sidecar ? v.started(c) : c.terminated?.exitCode === 0;

export function containerStatus(c: ContainerRecord, ready: boolean, started = stateOf(c) === 'running'): any {
  const iso = formatTime;
  const s: any = {
    name: c.name,
    ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: '',
    started: false,
    lastState: {},
  };
  if (c.containerID) {
    s.containerID = c.containerID;
    s.image = normalizeImage(c.image);
    s.imageID = imageID(c.image);
  }
  const t = c.terminated;
  if (stateOf(c) === 'terminated' && t) {
    s.state = {
      terminated: {
        exitCode: t.exitCode,
        reason: t.reason,
        ...(t.message ? { message: t.message } : {}),
        startedAt: iso(t.startedAt),
        finishedAt: iso(t.finishedAt),
        containerID: t.containerID,
      },
    };
  } else if (stateOf(c) === 'running') {
    s.state = { running: { startedAt: iso(c.startedAt!) } };
    s.started = started;
  } else {
    s.state = {
      waiting: c.waiting?.message
        ? { reason: c.waiting.reason, message: c.waiting.message }
        : { reason: c.waiting?.reason ?? 'ContainerCreating' },
    };
  }
  if (c.lastTerminated) {
    const l = c.lastTerminated;
    s.lastState = {
      terminated: {
        exitCode: l.exitCode,
        reason: l.reason,
        ...(l.message ? { message: l.message } : {}),
        startedAt: iso(l.startedAt),
        finishedAt: iso(l.finishedAt),
        containerID: l.containerID,
      },
    };
  }
  return s;
}

/**
 * getPhase (kubelet_pods.go, v1.30). A sidecar (restartable init container) that runs counts as running, so a
 * Job's pod stays Running until the kubelet has stopped its sidecars; a stopped sidecar does not count. With
 * podIsTerminal (the kubelet has killed the pod), stopped containers are final whatever the restart policy.
 */
export function podPhase(spec: any, v: PodRecordView, podIsTerminal = false): string {
  const policy = spec.restartPolicy ?? 'Always';
  let pendingInitialization = 0,
    failedInitialization = 0;
  for (const c of v.init) {
    if (c.sidecar) continue;
    const st = stateOf(c);
    if (st === 'running') pendingInitialization++;
    else if (st === 'terminated') {
      if (c.terminated!.exitCode !== 0) failedInitialization++;
    } else if (c.lastTerminated) {
      if (c.lastTerminated.exitCode !== 0) failedInitialization++;
    } else pendingInitialization++;
  }
  let running = 0,
    waiting = 0,
    stopped = 0,
    succeeded = 0;
  for (const c of v.init) {
    if (!c.sidecar) continue;
    const st = stateOf(c);
    if (st === 'running') {
      if (!v.started(c)) pendingInitialization++;
      running++;
    } else if (st === 'waiting' && !c.lastTerminated) {
      pendingInitialization++;
      waiting++;
    }
  }
  let regularStarted = false;
  for (const c of v.containers) {
    const st = stateOf(c);
    if (st === 'running') {
      running++;
      regularStarted = true;
    } else if (st === 'terminated') {
      stopped++;
      regularStarted = true;
      if (c.terminated!.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  // HasAnyRegularContainerStarted: a pod whose sidecar restarts after the regular containers ran is not Pending again
  if ((pendingInitialization > 0 && !regularStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** GeneratePodReadyCondition: the readiness gates whose condition is missing or not True. */
export function readinessGateMessages(pod: KObject): string[] {
  const conds: any[] = pod.status?.conditions ?? [];
  const out: string[] = [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = conds.find((x) => x.type === g.conditionType);
    if (!c) out.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      out.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  return out;
}

/** The kubelet-owned conditions, in the order v1.30 posts them, then the others (PodScheduled, ...) as they were. */
export function podConditions(pod: KObject, v: PodRecordView, phase: string, now: string): any[] {
  const old: any[] = pod.status?.conditions ?? [];
  const cond = (type: string, ok: boolean, reason?: string, message?: string) => {
    const status = ok ? 'True' : 'False';
    const prev = old.find((c) => c.type === type);
    const c: any = {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now,
    };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const completed = phase === 'Succeeded';
  const incompleteInit = v.initialized ? [] : v.init.filter((c) => !initDone(v, c)).map((c) => c.name);
  // restartable init containers count for readiness (generate.go GenerateContainersReadyCondition)
  const unready = [...v.init.filter((c) => c.sidecar), ...v.containers].filter((c) => !v.ready(c)).map((c) => c.name);
  const gatesUnready = readinessGateMessages(pod);
  const out = [
    cond('PodReadyToStartContainers', v.sandbox),
    incompleteInit.length && !completed
      ? cond(
          'Initialized',
          false,
          'ContainersNotInitialized',
          `containers with incomplete status: ${goList(incompleteInit)}`,
        )
      : cond('Initialized', true, completed && v.init.length ? 'PodCompleted' : undefined),
    completed
      ? cond('Ready', false, 'PodCompleted')
      : unready.length
        ? cond('Ready', false, 'ContainersNotReady', `containers with unready status: ${goList(unready)}`)
        : gatesUnready.length
          ? cond('Ready', false, 'ReadinessGatesNotReady', gatesUnready.join(', '))
          : cond('Ready', true),
    completed
      ? cond('ContainersReady', false, 'PodCompleted')
      : unready.length
        ? cond('ContainersReady', false, 'ContainersNotReady', `containers with unready status: ${goList(unready)}`)
        : cond('ContainersReady', true),
  ];
  for (const c of old) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  return out;
}
