// Probe workers (pkg/kubelet/prober/worker.go doProbe, prober.go, prober_manager.go UpdatePodStatus) on the
// virtual clock. A worker ticks every periodSeconds from when the kubelet added the pod; a tick probes only a
// running container past initialDelaySeconds, startup before the container has started and the others after.
// A result changes after successThreshold/failureThreshold equal outcomes in a row; a failed liveness or
// startup result puts the worker on hold until the container is replaced. The outcome of a probe is the
// image behaviour's (it passes unless the image fails it), so ticks are scheduled only while they can change
// something or record an Unhealthy event.
import type { Container, HTTPGetAction, Probe, TCPSocketAction } from 'kubernetes-types/core/v1';
import type { ContainerRecord } from './container';
import type { Answer, HttpRequest } from './runtime/http';

export type ProbeType = 'startup' | 'liveness' | 'readiness';
export const PROBE_TYPES: ProbeType[] = ['startup', 'liveness', 'readiness'];
const TITLE: Record<ProbeType, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export interface ProbeSpec {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  handler: Probe;
}

export interface ProbeWorker {
  type: ProbeType;
  spec: ProbeSpec;
  result: 'success' | 'failure' | 'unknown';
  lastResult?: 'success' | 'failure';
  run: number;
  onHold: boolean;
  containerID?: string;
  /** the last tick handled */
  lastTick?: number;
  /** when the result last changed */
  changedAt?: number;
}

/** SetDefaults_Probe. */
export function probeSpec(p: Probe): ProbeSpec {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds || 10,
    timeoutSeconds: p.timeoutSeconds || 1,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
    handler: p,
  };
}

/** worker.go initialValue: readiness starts failed, liveness succeeded, startup unknown. */
const initial = (t: ProbeType) => (t === 'readiness' ? 'failure' : t === 'liveness' ? 'success' : 'unknown');

export function newWorker(type: ProbeType, probe: Probe): ProbeWorker {
  return { type, spec: probeSpec(probe), result: initial(type), run: 0, onHold: false };
}

/** The workers a container spec asks for. */
export function workersFor(spec: Container): ProbeWorker[] {
  const probe = (t: ProbeType) => spec[`${t}Probe`];
  return PROBE_TYPES.filter((t) => probe(t)).map((t) => newWorker(t, probe(t)!));
}

const running = (c: ContainerRecord) => c.startedAt !== undefined && !c.terminated;

/** prober_manager UpdatePodStatus: started once running and the startup probe (if any) has succeeded. */
export function isStarted(c: ContainerRecord): boolean {
  if (!running(c)) return false;
  const s = c.probes.find((w) => w.type === 'startup');
  return !s || (s.containerID === c.containerID && s.result === 'success');
}

/** Ready: started, and the readiness probe (if any) has succeeded for this container. */
export function isReady(c: ContainerRecord): boolean {
  if (!isStarted(c)) return false;
  const r = c.probes.find((w) => w.type === 'readiness');
  return !r || (r.containerID === c.containerID && r.result === 'success');
}

/** A new container resets the worker to its initial result and resumes probing. */
function follow(w: ProbeWorker, c: ContainerRecord): void {
  if (w.containerID === c.containerID) return;
  w.containerID = c.containerID;
  w.result = initial(w.type);
  w.onHold = false;
}

/**
 * Started as the other workers see it at a tick: the startup result reaches the pod status after the tick
 * that produced it, so a readiness or liveness tick at the same moment still sees the container unstarted.
 */
function startedBefore(c: ContainerRecord, at: number): boolean {
  const s = c.probes.find((w) => w.type === 'startup');
  return isStarted(c) && (!s || (s.changedAt ?? -Infinity) < at);
}

/** Whether a tick of this worker would probe the container now. */
function eligible(w: ProbeWorker, c: ContainerRecord, at: number): boolean {
  if (!running(c) || w.onHold) return false;
  if (Math.floor((at - c.startedAt!) / 1000) < w.spec.initialDelaySeconds) return false;
  return w.type === 'startup' ? !isStarted(c) : startedBefore(c, at);
}

/** Whether more ticks can change the result or record an event. */
function wantsTicks(w: ProbeWorker, passes: boolean | undefined): boolean {
  return passes === true ? w.result !== 'success' : !w.onHold;
}

export interface ProbeOutcome {
  type: ProbeType;
  at: number;
  passed: boolean;
  changed: boolean;
  kill: boolean;
}

