// pkg/controller/endpointslicemirroring: the Endpoints of a Service without a selector (written by hand, e.g.
// an external database) are mirrored into EndpointSlices, so that slice consumers see them too. One slice per
// distinct port set of the subsets, owned by the Endpoints; the `kubernetes` Endpoints opts out with the
// skip-mirror label.

import type { EndpointAddress, EndpointPort, Endpoints, SliceEndpoint } from '../../../api/types';
import { Controller, type ControllerContext } from '../../../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';
import {
  LABEL_SERVICE_NAME,
  LABEL_MANAGED_BY,
  LABEL_HEADLESS,
  ANN_LAST_CHANGE_TRIGGER_TIME,
  LABEL_SKIP_MIRROR,
  LAST_APPLIED_ANNOTATION,
} from '../../../api/well-known';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** maxEndpointsPerSubset: addresses beyond this in one subset are not mirrored. */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;

export class EndpointSliceMirroringController extends Controller {
  readonly name = 'endpointslicemirroring-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('endpoints', (ev) => this.enqueue(objKey(ev.object)));
    this.watch('services', (ev) => {
      if (ev.type === 'MODIFIED' && !!ev.old?.spec?.selector === !!ev.object.spec?.selector) return;
      this.enqueue(objKey(ev.object));
    });
    this.watch('endpointslices', (ev) => {
      const l = ev.object.metadata.labels ?? {};
      if (ev.type !== 'ADDED' && l[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME && this.api.actor !== this.name) {
        this.enqueue(`${ev.object.metadata.namespace}/${l[LABEL_SERVICE_NAME]}`);
      }
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const existing = this.api.select('endpointslices', {
      namespace,
      labelSelector: [
        { key: LABEL_SERVICE_NAME, op: 'Equals', values: [name] },
        { key: LABEL_MANAGED_BY, op: 'Equals', values: [MIRRORING_CONTROLLER_NAME] },
      ],
    });
    const svc = this.api.tryGet('services', namespace, name);
    const ep = this.api.tryGet<Endpoints>('endpoints', namespace, name);
    if (!svc || svc.spec?.selector || !ep || ep.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') {
      for (const s of existing) this.remove(s);
      return;
    }
    // desired: one slice per port set, endpoints from every subset with those ports
    const desired = new Map<string, { ports: EndpointPort[]; endpoints: SliceEndpoint[] }>();
    for (const ss of ep.subsets ?? []) {
      const ports = (ss.ports ?? []).map((p) => ({
        name: p.name ?? '',
        port: p.port,
        protocol: p.protocol ?? 'TCP',
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      }));
      const k = JSON.stringify(ports);
      let d = desired.get(k);
      if (!d) desired.set(k, (d = { ports, endpoints: [] }));
      let n = 0;
      for (const [list, ready] of [
        [ss.addresses, true],
        [ss.notReadyAddresses, false],
      ] as const) {
        for (const a of list ?? []) {
          if (n++ >= MAX_ENDPOINTS_PER_SUBSET || !a?.ip || a.ip.includes(':')) continue;
          d.endpoints.push(addressToEndpoint(a, ready));
        }
      }
    }
    const byPorts = new Map(existing.map((s) => [JSON.stringify(s.ports ?? []), s] as const));
    const spare = existing.filter((s) => !desired.has(JSON.stringify(s.ports ?? [])));
    for (const [k, d] of desired) {
      const want = this.newSlice(ep, d.ports, d.endpoints);
      const have = byPorts.get(k) ?? spare.shift();
      if (!have) {
        this.api.create(want);
        continue;
      }
      const next = {
        ...clone(have),
        metadata: { ...clone(have.metadata), labels: want.metadata.labels, annotations: want.metadata.annotations },
        ports: want.ports,
        endpoints: want.endpoints,
      };
      if (!deepEqual(next, have)) this.api.update(next);
    }
    for (const s of spare) this.remove(s);
  }

  /** newEndpointSlice (mirroring utils.go): the Endpoints' labels and annotations, less the reserved ones. */
  private newSlice(ep: KObject, ports: EndpointPort[], endpoints: SliceEndpoint[]): KObject {
    const labels: Record<string, string> = { ...(ep.metadata.labels ?? {}) };
    delete labels[LABEL_MANAGED_BY];
    delete labels[LABEL_SERVICE_NAME];
    delete labels[LABEL_HEADLESS];
    labels[LABEL_SERVICE_NAME] = ep.metadata.name!;
    labels[LABEL_MANAGED_BY] = MIRRORING_CONTROLLER_NAME;
    const annotations: Record<string, string> = { ...(ep.metadata.annotations ?? {}) };
    delete annotations[ANN_LAST_CHANGE_TRIGGER_TIME];
    delete annotations[LAST_APPLIED_ANNOTATION];
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${ep.metadata.name}-`,
        namespace: ep.metadata.namespace,
        labels,
        annotations: Object.keys(annotations).length ? annotations : undefined,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Endpoints',
            name: ep.metadata.name!,
            uid: ep.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: endpoints.length ? endpoints : null,
      ...(ports.length ? { ports } : {}),
    };
  }

  private remove(s: KObject): void {
    try {
      this.api.delete('endpointslices', s.metadata.namespace, s.metadata.name!);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
}

/** addressToEndpoint */
function addressToEndpoint(a: EndpointAddress, ready: boolean): SliceEndpoint {
  const e: SliceEndpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) e.hostname = a.hostname;
  if (a.targetRef) e.targetRef = clone(a.targetRef);
  if (a.nodeName) e.nodeName = a.nodeName;
  return e;
}
