// The cloud controller manager's service controller (k8s.io/cloud-provider/controllers/service/controller.go,
// syncLoadBalancerIfNeeded): a LoadBalancer Service without a loadBalancerClass gets the cleanup finalizer, a
// load balancer from the cloud (../../cloudprovider/fake.ts) and its address in status.loadBalancer.ingress;
// a Service that no longer wants one (deleted, or another type) has it deleted and the finalizer removed.

import { Controller, ControllerContext } from '../controller';
import type { KObject } from '../../api/meta';
import { objKey, splitKey } from '../../api/meta';
import { FakeCloud, PROVISION_SECONDS } from '../../cloudprovider/fake';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

const wantsLoadBalancer = (svc: KObject): boolean =>
  svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass && !svc.metadata.deletionTimestamp;
const hasFinalizer = (svc: KObject): boolean => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);

export class ServiceController extends Controller {
  readonly name = 'service-controller';
  readonly cloud = new FakeCloud();
  /** Services whose load balancer is being provisioned: the time it will be ready */
  private readonly provisioning = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('services', (ev) => {
      const s = ev.object;
      if (wantsLoadBalancer(s) || hasFinalizer(s) || this.cloud.get(objKey(s))) this.enqueue(objKey(s));
    });
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.api.tryGet('services', ns, name);
    if (!svc) { this.cloud.release(key); this.provisioning.delete(key); return; }
    if (wantsLoadBalancer(svc)) this.ensure(key, svc);
    else if (hasFinalizer(svc) || this.cloud.get(key)) this.cleanup(key, svc);
  }

  private ensure(key: string, svc: KObject): void {
    if (!hasFinalizer(svc)) {
      svc = this.api.update({ ...svc, metadata: { ...svc.metadata, finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } });
    }
    const current = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    const requested = svc.spec?.loadBalancerIP || undefined;
    if (current && current === this.cloud.get(key) && (!requested || requested === current)) return;
    // EnsureLoadBalancer blocks while the cloud provisions: the Ensuring event, then the address some seconds later
    const ready = this.provisioning.get(key);
    if (ready === undefined) {
      this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.provisioning.set(key, this.now() + PROVISION_SECONDS * 1000);
      this.enqueueAfter(key, PROVISION_SECONDS * 1000);
      return;
    }
    if (this.now() < ready) return;
    this.provisioning.delete(key);
    const r = this.cloud.ensure(key, requested);
    if ('error' in r) {
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${r.error}`);
      return;
    }
    this.api.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: { ingress: [{ ip: r.ip, ipMode: 'VIP' }] } } });
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  private cleanup(key: string, svc: KObject): void {
    this.provisioning.delete(key);
    if (this.cloud.get(key)) {
      this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      this.cloud.release(key);
      this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    if (svc.status?.loadBalancer?.ingress?.length) svc = this.api.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: {} } });
    if (hasFinalizer(svc)) {
      const rest = svc.metadata.finalizers!.filter((f) => f !== LB_CLEANUP_FINALIZER);
      const { finalizers: _dropped, ...metadata } = svc.metadata;
      // an empty list is omitted, as the API serialises it
      this.api.update({ ...svc, metadata: rest.length ? { ...metadata, finalizers: rest } : metadata });
    }
  }
}
