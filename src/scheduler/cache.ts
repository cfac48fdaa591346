// The scheduler cache (pkg/scheduler/internal/cache): a NodeInfo per node with the sums of its assigned pods'
// requests, kept up to date from watch events, and the node list in the order nodes joined (the node tree,
// without zones).
import type { KObject } from '../api/meta';
import { objKey } from '../api/meta';
import { NodeInfo, PodUsage } from './types';
import { nodeResources, podRequests } from './plugins/resources';
import { hostPorts } from './plugins/node-ports';

export class SchedulerCache {
  private infos = new Map<string, NodeInfo>();
  private podNode = new Map<string, PodUsage>();
  /** nodes with a Node object, in insertion order */
  nodeList: NodeInfo[] = [];
  /** assigned pods with required pod anti-affinity (InterPodAffinity checks them against every incoming pod) */
  readonly antiAffinityPods = new Set<PodUsage>();
  /** image name -> the nodes whose status lists it (ImageLocality's spread) */
  private imageNodes = new Map<string, Set<string>>();

  nodesWithImage(name: string): number { return this.imageNodes.get(name)?.size ?? 0; }

  private setImages(name: string, images: any[] | undefined): void {
    for (const [img, nodes] of this.imageNodes) { nodes.delete(name); if (!nodes.size) this.imageNodes.delete(img); }
    for (const i of images ?? []) for (const n of i.names ?? []) {
      const set = this.imageNodes.get(n) ?? new Set<string>();
      set.add(name);
      this.imageNodes.set(n, set);
    }
  }

  info(name: string): NodeInfo | undefined { return this.infos.get(name); }

  private infoFor(name: string): NodeInfo {
    let i = this.infos.get(name);
    if (!i) this.infos.set(name, (i = new NodeInfo(name)));
    return i;
  }

  setNode(node: KObject): void {
    const info = this.infoFor(node.metadata.name!);
    if (!info.node) this.nodeList.push(info);
    if (info.node?.status?.images !== node.status?.images) this.setImages(info.name, node.status?.images);
    info.node = node;
    info.allocatable = nodeResources(node.status?.allocatable);
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    info.node = undefined;
    this.setImages(name, undefined);
    this.nodeList = this.nodeList.filter((n) => n !== info);
    if (!info.pods.size) this.infos.delete(name);
  }

  /** An assigned, non-terminal pod: counted once on its node (requests and ports are immutable). */
  addPod(pod: KObject): void {
    const key = objKey(pod);
    const node = pod.spec.nodeName as string;
    const had = this.podNode.get(key);
    if (had && had.uid === pod.metadata.uid && had.node === node) { had.pod = pod; return; } // labels may change
    if (had) this.removePod(key);
    const u: PodUsage = { key, uid: pod.metadata.uid!, node, requested: podRequests(pod.spec), nonZero: podRequests(pod.spec, true),
      priority: pod.spec.priority ?? 0, pod, ports: hostPorts(pod) };
    this.podNode.set(key, u);
    this.infoFor(node).add(u);
    if (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) this.antiAffinityPods.add(u);
  }

  removePod(key: string): boolean {
    const u = this.podNode.get(key);
    if (!u) return false;
    this.podNode.delete(key);
    this.antiAffinityPods.delete(u);
    const info = this.infos.get(u.node);
    info?.remove(key);
    if (info && !info.node && !info.pods.size) this.infos.delete(u.node);
    return true;
  }
}
