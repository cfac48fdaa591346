// One kubelet per registered Node (pkg/kubelet). Each takes the pods bound to its node (the nodeName index),
// sets up the sandbox (the pause container holds the pod's network namespace, so every container shares the
// pod IP), runs init containers one at a time (sidecars keep running), then the app containers, through the
// state machine in container.ts with the image's declared behaviour: image pulls (pull.ts), the environment
// (env.ts), probes (prober.ts), restarts with back-off (backoff.ts); it posts the pod status (status.ts).
// A pod being deleted has its preStop hooks run and its containers stopped within the grace period
// (termination.ts), then is removed with gracePeriodSeconds 0 and its uid, as the status manager does.
// Each pod has at most one pending wake-up on the virtual clock: the earliest thing due.
import type { NodeAddress, PodCondition, PodReadinessGate } from 'kubernetes-types/core/v1';
import type { PodContainer } from '../api/types';
import { Controller, type ControllerContext } from '../client/controller';
import { type KObject, deepEqual, objKey, splitKey } from '../api/meta';
import type { WatchEvent } from '../client/controller';
import type { EventType } from '../client/recorder';
import { type ImageBehaviour, type ImageBehaviours, imageSize, normalizeImage } from '../world/images';
import { nodeImages } from './node-images';
import { PodIPAllocator } from './pod-ip';
import {
  type ContainerRecord,
  defaultWaiting,
  kill,
  newContainer,
  retire,
  runDue,
  shouldRestart,
  startIfDue,
  stateOf,
} from './container';
import { inBackOffSince, nextBackoff } from './backoff';
import { containerStatus, initDone, podConditions, podPhase, type PodRecordView } from './status';
import {
  doProbe,
  failedProbeKill,
  failureOutput,
  isReady,
  isStarted,
  networkProbe,
  nextTick,
  probeFailed,
  workersFor,
} from './prober';
import { hasCredentials, notFoundError, shouldPull, unauthorizedError } from './pull';
import { ContainerConfigError, makeEnvironmentVariables, expand } from './env';
import { serviceEnvironment } from './service-env';
import { preStopMs } from './termination';
import { beginKill, killable, killOrder, shortenKill, turnOf } from './kill';
import { type ContainerFiles, ROOT_DIRS } from './runtime/fs';
import type { NetAccess, Host } from './runtime/host';
import { containerArgv } from './runtime/command';
import { imageConfig } from './runtime/image-config';
import { containerHost, processEnv, runToEnd, startProcess, unsupportedWord } from './runtime/container';
import { answer, listens } from './runtime/serve';
import type { Answer, HttpRequest } from './runtime/http';
import * as msg from './events';
import { admitOrReject } from './admission';

interface NodeAgent {
  name: string;
  ip: string;
  podCIDR?: string;
  ips: PodIPAllocator /** the images pulled on the node, by reference, with their sizes */;
  images: Map<string, number>;
  /** nodeImages(images), until the next pull */ imageList?: ReturnType<typeof nodeImages>;
  allocatable: Record<string, string>;
}

export interface PodRecord {
  uid: string;
  node: string;
  ip?: string;
  hostIP: string;
  startTime: number;
  init: ContainerRecord[];
  containers: ContainerRecord[];
  initialized: boolean;
  finished: boolean;
  /** set once the kubelet has begun killing the pod because it was deleted */
  terminating: boolean;
  /** set once the kubelet kills the pod's containers (deleted, or its regular containers are done): kill.ts */
  killing?: boolean;
  /** when the kill's grace period ends */
  killDeadline?: number;
}

/** The pod worker's back-off after a failed sync (kubelet.go backOffPeriod), e.g. a missing ConfigMap. */
const SYNC_ERROR_RETRY_MS = 10_000;
/** The pod worker syncs again soon after a failed pull, which then reports ImagePullBackOff. */
const RESYNC_AFTER_PULL_MS = 1_000;

/** What the pod workers use of the kubelet's other parts. */
export interface KubeletParts {
  files?: ContainerFiles;
  net?: NetAccess;
  volumes?: { mount(pod: KObject): { ok: boolean } };
}

export class Kubelets extends Controller {
  readonly name = 'kubelet';
  private agents = new Map<string, NodeAgent>();
  private pods = new Map<string, PodRecord>();
  private observers = new Map<string, Set<() => void>>();
  /** nodes whose kubelet is stopped (a failed node): their pods are left as they are until it starts again */
  private stopped = new Set<string>();
  /** the containers' files: their layers and the pods' volumes (src/kubelet/volumes/files.ts) */
  readonly files?: ContainerFiles;
  /** the pods' network as the cluster's network routes it */
  readonly net?: NetAccess;
  /** the volume manager (src/kubelet/volumes/manager.ts): no sandbox or container starts until the pod's volumes are mounted */
  private readonly volumes?: { mount(pod: KObject): { ok: boolean } };

