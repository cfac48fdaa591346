// staging/src/k8s.io/endpointslice/reconciler.go (reconcileByAddressType, reconcileByPortMapping): the slices of a
// Service, one group per distinct port mapping, at most maxEndpointsPerSlice endpoints each. Existing slices are
// updated in place (endpoints that changed or went), new endpoints fill slices being updated first, then new
// slices; a Service with no endpoints keeps one placeholder slice, which is reused once endpoints appear.

import type { EndpointPort, SliceEndpoint } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import { type KObject, clone, controllerRef, deepEqual } from '../../api/meta';
import { formatTime } from '../../runtime/clock';
import {
  ANN_LAST_CHANGE_TRIGGER_TIME,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
} from '../../api/well-known';

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export interface DesiredEndpoint {
  key: string;
  endpoint: SliceEndpoint;
}
export interface PortGroup {
  ports: EndpointPort[];
  endpoints: Map<string, SliceEndpoint>;
}

/** The key of an endpoint within its slices: the pod it stands for. */
export const endpointKey = (ep: SliceEndpoint): string => ep.targetRef?.uid ?? ep.addresses?.[0];
const portMapKey = (ports: EndpointPort[] | undefined): string => JSON.stringify(ports ?? []);

export class Reconciler {
  constructor(private api: ApiServer) {}

  /** desired: port-mapping key -> group. existing: this service's managed slices. */
  reconcile(svc: KObject, desired: Map<string, PortGroup>, existing: KObject[], triggerTime: number): void {
    const toCreate: KObject[] = [],
      toUpdate: KObject[] = [],
      toDelete: KObject[] = [];
    const byPortMap = new Map<string, KObject[]>();
    for (const s of existing) {
      // a slice of an earlier Service of the same name (awaiting the garbage collector) is not reused
      if (!ownedBy(s, svc)) {
        toDelete.push(s);
        continue;
      }
      const k = portMapKey(s.ports);
      byPortMap.set(k, [...(byPortMap.get(k) ?? []), s]);
    }
    for (const [k, group] of desired) {
      const r = this.reconcileByPortMapping(svc, group, byPortMap.get(k) ?? []);
      toCreate.push(...r.create);
      toUpdate.push(...r.update);
      toDelete.push(...r.delete);
      byPortMap.delete(k);
    }
    for (const slices of byPortMap.values()) toDelete.push(...slices);
    // when no slice would be left, a placeholder stands in (kept if it is the one slice being deleted)
    if (existing.length === toDelete.length && toCreate.length < 1) {
      const placeholder = this.newSlice(svc, undefined);
      if (
        toDelete.length === 1 &&
        isPlaceholder(toDelete[0]) &&
        deepEqual(toDelete[0].metadata.labels, placeholder.metadata.labels)
      )
        toDelete.length = 0;
      else toCreate.push(placeholder);
    }
    // finalize: creates become updates of slices that would otherwise be deleted, so names do not churn
    for (let i = 0; i < toDelete.length && toCreate.length; ) {
      const old = toDelete[i];
      if (old.addressType === 'IPv4' && ownedBy(old, svc)) {
        const slice = toCreate.pop()!;
        slice.metadata.name = old.metadata.name;
        toUpdate.push(slice);
        toDelete.splice(i, 1);
      } else i++;
    }
    this.finalize(toCreate, toUpdate, toDelete, triggerTime, !!svc.metadata.deletionTimestamp);
  }

