// The guarantees Kubernetes' controllers give, checked against the state of an embedded cluster. `always` holds
// after every converge, whatever faults happened; `settled` holds once nodes are healthy and time has passed.
// Each check reads through the API, as any client would, and returns what it found wrong.

import type { Cluster } from '../../src/cluster';
import type { KObject } from '../../src/api/meta';
import { milliValue, parseQuantity } from '../../src/api/quantity';
import { matches, fromMap } from '../../src/api/selectors';

const ACTIVE = (p: KObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
const terminating = (o: KObject) => !!o.metadata.deletionTimestamp;
const ready = (p: KObject) =>
  p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false;
const owned = (o: KObject, owner: KObject) =>
  o.metadata.ownerReferences?.some((r: any) => r.uid === owner.metadata.uid && r.controller) ?? false;

/** What the harness remembers between checks: the pods on each node when it was cordoned. */
export interface Memory {
  cordoned: Map<string, Set<string>>;
}

export function newMemory(): Memory {
  return { cordoned: new Map() };
}

/** IntOrString against a total, as the deployment controller resolves maxSurge (up) and maxUnavailable (down). */
function resolve(v: unknown, total: number, up: boolean): number {
  if (v === undefined || v === null)
    return Math.ceil(total * 0.25) * (up ? 1 : 0) + (up ? 0 : Math.floor(total * 0.25));
  if (typeof v === 'number') return v;
  const pct = Number(String(v).replace('%', ''));
  return up ? Math.ceil((pct * total) / 100) : Math.floor((pct * total) / 100);
}

export function checkAlways(c: Cluster, mem: Memory): string[] {
  const out: string[] = [];
  const pods = c.list('pods', { namespace: 'default' });
  const nodes = c.list('nodes');

  // Deployments: status consistent, revisions unique, one current ReplicaSet, surge and unavailability bounds
  for (const d of c.list('deployments')) {
    const s = d.status ?? {};
    const name = `deployment ${d.metadata.name}`;
    if ((s.updatedReplicas ?? 0) > (s.replicas ?? 0))
      out.push(`${name}: updatedReplicas ${s.updatedReplicas} > replicas ${s.replicas}`);
    if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0))
      out.push(`${name}: availableReplicas ${s.availableReplicas} > readyReplicas ${s.readyReplicas}`);
    const rss = c.list('replicasets', { namespace: d.metadata.namespace }).filter((rs) => owned(rs, d));
    const revisions = rss.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']);
    if (new Set(revisions).size !== revisions.length)
      out.push(`${name}: ReplicaSets share a revision: ${revisions.join(', ')}`);
    const hash = rss.filter((rs) => sameTemplate(rs, d));
    if (hash.length > 1)
      out.push(
        `${name}: ${hash.length} ReplicaSets match its template: ${hash.map((r) => r.metadata.name).join(', ')}`,
      );
    if (
      !d.metadata.deletionTimestamp &&
      d.spec.strategy?.type !== 'Recreate' &&
      s.observedGeneration === d.metadata.generation
    ) {
      const replicas = d.spec.replicas ?? 1;
      const ru = d.spec.strategy?.rollingUpdate ?? {};
      const surge = resolve(ru.maxSurge, replicas, true),
        unavailable = resolve(ru.maxUnavailable, replicas, false);
      const total = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      if (total > replicas + surge)
        out.push(`${name}: its ReplicaSets want ${total} pods, more than ${replicas} + maxSurge ${surge}`);
      if (total < replicas - Math.max(unavailable, surge === 0 ? 1 : 0))
        out.push(`${name}: its ReplicaSets want ${total} pods, fewer than ${replicas} - maxUnavailable ${unavailable}`);
    }
  }

  // Endpoints and EndpointSlices list exactly the selected pods that have an IP: ready ones as addresses
  for (const svc of c.list('services', { namespace: 'default' })) {
    if (!svc.spec.selector || svc.spec.type === 'ExternalName') continue;
    const selected = pods.filter(
      (p) =>
        matches(fromMap(svc.spec.selector), p.metadata.labels ?? {}) && p.status?.podIP && p.spec.nodeName && ACTIVE(p),
    );
    const live = selected.filter((p) => !terminating(p));
    const want = (f: (p: KObject) => boolean) =>
      live
        .filter(f)
        .map((p) => p.status.podIP)
        .sort()
        .join(',');
    const ep = c.tryGet('endpoints', svc.metadata.name!, 'default');
    const got = (k: string) =>
      (ep?.subsets ?? [])
        .flatMap((s: any) => (s[k] ?? []).map((a: any) => a.ip))
        .sort()
        .join(',');
    if (got('addresses') !== want(ready))
      out.push(`endpoints ${svc.metadata.name}: addresses [${got('addresses')}], ready pods [${want(ready)}]`);
    if (got('notReadyAddresses') !== want((p) => !ready(p)))
      out.push(
        `endpoints ${svc.metadata.name}: notReadyAddresses [${got('notReadyAddresses')}], not-ready pods [${want((p) => !ready(p))}]`,
      );
    const slices = c.list('endpointslices', {
      namespace: 'default',
      labelSelector: `kubernetes.io/service-name=${svc.metadata.name}`,
    });
    // a slice keeps terminating pods (conditions.terminating), not ready. A pod whose Node is gone is left out at
    // the next sync ("skipping Pod for Service, Node not found"), which only the pod's own removal by the pod GC
    // may bring: such pods are not compared
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    const sliceEps = slices
      .flatMap((s) => s.endpoints ?? [])
      .filter((e: any) => !e.nodeName || nodeNames.has(e.nodeName));
    const sliceIPs = sliceEps
      .map((e: any) => e.addresses[0])
      .sort()
      .join(',');
    const allIPs = selected
      .filter((p) => nodeNames.has(p.spec.nodeName))
      .map((p) => p.status.podIP)
      .sort()
      .join(',');
    if (sliceIPs !== allIPs) out.push(`endpointslices ${svc.metadata.name}: [${sliceIPs}], selected pods [${allIPs}]`);
    for (const e of sliceEps as any[]) {
      const p = selected.find((x) => x.status.podIP === e.addresses[0]);
      if (p && e.conditions?.ready !== (ready(p) && !terminating(p)))
        out.push(
          `endpointslices ${svc.metadata.name}: ${e.addresses[0]} ready=${e.conditions?.ready}, pod ${p.metadata.name} ready=${ready(p)} terminating=${terminating(p)}`,
        );
    }
  }

  // pod IPs unique, inside their node's CIDR
  const ips = new Map<string, string>();
  for (const p of c.list('pods')) {
    const ip = p.status?.podIP;
    if (!ip || p.spec.hostNetwork || !ACTIVE(p)) continue;
    if (ips.has(ip)) out.push(`pods ${ips.get(ip)} and ${p.metadata.name} share the IP ${ip}`);
    ips.set(ip, p.metadata.name!);
    const node = nodes.find((n) => n.metadata.name === p.spec.nodeName);
    const cidr = node?.spec.podCIDR as string | undefined;
    if (cidr && !ip.startsWith(cidr.replace(/0\/24$/, '')))
      out.push(`pod ${p.metadata.name}: IP ${ip} outside node ${node!.metadata.name}'s ${cidr}`);
  }

  // cluster IPs and NodePorts unique
  const cips = new Map<string, string>(),
    ports = new Map<number, string>();
  for (const s of c.list('services')) {
    for (const ip of s.spec.clusterIPs ?? []) {
      if (ip === 'None') continue;
      if (cips.has(ip)) out.push(`services ${cips.get(ip)} and ${s.metadata.name} share the cluster IP ${ip}`);
      cips.set(ip, s.metadata.name!);
    }
    for (const port of s.spec.ports ?? []) {
      if (!port.nodePort) continue;
      if (ports.has(port.nodePort))
        out.push(`services ${ports.get(port.nodePort)} and ${s.metadata.name} share the NodePort ${port.nodePort}`);
      ports.set(port.nodePort, s.metadata.name!);
    }
  }

  // PV <-> PVC binding both ways
  const pvs = c.list('persistentvolumes');
  for (const pvc of c.list('persistentvolumeclaims')) {
    if (pvc.status?.phase !== 'Bound') continue;
    const pv = pvs.find((v) => v.metadata.name === pvc.spec.volumeName);
    if (!pv) out.push(`claim ${pvc.metadata.name} is Bound to ${pvc.spec.volumeName}, which does not exist`);
    else if (pv.spec.claimRef?.uid !== pvc.metadata.uid)
      out.push(
        `claim ${pvc.metadata.name} is Bound to ${pv.metadata.name}, whose claimRef is ${pv.spec.claimRef?.name ?? 'unset'}`,
      );
  }
  for (const pv of pvs) {
    if (pv.status?.phase !== 'Bound') continue;
    const ref = pv.spec.claimRef;
    const pvc = c.tryGet('persistentvolumeclaims', ref?.name, ref?.namespace);
    if (pvc && pvc.metadata.uid === ref.uid && pvc.spec.volumeName !== pv.metadata.name)
      out.push(
        `volume ${pv.metadata.name} is Bound to ${ref.name}, whose volumeName is ${pvc.spec.volumeName ?? 'unset'}`,
      );
  }

  // pods within their node's allocatable
  for (const n of nodes) {
    const on = c.list('pods', { nodeName: n.metadata.name }).filter(ACTIVE);
    const cpu = on.reduce(
      (s, p) => s + p.spec.containers.reduce((x: number, k: any) => x + milliValue(k.resources?.requests?.cpu ?? 0), 0),
      0,
    );
    const bytes = on.reduce(
      (s, p) =>
        s + p.spec.containers.reduce((x: number, k: any) => x + parseQuantity(k.resources?.requests?.memory ?? 0), 0),
      0,
    );
    const a = n.status.allocatable;
    if (cpu > milliValue(a.cpu)) out.push(`node ${n.metadata.name}: pods request ${cpu}m CPU of ${a.cpu}`);
    if (bytes > parseQuantity(a.memory))
      out.push(`node ${n.metadata.name}: pods request ${bytes} bytes of memory of ${a.memory}`);
    if (on.length > Number(a.pods)) out.push(`node ${n.metadata.name}: ${on.length} pods of ${a.pods}`);
  }
  // no pod lands on a cordoned node (DaemonSet pods tolerate it)
  for (const n of nodes) {
    const was = mem.cordoned.get(n.metadata.name!);
    if (!n.spec.unschedulable) {
      mem.cordoned.delete(n.metadata.name!);
      continue;
    }
    const now = c
      .list('pods', { nodeName: n.metadata.name })
      .filter((p) => !p.metadata.ownerReferences?.some((r: any) => r.kind === 'DaemonSet'));
    if (!was) {
      mem.cordoned.set(n.metadata.name!, new Set(now.map((p) => p.metadata.uid!)));
      continue;
    }
    for (const p of now)
      if (!was.has(p.metadata.uid!)) out.push(`pod ${p.metadata.name} was placed on cordoned node ${n.metadata.name}`);
  }

  // CronJobs with Forbid or Replace never run two Jobs at once
  for (const cj of c.list('cronjobs', { namespace: 'default' })) {
    if (cj.spec.concurrencyPolicy !== 'Forbid' && cj.spec.concurrencyPolicy !== 'Replace') continue;
    const running = c
      .list('jobs', { namespace: 'default' })
      .filter(
        (j) =>
          owned(j, cj) &&
          !terminating(j) &&
          !j.status?.conditions?.some(
            (x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
          ),
      );
    if (running.length > 1)
      out.push(
        `cronjob ${cj.metadata.name} (${cj.spec.concurrencyPolicy}) runs ${running.length} jobs: ${running.map((j) => j.metadata.name).join(', ')}`,
      );
  }

  // Jobs: never more successes than completions
  for (const j of c.list('jobs', { namespace: 'default' })) {
    if (j.spec.completions !== undefined && (j.status?.succeeded ?? 0) > j.spec.completions)
      out.push(`job ${j.metadata.name}: ${j.status.succeeded} succeeded of ${j.spec.completions} completions`);
  }
  return out;
}

