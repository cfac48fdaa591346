// The node agent as kubelet.go's NewMainKubelet builds it: the pod workers and container runtime (kubelets.ts), the
// node status and Lease reporter (node-status.ts) and the volume manager (volumes/manager.ts), wired to each other
// here, in its constructor. The cluster gives it only what lies outside the node: the image registry, the
// machines' disks and the network its pods' programs reach. (One object still serves every node; each part keeps
// its per-node state by node name.)
import type { ControllerContext } from '../client/controller';
import type { KObject } from '../api/meta';
import type { ImageBehaviours } from '../world/images';
import type { Disks } from '../world/disks';
import { Kubelets } from './kubelets';
import { NodeStatusReporter } from './node-status';
import { VolumeManager } from './volumes/manager';
import { containerFileOps } from './volumes/files';
import { podHttp, type Routed } from './runtime/pod-http';

/** The cluster's network as a pod's programs reach it (wget, curl, nc, nslookup). */
export interface PodNetwork {
  /** an HTTP request from the pod for the URL */
  route(from: KObject, url: string): Routed;
  /** the address a host name resolves to from the pod */
  resolveIP(from: KObject, host: string): string | undefined;
  /** a TCP connection from the pod to host:port */
  connect(from: KObject, target: string): Routed;
}

export class Kubelet {
  readonly pods: Kubelets;
  readonly status: NodeStatusReporter;
  readonly volumes: VolumeManager;

  constructor(ctx: ControllerContext, images: ImageBehaviours, disks: Disks, network: PodNetwork) {
    // the parts register their watches in this order (pod workers, status, volumes); each reaches the others lazily
    const self = this;
    this.pods = new Kubelets(ctx, images, {
      files: containerFileOps({
        api: ctx.api,
        get volumes() {
          return self.volumes;
        },
      }),
      net: podHttp(
        network.route,
        network.resolveIP,
        (pod, port, req) => this.pods.answer(pod, port, req),
        network.connect,
      ),
      volumes: { mount: (pod) => this.volumes.mount(pod) },
    });
    this.status = new NodeStatusReporter(ctx, (node) => this.pods.imagesOf(node));
    this.volumes = new VolumeManager(ctx, disks, {
      onMounted: (key) => this.pods.enqueue(key),
      running: (node) => this.status.running(node),
    });
  }

  /** The node's kubelet stops (a failed node): no heartbeats, no pod changes. */
  stop(node: string): void {
    this.status.stop(node);
    this.pods.stop(node);
  }

  /** It starts again: it reports at once and resyncs its pods and volumes. */
  start(node: string): void {
    this.status.start(node);
    this.pods.start(node);
    this.volumes.start(node);
  }
}