  private reconcileByPortMapping(
    svc: KObject,
    group: PortGroup,
    slices: KObject[],
  ): { create: KObject[]; update: KObject[]; delete: KObject[] } {
    const update: KObject[] = [],
      del: KObject[] = [],
      create: KObject[] = [];
    const remaining = new Map(group.endpoints);
    const unchanged: KObject[] = [];
    for (const slice of slices) {
      const kept: SliceEndpoint[] = [];
      let changed = false;
      for (const ep of slice.endpoints ?? []) {
        const k = endpointKey(ep);
        const want = remaining.get(k);
        if (want === undefined) {
          changed = true;
          continue;
        }
        remaining.delete(k);
        if (!deepEqual(want, ep)) changed = true;
        kept.push(want);
      }
      const labelsChanged = !deepEqual(slice.metadata.labels, this.labels(svc));
      if (!kept.length) del.push(slice);
      else if (changed || labelsChanged)
        update.push({
          ...clone(slice),
          metadata: { ...clone(slice.metadata), labels: this.labels(svc) },
          endpoints: kept,
        });
      else unchanged.push(slice);
    }
    // 2. new endpoints fill the slices already being updated, fullest first
    const fresh = [...remaining.values()];
    for (const s of [...update].sort((a, b) => b.endpoints.length - a.endpoints.length)) {
      while (fresh.length && s.endpoints.length < MAX_ENDPOINTS_PER_SLICE) s.endpoints.push(fresh.shift());
    }
    // 3. then, while fewer than a slice's worth remain, the unchanged slice they fill most closely; else new slices
    while (fresh.length) {
      let slice: KObject | undefined;
      if (fresh.length < MAX_ENDPOINTS_PER_SLICE && unchanged.length) {
        const target = getSliceToFill(unchanged, fresh.length);
        if (target) {
          unchanged.splice(unchanged.indexOf(target), 1);
          slice = { ...clone(target), endpoints: clone(target.endpoints ?? []) };
          update.push(slice);
        }
      }
      if (!slice) {
        slice = this.newSlice(svc, group.ports);
        create.push(slice);
      }
      while (fresh.length && slice.endpoints.length < MAX_ENDPOINTS_PER_SLICE) slice.endpoints.push(fresh.shift());
    }
    return { create, update, delete: del };
  }

  private finalize(
    toCreate: KObject[],
    toUpdate: KObject[],
    toDelete: KObject[],
    triggerTime: number,
    svcDeleting: boolean,
  ): void {
    const stamp = (s: KObject) => {
      const ann = { ...(s.metadata.annotations ?? {}) };
      if (triggerTime) ann[ANN_LAST_CHANGE_TRIGGER_TIME] = formatTime(triggerTime);
      else delete ann[ANN_LAST_CHANGE_TRIGGER_TIME];
      s.metadata.annotations = Object.keys(ann).length ? ann : undefined;
      if (Array.isArray(s.endpoints) && !s.endpoints.length) s.endpoints = null;
      return s;
    };
    // no new slices for a Service being deleted: the garbage collector would race them
    if (!svcDeleting) for (const s of toCreate) this.api.create(stamp(s));
    for (const s of toUpdate) this.api.update(stamp(s));
    for (const s of toDelete) this.api.delete('endpointslices', s.metadata.namespace, s.metadata.name!);
  }

  /** setEndpointSliceLabels: the service's labels, the service name, the manager, headless when no IP. */
  labels(svc: KObject): Record<string, string> {
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    delete labels[LABEL_SERVICE_NAME];
    delete labels[LABEL_MANAGED_BY];
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') labels[LABEL_HEADLESS] = '';
    else delete labels[LABEL_HEADLESS];
    labels[LABEL_SERVICE_NAME] = svc.metadata.name!;
    labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
    return labels;
  }

  /** newEndpointSlice: generateName `<service>-`, owned by the Service. */
  newSlice(svc: KObject, ports: EndpointPort[] | undefined): KObject {
    const s: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name}-`,
        namespace: svc.metadata.namespace,
        labels: this.labels(svc),
        ownerReferences: [controllerRef({ ...svc, apiVersion: 'v1', kind: 'Service' })],
      },
      addressType: 'IPv4',
      endpoints: [],
    };
    if (ports) s.ports = clone(ports);
    return s;
  }
}

/** getSliceToFill: the slice that the endpoints would leave closest to full, if any fits them. */
function getSliceToFill(slices: KObject[], numEndpoints: number): KObject | undefined {
  let closestDiff = MAX_ENDPOINTS_PER_SLICE;
  let closest: KObject | undefined;
  for (const s of slices) {
    const diff = MAX_ENDPOINTS_PER_SLICE - (numEndpoints + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  return closest;
}

const ownedBy = (s: KObject, svc: KObject): boolean =>
  !!s.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Service' && r.uid === svc.metadata.uid);

function isPlaceholder(s: KObject): boolean {
  return !s.endpoints?.length && !s.ports?.length;
}
