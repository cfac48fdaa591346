// pkg/controller/endpointslice/endpointslice_controller.go: the EndpointSlices of every Service with a
// selector. Unlike Endpoints, slices include terminating pods, with ready/serving/terminating conditions.
// The slices are owned by the Service, so the garbage collector removes them with it.

import type { EndpointPort, NodeCondition, SliceEndpoint } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, deepEqual, objKey, splitKey } from '../../api/meta';
import { fromMap } from '../../api/selectors';
import { isPodReady } from '../../api/pod';
import { ServiceSelectorIndex, endpointStateChanged } from '../endpoint/service-index';
import { TriggerTimeTracker } from '../endpoint/trigger-time-tracker';
import { findPort, podIPv4, shouldPodBeInEndpoints, shouldSetHostname } from './util';
import { CONTROLLER_NAME, type PortGroup, Reconciler } from './reconciler';
import { LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_TOPOLOGY_ZONE } from '../../api/well-known';
import {
  TOPOLOGY_AWARE_HINTS_DISABLED,
  addHints,
  cpuRatiosByZone,
  formatWithAddressType,
  hintsEnabled,
} from './topologycache';

/** What of a node the topology cache reads: its zone, allocatable CPU, readiness and role labels. */
const topologyOf = (n: KObject | undefined): string =>
  JSON.stringify(
    n && [
      n.metadata.labels,
      n.status?.allocatable?.cpu,
      (n.status?.conditions ?? []).find((c: NodeCondition) => c.type === 'Ready')?.status,
    ],
  );

export { LABEL_TOPOLOGY_ZONE };

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice-controller';
  private readonly services = new ServiceSelectorIndex();
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly reconciler: Reconciler;
  /** the topology cache: zone CPU ratios (recomputed after a node change), and the Services with hints */
  private ratios?: ReturnType<typeof cpuRatiosByZone> | null;
  private readonly hinted = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.reconciler = new Reconciler(ctx.api);
    this.watch('services', (ev) => {
      this.services.observe(ev);
      this.enqueue(objKey(ev.object));
    });
    this.watch('pods', (ev) => {
      const pod = ev.object,
        old = ev.old;
      if (!this.services.hasAny(pod.metadata.namespace!)) return;
      if (ev.type === 'MODIFIED' && old) {
        const labelsChanged = !deepEqual(old.metadata.labels, pod.metadata.labels);
        if (!labelsChanged && !endpointStateChanged(old, pod)) return;
        for (const k of this.services.servicesFor(
          pod,
          pod.metadata.labels,
          labelsChanged ? old.metadata.labels : undefined,
        ))
          this.enqueue(k);
        return;
      }
      for (const k of this.services.servicesFor(pod, pod.metadata.labels)) this.enqueue(k);
    });
    // checkNodeTopologyDistribution: node changes renew the zone ratios and resync the Services with hints
    this.watch('nodes', (ev) => {
      if (ev.type === 'MODIFIED' && topologyOf(ev.old) === topologyOf(ev.object)) return;
      this.ratios = undefined;
      for (const k of this.hinted) this.enqueue(k);
    });
    // a managed slice deleted or changed by someone else is put right
    this.watch('endpointslices', (ev) => {
      const l = ev.object.metadata.labels ?? {};
      if (
        ev.type !== 'ADDED' &&
        l[LABEL_MANAGED_BY] === CONTROLLER_NAME &&
        l[LABEL_SERVICE_NAME] &&
        ev.object.metadata.namespace
      ) {
        if (this.api.actor !== this.name) this.enqueue(`${ev.object.metadata.namespace}/${l[LABEL_SERVICE_NAME]}`);
      }
    });
  }

  /** syncService */
  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const svc = this.api.tryGet('services', namespace, name);
    if (!svc) {
      this.triggerTimes.deleteService(key);
      return;
    } // the garbage collector removes the slices
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.selector) return;
    const pods = this.api.select('pods', { namespace, labelSelector: fromMap(spec.selector) });
    const existing = this.api
      .select('endpointslices', {
        namespace,
        labelSelector: [
          { key: LABEL_SERVICE_NAME, op: 'Equals', values: [name] },
          { key: LABEL_MANAGED_BY, op: 'Equals', values: [CONTROLLER_NAME] },
        ],
      })
      .filter((s) => s.addressType === 'IPv4');
    const desired = new Map<string, PortGroup>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      // a pod on a Node that is gone is left out (unless not-ready addresses are published), until the pod GC acts
      if (
        pod.spec?.nodeName &&
        !spec.publishNotReadyAddresses &&
        !this.api.tryGet('nodes', undefined, pod.spec.nodeName)
      )
        continue;
      const ports = endpointPorts(svc, pod);
      const k = JSON.stringify(ports);
      let g = desired.get(k);
      if (!g) desired.set(k, (g = { ports, endpoints: new Map() }));
      g.endpoints.set(pod.metadata.uid!, this.podToEndpoint(pod, svc, ip));
    }
    this.topologyHints(key, svc, desired);
    this.reconciler.reconcile(svc, desired, existing, this.triggerTimes.compute(key, svc, pods));
  }

  /** The topology cache's part of reconcile: hints on the endpoints when the Service asks for them (IPv4 only). */
  private topologyHints(key: string, svc: KObject, desired: Map<string, PortGroup>): void {
    if (!hintsEnabled(svc)) {
      if (this.hinted.delete(key))
        this.event(
          svc,
          'Warning',
          'TopologyAwareHintsDisabled',
          formatWithAddressType(TOPOLOGY_AWARE_HINTS_DISABLED, 'IPv4'),
        );
      return;
    }
    if (this.ratios === undefined) this.ratios = cpuRatiosByZone(this.api.list('nodes')) ?? null;
    const endpoints = [...desired.values()].flatMap((g) => [...g.endpoints.values()]);
    const r = addHints(endpoints, this.ratios ?? undefined, 'IPv4', this.hinted.has(key));
    if (r.hinted) this.hinted.add(key);
    else this.hinted.delete(key);
    for (const e of r.events) this.event(svc, e.type, e.reason, e.message);
  }

  /** podToEndpoint (utils.go) */
  private podToEndpoint(pod: KObject, svc: KObject, ip: string): SliceEndpoint {
    const serving = isPodReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
    const ep: SliceEndpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
    if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
    ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    if (pod.spec?.nodeName) {
      ep.nodeName = pod.spec.nodeName;
      const zone = this.api.tryGet('nodes', undefined, pod.spec.nodeName)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
      if (zone) ep.zone = zone;
    }
    return ep;
  }
}

/** getEndpointPorts: every service port that resolves against the pod, named as the service port. */
export function endpointPorts(svc: KObject, pod: KObject): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}