  /** `parts` are the kubelet's other managers, as kubelet.ts wires them (none: containers see no files or network) */
  constructor(
    ctx: ControllerContext,
    private readonly images: ImageBehaviours,
    parts: KubeletParts = {},
  ) {
    super(ctx);
    this.files = parts.files;
    this.net = parts.net;
    this.volumes = parts.volumes;
    this.watch('nodes', (ev) => this.onNode(ev));
    this.watch('pods', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object,
      name = node.metadata.name!;
    if (ev.type === 'DELETED') {
      this.agents.delete(name);
      return;
    }
    const known = this.agents.get(name);
    // the node IPAM controller gives the podCIDR after the node registers
    if (known) {
      if (!known.podCIDR && node.spec?.podCIDR) {
        known.podCIDR = node.spec.podCIDR;
        known.ips = new PodIPAllocator(known.podCIDR);
      }
      return;
    }
    // a Node registering is its kubelet starting (registerWithAPIServer): under a name seen before, a new machine
    // whose runtime holds none of the pods still bound to the name, so they get new sandboxes, and IPs from the
    // Node's new podCIDR, as the kubelet syncs them
    this.stopped.delete(name);
    for (const [key, rec] of this.pods) if (rec.node === name) this.pods.delete(key);
    const ip = node.status?.addresses?.find((a: NodeAddress) => a.type === 'InternalIP')?.address ?? '';
    const agent: NodeAgent = {
      name,
      ip,
      podCIDR: node.spec?.podCIDR,
      ips: new PodIPAllocator(node.spec?.podCIDR),
      images: new Map(),
      allocatable: { ...node.status?.allocatable },
    };
    this.agents.set(name, agent);
    this.addPresentImages(agent);
    for (const p of this.api.select('pods', { nodeName: name })) this.enqueueObject(p);
  }

  /** The images a scenario says a node already has (`the image "x" is present on every node`). */
  private addPresentImages(agent: NodeAgent): void {
    for (const image of this.images.presentOn(agent.name)) {
      const key = normalizeImage(image);
      if (agent.images.has(key)) continue;
      agent.images.set(key, this.images.get(image).sizeBytes ?? imageSize(image));
      agent.imageList = undefined;
    }
  }

  /** After image behaviours change: the nodes get the images now said to be present on them. */
  imagesDeclared(): void {
    for (const agent of this.agents.values()) this.addPresentImages(agent);
  }

  /** The images the node's status lists (the same array until an image is pulled), or none for an unknown node. */
  imagesOf(node: string): ReturnType<typeof nodeImages> {
    const agent = this.agents.get(node);
    if (!agent) return [];
    return agent.imageList ?? (agent.imageList = nodeImages(agent.images));
  }

  /** The node's kubelet stops (node failure) or starts again and resyncs its pods. */
  stop(node: string): void {
    this.stopped.add(node);
  }
  start(node: string): void {
    if (this.stopped.delete(node)) for (const p of this.api.select('pods', { nodeName: node })) this.enqueueObject(p);
  }

  private onPod(ev: WatchEvent): void {
    const key = objKey(ev.object);
    // the kubelet's own status writes do not make it sync again (only spec and deletion do)
    if (ev.type === 'MODIFIED' && ev.old && this.pods.has(key) && !specChanged(ev.old, ev.object)) return;
    if (ev.object.spec?.nodeName && this.agents.has(ev.object.spec.nodeName)) this.enqueue(key);
    else if (this.pods.has(key)) this.enqueue(key);
  }

  /**
   * How the pod's containers answer a connection to a port, an HTTP GET or a bare one (runtime/serve.ts). A raw
   * server (`nc -l`) that took the connection runs on at once: its pod syncs.
   */
  answer(pod: KObject, port: number, req: HttpRequest | undefined): Answer {
    const key = objKey(pod),
      rec = this.pods.get(key);
    if (!rec || rec.uid !== pod.metadata.uid) return { refused: true };
    const containers = [...rec.init, ...rec.containers];
    const a = answer(containers, port, req);
    if (containers.some((c) => c.proc?.listeners.some((l) => l.port === port && l.accept))) this.enqueue(key);
    return a;
  }

  /** Whether something in the pod listens on the port (a connection the network delivers there is accepted). */
  listens(pod: KObject, port: number): boolean {
    const rec = this.pods.get(objKey(pod));
    return !!rec && rec.uid === pod.metadata.uid && listens([...rec.init, ...rec.containers], port);
  }

  /** The kubelet's record of a pod (what the runtime knows: containers, logs, environment), for logs and exec. */
  record(namespace: string, name: string): PodRecord | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  /** Calls back after each sync of the pod (its containers' output and states may have changed), until stopped. */
  observe(namespace: string, name: string, cb: () => void): () => void {
    const key = `${namespace}/${name}`;
    let set = this.observers.get(key);
    if (!set) this.observers.set(key, (set = new Set()));
    set.add(cb);
    return () => {
      set!.delete(cb);
      if (!set!.size) this.observers.delete(key);
    };
  }

  /**
   * Input for a container's stdin (`kubectl attach -i`): the data reaches PID 1 now, or (null) the input ends. False
   * when the container keeps no stdin open (no `stdin: true`, or not running).
   */
  writeStdin(namespace: string, name: string, container: string, data: string | null): boolean {
    const key = `${namespace}/${name}`;
    const c =
      this.pods.get(key) &&
      [...this.pods.get(key)!.containers, ...this.pods.get(key)!.init].find((x) => x.name === container);
    const input = c?.proc?.running ? c.proc.stdin : undefined;
    if (!input) return false;
    if (data === null) input.close();
    else if (!input.closed && !input.readerGone) input.write(data);
    this.enqueue(key);
    return true;
  }

  sync(key: string): void {
    this.syncPod(key);
    const set = this.observers.get(key);
    if (set) for (const cb of [...set]) cb();
  }

  private syncPod(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.api.tryGet('pods', ns, name);
    let rec = this.pods.get(key);
    if (rec && (!pod || pod.metadata.uid !== rec.uid)) {
      this.forget(key, rec);
      rec = undefined;
    }
    if (!pod) return;
    const agent = this.agents.get(pod.spec?.nodeName);
    if (!agent || this.stopped.has(agent.name)) return;
    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod, rec, agent);
    if (!rec) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      if (
        !admitOrReject(this.ctx, pod, agent.name, (p) => {
          const r = this.pods.get(objKey(p));
          return !!r && r.uid === p.metadata.uid && !r.finished;
        })
      )
        return;
      rec = {
        uid: pod.metadata.uid!,
        node: agent.name,
        hostIP: agent.ip,
        startTime: this.now(),
        finished: false,
        initialized: false,
        terminating: false,
        init: (pod.spec.initContainers ?? []).map((c: PodContainer) =>
          newContainer(c.name, c.image, c.restartPolicy === 'Always', workersFor(c), true),
        ),
        containers: (pod.spec.containers ?? []).map((c: PodContainer) =>
          newContainer(c.name, c.image, false, workersFor(c), !!pod.spec.initContainers?.length),
        ),
      };
      this.pods.set(key, rec);
    }
    if (rec.finished) return;
    // WaitForAttachAndMount: the pod stays ContainerCreating until its volumes are mounted; the volume manager
    // reports FailedMount and requeues the pod when they are
    if (!rec.ip && this.volumes && !this.volumes.mount(pod).ok) {
      this.postStatus(pod, rec, agent);
      return;
    }
    // the sandbox: the pause container holds the network namespace every container joins
    if (!rec.ip) rec.ip = pod.spec.hostNetwork ? agent.ip : agent.ips.allocate();
    let wake = rec.killing ? this.continueKill(pod, rec, agent).wake : this.runContainers(pod, rec, agent);
    // a container's process may wait on another's doing (a file a sidecar follows, written by the app container
    // driven after it): the containers run again while one of them has something due now
    for (let i = 0; i < 3 && !rec.killing && this.anyDue(rec); i++) wake = this.runContainers(pod, rec, agent);
    this.postStatus(pod, rec, agent);
    if (rec.finished && rec.ip && !pod.spec.hostNetwork) agent.ips.release(rec.ip);
    if (wake !== undefined && !rec.finished) this.wakeAt(key, wake);
  }

  private anyDue(rec: PodRecord): boolean {
    const now = this.now();
    return [...rec.init, ...rec.containers].some((c) => {
      const at = c.proc?.running && !c.terminated ? c.proc.nextWake() : undefined;
      return at !== undefined && at <= now;
    });
  }

  /** One pending wake-up per pod: the queue keeps the earliest time asked for. */
  private wakeAt(key: string, at: number): void {
    this.enqueueAfter(key, at - this.now());
  }

  /** computePodActions: init containers one at a time (sidecars stay running), then the app containers. */
  private runContainers(pod: KObject, rec: PodRecord, agent: NodeAgent): number | undefined {
    const policy = pod.spec.restartPolicy ?? 'Always';
    let wake: number | undefined;
    const soonest = (t: number | undefined) => {
      if (t !== undefined && (wake === undefined || t < wake)) wake = t;
    };
    let initDoneNow = true;
    for (let i = 0; i < rec.init.length; i++) {
      const c = rec.init[i],
        spec = pod.spec.initContainers[i];
      if (c.sidecar) {
        soonest(this.drive(pod, rec, spec, c, 'Always', agent));
        if (!rec.initialized && !isStarted(c)) {
          initDoneNow = false;
          break;
        }
        continue;
      }
      if (c.terminated?.exitCode === 0 || rec.initialized) continue;
      // init containers restart on failure unless the pod's policy is Never
      soonest(this.drive(pod, rec, spec, c, policy === 'Never' ? 'Never' : 'OnFailure', agent));
      if (c.terminated?.exitCode !== 0) {
        initDoneNow = false;
        break;
      }
    }
    if (initDoneNow) rec.initialized = true;
    for (let i = 0; i < rec.containers.length; i++) {
      const c = rec.containers[i];
      if (!rec.initialized) {
        if (!c.containerID) c.waiting = { reason: 'PodInitializing' };
        continue;
      }
      soonest(this.drive(pod, rec, pod.spec.containers[i], c, policy, agent));
    }
    if (this.shouldKillPod(pod, rec)) {
      this.beginKill(pod, rec, agent, (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
      return this.continueKill(pod, rec, agent).wake;
    }
    return wake;
  }

  /**
   * computePodActions' KillPod for a pod not being deleted: its regular containers have all exited and none will
   * restart (restartPolicy Never or OnFailure), or a regular init container failed under Never; then the sidecars,
   * which would keep the pod alive, are stopped rather than restarted.
   */
  private shouldKillPod(pod: KObject, rec: PodRecord): boolean {
    const policy = pod.spec.restartPolicy ?? 'Always';
    if (!rec.init.some((c) => c.sidecar && killable(c))) return false;
    const initFailed =
      policy === 'Never' && rec.init.some((c) => !c.sidecar && c.terminated && c.terminated.exitCode !== 0);
    return (
      initFailed ||
      (rec.initialized && rec.containers.every((c) => c.terminated && !shouldRestart(policy, c.terminated.exitCode)))
    );
  }

  /** killPodWithSyncResult begins: `Killing` for each container it stops, whose preStop hooks run now. */
  private beginKill(pod: KObject, rec: PodRecord, agent: NodeAgent, graceMs: number): void {
    rec.killing = true;
    rec.killDeadline = this.now() + graceMs;
    const specs = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    const killed = beginKill(rec.init, rec.containers, this.now(), graceMs, (c) =>
      this.preStop(
        pod,
        rec,
        specs.find((s: PodContainer) => s.name === c.name),
        c,
        graceMs,
      ),
    );
    for (const c of killed) this.podEvent(pod, agent, 'Normal', 'Killing', msg.killing(c.name));
  }

  /**
   * Moves the kill on to now: each container runs until its SIGTERM (a process with a `trap ... TERM` handles it,
   * a server exits) and is killed (137) when its grace period ends; a container kspec does not run exits at its
   * SIGTERM, and one not yet started is not started. Returns when it is next due; done once all have stopped.
   */
  private continueKill(pod: KObject, rec: PodRecord, agent: NodeAgent): { done: boolean; wake?: number } {
    const now = this.now();
    const specs = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    let wake: number | undefined,
      done = true;
    for (const c of killOrder(rec.init, rec.containers)) {
      const s = c.stopping!;
      if (s.stoppedAt !== undefined) continue;
      const b = this.behaviour(
        pod,
        specs.find((x: PodContainer) => x.name === c.name),
        agent,
      );
      const turn = turnOf(c, now);
      const until = turn.termAt === undefined ? now : Math.min(now, turn.termAt);
      runDue(c, b, until);
      if (!c.terminated && turn.termAt !== undefined && turn.termAt <= now) {
        const p = c.proc;
        if (c.startedAt === undefined) {
          c.startAt = undefined;
          s.stoppedAt = turn.termAt;
          continue;
        }
        if (!p) kill(c, turn.termAt);
        else {
          if (!s.termSent) {
            s.termSent = true;
            if (p.running) {
              p.advance(turn.termAt);
              p.signal('TERM');
            }
          }
          runDue(c, b, Math.min(now, s.killAt!));
          if (!c.terminated && now >= s.killAt!) kill(c, s.killAt!);
        }
      }
      this.reportStopped(pod, agent, c);
      if (c.terminated) {
        s.stoppedAt = c.terminated.finishedAt;
        continue;
      }
      done = false;
      const next = turn.termAt === undefined ? turn.wakeAt : turn.termAt > now ? turn.termAt : s.killAt;
      wake = min(wake, min(next, c.proc?.running ? c.proc.nextWake() : undefined));
    }
    return { done, wake };
  }

  /** Moves one container as far as the current time allows; returns when it next needs a look. */
  private drive(
    pod: KObject,
    rec: PodRecord,
    spec: PodContainer,
    c: ContainerRecord,
    policy: string,
    agent: NodeAgent,
  ): number | undefined {
    const now = this.now();
    const b = this.behaviour(pod, spec, agent);
    if (spec.image !== c.image) this.replaceImage(pod, c, spec.image, agent);
    for (let guard = 0; guard < 100; guard++) {
      if (c.backoffUntil !== undefined) {
        if (now < c.backoffUntil) return c.backoffUntil;
        c.backoffUntil = undefined;
        this.restart(c);
      }
      if (!c.containerID) {
        const retry = this.create(pod, rec, spec, c, b, agent);
        if (!c.containerID) return retry;
      }
      const wasRunning = c.startedAt !== undefined;
      let next = startIfDue(c, b, now);
      if (!wasRunning && c.startedAt !== undefined) {
        this.podEvent(pod, agent, 'Normal', 'Started', msg.started(c.name));
        for (const d of b.empties ?? []) this.files?.empty(pod, c.name, d);
        for (const f of b.writes ?? []) this.files?.write(pod, c.name, f.path, f.content);
        if (c.argv) this.startProcess(pod, rec, spec, c);
      }
      if (next === undefined) next = runDue(c, b, now);
      this.reportStopped(pod, agent, c);
      if (!c.terminated) {
        const probeAt = this.probe(pod, rec, spec, c, b, agent);
        if (!c.terminated) return min(next, probeAt);
      }
      next = undefined;
      if (!shouldRestart(policy, c.terminated!.exitCode)) return undefined;
      // doBackOff: the first restart is immediate; later ones wait out the back-off from the exit
      const finishedAt = c.terminated!.finishedAt;
      retire(c);
      if (inBackOffSince(c.backoff, finishedAt, now)) {
        c.backoffUntil = finishedAt + c.backoff!.backoffMs;
        const p = msg.podDesc(pod.metadata.name!, pod.metadata.namespace!, pod.metadata.uid!);
        c.waiting = { reason: 'CrashLoopBackOff', message: msg.backOffWaiting(c.backoff!.backoffMs, c.name, p) };
        this.podEvent(pod, agent, 'Warning', 'BackOff', msg.backOffEvent(c.name, p));
        continue;
      }
      this.restart(c);
    }
    return undefined;
  }

  /**
   * The container's image changed (`kubectl set image pod/x`): computePodActions sees a new container hash, kills
   * a running container and starts the new one; a container not running just starts with the new image. The
   * back-offs are keyed by the hash, so they start afresh.
   */
  private replaceImage(pod: KObject, c: ContainerRecord, image: string, agent: NodeAgent): void {
    const wasRunning = stateOf(c) === 'running';
    if (wasRunning) {
      this.podEvent(pod, agent, 'Normal', 'Killing', msg.definitionChanged(c.name));
      kill(c, this.now());
      retire(c);
      c.restartCount++;
    }
    c.image = image;
    c.containerID = undefined;
    c.startAt = undefined;
    c.backoffUntil = undefined;
    c.backoff = undefined;
    c.pullBackoff = undefined;
  }

  /** PID 1 of a new instance: its command on the virtual clock, from its start time, after the behaviour's log lines. */
  private startProcess(pod: KObject, rec: PodRecord, spec: PodContainer, c: ContainerRecord): void {
    const host = this.host(pod, rec, spec);
    c.proc = startProcess(c.argv!, host, processEnv(pod, c.env), c.startedAt!, { openStdin: !!spec.stdin });
    c.proc.log.push(...(c.logs ?? []).map((l) => ({ ...l, stream: 'stdout' as const })));
    c.logs = c.proc.log;
  }

  private host(pod: KObject, rec: PodRecord, spec: PodContainer): Host {
    return containerHost(this.api, pod, spec, rec.ip, this.files, this.net);
  }

  /** A process that stopped being interpreted (an unsupported word, a loop that never sleeps) is reported once. */
  private reportStopped(pod: KObject, agent: NodeAgent, c: ContainerRecord): void {
    const stop = c.proc?.stopped;
    if (!stop || c.proc!.reported) return;
    c.proc!.reported = true;
    this.podEvent(pod, agent, 'Warning', msg.UNSUPPORTED, `${stop.message} (container ${c.name})`);
  }

  /** doBackOff's Next, then a new container. */
  private restart(c: ContainerRecord): void {
    c.backoff = nextBackoff(c.backoff, c.lastTerminated!.finishedAt);
    c.restartCount++;
    c.containerID = undefined;
  }

  /** The image's behaviour with the pod's annotation; an unreadable annotation is reported and ignored. */
  private behaviour(pod: KObject, spec: PodContainer, agent: NodeAgent): ImageBehaviour {
    try {
      return this.images.forContainer(pod, spec);
    } catch (e) {
      this.podEvent(pod, agent, 'Warning', 'InvalidImageBehaviour', (e as Error).message);
      return this.images.get(spec.image);
    }
  }

  /**
   * EnsureImageExists, generateContainerConfig, then createContainer and startContainer. Leaves the container
   * without an id when it cannot be created yet, and returns when to try again.
   */
  private create(
    pod: KObject,
    rec: PodRecord,
    spec: PodContainer,
    c: ContainerRecord,
    b: ImageBehaviour,
    agent: NodeAgent,
  ): number | undefined {
    const now = this.now();
    const image = spec.image;
    const fail = (reason: string, message: string, event = true) => {
      c.waiting = { reason, message };
      if (event)
        this.podEvent(
          pod,
          agent,
          'Warning',
          'Failed',
          `Error: ${reason === 'CreateContainerConfigError' ? message : reason}`,
        );
    };
    const present = agent.images.has(normalizeImage(image));
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    if (policy === 'Never' && !present) {
      this.podEvent(pod, agent, 'Warning', 'ErrImageNeverPull', msg.neverPull(image));
      fail('ErrImageNeverPull', msg.neverPull(image));
      return undefined;
    }
    if (shouldPull(policy, present)) {
      if (c.pullBackoff && inBackOffSince(c.pullBackoff, c.pullBackoff.lastUpdate, now)) {
        this.podEvent(pod, agent, 'Normal', 'BackOff', msg.backOffPull(image));
        fail('ImagePullBackOff', msg.backOffPull(image));
        return c.pullBackoff.lastUpdate + c.pullBackoff.backoffMs;
      }
      this.podEvent(pod, agent, 'Normal', 'Pulling', msg.pulling(image));
      const error =
        b.pullable === false
          ? notFoundError(image)
          : b.private && !hasCredentials(image, this.pullSecrets(pod, agent))
            ? unauthorizedError(image)
            : undefined;
      if (error) {
        this.podEvent(pod, agent, 'Warning', 'Failed', msg.failedPull(image, error));
        fail('ErrImagePull', error);
        c.pullBackoff = nextBackoff(c.pullBackoff, now);
        return now + RESYNC_AFTER_PULL_MS;
      }
      c.pullBackoff = undefined;
      const size = b.sizeBytes ?? imageSize(image);
      agent.images.set(normalizeImage(image), size);
      agent.imageList = undefined;
      this.podEvent(pod, agent, 'Normal', 'Pulled', msg.pulled(image, 0, size));
    } else {
      this.podEvent(pod, agent, 'Normal', 'Pulled', msg.alreadyPresent(image));
    }
    try {
      c.env = makeEnvironmentVariables(pod, spec, {
        api: this.api,
        podIP: rec.ip,
        hostIP: agent.ip,
        allocatable: agent.allocatable,
        warn: (reason, message) => this.podEvent(pod, agent, 'Warning', reason, message),
        // the services that exist now: one created after the container starts is not in its environment
        serviceEnv: serviceEnvironment(this.api, pod),
      });
    } catch (e) {
      if (!(e instanceof ContainerConfigError)) throw e;
      fail('CreateContainerConfigError', e.message);
      return now + SYNC_ERROR_RETRY_MS;
    }
    // the command kspec runs, unless the image's declared behaviour says what the container does
    const config = imageConfig(image);
    // the new container's writable layer: the image's files (a command may run one, as start.sh)
    this.files?.resetLayer(pod, c.name, [...ROOT_DIRS, ...(config?.dirs ?? []), ...parentDirs(b.contains)], {
      ...config?.files,
      ...imageFiles(b.contains),
    });
    const argv = b.exitCode === undefined && !b.keepsRunning ? containerArgv(spec, c.env, config) : undefined;
    if (argv) {
      const word = unsupportedWord(argv, this.host(pod, rec, spec));
      if (word !== undefined) {
        const text = msg.unsupportedCommand(word, c.name);
        if (c.waiting?.reason !== msg.UNSUPPORTED) this.podEvent(pod, agent, 'Warning', msg.UNSUPPORTED, text);
        c.waiting = { reason: msg.UNSUPPORTED, message: text };
        return undefined;
      }
    }
    c.argv = argv;
    c.containerID = `containerd://${this.api.rng.hex(64)}`;
    c.waiting = { reason: defaultWaiting(!!pod.spec.initContainers?.length) };
    c.startAt = now + (b.startDelayMs ?? 0);
    this.podEvent(pod, agent, 'Normal', 'Created', msg.created(c.name));
    return undefined;
  }

  /** The pod's pull secrets read through the API; missing ones are reported (getPullSecretsForPod). */
  private pullSecrets(pod: KObject, agent: NodeAgent): KObject[] {
    const found: KObject[] = [],
      missing: string[] = [];
    for (const ref of pod.spec.imagePullSecrets ?? []) {
      const s = ref?.name ? this.api.tryGet('secrets', pod.metadata.namespace, ref.name) : undefined;
      if (s) found.push(s);
      else if (ref?.name) missing.push(`"${ref.name}"`);
    }
    if (missing.length)
      this.podEvent(pod, agent, 'Warning', 'FailedToRetrieveImagePullSecret', msg.missingPullSecrets(missing));
    return found;
  }

  /** Runs the probe ticks due; kills the container on a failed liveness or startup result. Returns the next tick. */
  private probe(
    pod: KObject,
    rec: PodRecord,
    spec: PodContainer,
    c: ContainerRecord,
    b: ImageBehaviour,
    agent: NodeAgent,
  ): number | undefined {
    const now = this.now();
    const declared = (t: string) =>
      !(t === 'readiness' ? b.failsReadiness : t === 'liveness' ? b.failsLiveness : b.failsStartup);
    // a probe of a container whose command kspec runs is really made: an exec probe runs its command there, an
    // httpGet or tcpSocket probe reaches whatever listens on the port in the pod; its outcome can change at any tick
    const runs = (w: (typeof c.probes)[number]) =>
      declared(w.type) && !!c.proc && !!(w.spec.handler.exec || w.spec.handler.httpGet || w.spec.handler.tcpSocket);
    const passes = (w: (typeof c.probes)[number]) => (runs(w) ? undefined : declared(w.type));
    for (let guard = 0; guard < 1000; guard++) {
      let due: { w: (typeof c.probes)[number]; at: number } | undefined;
      for (const w of c.probes) {
        const at = nextTick(w, c, rec.startTime, now, passes(w));
        if (at !== undefined && at <= now && (!due || at < due.at)) due = { w, at };
      }
      if (!due) break;
      const h = due.w.spec.handler;
      const result = !runs(due.w)
        ? undefined
        : h.exec
          ? this.execProbe(pod, rec, spec, h.exec.command ?? [], due.w.spec.timeoutSeconds, due.at)
          : networkProbe(h, rec.ip, spec, (port, req) => this.answer(pod, port, req));
      const out = doProbe(due.w, c, due.at, result ? result.passed : declared(due.w.type));
      if (!out) continue;
      if (!out.passed)
        this.podEvent(
          pod,
          agent,
          'Warning',
          'Unhealthy',
          probeFailed(out.type, result ? result.output : failureOutput(spec[`${out.type}Probe`]!, rec.ip, spec)),
        );
      if (out.kill) {
        this.podEvent(pod, agent, 'Normal', 'Killing', failedProbeKill(out.type, c.name));
        kill(c, out.at);
        return undefined;
      }
    }
    let next: number | undefined;
    for (const w of c.probes) next = min(next, nextTick(w, c, rec.startTime, now, passes(w)));
    return next;
  }

  /**
   * An exec probe's command run in the container (prober.go runProbe; probe/exec): success on exit 0, its output
   * in the Unhealthy event; past timeoutSeconds, `command "..." timed out`. A command kspec cannot run passes.
   */
  private execProbe(
    pod: KObject,
    rec: PodRecord,
    spec: PodContainer,
    command: string[],
    timeoutSeconds: number,
    at: number,
  ): { passed: boolean; output: string } {
    // ExpandContainerCommandOnlyStatic: $(VAR) from the container's own env values
    const vars = new Map<string, string>(
      (spec.env ?? []).filter((e) => e.value !== undefined).map((e): [string, string] => [e.name, e.value!]),
    );
    const argv = command.map((a) => expand(a, (n) => vars.get(n)));
    if (!argv.length) return { passed: false, output: '' };
    const host = this.host(pod, rec, spec);
    if (unsupportedWord(argv, host) !== undefined) return { passed: true, output: '' };
    const r = runToEnd(
      argv,
      host,
      processEnv(pod, rec.containers.concat(rec.init).find((x) => x.name === spec.name)?.env),
      at,
      { limitMs: timeoutSeconds * 1000 },
    );
    if (r.timedOut) return { passed: false, output: `command ${JSON.stringify(argv.join(' '))} timed out` };
    if (r.unsupported) return { passed: true, output: '' };
    return { passed: r.exitCode === 0, output: r.stdout + r.stderr };
  }

  /**
   * Posts the pod's status. `killed`: the pod was deleted and its containers stopped, so the phase is terminal
   * (getPhase with podIsTerminal: Succeeded only if every container exited 0); forget() then frees its IP.
   */
  private postStatus(pod: KObject, rec: PodRecord, agent: NodeAgent, killed = false): void {
    const view: PodRecordView = {
      init: rec.init,
      containers: rec.containers,
      sandbox: !!rec.ip,
      initialized: rec.initialized,
      ready: (c) => isReady(c),
      started: (c) => isStarted(c),
    };
    let phase = podPhase(pod.spec, view, killed);
    if (killed && phase !== 'Succeeded' && phase !== 'Failed')
      phase = rec.containers.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
    if (
      !killed &&
      (phase === 'Succeeded' || phase === 'Failed') &&
      !rec.init.some((c) => c.stopping && c.stopping.stoppedAt === undefined)
    )
      rec.finished = true;
    // a status write: only the status is copied (the apiserver keeps the rest as stored)
    const s: any = { ...pod.status };
    const p = { ...pod, status: s };
    s.phase = phase;
    s.conditions = podConditions(pod, view, phase, this.api.clock.iso());
    s.hostIP = agent.ip;
    s.hostIPs = [{ ip: agent.ip }];
    if (rec.ip) {
      s.podIP = rec.ip;
      s.podIPs = [{ ip: rec.ip }];
    }
    s.startTime = this.api.clock.iso(rec.startTime);
    if (rec.init.length) {
      s.initContainerStatuses = rec.init.map((c) =>
        containerStatus(c, c.sidecar ? isReady(c) : initDone(view, c), isStarted(c)),
      );
    }
    // convertToAPIContainerStatuses sorts them by name (kubetypes.SortedContainerStatuses)
    s.containerStatuses = rec.containers
      .map((c) => containerStatus(c, isReady(c), isStarted(c)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.api.updateStatus(p);
  }

  /**
   * killPod for a deleted pod: the containers are stopped as kill.ts says, within the grace period that ends at the
   * deletionTimestamp (a kill already under way goes on). Then the status manager's final delete (grace 0, uid
   * precondition). A pod a finalizer keeps (a Job's pod) first gets its terminal phase, Failed unless every
   * container exited 0, as v1.30's kubelet writes it.
   */
  private terminate(key: string, pod: KObject, rec: PodRecord | undefined, agent: NodeAgent): void {
    const now = this.now();
    const deadline = Date.parse(pod.metadata.deletionTimestamp!);
    if (rec && !rec.terminating) {
      rec.terminating = true;
      if (!rec.killing) this.beginKill(pod, rec, agent, Math.max(0, deadline - now));
    }
    if (rec && rec.killDeadline !== undefined && deadline < rec.killDeadline) {
      shortenKill([...rec.init, ...rec.containers], deadline);
      rec.killDeadline = deadline;
    }
    if (rec) {
      const k = this.continueKill(pod, rec, agent);
      if (!k.done) {
        if (k.wake !== undefined) this.wakeAt(key, Math.max(k.wake, now));
        return;
      }
    }
    if (rec && !rec.finished && pod.metadata.finalizers?.length) {
      for (const c of [...rec.init, ...rec.containers]) kill(c, now);
      this.postStatus(pod, rec, agent, true);
    }
    if (rec) this.forget(key, rec);
    this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, {
      gracePeriodSeconds: 0,
      uid: pod.metadata.uid,
    });
  }

  /** How long the container's preStop hook takes (executePreStopHook): an exec hook runs in the container. */
  private preStop(pod: KObject, rec: PodRecord, spec: PodContainer, c: ContainerRecord, graceMs: number): number {
    const hook = spec?.lifecycle?.preStop;
    const argv: string[] = hook?.exec?.command ?? [];
    if (!argv.length) return preStopMs(hook);
    const host = this.host(pod, rec, spec);
    if (unsupportedWord(argv, host) !== undefined) return 0;
    return runToEnd(argv, host, processEnv(pod, c.env), this.now(), { limitMs: graceMs }).durationMs;
  }

  private forget(key: string, rec: PodRecord): void {
    this.pods.delete(key);
    const agent = this.agents.get(rec.node);
    if (rec.ip && agent && !rec.finished && rec.ip !== agent.ip) agent.ips.release(rec.ip);
  }

  private podEvent(pod: KObject, agent: NodeAgent, type: EventType, reason: string, message: string): void {
    this.ctx.recorder.event(pod, type, reason, message, 'kubelet', agent.name);
  }
}

/** The directories that hold an image's declared files, each parent before its children. */
function parentDirs(files: { path: string }[] = []): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out.add('/' + parts.slice(0, i).join('/'));
  }
  return [...out].sort((a, b) => a.length - b.length);
}

const imageFiles = (files: { path: string; content: string }[] = []) =>
  Object.fromEntries(files.map((f) => [f.path, f.content]));

function specChanged(old: KObject, pod: KObject): boolean {
  return (
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    old.metadata.uid !== pod.metadata.uid ||
    !deepEqual(old.spec, pod.spec) ||
    gatesChanged(old, pod)
  );
}

/** A readiness gate's condition, set by another component, changes the Ready condition the kubelet posts. */
function gatesChanged(old: KObject, pod: KObject): boolean {
  const gates: PodReadinessGate[] = pod.spec?.readinessGates ?? [];
  const status = (o: KObject, t: string) => o.status?.conditions?.find((c: PodCondition) => c.type === t)?.status;
  return gates.some((g) => status(old, g.conditionType) !== status(pod, g.conditionType));
}

function min(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
