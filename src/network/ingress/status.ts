// ingress-nginx's status sync (internal/ingress/status/status.go): the Ingresses it serves get
// status.loadBalancer.ingress, the addresses the controller is reached at. With --report-node-internal-ip-address
// (as the minikube addon runs it) those are the InternalIPs of the nodes running a Ready controller pod.
// Ingresses it does not serve are left alone; a change of the controller's pods updates every served Ingress.
// A running controller records `Normal Sync: Scheduled for sync` on each served Ingress it sees added or changed
// (store.go's event handlers), and on all of them when it starts.

import { Controller, type ControllerContext } from '../../client/controller';
import { objKey, splitKey, clone, deepEqual, type KObject } from '../../api/meta';
import { isPodReady } from '../../api/pod';
import { CONTROLLER_NAMESPACE, isNginxClass, servedByNginx } from './classes';
import { controllerAddresses } from './addresses';

export class IngressStatusSync extends Controller {
  /** the event source ingress-nginx's recorder uses */
  readonly name = 'nginx-ingress-controller';
  /** Ingresses added or changed since the controller last synced them: each gets a Sync event */
  private readonly toAnnounce = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('ingresses', (ev) => {
      if (ev.type === 'DELETED') {
        this.toAnnounce.delete(objKey(ev.object));
        return;
      }
      if (ev.type === 'ADDED' || ev.old?.metadata.generation !== ev.object.metadata.generation)
        this.toAnnounce.add(objKey(ev.object));
      this.enqueueObject(ev.object);
    });
    this.watch('ingressclasses', (ev) => {
      if (isNginxClass(ev.object) || isNginxClass(ev.old)) this.enqueueAll();
    });
    this.watch('pods', (ev) => {
      const p = ev.object;
      if (
        p.metadata.namespace !== CONTROLLER_NAMESPACE ||
        p.metadata.labels?.['app.kubernetes.io/name'] !== 'ingress-nginx'
      )
        return;
      if (
        ev.type === 'MODIFIED' &&
        ev.old &&
        isPodReady(ev.old) === isPodReady(p) &&
        ev.old.spec?.nodeName === p.spec?.nodeName
      )
        return;
      // a controller that has just become Ready lists every Ingress as added
      this.enqueueAll(ev.type === 'MODIFIED' && isPodReady(p) && !isPodReady(ev.old!));
    });
  }

  private enqueueAll(announce = false): void {
    for (const ing of this.api.select('ingresses')) {
      if (announce) this.toAnnounce.add(objKey(ing));
      this.enqueue(objKey(ing));
    }
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const ing = this.api.tryGet('ingresses', ns, name);
    if (!ing || ing.metadata.deletionTimestamp || !servedByNginx(this.api, ing)) return;
    const addresses = controllerAddresses(this.api);
    if (addresses.length && this.toAnnounce.delete(key)) this.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
    const want = addresses.map((ip) => ({ ip }));
    const have = ing.status?.loadBalancer?.ingress ?? [];
    if (deepEqual(have, want)) return;
    const next: KObject = clone(ing);
    next.status = { ...next.status, loadBalancer: want.length ? { ingress: want } : {} };
    this.api.updateStatus(next);
  }
}