/** doProbe at tick `at`: returns what happened (undefined when the tick did not probe). */
export function doProbe(w: ProbeWorker, c: ContainerRecord, at: number, passes: boolean): ProbeOutcome | undefined {
  follow(w, c);
  w.lastTick = at;
  if (!eligible(w, c, at)) return undefined;
  const result = passes ? 'success' : 'failure';
  if (w.lastResult === result) w.run++;
  else {
    w.lastResult = result;
    w.run = 1;
  }
  const outcome: ProbeOutcome = { type: w.type, at, passed: passes, changed: false, kill: false };
  if ((!passes && w.run < w.spec.failureThreshold) || (passes && w.run < w.spec.successThreshold)) return outcome;
  outcome.changed = w.result !== result;
  if (outcome.changed) w.changedAt = at;
  w.result = result;
  if (w.type !== 'readiness' && !passes) {
    w.onHold = true;
    w.run = 0;
    outcome.kill = true;
  }
  return outcome;
}

/** The first tick of the worker's grid (anchor + k·period) at or after `from`. */
export function tickAtOrAfter(anchor: number, periodMs: number, from: number): number {
  if (from <= anchor) return anchor;
  return anchor + Math.ceil((from - anchor) / periodMs) * periodMs;
}

/** When this worker next needs to tick, or undefined while nothing can change. */
export function nextTick(
  w: ProbeWorker,
  c: ContainerRecord,
  anchor: number,
  now: number,
  passes: boolean | undefined,
): number | undefined {
  follow(w, c);
  if (!running(c) || w.onHold) return undefined;
  if (w.type === 'startup' ? isStarted(c) : !isStarted(c)) return undefined;
  if (!wantsTicks(w, passes)) return undefined;
  const startupAt = w.type === 'startup' ? undefined : c.probes.find((x) => x.type === 'startup')?.changedAt;
  const from = Math.max(
    c.startedAt! + w.spec.initialDelaySeconds * 1000,
    w.lastTick !== undefined ? w.lastTick + 1 : now,
    now,
    startupAt !== undefined ? startupAt + 1 : -Infinity,
  );
  return tickAtOrAfter(anchor, w.spec.periodSeconds * 1000, from);
}

/** The probe's output when it fails, as the prober reports it for the handler kind. */
export function failureOutput(
  probe: Probe,
  podIP: string | undefined,
  container: Pick<Container, 'ports'> | undefined,
): string {
  if (probe.httpGet) return 'HTTP probe failed with statuscode: 500';
  if (probe.tcpSocket)
    return `dial tcp ${podIP ?? ''}:${resolvePort(probe.tcpSocket.port, container)}: connect: connection refused`;
  if (probe.grpc)
    return `timeout: failed to connect service ":${probe.grpc.port}" within ${probe.timeoutSeconds || 1}s`;
  const cmd: string[] = probe.exec?.command ?? [];
  const script = cmd.length >= 3 && /sh$/.test(cmd[0]) && cmd[1] === '-c' ? cmd[2].trim().split(/\s+/) : cmd;
  if (script[0] === 'cat' && script[1]) return `cat: can't open '${script[1]}': No such file or directory`;
  return '';
}

/**
 * An httpGet or tcpSocket probe against what listens in the pod (prober.go runProbe; probe/http: success for a
 * status from 200 to 399; probe/tcp: a connection accepted), with the prober's output on failure.
 */
export function networkProbe(
  probe: Probe,
  podIP: string | undefined,
  container: Pick<Container, 'ports'> | undefined,
  answer: (port: number, req: HttpRequest | undefined) => Answer,
): { passed: boolean; output: string } {
  const h: HTTPGetAction | TCPSocketAction = (probe.httpGet ?? probe.tcpSocket)!;
  const port = Number(resolvePort(h.port, container));
  const host = h.host || podIP || '';
  const dial = `dial tcp ${host}:${port}: connect: connection refused`;
  if (probe.tcpSocket) {
    const a = answer(port, undefined);
    return 'refused' in a ? { passed: false, output: dial } : { passed: true, output: '' };
  }
  const get = h as HTTPGetAction;
  const path = get.path || '/';
  const url = `${(get.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
  const a = answer(port, { path, host: `${host}:${port}`, agent: 'kube-probe/1.30' });
  if ('refused' in a) return { passed: false, output: `Get "${url}": ${dial}` };
  if ('held' in a)
    return {
      passed: false,
      output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    };
  const status = 'status' in a ? a.status : 200;
  return status >= 200 && status < 400
    ? { passed: true, output: '' }
    : { passed: false, output: `HTTP probe failed with statuscode: ${status}` };
}

function resolvePort(port: number | string, container: Pick<Container, 'ports'> | undefined): string {
  if (typeof port === 'number' || /^\d+$/.test(String(port))) return String(port);
  return String(container?.ports?.find((p) => p.name === port)?.containerPort ?? port);
}

/** Unhealthy's message: `Liveness probe failed: <output>`. */
export const probeFailed = (t: ProbeType, output: string) => `${TITLE[t]} probe failed: ${output}`;
/** Killing's message for a failed liveness or startup probe (kuberuntime_manager.go computePodActions). */
export const failedProbeKill = (t: ProbeType, c: string) => `Container ${c} failed ${t} probe, will be restarted`;
