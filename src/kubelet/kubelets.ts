// One kubelet per registered Node (pkg/kubelet). Each takes the pods bound to its node (the nodeName index),
// runs their containers through the state machine in container.ts with the image's declared behaviour, and
// posts the pod status (status.ts). A pod being deleted has its containers stopped (the default image exits at
// once on SIGTERM) and is then removed with gracePeriodSeconds 0 and its uid, as the status manager does.
import { Controller, ControllerContext } from '../controllers/controller';
import { KObject, clone, objKey, splitKey } from '../api/meta';
import type { WatchEvent } from '../store/store';
import type { EventType } from '../client/recorder';
import { ImageBehaviours, imageSize } from './images';
import { PodIPAllocator } from './pod-ip';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, ContainerRecord, advanceRunning, newContainer, shouldRestart, stateOf } from './container';
import { containerStatus, podConditions, podPhase, PodRecordView } from './status';
import * as msg from './events';

interface NodeAgent { name: string; ip: string; ips: PodIPAllocator; images: Set<string> }

interface PodRecord {
  uid: string;
  node: string;
  ip?: string;
  startTime: number;
  init: ContainerRecord[];
  containers: ContainerRecord[];
  finished: boolean;
}

export class Kubelets extends Controller {
  readonly name = 'kubelet';
  private agents = new Map<string, NodeAgent>();
  private pods = new Map<string, PodRecord>();

