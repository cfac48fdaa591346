// pkg/controller/endpoint/endpoints_controller.go: one Endpoints object per Service with a selector, named
// after it, with its labels, listing the selected pods' addresses (ready ones in addresses, the rest in
// notReadyAddresses) and each service port resolved against each pod. Deleting the Service deletes it.

import type { ServicePort } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../../api/meta';
import { fromMap } from '../../api/selectors';
import { isPodReady } from '../../api/pod';
import { isStatusError } from '../../api/errors';
import { formatTime } from '../../runtime/clock';
import { findPort, podIPv4, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/util';
import { type Address, type Port, type Subset, repackSubsets } from './repack';
import { ServiceSelectorIndex, endpointStateChanged } from './service-index';
import { TriggerTimeTracker } from './trigger-time-tracker';
import { ANN_LAST_CHANGE_TRIGGER_TIME, ANN_OVER_CAPACITY, LABEL_HEADLESS } from '../../api/well-known';

/** maxCapacity: more addresses than this are truncated and the object annotated. */
export const MAX_CAPACITY = 1000;

export class EndpointsController extends Controller {
  readonly name = 'endpoint-controller';
  private readonly services = new ServiceSelectorIndex();
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(ctx: ControllerContext) {
    super(ctx);
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
    // onEndpointsDelete: a deleted Endpoints of a selector service is put back
    this.watch('endpoints', (ev) => {
      if (ev.type === 'DELETED') this.enqueue(objKey(ev.object));
    });
  }

  /** syncService */
  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const svc = this.api.tryGet('services', namespace, name);
    if (!svc) {
      // the Service is gone: so are its Endpoints
      this.triggerTimes.deleteService(key);
      if (this.api.tryGet('endpoints', namespace, name)) {
        try {
          this.api.delete('endpoints', namespace, name);
        } catch (e) {
          if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
        }
      }
      return;
    }
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.selector) return;

    const pods = this.api.select('pods', { namespace, labelSelector: fromMap(spec.selector) });
    const triggerTime = this.triggerTimes.compute(key, svc, pods);
    const publishNotReady = !!spec.publishNotReadyAddresses;
    let subsets: Subset[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      const epa: Address = { ip };
      if (shouldSetHostname(pod, svc)) epa.hostname = pod.spec.hostname;
      epa.nodeName = pod.spec?.nodeName ?? '';
      epa.targetRef = {
        kind: 'Pod',
        namespace: pod.metadata.namespace!,
        name: pod.metadata.name!,
        uid: pod.metadata.uid!,
      };
      const ready = publishNotReady || isPodReady(pod);
      const ports: ServicePort[] = spec.ports ?? [];
      if (!ports.length) {
        // a headless service may have no ports: the addresses are published alone
        if (spec.clusterIP === 'None') subsets.push(ready ? { addresses: [epa] } : { notReadyAddresses: [epa] });
        continue;
      }
      for (const sp of ports) {
        const portNum = findPort(pod, sp);
        if (portNum === undefined) continue;
        const epp: Port = { port: portNum, protocol: sp.protocol! };
        if (sp.name) epp.name = sp.name;
        if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
        const ordered: Port = {
          ...(epp.name ? { name: epp.name } : {}),
          port: epp.port,
          protocol: epp.protocol,
          ...(epp.appProtocol ? { appProtocol: epp.appProtocol } : {}),
        };
        subsets.push(ready ? { addresses: [epa], ports: [ordered] } : { notReadyAddresses: [epa], ports: [ordered] });
      }
    }
    subsets = repackSubsets(subsets);
    const truncated = truncateEndpoints(subsets);

    const current = this.api.tryGet('endpoints', namespace, name);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (current) {
      const currentLabels = { ...(current.metadata.labels ?? {}) };
      delete currentLabels[LABEL_HEADLESS];
      if (
        deepEqual(current.subsets ?? [], subsets) &&
        deepEqual(currentLabels, svc.metadata.labels ?? {}) &&
        (current.metadata.annotations?.[ANN_OVER_CAPACITY] === 'truncated') === truncated
      )
        return;
    }
    const next: KObject = current
      ? clone(current)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (triggerTime) annotations[ANN_LAST_CHANGE_TRIGGER_TIME] = formatTime(triggerTime);
    else delete annotations[ANN_LAST_CHANGE_TRIGGER_TIME];
    if (truncated) annotations[ANN_OVER_CAPACITY] = 'truncated';
    else delete annotations[ANN_OVER_CAPACITY];
    next.metadata.annotations = Object.keys(annotations).length ? annotations : undefined;
    if (spec.clusterIP === 'None' || !spec.clusterIP) labels[LABEL_HEADLESS] = '';
    else delete labels[LABEL_HEADLESS];
    next.metadata.labels = Object.keys(labels).length ? labels : undefined;
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    try {
      if (current) this.api.update(next);
      else this.api.create(next);
    } catch (e) {
      // a terminating namespace refuses new content; the Endpoints are not needed there
      if (!current && isStatusError(e) && (e.reason === 'Forbidden' || e.reason === 'AlreadyExists')) return;
      if (isStatusError(e))
        this.event(
          next,
          'Warning',
          'FailedToUpdateEndpoint',
          `Failed to update endpoint ${namespace}/${name}: ${e.message}`,
        );
      throw e;
    }
  }
}

/** truncateEndpoints: keep at most MAX_CAPACITY addresses, ready ones first, each subset in proportion. */
export function truncateEndpoints(subsets: Subset[]): boolean {
  let totalReady = 0,
    totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses?.length : s.notReadyAddresses?.length) ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
    }
  }
  return true;
}
