// The node IPAM controller's range allocator (pkg/controller/nodeipam/ipam/range_allocator.go), as kubeadm runs
// it (--allocate-node-cidrs with the pod subnet and --node-cidr-mask-size): each Node without podCIDRs gets the
// next free node CIDR of the pod subnet, patched into spec.podCIDR and spec.podCIDRs; a deleted Node's CIDR is
// released. When none is left the Node gets a Normal `CIDRNotAvailable` Event, "Node <name> status is now:
// CIDRNotAvailable" from `cidrAllocator` (nodeutil.RecordNodeStatusChange), again on each of its updates while
// it has no CIDR. CIDRs the service subnet overlaps are never given (filterOutServiceRange). The control-plane
// node, which the model does not list as a Node, registered first and holds the pod subnet's first CIDR.
import { Controller, type ControllerContext } from '../../client/controller';
import type { WatchEvent } from '../../client/controller';
import { CIDRSet } from './cidrset';

export const CIDR_NOT_AVAILABLE = 'CIDRNotAvailable';
const COMPONENT = 'cidrAllocator';

export class NodeIpamController extends Controller {
  readonly name = 'node-ipam-controller';
  private readonly cidrs: CIDRSet;

  constructor(ctx: ControllerContext) {
    super(ctx);
    const { podSubnet, serviceSubnet, nodeCIDRMaskSize } = ctx.api.networking;
    this.cidrs = new CIDRSet(podSubnet, nodeCIDRMaskSize);
    this.cidrs.occupy(serviceSubnet);
    this.cidrs.allocate(); // the control-plane node's
    this.watch('nodes', (ev) => this.onNode(ev));
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object;
    if (ev.type === 'DELETED') {
      for (const c of node.spec?.podCIDRs ?? []) this.cidrs.release(c);
      return;
    }
    if (node.spec?.podCIDRs?.length) {
      // a node registered with CIDRs (or just given them) keeps them (occupyCIDRs)
      if (!ev.old?.spec?.podCIDRs?.length) for (const c of node.spec.podCIDRs) this.cidrs.occupy(c);
      return;
    }
    this.enqueueObject(node);
  }

  sync(name: string): void {
    const node = this.api.tryGet('nodes', undefined, name);
    if (!node || node.spec?.podCIDRs?.length) return;
    const cidr = this.cidrs.allocate();
    if (!cidr) {
      this.ctx.recorder.event(
        node,
        'Normal',
        CIDR_NOT_AVAILABLE,
        `Node ${name} status is now: ${CIDR_NOT_AVAILABLE}`,
        COMPONENT,
      );
      return;
    }
    // utilnode.PatchNodeCIDRs: spec.podCIDR and spec.podCIDRs set, the rest of the node as it is (written as an
    // update of the version just read: the model has no concurrent writer a patch would guard against)
    this.api.update({ ...node, spec: { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] } });
  }
}