  constructor(ctx: ControllerContext, private readonly images: ImageBehaviours) {
    super(ctx);
    this.watch('nodes', (ev) => this.onNode(ev));
    this.watch('pods', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object, name = node.metadata.name!;
    if (ev.type === 'DELETED') { this.agents.delete(name); return; }
    if (this.agents.has(name)) return;
    const ip = node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '';
    this.agents.set(name, { name, ip, ips: new PodIPAllocator(node.spec?.podCIDR ?? '10.244.0.0/24'), images: new Set() });
    for (const p of this.api.select('pods', { nodeName: name })) this.enqueueObject(p);
  }

  private onPod(ev: WatchEvent): void {
    const key = objKey(ev.object);
    if (ev.object.spec?.nodeName && this.agents.has(ev.object.spec.nodeName)) this.enqueue(key);
    else if (this.pods.has(key)) this.enqueue(key);
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.api.tryGet('pods', ns, name);
    let rec = this.pods.get(key);
    if (rec && (!pod || pod.metadata.uid !== rec.uid)) { this.forget(key, rec); rec = undefined; }
    if (!pod) return;
    const agent = this.agents.get(pod.spec?.nodeName);
    if (!agent) return;
    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod, rec, agent);
    if (!rec) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      rec = {
        uid: pod.metadata.uid!, node: agent.name, startTime: this.now(), finished: false,
        init: (pod.spec.initContainers ?? []).map((c: any) => newContainer(c.name, c.image)),
        containers: (pod.spec.containers ?? []).map((c: any) => newContainer(c.name, c.image)),
      };
      this.pods.set(key, rec);
    }
    if (rec.finished) return;
    if (!rec.ip) rec.ip = pod.spec.hostNetwork ? agent.ip : agent.ips.allocate();
    const wake = this.runContainers(pod, rec, agent);
    this.postStatus(pod, rec, agent);
    if (rec.finished && rec.ip && !pod.spec.hostNetwork) agent.ips.release(rec.ip);
    if (wake !== undefined && !rec.finished) this.enqueueAfter(key, wake - this.now());
  }

  /** computePodActions: init containers one at a time, then the regular containers. Returns the next wake-up. */
  private runContainers(pod: KObject, rec: PodRecord, agent: NodeAgent): number | undefined {
    const policy = pod.spec.restartPolicy ?? 'Always';
    let wake: number | undefined;
    const soonest = (t: number | undefined) => { if (t !== undefined && (wake === undefined || t < wake)) wake = t; };
    let initDone = true;
    for (let i = 0; i < rec.init.length; i++) {
      const c = rec.init[i];
      if (c.terminated?.exitCode === 0) continue;
      // init containers restart on failure unless the pod's policy is Never
      soonest(this.drive(pod, pod.spec.initContainers[i], c, policy === 'Never' ? 'Never' : 'OnFailure', agent));
      if (c.terminated?.exitCode !== 0) { initDone = false; break; }
    }
    for (let i = 0; i < rec.containers.length; i++) {
      const c = rec.containers[i];
      if (!initDone) { if (!c.containerID) c.waiting = { reason: 'PodInitializing' }; continue; }
      soonest(this.drive(pod, pod.spec.containers[i], c, policy, agent));
    }
    return wake;
  }

  /** Moves one container as far as the current time allows. */
  private drive(pod: KObject, spec: any, c: ContainerRecord, policy: string, agent: NodeAgent): number | undefined {
    const now = this.now();
    const b = this.images.get(spec.image);
    for (let guard = 0; guard < 100; guard++) {
      if (c.backoffUntil !== undefined) {
        if (now < c.backoffUntil) return c.backoffUntil;
        c.backoffUntil = undefined;
        c.backoffMs = Math.min(c.backoffMs * 2, BACKOFF_MAX_MS);
        c.restartCount++;
        c.containerID = undefined;
      }
      if (!c.containerID) this.create(pod, spec, c, b.startDelayMs ?? 0, agent);
      const wasRunning = c.startedAt !== undefined;
      const next = advanceRunning(c, b, now);
      if (!wasRunning && c.startedAt !== undefined) this.podEvent(pod, agent, 'Normal', 'Started', msg.started(c.name));
      if (!c.terminated) return next;
      if (!shouldRestart(policy, c.terminated.exitCode)) return undefined;
      // the first restart is immediate; later ones wait out the back-off from the exit (kuberuntime_manager.go doBackOff)
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.startedAt = undefined;
      if (c.backoffMs === 0) {
        c.backoffMs = BACKOFF_INITIAL_MS;
        c.restartCount++;
        c.containerID = undefined;
        continue;
      }
      c.backoffUntil = c.lastTerminated.finishedAt + c.backoffMs;
      const p = msg.podDesc(pod.metadata.name!, pod.metadata.namespace!, pod.metadata.uid!);
      c.waiting = { reason: 'CrashLoopBackOff', message: msg.backOffWaiting(c.backoffMs, c.name, p) };
      this.podEvent(pod, agent, 'Warning', 'BackOff', msg.backOffEvent(c.name, p));
    }
    return undefined;
  }

  /** EnsureImageExists, then createContainer and startContainer. */
  private create(pod: KObject, spec: any, c: ContainerRecord, startDelayMs: number, agent: NodeAgent): void {
    const image = spec.image;
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    if (policy === 'Always' || !agent.images.has(image)) {
      this.podEvent(pod, agent, 'Normal', 'Pulling', msg.pulling(image));
      agent.images.add(image);
      this.podEvent(pod, agent, 'Normal', 'Pulled', msg.pulled(image, 0, imageSize(image)));
    } else {
      this.podEvent(pod, agent, 'Normal', 'Pulled', msg.alreadyPresent(image));
    }
    c.containerID = `containerd://${this.api.rng.hex(64)}`;
    c.waiting = { reason: 'ContainerCreating' };
    c.startAt = this.now() + startDelayMs;
    this.podEvent(pod, agent, 'Normal', 'Created', msg.created(c.name));
  }

  private postStatus(pod: KObject, rec: PodRecord, agent: NodeAgent): void {
    const view: PodRecordView = {
      init: rec.init, containers: rec.containers, sandbox: !!rec.ip,
      ready: (c) => stateOf(c) === 'running',
    };
    const phase = podPhase(pod.spec, view);
    if (phase === 'Succeeded' || phase === 'Failed') rec.finished = true;
    const p = clone(pod);
    const s = p.status ?? (p.status = {});
    s.phase = phase;
    s.conditions = podConditions(pod, view, phase, this.api.clock.iso());
    s.hostIP = agent.ip;
    s.hostIPs = [{ ip: agent.ip }];
    if (rec.ip) { s.podIP = rec.ip; s.podIPs = [{ ip: rec.ip }]; }
    s.startTime = this.api.clock.iso(rec.startTime);
    if (rec.init.length) s.initContainerStatuses = rec.init.map((c) => containerStatus(c, c.terminated?.exitCode === 0));
    s.containerStatuses = rec.containers.map((c) => containerStatus(c, view.ready(c)));
    this.api.updateStatus(p);
  }

  /** killPod, then the status manager's final delete (grace 0, uid precondition). */
  private terminate(key: string, pod: KObject, rec: PodRecord | undefined, agent: NodeAgent): void {
    for (const c of [...(rec?.containers ?? []), ...(rec?.init ?? [])]) {
      if (stateOf(c) === 'running' || c.startAt !== undefined) this.podEvent(pod, agent, 'Normal', 'Killing', msg.killing(c.name));
    }
    if (rec) this.forget(key, rec);
    this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
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