/** Whether a ReplicaSet's pod template is the Deployment's (ignoring the pod-template-hash label). */
function sameTemplate(rs: KObject, d: KObject): boolean {
  const strip = (t: any) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    return JSON.stringify(sortDeep({ ...t, metadata: { ...(t?.metadata ?? {}), labels } }));
  };
  return strip(rs.spec.template) === strip(d.spec.template);
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep(v[k])]),
    );
  return v;
}

/** After healing and waiting: controllers have done their work. */
export function checkSettled(c: Cluster): string[] {
  const out: string[] = [];
  const pods = c.list('pods', { namespace: 'default' });
  const live = (o: KObject) => pods.filter((p) => owned(p, o) && ACTIVE(p) && !terminating(p));
  for (const rs of c.list('replicasets', { namespace: 'default' })) {
    const n = live(rs).length;
    if (n !== (rs.spec.replicas ?? 1))
      out.push(`replicaset ${rs.metadata.name}: ${n} active pods, replicas ${rs.spec.replicas}`);
  }
  const schedulable = c
    .list('nodes')
    .filter(
      (n) => !n.spec.unschedulable && n.status.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True'),
    );
  for (const d of c.list('deployments', { namespace: 'default' })) {
    const s = d.status ?? {};
    if (s.observedGeneration !== d.metadata.generation)
      out.push(
        `deployment ${d.metadata.name}: observedGeneration ${s.observedGeneration}, generation ${d.metadata.generation}`,
      );
    if (d.spec.paused) continue;
    const replicas = d.spec.replicas ?? 1;
    if ((s.updatedReplicas ?? 0) !== replicas)
      out.push(`deployment ${d.metadata.name}: updatedReplicas ${s.updatedReplicas}, replicas ${replicas}`);
    if (schedulable.length && (s.availableReplicas ?? 0) !== replicas)
      out.push(`deployment ${d.metadata.name}: availableReplicas ${s.availableReplicas}, replicas ${replicas}`);
    const scaled = c
      .list('replicasets', { namespace: 'default' })
      .filter((rs) => owned(rs, d) && (rs.spec.replicas ?? 0) > 0);
    if (replicas > 0 && scaled.length !== 1)
      out.push(`deployment ${d.metadata.name}: ${scaled.length} ReplicaSets with pods after its rollout`);
  }
  for (const sts of c.list('statefulsets', { namespace: 'default' })) {
    const names = live(sts)
      .map((p) => p.metadata.name)
      .sort()
      .join(',');
    const want = Array.from({ length: sts.spec.replicas ?? 1 }, (_, i) => `${sts.metadata.name}-${i}`)
      .sort()
      .join(',');
    if (names !== want) out.push(`statefulset ${sts.metadata.name}: pods [${names}], want [${want}]`);
    if (schedulable.length && (sts.status?.readyReplicas ?? 0) !== (sts.spec.replicas ?? 1))
      out.push(
        `statefulset ${sts.metadata.name}: readyReplicas ${sts.status?.readyReplicas}, replicas ${sts.spec.replicas}`,
      );
  }
  // no orphans: whatever a deleted owner had is gone too (garbage collection, background propagation)
  for (const resource of [
    'pods',
    'replicasets',
    'jobs',
    'controllerrevisions',
    'endpointslices',
    'persistentvolumeclaims',
  ]) {
    for (const o of c.list(resource)) {
      if (terminating(o)) continue;
      for (const ref of o.metadata.ownerReferences ?? []) {
        const r = c.api.resources.forKind(ref.kind);
        const owner =
          r && c.api.list(r.resource, { namespace: o.metadata.namespace }).find((x) => x.metadata.uid === ref.uid);
        if (!owner) out.push(`${resource} ${o.metadata.name}: its owner ${ref.kind} ${ref.name} is gone`);
      }
    }
  }
  return out;
}

/** The StatefulSet's OrderedReady guarantee, checked at each pod creation: every lower ordinal is Running and Ready. */
export function watchOrderedReady(c: Cluster, violations: string[]): void {
  c.api.watch('pods', (ev) => {
    if (ev.type !== 'ADDED') return;
    const ref = ev.object.metadata.ownerReferences?.find((r: any) => r.kind === 'StatefulSet');
    if (!ref) return;
    const sts = c.api.tryGet('statefulsets', ev.object.metadata.namespace, ref.name);
    if (!sts || (sts.spec.podManagementPolicy ?? 'OrderedReady') !== 'OrderedReady') return;
    const ordinal = Number(ev.object.metadata.name!.slice(ref.name.length + 1));
    for (let i = 0; i < ordinal; i++) {
      const p = c.api.tryGet('pods', ev.object.metadata.namespace, `${ref.name}-${i}`);
      if (!p || terminating(p) || p.status?.phase !== 'Running' || !ready(p)) {
        violations.push(
          `statefulset ${ref.name}: created ${ev.object.metadata.name} while ${ref.name}-${i} was ${!p ? 'missing' : terminating(p) ? 'terminating' : 'not Running and Ready'}`,
        );
        return;
      }
    }
  });
}
