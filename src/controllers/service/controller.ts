// The cloud controller manager's service controller (k8s.io/cloud-provider/controllers/service/controller.go,
// syncLoadBalancerIfNeeded): a LoadBalancer Service without a loadBalancerClass gets the cleanup finalizer, a
// load balancer from the cloud (../../cloudprovider/fake.ts) and its address in status.loadBalancer.ingress;
// a Service that no longer wants one (deleted, or another type) has it deleted and the finalizer removed.
// Node changes (nodeSyncLoop: a node added or deleted, the exclude-from-external-load-balancers label added or
// removed, providerID changed) update every load balancer's hosts: the nodes that are not being deleted, not
// labelled for exclusion and not tainted ToBeDeletedByClusterAutoscaler (stableNodeSetPredicates; since v1.30,
// StableLoadBalancerNodeSet GA, readiness is left to the load balancer's health checks).

import type { Taint } from '../../api/types';
import { Controller, type ControllerContext } from '../../client/controller';
import type { KObject } from '../../api/meta';
import { objKey, splitKey } from '../../api/meta';
import { CloudProvider, type FakeCloud, PROVISION_SECONDS } from '../../world/cloud';
import { LABEL_EXCLUDE_BALANCERS } from '../../api/well-known';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** the Cluster Autoscaler's taint on a node it is about to delete */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
/** the node queue's one key: any node change syncs every load balancer's hosts (syncNodes) */
const NODE_SYNC = 'nodes';

const nodeIncluded = (n: KObject): boolean => n.metadata.labels?.[LABEL_EXCLUDE_BALANCERS] === undefined;
/** stableNodeSetPredicates: not being deleted, not excluded, not tainted for deletion by the autoscaler. */
export const loadBalancerHost = (n: KObject): boolean =>
  !n.metadata.deletionTimestamp &&
  nodeIncluded(n) &&
  !(n.spec?.taints ?? []).some((t: Taint) => t?.key === TO_BE_DELETED_TAINT);

/** shouldSyncUpdatedNode: the exclusion label came or went, or the providerID changed. */
export const shouldSyncUpdatedNode = (old: KObject, cur: KObject): boolean =>
  nodeIncluded(old) !== nodeIncluded(cur) || (old.spec?.providerID ?? '') !== (cur.spec?.providerID ?? '');

const wantsLoadBalancer = (svc: KObject): boolean =>
  svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass && !svc.metadata.deletionTimestamp;
const hasFinalizer = (svc: KObject): boolean => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);

export class ServiceController extends Controller {
  readonly name = 'service-controller';
  /** the cloud's load balancers; none on a cluster without a cloud provider (kubeadm's), where this controller does not run */
  private get cloud(): FakeCloud | undefined {
    return this.provider.cloud;
  }
  /** Services whose load balancer is being provisioned: the time it will be ready */
  private readonly provisioning = new Map<string, number>();
  /** lastSyncedNodes: the hosts each load balancer was last given, by Service key */
  private readonly lastSynced = new Map<string, string[]>();

  constructor(
    ctx: ControllerContext,
    private readonly provider: CloudProvider = new CloudProvider(),
  ) {
    super(ctx);
    this.watch('services', (ev) => {
      const s = ev.object;
      if (!this.cloud) return;
      if (wantsLoadBalancer(s) || hasFinalizer(s) || this.cloud.get(objKey(s))) this.enqueue(objKey(s));
    });
    this.watch('nodes', (ev) => {
      if (!this.cloud) return;
      if (ev.type !== 'MODIFIED' || !ev.old || shouldSyncUpdatedNode(ev.old, ev.object)) this.enqueue(NODE_SYNC);
    });
  }

  sync(key: string): void {
    if (!this.cloud) return;
    if (key === NODE_SYNC) return this.syncNodes(this.cloud);
    const [ns, name] = splitKey(key);
    const svc = this.api.tryGet('services', ns, name);
    if (!svc) {
      this.cloud.release(key);
      this.provisioning.delete(key);
      this.lastSynced.delete(key);
      return;
    }
    if (wantsLoadBalancer(svc)) this.ensure(key, svc);
    else if (hasFinalizer(svc) || this.cloud.get(key)) this.cleanup(key, svc);
  }

  /** The nodes a load balancer sends traffic to, by name. */
  private hosts(): string[] {
    return this.api
      .select('nodes')
      .filter(loadBalancerHost)
      .map((n) => n.metadata.name!)
      .sort();
  }

  /** syncNodes / nodeSyncService: each existing load balancer whose host set changed gets the new hosts. */
  private syncNodes(cloud: FakeCloud): void {
    if (!cloud.keys().length) return; // no load balancer to update
    const hosts = this.hosts();
    for (const key of cloud.keys().sort()) {
      const [ns, name] = splitKey(key);
      const svc = this.api.tryGet('services', ns, name);
      if (!svc || !wantsLoadBalancer(svc)) continue;
      const old = this.lastSynced.get(key) ?? [];
      this.lastSynced.set(key, hosts);
      if (old.length === hosts.length && old.every((h, i) => h === hosts[i])) continue;
      if (!cloud.update(key, hosts)) continue;
      if (!hosts.length)
        this.event(svc, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
      else this.event(svc, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts');
    }
  }

  private ensure(key: string, svc: KObject): void {
    if (!hasFinalizer(svc)) {
      svc = this.api.update({
        ...svc,
        metadata: { ...svc.metadata, finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] },
      });
    }
    const current = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    const requested = svc.spec?.loadBalancerIP || undefined;
    if (current && current === this.cloud!.get(key) && (!requested || requested === current)) return;
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
    const hosts = this.hosts();
    if (!hosts.length)
      this.event(svc, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
    this.lastSynced.set(key, hosts);
    const r = this.cloud!.ensure(key, requested, hosts);
    if ('error' in r) {
      this.event(
        svc,
        'Warning',
        'SyncLoadBalancerFailed',
        `Error syncing load balancer: failed to ensure load balancer: ${r.error}`,
      );
      return;
    }
    this.api.updateStatus({
      ...svc,
      status: { ...svc.status, loadBalancer: { ingress: [{ ip: r.ip, ipMode: 'VIP' }] } },
    });
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  private cleanup(key: string, svc: KObject): void {
    this.provisioning.delete(key);
    this.lastSynced.delete(key);
    if (this.cloud!.get(key)) {
      this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      this.cloud!.release(key);
      this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    if (svc.status?.loadBalancer?.ingress?.length)
      svc = this.api.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: {} } });
    if (hasFinalizer(svc)) {
      const rest = svc.metadata.finalizers!.filter((f) => f !== LB_CLEANUP_FINALIZER);
      const { finalizers: _dropped, ...metadata } = svc.metadata;
      // an empty list is omitted, as the API serialises it
      this.api.update({ ...svc, metadata: rest.length ? { ...metadata, finalizers: rest } : metadata });
    }
  }
}
